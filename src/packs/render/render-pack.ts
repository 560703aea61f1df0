import type { PackModel } from '../model/pack-model';
import { renderChartImages, type ChartImage } from './charts';
import type { PackFontFiles } from './pack-fonts';
import { renderDocx, renderDocxTo } from './render-docx';
import { renderJson, renderJsonTo } from './render-json';
import { renderPdf, renderPdfBlocks } from './render-pdf';
import type { BlockSink } from './pdf-output';
import { renderXlsx, renderXlsxTo } from './render-xlsx';
import { PACK_FORMAT_INFO, PACK_FORMATS, type PackFormat } from '../../vocabulary/pack-format';

/** Callers of renderPack name the formats with the vocabulary's type. */
export type { PackFormat };

export interface RenderedPackFile {
  format: PackFormat;
  buffer: Buffer;
  contentType: string;
  /** Without the dot: 'pdf'. */
  fileExtension: PackFormat;
  /** e.g. 'adult-social-care-improvement-plan-board-2025-10-31.pdf'. */
  fileName: string;
}

export interface RenderPackOptions {
  fonts?: Partial<PackFontFiles>;
  /** Called after each format, e.g. to report job progress. */
  onRendered?: (format: PackFormat, index: number, count: number) => void | Promise<void>;
}

/**
 * Smallest working set first, the PDF last: V8 keeps the heap a renderer grew to, so rendering
 * the PDF first made every later format's garbage come on top of it (peak 750 MB instead of 590
 * for a 5,000-action pack).
 */
const RENDER_ORDER: readonly PackFormat[] = ['json', 'xlsx', 'docx', 'pdf'];

/**
 * Renders the model in each format asked for, one after another (so memory holds one document
 * at a time), without duplicates; returns them in the order asked. Charts are drawn once for
 * DOCX and XLSX. onRendered reports each format as it is done (in rendering order).
 */
export async function renderPack(model: PackModel, formats: readonly PackFormat[], options: RenderPackOptions = {}): Promise<RenderedPackFile[]> {
  const wanted = [...new Set(formats)];
  for (const format of wanted) {
    if (!PACK_FORMATS.includes(format)) throw new RangeError(`Unknown pack format: '${String(format)}'`);
  }
  let charts: ChartImage[] | undefined;
  const chartImages = (): ChartImage[] => (charts ??= renderChartImages(model, { fonts: options.fonts }));

  const files: RenderedPackFile[] = [];
  const order = RENDER_ORDER.filter((format) => wanted.includes(format));
  for (const [index, format] of order.entries()) {
    let buffer: Buffer;
    switch (format) {
      case 'pdf':
        buffer = await renderPdf(model, { fonts: options.fonts });
        break;
      case 'docx':
        buffer = await renderDocx(model, { charts: chartImages() });
        break;
      case 'xlsx':
        buffer = await renderXlsx(model, { charts: chartImages() });
        break;
      case 'json':
        buffer = await renderJson(model);
        break;
    }
    files.push({
      format,
      buffer,
      contentType: PACK_FORMAT_INFO[format].mediaType,
      fileExtension: format,
      fileName: `${model.meta.fileBaseName}.${format}`,
    });
    await options.onRendered?.(format, index, order.length);
  }
  return wanted.flatMap((format) => files.filter((f) => f.format === format));
}

/**
 * One format rendered and handed to `sink` as it is produced: the PDF in blocks of about 1 MiB as
 * its pages are written, DOCX and XLSX in blocks of about 1 MiB as their zip is written, JSON in
 * blocks of about 1 MiB as it is written. `charts` draws the chart images (DOCX and XLSX)
 * on first use; a caller rendering both passes the same function, so they are drawn once.
 */
export async function renderFormatTo(
  model: PackModel,
  format: PackFormat,
  sink: BlockSink,
  options: { fonts?: Partial<PackFontFiles>; charts?: () => ChartImage[] } = {},
): Promise<void> {
  const charts = options.charts ?? (() => renderChartImages(model, { fonts: options.fonts }));
  switch (format) {
    case 'pdf':
      return renderPdfBlocks(model, sink, { fonts: options.fonts });
    case 'docx':
      return renderDocxTo(model, sink, { charts: charts() });
    case 'xlsx':
      return renderXlsxTo(model, sink, { charts: charts() });
    case 'json':
      return renderJsonTo(model, sink);
    default:
      throw new RangeError(`Unknown pack format: '${String(format)}'`);
  }
}
