import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import type { CalendarDate } from '../../common/dates/calendar-date';
import type { PackModel, TrackerRow } from '../model/pack-model';
import { trackerSheetColumns, type TrackerSheetColumn } from '../model/tracker-columns';
import { renderChartImages, type ChartImage, type ChartRenderOptions } from './charts';
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

export interface XlsxRenderOptions {
  charts?: ChartImage[];
  chartOptions?: ChartRenderOptions;
}

const DATE_FORMAT = 'dd/mm/yyyy';
const MAX_SHEET_NAME = 31;

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
  cell.font = { bold: true, color: { argb: argb(paint.text) } };
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: argb(HOUSE.ink) } };
  row.alignment = { vertical: 'top', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = solid(HOUSE.headerFill);
    cell.border = { bottom: { style: 'thin', color: { argb: argb(HOUSE.rule) } } };
  });
}

/** Excel forbids []:*?/\ in sheet names, and names must be unique in 31 characters. */
function sheetName(title: string, used: Set<string>): string {
  const clean = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '') || 'Sheet';
  let name = clean.slice(0, MAX_SHEET_NAME).trim();
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = clean.slice(0, MAX_SHEET_NAME - suffix.length).trim() + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

/** A tracker value as a cell: calendar dates become real Excel dates. */
function trackerCell(column: TrackerSheetColumn, row: TrackerRow): ExcelJS.CellValue {
  const value = column.value(row);
  return column.kind === 'date' ? excelDate(value as CalendarDate | null) : value;
}

function addTrackerSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, model: PackModel, rows: TrackerRow[], withWorkstream: boolean): void {
  const columns = trackerSheetColumns(model.audience, withWorkstream);
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1, activeCell: 'B2' }] });
  // Formats and alignment are set once per column (cells take their column's style), not per
  // cell: 5,000 rows by 20 columns of per-cell style objects cost seconds and hundreds of MB.
  ws.columns = columns.map((c) => ({
    header: c.sheet.title,
    width: c.sheet.width,
    style: {
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
  const ws: Sheet = wb.addWorksheet('Summary', { views: [{ showGridLines: false }] });
  ws.columns = [{ width: 34 }, { width: 14 }, { width: 14 }, { width: 12 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }];
  const { meta, headline } = model;
  ws.addRow([meta.title]).font = { bold: true, size: 16, color: { argb: argb(HOUSE.heading) } };
  ws.addRow([`${meta.documentType}: position at ${meta.asOfLabel}`]).font = { size: 12, color: { argb: argb(HOUSE.muted) } };
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
    row.getCell(1).font = { bold: true };
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
  total.font = { bold: true };
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
  // alternative text).
  const pictures: SheetPicture[] = [];
  let top = 1;
  for (const chart of charts) {
    const text = ws.getCell(top, 10);
    text.value = `${chart.title}. ${chart.description}`;
    text.alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(top, 10, top + 2, 17);
    pictures.push({
      name: chart.chartId,
      png: chart.png,
      col: 9,
      row: top + 2,
      widthPx: chart.width,
      heightPx: chart.height,
      title: chart.altText,
      description: chart.description,
    });
    top += 3 + Math.ceil(chart.height / 20) + 1;
  }
  ws.commit();
  return pictures;
}

function addExceptionsSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, model: PackModel): void {
  const ws = wb.addWorksheet('Exceptions', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, model.exceptions.length + 1), column: 7 } };
  ws.columns = [
    { header: 'Reference', width: 11 },
    { header: 'Action', width: 44 },
    { header: model.audience === 'scrutiny' ? 'Responsible' : 'Owner', width: 32 },
    { header: 'Due date', width: 12, style: { numFmt: DATE_FORMAT } },
    { header: 'RAG', width: 16 },
    { header: 'Reasons', width: 50 },
    { header: 'Latest update', width: 60 },
  ];
  styleHeader(ws.getRow(1));
  for (const e of model.exceptions) {
    const row = ws.addRow([
      e.reference,
      e.title,
      e.owner,
      excelDate(e.dueDate),
      e.colourLabel,
      e.reasons.join('; '),
      e.latestUpdate ? `${e.latestUpdate.dateLabel}: ${e.latestUpdate.narrative}` : '',
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
    paintRag(row.getCell(5), e.colour);
    row.commit();
  }
  ws.commit();
}

function addRagKeySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, model: PackModel): void {
  const ws = wb.addWorksheet('RAG key');
  ws.columns = [
    { header: 'Colour', width: 14 },
    { header: 'Meaning', width: 100 },
  ];
  styleHeader(ws.getRow(1));
  for (const k of model.ragKey) {
    const row = ws.addRow([k.label, k.meaning]);
    paintRag(row.getCell(1), k.colour);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  if (model.dataWarnings.length > 0) {
    ws.addRow([]);
    ws.addRow(['Data warnings']).font = { bold: true };
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

/** The pack as an .xlsx workbook. */
export async function renderXlsx(model: PackModel, options: XlsxRenderOptions = {}): Promise<Buffer> {
  const charts = options.charts ?? renderChartImages(model, options.chartOptions);
  const sink = new BufferSink();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
    // Fast deflate: the pictures step below unzips and zips the workbook once more anyway.
    zip: { zlib: { level: 1 } },
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
  // The Summary is the first sheet written, so sheet1.
  return addSheetPictures(sink.toBuffer(), 'xl/worksheets/sheet1.xml', pictures);
}
