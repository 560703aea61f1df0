import { strToU8 } from 'fflate';
import type { CalendarDate } from '../../common/dates/calendar-date';
import { boundedMemo } from '../../common/memo/bounded-memo';
import type { PackModel, TrackerRow } from '../model/pack-model';
import { joinClauses } from '../model/pack-text';
import { trackerSheetColumns } from '../model/tracker-columns';
import { renderChartImages, type ChartImage, type ChartRenderOptions } from './charts';
import { collectBlocks, OfficeZipWriter, zipTimeOf } from './office-zip';
import type { BlockSink } from './pdf-output';
import { HOUSE, RAG_PAINT } from './rag-style';
import { addSheetPictures, type SheetPicture } from './xlsx-drawings';
import { columnName, workbookParts, worksheetXml, wrappedRowHeight, XlsxStyles, type Cell, type CellStyle, type CellValue, type SheetRow, type SheetSpec } from './xlsx-writer';
import { RAG_COLOUR_INFO, RAG_COLOURS, type RagColour } from '../../vocabulary/rag-colour';

/**
 * The pack as the spreadsheet a programme lead would otherwise keep by hand: a Summary sheet
 * (counts, roll-ups, charts), Exceptions, the full Tracker (one row per action, autofilter,
 * frozen header, real Excel dates), a sheet per workstream and the RAG key. Scrutiny workbooks
 * have no owner-name column. It lays out the model; it computes nothing.
 *
 * Written as SpreadsheetML directly (xlsx-writer), each worksheet streamed row by row into the
 * zip as it is made; the chart pictures go on the Summary sheet with their alternative text
 * (xlsx-drawings). exceljs, which wrote it before, took about 1 ms per tracker row matching each
 * cell's style; the workbook reads back the same (the specs read it with exceljs).
 */

/** The Summary's chart area: columns J-Q (1-based 10-17), rows of Excel's default 20 px. */
const CHART_FIRST_COLUMN = 10;
const CHART_COLUMNS = 8;
const CHART_COLUMN_WIDTH = 12;
const ROW_HEIGHT_PX = 20;
/** The Summary's columns: A-H hold the tables; I is a gutter; J-Q the charts with their captions above them. */
const SUMMARY_WIDTHS = [34, 14, 14, 12, 10, 10, 10, 10, 2, ...Array.from({ length: CHART_COLUMNS }, () => CHART_COLUMN_WIDTH)];

export interface XlsxRenderOptions {
  charts?: ChartImage[];
  chartOptions?: ChartRenderOptions;
}

const DATE_FORMAT = 'dd/mm/yyyy';
const MAX_SHEET_NAME = 31;

/**
 * Every font is named (xlsx-writer): a font with only a weight or colour leaves the typeface to
 * the reader, and LibreOffice fell back to a serif. Arial (Liberation Sans where Arial is missing)
 * is on every office machine.
 */
const HEADER: CellStyle = { bold: true, colour: HOUSE.ink, fill: HOUSE.headerFill, rule: HOUSE.rule, align: 'wrap' };

/** A RAG cell: the colour's fill and its text colour, bold, on top of the cell's other style. */
function ragStyle(base: CellStyle, colour: RagColour): CellStyle {
  const paint = RAG_PAINT[colour];
  return { ...base, bold: true, colour: paint.text, fill: paint.fill };
}

/**
 * A plan's dates repeat (due dates, update days): a few hundred distinct ones, each made once. The
 * dates are only read (the writer takes their serial day), so cells share them.
 */
const excelDay = boundedMemo((date: CalendarDate): Date => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}, 4096);

/** A calendar date as an Excel date: UTC midnight, a whole serial day. */
function excelDate(date: CalendarDate | null): Date | null {
  return date === null ? null : excelDay(date);
}

/** Empty values are left out of the sheet (no cell), as a person typing it would. */
function cell(value: CellValue | undefined, style: number): Cell | undefined {
  return value === null || value === undefined || value === '' ? undefined : { value, style };
}

