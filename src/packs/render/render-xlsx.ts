import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { Writable } from 'node:stream';
import type { CalendarDate } from '../../common/dates/calendar-date';
import type { PackModel, TrackerRow } from '../model/pack-model';
import { joinClauses } from '../model/pack-text';
import { trackerSheetColumns, type TrackerSheetColumn } from '../model/tracker-columns';
import { renderChartImages, type ChartImage, type ChartRenderOptions } from './charts';
import { collectBlocks, OfficeZipWriter, stableCoreProperties, zipTimeOf } from './office-zip';
import type { BlockSink } from './pdf-output';
import { HOUSE, RAG_PAINT } from './rag-style';
import { addSheetPictures, type SheetPicture } from './xlsx-drawings';
import { RAG_COLOUR_INFO, RAG_COLOURS, type RagColour } from '../../vocabulary/rag-colour';

/**
 * The pack as the spreadsheet a programme lead would otherwise keep by hand: a Summary sheet
 * (counts, roll-ups, charts), Exceptions, the full Tracker (one row per action, autofilter,
 * frozen header, real Excel dates), a sheet per workstream and the RAG key. Scrutiny workbooks
 * have no owner-name column. It lays out the model; it computes nothing.
 *
 * Written with exceljs's streaming writer (rows go to the zip as they are committed: the in-memory
 * workbook of a 5,000-action plan took over 200 MB), then the chart pictures are added to the
 * Summary sheet with their alternative text (xlsx-drawings), which exceljs cannot write.
 */

type Sheet = ExcelJS.Worksheet;

/** The Summary's chart area: columns J-Q (1-based 10-17), rows of Excel's default 20 px. */
const CHART_FIRST_COLUMN = 10;
const CHART_COLUMNS = 8;
const CHART_COLUMN_WIDTH = 12;
const ROW_HEIGHT_PX = 20;

export interface XlsxRenderOptions {
  charts?: ChartImage[];
  chartOptions?: ChartRenderOptions;
}

const DATE_FORMAT = 'dd/mm/yyyy';
const MAX_SHEET_NAME = 31;

/**
 * Every font is named: a font with only a weight or colour leaves the typeface to the reader, and
 * LibreOffice fell back to a serif. Arial (Liberation Sans where Arial is missing) is on every office machine.
 */
const FONT = { name: 'Arial', family: 2, size: 10 } as const;

function font(extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { ...FONT, ...extra };
}

/**
 * Printing: A4 landscape, fitted to one page wide (fitToPage set, as Excel needs the flag for the
 * fit to apply) and as many pages long as it takes; table sheets repeat their header row.
 */
function pageSetup(headerRow: boolean): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(headerRow ? { printTitlesRow: '1:1' } : {}),
  };
}

function argb(colour: string): string {
  return `FF${colour}`;
}

function solid(colour: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(colour) } };
}

/** A calendar date as an Excel date: UTC midnight, which exceljs writes as a whole serial day. */
function excelDate(date: CalendarDate | null): Date | null {
  if (date === null) return null;
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function paintRag(cell: ExcelJS.Cell, colour: RagColour): void {
  const paint = RAG_PAINT[colour];
  cell.fill = solid(paint.fill);
  cell.font = font({ bold: true, color: { argb: argb(paint.text) } });
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = font({ bold: true, color: { argb: argb(HOUSE.ink) } });
  row.alignment = { vertical: 'top', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = solid(HOUSE.headerFill);
    cell.border = { bottom: { style: 'thin', color: { argb: argb(HOUSE.rule) } } };
  });
}

