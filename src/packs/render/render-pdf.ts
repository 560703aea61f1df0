import PDFDocument from 'pdfkit';
import type { PackModel } from '../model/pack-model';
import { resolvePackFonts, type PackFontFiles } from './pack-fonts';
import { PdfPackWriter } from './pdf-writer';
import { A4, MARGINS } from './pdf-page';

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
}

/**
 * The pack as a tagged PDF. It does not declare PDF/UA conformance (no pdfuaid in the metadata):
 * no PDF/UA validator (veraPDF) installs here from Debian or npm, and a claim nobody checked is
 * worse than none (README, "Progress packs: accessible text").
 */
export async function renderPdf(model: PackModel, options: PdfRenderOptions = {}): Promise<Buffer> {
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
    font: fonts.regular,
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

  const sink = new ByteSink();
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => sink.write(chunk));
    doc.on('end', () => resolve(sink.toBuffer()));
    doc.on('error', reject);
  });
  // Let the stream start flowing first: until it does, PDFKit's output (one small chunk per
  // line) piles up in the stream's buffer, hundreds of megabytes for a 5,000-row tracker.
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new PdfPackWriter(doc, model, firstOrientation, fonts).write();
  doc.end();
  return done;
}

/** Copies PDFKit's many small output chunks into large blocks, so they do not each stay alive. */
class ByteSink {
  private static readonly BLOCK = 1 << 20;
  private readonly blocks: Buffer[] = [];
  private current = Buffer.allocUnsafe(ByteSink.BLOCK);
  private used = 0;

  write(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.used === this.current.length) {
        this.blocks.push(this.current);
        this.current = Buffer.allocUnsafe(Math.max(ByteSink.BLOCK, chunk.length - offset));
        this.used = 0;
      }
      const n = Math.min(chunk.length - offset, this.current.length - this.used);
      this.current.set(chunk.subarray(offset, offset + n), this.used);
      this.used += n;
      offset += n;
    }
  }

  toBuffer(): Buffer {
    return Buffer.concat([...this.blocks, this.current.subarray(0, this.used)]);
  }
}