interface Sheet {
  spec: SheetSpec;
  rows: Iterable<SheetRow | null>;
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


function trackerSheet(styles: XlsxStyles, name: string, model: PackModel, rows: TrackerRow[], withWorkstream: boolean): Sheet {
  const columns = trackerSheetColumns(model.audience, withWorkstream);
  // A style per column, chosen once (and per RAG colour for the colour columns).
  const bases: CellStyle[] = columns.map((c) => ({ align: c.sheet.wrap ? 'wrap' : 'top', ...(c.kind === 'date' ? { numFmt: DATE_FORMAT } : {}) }));
  const plain = bases.map((b) => styles.id(b));
  const header = styles.id(HEADER);
  const painted = columns.map((c, i) => (c.rag ? new Map(RAG_COLOURS.map((colour) => [colour, styles.id(ragStyle(bases[i], colour))])) : null));
  function* body(): Generator<SheetRow> {
    yield { cells: columns.map((c) => cell(c.sheet.title, header)) };
    for (const r of rows) {
      yield {
        cells: columns.map((c, i) => {
          const value = c.value(r);
          const colour = c.rag?.(r);
          const style = colour ? (painted[i]?.get(colour) ?? plain[i]) : plain[i];
          return cell(c.kind === 'date' ? excelDate(value as CalendarDate | null) : value, style);
        }),
      };
    }
  }
  return {
    spec: {
      name,
      columns: columns.map((c, i) => ({ width: c.sheet.width, style: plain[i] })),
      frozen: { columns: 1, rows: 1 },
      autoFilter: { lastRow: rows.length + 1, lastColumn: columns.length },
      printTitles: true,
    },
    rows: body(),
  };
}

/** Rows placed by number (the Summary puts its chart captions beside its tables). */
class Grid {
  private readonly rows = new Map<number, SheetRow>();
  readonly merges: string[] = [];
  /** The last row added (add() goes on from it; skip() leaves a row empty). */
  private last = 0;

  set(row: number, column: number, value: CellValue, style: number): void {
    const r = this.rows.get(row) ?? { cells: [] };
    r.cells[column - 1] = { value, style };
    this.rows.set(row, r);
  }

  /** The next row, its cells from column A (null leaves one empty). */
  add(cells: [CellValue, number][], height?: number): number {
    const row = (this.last += 1);
    cells.forEach(([value, style], i) => {
      if (value !== null) this.set(row, i + 1, value, style);
    });
    if (height) {
      const r = this.rows.get(row) ?? { cells: [] };
      r.height = height;
      this.rows.set(row, r);
    }
    return row;
  }

  skip(): void {
    this.last += 1;
  }

  /** Merges a range; its other cells take the first cell's style (readers give them that cell's look). */
  merge(fromRow: number, fromColumn: number, toRow: number, toColumn: number): void {
    const style = this.rows.get(fromRow)?.cells[fromColumn - 1]?.style ?? 0;
    for (let r = fromRow; r <= toRow; r++) {
      for (let c = fromColumn; c <= toColumn; c++) if (!this.rows.get(r)?.cells[c - 1]) this.set(r, c, null, style);
    }
    this.merges.push(`${columnName(fromColumn)}${fromRow}:${columnName(toColumn)}${toRow}`);
  }