/** Excel forbids []:*?/\ in sheet names, and names must be unique in 31 characters; a name is cut at a word, never inside one. */
export function sheetName(title: string, used: Set<string>): string {
  const clean = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '') || 'Sheet';
  let name = wholeWords(clean, MAX_SHEET_NAME);
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = wholeWords(clean, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

/** The longest run of whole words within max characters, without a dangling "and", "of" or punctuation; a first word longer than max is cut. */
function wholeWords(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const word of text.split(' ')) {
    const next = out === '' ? word : `${out} ${word}`;
    if (next.length > max) break;
    out = next;
  }
  if (out === '') return text.slice(0, max);
  const trimmed = out.replace(/[\s,;:.&-]+$/, '').replace(/\s+(?:and|or|of|the|for|to|in|with|a|an|&)$/i, '');
  return trimmed === '' ? out : trimmed;
}

/** A tracker value as a cell: calendar dates become real Excel dates. */
function trackerCell(column: TrackerSheetColumn, row: TrackerRow): ExcelJS.CellValue {
  const value = column.value(row);
  return column.kind === 'date' ? excelDate(value as CalendarDate | null) : value;
}

function addTrackerSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, model: PackModel, rows: TrackerRow[], withWorkstream: boolean): void {
  const columns = trackerSheetColumns(model.audience, withWorkstream);
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1, activeCell: 'B2' }], pageSetup: pageSetup(true) });
  // Formats and alignment are set once per column (cells take their column's style), not per
  // cell: 5,000 rows by 20 columns of per-cell style objects cost seconds and hundreds of MB.
  ws.columns = columns.map((c) => ({
    header: c.sheet.title,
    width: c.sheet.width,
    style: {
      font: font(),
      alignment: c.sheet.wrap ? { vertical: 'top', wrapText: true } : { vertical: 'top' },
      ...(c.kind === 'date' ? { numFmt: DATE_FORMAT } : {}),
    },
  }));
  styleHeader(ws.getRow(1));
  const ragColumns = columns.flatMap((c, i) => (c.rag ? [{ index: i + 1, colour: c.rag }] : []));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => trackerCell(c, r)));
    for (const { index, colour } of ragColumns) {
      const value = colour(r);
      if (value) paintRag(row.getCell(index), value);
    }
    row.commit();
  }
  ws.commit();
}

