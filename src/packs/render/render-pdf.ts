import PDFDocument from 'pdfkit';
import type { PackModel } from '../model/pack-model';
import { resolvePackFonts, type PackFontFiles } from './pack-fonts';
import { PdfPackWriter } from './pdf-writer';
import { A4, MARGINS } from './pdf-page';
import { PdfBlockWriter, routePdfOutput, type BlockSink } from './pdf-output';
import { initialPackFont, useCachedPackFonts } from './pdf-font-cache';
import { useFastTextWriter } from './pdf-fast-text';
import { PdfParentTreeCompactor } from './pdf-parent-tree';

/**
 * The pack as a tagged PDF: real headings (H1-H3), paragraphs, lists, tables with
 * TH/TD cells, charts as vector Figures with alternative text, and page furniture (running
 * header, footer, page numbers, table backgrounds and rules, repeated header rows) marked as
 * artifacts so screen readers skip it. It lays out the model; it computes nothing.
 */

export interface PdfRenderOptions {
  fonts?: Partial<PackFontFiles>;
  /** False writes uncompressed streams, so tests can read the structure tree in the raw file. */
  compress?: boolean;
  /**
   * The model is this render's alone (the render thread's copy): its sections are taken out of it
   * as they are written, so they are garbage before the PDF's end. Its caller must not read them after.
   */
  consumeModel?: boolean;
}

/**
 * The pack as a tagged PDF. It does not declare PDF/UA conformance (no pdfuaid in the metadata):
 * no PDF/UA validator (veraPDF) installs here from Debian or npm, and a claim nobody checked is
 * worse than none (README, "Progress packs: accessible text").
 */
export async function renderPdf(model: PackModel, options: PdfRenderOptions = {}): Promise<Buffer> {
  const blocks: Buffer[] = [];
  await renderPdfBlocks(model, (block) => blocks.push(block), options);
  return Buffer.concat(blocks);
}

/**
 * The pack as a tagged PDF, handed to `sink` in blocks of about 1 MiB as they fill (so a caller can
 * stream them to storage, or across threads, without the whole file in one buffer). Resolves once
 * the last block has been handed on.
 */
export async function renderPdfBlocks(model: PackModel, sink: BlockSink, options: PdfRenderOptions = {}): Promise<void> {
  const fonts = resolvePackFonts(options.fonts);
  const created = new Date(model.meta.generatedAt);
  const date = Number.isNaN(created.getTime()) ? undefined : created;
  const firstOrientation = model.sections[0]?.orientation ?? 'portrait';
  const doc = new PDFDocument({
    size: A4,
    layout: firstOrientation,
    margins: MARGINS,
    // Pages are written out as they fill: a buffered 5,000-row tracker held ~1 GB of page content.
    bufferPages: false,
    compress: options.compress ?? true,
    pdfVersion: '1.7',
    tagged: true,
    displayTitle: true,
    lang: model.meta.language,
    // Start with the embedded font, so PDFKit never loads the unembedded Helvetica.
    font: initialPackFont(fonts) as string,
    info: {
      Title: model.meta.title,
      Author: model.meta.organisationName,
      Subject: model.meta.subject,
      Keywords: model.meta.keywords.join(', '),
      Creator: 'improvement-tracker',
      CreationDate: date,
      ModDate: date,
    },
  });

  useCachedPackFonts(doc, fonts);
  useFastTextWriter(doc);

  const writer = new PdfBlockWriter(sink);
  const routed = routePdfOutput(doc, writer);
  PdfParentTreeCompactor.install(doc);
  const done = new Promise<void>((resolve, reject) => {
    // Routed, the stream carries no data (the writer has it) and only ends; otherwise, PDFKit's chunks.
    doc.on('data', (chunk: Uint8Array) => writer.writeBytes(chunk));
    doc.on('end', () => {
      writer.finish();
      resolve();
    });
    doc.on('error', reject);
  });
  if (!routed) {
    // Let the stream start flowing first: until it does, PDFKit's output (one small chunk per
    // line) piles up in the stream's buffer, hundreds of megabytes for a 5,000-row tracker.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await new PdfPackWriter(doc, model, firstOrientation, fonts, options.consumeModel === true).write();
  doc.end();
  return done;
}