  *all(): Generator<SheetRow | null> {
    const last = Math.max(this.last, ...this.rows.keys());
    for (let n = 1; n <= last; n++) yield this.rows.get(n) ?? null;
  }
}

/** The Summary sheet, and where its chart pictures go. */
function summarySheet(styles: XlsxStyles, model: PackModel, charts: ChartImage[]): Sheet & { pictures: SheetPicture[] } {
  const s = {
    plain: styles.id({}),
    title: styles.id({ bold: true, size: 16, colour: HOUSE.heading }),
    subtitle: styles.id({ size: 12, colour: HOUSE.muted }),
    bold: styles.id({ bold: true }),
    wrap: styles.id({ align: 'wrap' }),
    top: styles.id({ align: 'top' }),
    header: styles.id(HEADER),
    delta: styles.id({ numFmt: '+0;-0;0' }),
  };
  const rag = (colour: RagColour): number => styles.id(ragStyle({}, colour));
  const grid = new Grid();
  const { meta, headline } = model;
  grid.add([[meta.title, s.title]]);
  grid.add([[`${meta.documentType}: position at ${meta.asOfLabel}`, s.subtitle]]);
  grid.skip();
  const details: [string, string][] = [
    ['Organisation', meta.organisationName],
    ['Plan', meta.planTitle],
    ['Report of', meta.reportOfRole],
    ['Position as at', meta.asOfLabel],
    ['Reporting period', meta.periodLabel],
    ['Previous report', meta.previousAsOfLabel ?? 'None (first report)'],
    [meta.nextMeetingHeading, meta.nextMeetingLabel],
  ];
  for (const [label, value] of details) grid.add([[label, s.bold], [value, s.plain]]);
  grid.skip();
  const summary = grid.add([[headline.summary, s.wrap]], 60);
  grid.merge(summary, 1, summary, 8);
  grid.skip();

  const hasPrevious = meta.previousAsOf !== null;
  grid.add((hasPrevious ? ['RAG status', 'Now', 'Previous', 'Change'] : ['RAG status', 'Actions']).map((t): [CellValue, number] => [t, s.header]));
  for (const line of headline.counts) {
    grid.add(
      hasPrevious
        ? [[line.label, rag(line.colour)], [line.now, s.plain], [line.previous, s.plain], [line.delta, s.delta]]
        : [[line.label, rag(line.colour)], [line.now, s.plain]],
    );
  }
  grid.add(hasPrevious ? [['Total', s.bold], [headline.total, s.bold], [headline.previousTotal, s.bold]] : [['Total', s.bold], [headline.total, s.bold]]);
  grid.skip();

  const stream = model.audience === 'scrutiny' ? 'Priority' : 'Workstream';
  grid.add([stream, 'Overall', ...RAG_COLOURS.map((colour) => RAG_COLOUR_INFO[colour].label), 'Total'].map((t): [CellValue, number] => [t, s.header]));
  for (const w of model.workstreams) {
    // A long workstream title wraps in column A: its row is made as tall as the title needs, the
    // figures beside it on its first line.
    grid.add(
      [
        [w.title, s.wrap],
        [w.rollUp.label, styles.id(ragStyle({ align: 'top' }, w.rollUp.colour))],
        ...RAG_COLOURS.map((colour): [CellValue, number] => [w.rollUp.counts[colour], s.top]),
        [w.rollUp.total, s.top],
      ],
      wrappedRowHeight([{ value: w.title, style: s.wrap }], SUMMARY_WIDTHS, styles),
    );
  }
  grid.skip();
  const evidence = grid.add([[model.evidence.summary, s.wrap]], 32);
  grid.merge(evidence, 1, evidence, 8);

  // Charts to the right of the tables, each under its description in words (also the picture's
  // alternative text). The caption gets as many rows as its wrapped text needs, and the picture
  // starts on the row after them, so the picture never covers the caption.
  const pictures: SheetPicture[] = [];
  let top = 1;
  for (const chart of charts) {
    const caption = `${chart.title}. ${chart.description}`;
    const captionRows = captionRowsFor(caption);
    grid.set(top, CHART_FIRST_COLUMN, caption, s.wrap);
    grid.merge(top, CHART_FIRST_COLUMN, top + captionRows - 1, CHART_FIRST_COLUMN + CHART_COLUMNS - 1);
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
  return {
    spec: { name: 'Summary', columns: SUMMARY_WIDTHS.map((width) => ({ width, style: s.plain })), gridLines: false, merges: grid.merges },
    rows: grid.all(),
    pictures,
  };
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


function exceptionsSheet(styles: XlsxStyles, model: PackModel): Sheet {
  const wrap: CellStyle = { align: 'wrap' };
  const s = {
    plain: styles.id({}),
    wrap: styles.id(wrap),
    date: styles.id({ ...wrap, numFmt: DATE_FORMAT }),
    dateColumn: styles.id({ numFmt: DATE_FORMAT }),
    header: styles.id(HEADER),
  };
  const rag = new Map(RAG_COLOURS.map((colour) => [colour, styles.id(ragStyle(wrap, colour))]));
  const columns: [string, number, number][] = [
    ['Reference', 11, s.plain],
    ['Action', 44, s.plain],
    [model.audience === 'scrutiny' ? 'Responsible' : 'Owner', 32, s.plain],
    ['Due date', 12, s.dateColumn],
    ['RAG', 16, s.plain],
    ['Reasons', 50, s.plain],
    ['Latest update', 60, s.plain],
  ];
  function* body(): Generator<SheetRow> {
    yield { cells: columns.map(([title]) => cell(title, s.header)) };
    for (const e of model.exceptions) {
      yield {
        cells: [
          cell(e.reference, s.wrap),
          cell(e.title, s.wrap),
          cell(e.owner, s.wrap),
          cell(excelDate(e.dueDate), s.date),
          cell(e.colourLabel, rag.get(e.colour) ?? s.wrap),
          cell(joinClauses(e.reasons), s.wrap),
          cell(e.latestUpdate ? `${e.latestUpdate.dateLabel}: ${e.latestUpdate.narrative}` : '', s.wrap),
        ],
      };
    }
  }
  return {
    spec: {
      name: 'Exceptions',
      columns: columns.map(([, width, style]) => ({ width, style })),
      frozen: { columns: 0, rows: 1 },
      autoFilter: { lastRow: model.exceptions.length + 1, lastColumn: columns.length },
      printTitles: true,
    },
    rows: body(),
  };
}

function ragKeySheet(styles: XlsxStyles, model: PackModel): Sheet {
  const s = { plain: styles.id({}), wrap: styles.id({ align: 'wrap' }), bold: styles.id({ bold: true }), header: styles.id(HEADER) };
  const rows: (SheetRow | null)[] = [{ cells: [cell('Colour', s.header), cell('Meaning', s.header)] }];
  for (const k of model.ragKey) rows.push({ cells: [cell(k.label, styles.id(ragStyle({ align: 'top' }, k.colour))), cell(k.meaning, s.wrap)] });
  if (model.dataWarnings.length > 0) {
    rows.push(null, { cells: [cell('Data warnings', s.bold)] });
    for (const w of model.dataWarnings) rows.push({ cells: [undefined, cell(w, s.plain)] });
  }
  return {
    spec: {
      name: 'RAG key',
      columns: [
        { width: 14, style: s.plain },
        { width: 100, style: s.plain },
      ],
      printTitles: true,
    },
    rows,
  };
}

const IMAGE = /\.(png|jpe?g)$/i;

/**
 * The pack as an .xlsx workbook, handed to `sink` in blocks as the zip is written: the small
 * parts and the Summary (with its pictures) first, then each worksheet streamed row by row, the
 * styles last (the cell formats the rows used). The same model gives the same bytes.
 */
export async function renderXlsxTo(model: PackModel, sink: BlockSink, options: XlsxRenderOptions = {}): Promise<void> {
  const charts = options.charts ?? renderChartImages(model, options.chartOptions);
  const styles = new XlsxStyles();
  const summary = summarySheet(styles, model, charts);
  const used = new Set(['summary', 'exceptions', 'tracker', 'rag key']);
  const byWorkstream = new Map<string, TrackerRow[]>();
  for (const row of model.tracker) {
    const list = byWorkstream.get(row.workstreamId);
    if (list) list.push(row);
    else byWorkstream.set(row.workstreamId, [row]);
  }
  const sheets: Sheet[] = [
    summary,
    exceptionsSheet(styles, model),
    trackerSheet(styles, 'Tracker', model, model.tracker, true),
    ...model.workstreams.map((w) => trackerSheet(styles, sheetName(w.title, used), model, byWorkstream.get(w.id) ?? [], false)),
    ragKeySheet(styles, model),
  ];
  const generatedAt = zipTimeOf(model.meta.generatedAt);
  const parts: Record<string, Uint8Array> = {};
  const small = workbookParts(
    sheets.map((sheet) => sheet.spec),
    {
      title: model.meta.title,
      subject: model.meta.subject,
      creator: model.meta.organisationName,
      keywords: model.meta.keywords.join(', '),
      lastModifiedBy: 'improvement-tracker',
      created: `${generatedAt.toISOString().slice(0, 19)}Z`,
    },
  );
  for (const [name, xml] of small) parts[name] = strToU8(xml);
  parts['xl/worksheets/sheet1.xml'] = strToU8([...worksheetXml(summary.spec, summary.rows)].join(''));
  addSheetPictures(parts, 'xl/worksheets/sheet1.xml', summary.pictures);

  const zip = new OfficeZipWriter(sink, generatedAt);
  for (const [name, data] of Object.entries(parts)) await zip.add(name, data, { store: IMAGE.test(name) });
  for (const [i, sheet] of sheets.entries()) {
    // Table rows as tall as their wrapped text (readers do not fit them on opening); the Summary
    // sets its own heights, its chart captions wrapped across merged columns.
    if (i > 0) await zip.add(`xl/worksheets/sheet${i + 1}.xml`, worksheetXml(sheet.spec, sheet.rows, styles));
  }
  await zip.add('xl/styles.xml', styles.xml());
  zip.finish();
}

/** The pack as an .xlsx workbook, in one Buffer. */
export async function renderXlsx(model: PackModel, options: XlsxRenderOptions = {}): Promise<Buffer> {
  const out = collectBlocks();
  await renderXlsxTo(model, out.sink, options);
  return out.buffer();
}