/** The Summary sheet; returns where its chart pictures go (added after the workbook is written). */
function addSummarySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, model: PackModel, charts: ChartImage[]): SheetPicture[] {
  const ws: Sheet = wb.addWorksheet('Summary', { views: [{ showGridLines: false }], pageSetup: pageSetup(false) });
  // Columns A-H hold the tables; I is a gutter; J-Q the charts with their captions above them.
  ws.columns = [
    ...[34, 14, 14, 12, 10, 10, 10, 10].map((width) => ({ width, style: { font: font() } })),
    { width: 2, style: { font: font() } },
    ...Array.from({ length: CHART_COLUMNS }, () => ({ width: CHART_COLUMN_WIDTH, style: { font: font() } })),
  ];
  const { meta, headline } = model;
  ws.addRow([meta.title]).font = font({ bold: true, size: 16, color: { argb: argb(HOUSE.heading) } });
  ws.addRow([`${meta.documentType}: position at ${meta.asOfLabel}`]).font = font({ size: 12, color: { argb: argb(HOUSE.muted) } });
  ws.addRow([]);
  const details: [string, string][] = [
    ['Organisation', meta.organisationName],
    ['Plan', meta.planTitle],
    ['Report of', meta.reportOfRole],
    ['Position as at', meta.asOfLabel],
    ['Reporting period', meta.periodLabel],
    ['Previous report', meta.previousAsOfLabel ?? 'None (first report)'],
    [meta.nextMeetingHeading, meta.nextMeetingLabel],
  ];
  for (const [label, value] of details) {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = font({ bold: true });
  }
  ws.addRow([]);
  const summary = ws.addRow([headline.summary]);
  summary.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  summary.height = 60;
  ws.mergeCells(summary.number, 1, summary.number, 8);
  ws.addRow([]);

  const hasPrevious = meta.previousAsOf !== null;
  styleHeader(ws.addRow(hasPrevious ? ['RAG status', 'Now', 'Previous', 'Change'] : ['RAG status', 'Actions']));
  for (const line of headline.counts) {
    const row = ws.addRow(hasPrevious ? [line.label, line.now, line.previous, line.delta] : [line.label, line.now]);
    paintRag(row.getCell(1), line.colour);
    if (hasPrevious) row.getCell(4).numFmt = '+0;-0;0';
  }
  const total = ws.addRow(hasPrevious ? ['Total', headline.total, headline.previousTotal, null] : ['Total', headline.total]);
  total.font = font({ bold: true });
  ws.addRow([]);

  const stream = model.audience === 'scrutiny' ? 'Priority' : 'Workstream';
  styleHeader(ws.addRow([stream, 'Overall', ...RAG_COLOURS.map((colour) => RAG_COLOUR_INFO[colour].label), 'Total']));
  for (const w of model.workstreams) {
    const row = ws.addRow([w.title, w.rollUp.label, ...RAG_COLOURS.map((colour) => w.rollUp.counts[colour]), w.rollUp.total]);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    paintRag(row.getCell(2), w.rollUp.colour);
  }
  ws.addRow([]);
  const evidence = ws.addRow([model.evidence.summary]);
  evidence.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  evidence.height = 32;
  ws.mergeCells(evidence.number, 1, evidence.number, 8);

  // Charts to the right of the tables, each under its description in words (also the picture's
  // alternative text). The caption gets as many rows as its wrapped text needs, and the picture
  // starts on the row after them, so the picture never covers the caption.
  const pictures: SheetPicture[] = [];
  let top = 1;
  for (const chart of charts) {
    const caption = `${chart.title}. ${chart.description}`;
    const captionRows = captionRowsFor(caption);
    const text = ws.getCell(top, CHART_FIRST_COLUMN);
    text.value = caption;
    text.alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(top, CHART_FIRST_COLUMN, top + captionRows - 1, CHART_FIRST_COLUMN + CHART_COLUMNS - 1);
    pictures.push({
      name: chart.chartId,
      png: chart.png,
      // 0-based: the picture's top-left corner is the first chart column, on the row after the caption.
      col: CHART_FIRST_COLUMN - 1,
      row: top + captionRows - 1 + 1,
      widthPx: chart.width,
      heightPx: chart.height,
      title: chart.altText,
      description: chart.description,
    });
    top += captionRows + Math.ceil(chart.height / ROW_HEIGHT_PX) + 2;
  }
  ws.commit();
  return pictures;
}

/** Rows a wrapped caption needs across the chart columns (Arial 10: about 1.1 characters per unit of column width). */
export function captionRowsFor(caption: string): number {
  const perLine = Math.floor(CHART_COLUMNS * CHART_COLUMN_WIDTH * 1.1);
  let lines = 0;
  for (const paragraph of caption.split('\n')) {
    let line = 0;
    lines += 1;
    for (const word of paragraph.split(' ')) {
      if (line > 0 && line + 1 + word.length > perLine) {
        lines += 1;
        line = word.length;
      } else line += (line > 0 ? 1 : 0) + word.length;
    }
  }
  // A spare row: office suites measure text a little differently.
  return Math.max(2, lines + 1);
}

function addExceptionsSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, model: PackModel): void {
  const ws = wb.addWorksheet('Exceptions', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: pageSetup(true) });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, model.exceptions.length + 1), column: 7 } };
  ws.columns = [
    { header: 'Reference', width: 11, style: { font: font() } },
    { header: 'Action', width: 44, style: { font: font() } },
    { header: model.audience === 'scrutiny' ? 'Responsible' : 'Owner', width: 32, style: { font: font() } },
    { header: 'Due date', width: 12, style: { font: font(), numFmt: DATE_FORMAT } },
    { header: 'RAG', width: 16, style: { font: font() } },
    { header: 'Reasons', width: 50, style: { font: font() } },
    { header: 'Latest update', width: 60, style: { font: font() } },
  ];
  styleHeader(ws.getRow(1));
  for (const e of model.exceptions) {
    const row = ws.addRow([
      e.reference,
      e.title,
      e.owner,
      excelDate(e.dueDate),
      e.colourLabel,
      joinClauses(e.reasons),
      e.latestUpdate ? `${e.latestUpdate.dateLabel}: ${e.latestUpdate.narrative}` : '',
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
    paintRag(row.getCell(5), e.colour);
    row.commit();
  }
  ws.commit();
}

function addRagKeySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, model: PackModel): void {
  const ws = wb.addWorksheet('RAG key', { pageSetup: pageSetup(true) });
  ws.columns = [
    { header: 'Colour', width: 14, style: { font: font() } },
    { header: 'Meaning', width: 100, style: { font: font() } },
  ];
  styleHeader(ws.getRow(1));
  for (const k of model.ragKey) {
    const row = ws.addRow([k.label, k.meaning]);
    paintRag(row.getCell(1), k.colour);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  if (model.dataWarnings.length > 0) {
    ws.addRow([]);
    ws.addRow(['Data warnings']).font = font({ bold: true });
    for (const w of model.dataWarnings) ws.addRow(['', w]);
  }
  ws.commit();
}

/** Collects what the streaming writer writes. */
class BufferSink extends Writable {
  private readonly chunks: Buffer[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    callback();
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/**
 * The pack as an .xlsx workbook, handed to `sink` in blocks as the final zip is written. exceljs
 * writes its zip uncompressed (storing costs nothing to write or read back); its parts, with the
 * chart pictures added and the document times set to generatedAt, are then compressed once, as
 * they are written: the same model gives the same bytes.
 */
export async function renderXlsxTo(model: PackModel, sink: BlockSink, options: XlsxRenderOptions = {}): Promise<void> {
  const charts = options.charts ?? renderChartImages(model, options.chartOptions);
  const stored = new BufferSink();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: stored,
    useStyles: true,
    useSharedStrings: false,
    zip: { store: true },
  });
  const created = new Date(model.meta.generatedAt);
  wb.creator = model.meta.organisationName;
  wb.lastModifiedBy = 'improvement-tracker';
  wb.title = model.meta.title;
  wb.subject = model.meta.subject;
  wb.keywords = model.meta.keywords.join(', ');
  if (!Number.isNaN(created.getTime())) {
    wb.created = created;
    wb.modified = created;
  }

  const pictures = addSummarySheet(wb, model, charts);
  addExceptionsSheet(wb, model);
  const used = new Set(['summary', 'exceptions', 'tracker', 'rag key']);
  addTrackerSheet(wb, 'Tracker', model, model.tracker, true);
  const byWorkstream = new Map<string, TrackerRow[]>();
  for (const row of model.tracker) {
    const list = byWorkstream.get(row.workstreamId);
    if (list) list.push(row);
    else byWorkstream.set(row.workstreamId, [row]);
  }
  for (const w of model.workstreams) {
    addTrackerSheet(wb, sheetName(w.title, used), model, byWorkstream.get(w.id) ?? [], false);
  }
  addRagKeySheet(wb, model);
  await wb.commit();

  const packed = stored.toBuffer();
  const parts = unzipSync(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength));
  // The Summary is the first sheet written, so sheet1.
  addSheetPictures(parts, 'xl/worksheets/sheet1.xml', pictures);
  const zip = new OfficeZipWriter(sink, zipTimeOf(model.meta.generatedAt));
  for (const [name, data] of Object.entries(parts)) {
    if (name === 'docProps/core.xml') await zip.add(name, stableCoreProperties(strFromU8(data), model.meta.generatedAt));
    else await zip.add(name, data, { store: /\.(png|jpe?g)$/i.test(name) });
  }
  zip.finish();
}

/** The pack as an .xlsx workbook, in one Buffer. */
export async function renderXlsx(model: PackModel, options: XlsxRenderOptions = {}): Promise<Buffer> {
  const out = collectBlocks();
  await renderXlsxTo(model, out.sink, options);
  return out.buffer();
}
