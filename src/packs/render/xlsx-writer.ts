import { escapeXml } from './office-xml';

/**
 * A small SpreadsheetML writer, just what the pack's workbook needs: cell styles (Arial fonts,
 * solid fills, a header rule, number formats, top/wrapped alignment), text, numbers and dates,
 * column widths and styles, frozen panes, autofilters, merged cells and page setup. Worksheets
 * are written as pieces of XML, row by row, so a 5,000-action tracker is never held whole.
 * exceljs (its streaming writer) took about 1 ms per tracker row, mostly matching each cell's
 * style object against the ones it had seen; here a cell's style is a number chosen once.
 *
 * Text is written as string cells (t="str", as exceljs wrote it), never as a formula: text that
 * looks like one (`=HYPERLINK(...)`) stays text.
 */

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const FONT_NAME = 'Arial';
const FONT_SIZE = 10;
/** Excel's line height for Arial is about 1.275 times the font size (12.75 pt at 10 pt). */
const LINE_HEIGHT_PER_POINT = 1.275;
/**
 * Characters of Arial 10 that fit on a line, per unit of column width (a unit is the width of
 * "0", 7 px). Running text averages about 5.5 px a character, so ~1.25 fit; 1.05 leaves room for
 * the part of a word carried to the next line, wider capitals and the cell's margins: a row is a
 * little too tall rather than clipped. Bold text is about a tenth wider.
 */
const CHARS_PER_WIDTH = 1.05;
const BOLD_CHARS_PER_WIDTH = 0.95;
/** Points above and below the wrapped text. */
const ROW_PADDING = 2;
/** Excel's tallest row, in points. */
export const MAX_ROW_HEIGHT = 409;
/** Excel's default column width, for a cell beyond the sheet's listed columns. */
const DEFAULT_COLUMN_WIDTH = 8.43;

export interface CellStyle {
  bold?: boolean;
  /** Points; 10 unless given. */
  size?: number;
  /** 'RRGGBB'. */
  colour?: string;
  /** A solid fill, 'RRGGBB'. */
  fill?: string;
  /** A thin bottom border in this colour ('RRGGBB'). */
  rule?: string;
  /** A number format, e.g. 'dd/mm/yyyy'. */
  numFmt?: string;
  /** Top-aligned; 'wrap' also wraps the text. */
  align?: 'top' | 'wrap';
}

export type CellValue = string | number | Date | null;

export interface Cell {
  value: CellValue;
  /** From XlsxStyles.id. */
  style: number;
}

/** cells[0] is column A; a missing cell is left empty. */
export interface SheetRow {
  cells: (Cell | undefined)[];
  /** Points. */
  height?: number;
}

export interface SheetSpec {
  name: string;
  columns: { width: number; style: number }[];
  /** Frozen columns and rows (the top-left ones). */
  frozen?: { columns: number; rows: number };
  gridLines?: boolean;
  /** An autofilter over A1 to (lastRow, lastColumn), 1-based. */
  autoFilter?: { lastRow: number; lastColumn: number };
  /** Repeat the first row on every printed page. */
  printTitles?: boolean;
  /** e.g. 'A12:H12'. */
  merges?: string[];
}

/** 1-based column number as letters: 1 -> A, 27 -> AA. */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A date as Excel's serial day number (1900 date system); UTC midnight is a whole number. */
export function excelSerial(date: Date): number {
  return 25569 + date.getTime() / 86_400_000;
}

/** The cell formats of a workbook, each distinct style once; the styles part written last. */
export class XlsxStyles {
  private readonly fonts: string[] = [];
  private readonly fills: string[] = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders: string[] = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private readonly numFmts: string[] = [];
  private readonly xfs: string[] = [];
  private readonly ids = new Map<string, number>();
  /** By format id: for a wrapped format, the characters per unit of column width and the line height in points; null otherwise. */
  private readonly wraps: ({ perWidth: number; lineHeight: number } | null)[] = [null];

  constructor() {
    // Format 0, the default of cells without a style, is Arial 10 too. Written cells never use it
    // (readers such as exceljs take format 0 as "no style"): id({}) is a format of its own.
    this.fonts.push(`<font><family val="2"/><sz val="${FONT_SIZE}"/><name val="${FONT_NAME}"/></font>`);
    this.xfs.push('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
  }

  id(style: CellStyle): number {
    const key = JSON.stringify([style.bold ?? false, style.size ?? FONT_SIZE, style.colour ?? '', style.fill ?? '', style.rule ?? '', style.numFmt ?? '', style.align ?? '']);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const font = indexOf(
      this.fonts,
      `<font>${style.bold ? '<b/>' : ''}${style.colour ? `<color rgb="FF${style.colour}"/>` : ''}<family val="2"/><sz val="${style.size ?? FONT_SIZE}"/><name val="${FONT_NAME}"/></font>`,
    );
    const fill = style.fill ? indexOf(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="FF${style.fill}"/></patternFill></fill>`) : 0;
    const border = style.rule ? indexOf(this.borders, `<border><left/><right/><top/><bottom style="thin"><color rgb="FF${style.rule}"/></bottom><diagonal/></border>`) : 0;
    const numFmt = style.numFmt ? 164 + indexOf(this.numFmts, style.numFmt) : 0;
    const alignment = style.align === 'wrap' ? '<alignment vertical="top" wrapText="1"/>' : style.align === 'top' ? '<alignment vertical="top"/>' : '';
    const applies =
      (numFmt ? ' applyNumberFormat="1"' : '') + ' applyFont="1"' + (fill ? ' applyFill="1"' : '') + (border ? ' applyBorder="1"' : '') + (alignment ? ' applyAlignment="1"' : '');
    const xf = `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applies}${alignment ? `>${alignment}</xf>` : '/>'}`;
    const id = this.xfs.push(xf) - 1;
    this.ids.set(key, id);
    const size = style.size ?? FONT_SIZE;
    this.wraps[id] =
      style.align === 'wrap' ? { perWidth: ((style.bold ? BOLD_CHARS_PER_WIDTH : CHARS_PER_WIDTH) * FONT_SIZE) / size, lineHeight: size * LINE_HEIGHT_PER_POINT } : null;
    return id;
  }

  /** How a format wraps text (null: it does not). */
  wrapOf(id: number): { perWidth: number; lineHeight: number } | null {
    return this.wraps[id] ?? null;
  }

  xml(): string {
    const numFmts = this.numFmts.map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeXml(code)}"/>`).join('');
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">` +
      (this.numFmts.length > 0 ? `<numFmts count="${this.numFmts.length}">${numFmts}</numFmts>` : '') +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      `<borders count="${this.borders.length}">${this.borders.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>' +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
    );
  }
}

function indexOf(list: string[], item: string): number {
  const at = list.indexOf(item);
  return at >= 0 ? at : list.push(item) - 1;
}

function cellXml(ref: string, cell: Cell): string {
  const { value, style } = cell;
  if (value === null || value === '') return `<c r="${ref}" s="${style}"/>`;
  if (typeof value === 'string') return `<c r="${ref}" s="${style}" t="str"><v>${escapeXml(value)}</v></c>`;
  const n = typeof value === 'number' ? value : excelSerial(value);
  return Number.isFinite(n) ? `<c r="${ref}" s="${style}"><v>${n}</v></c>` : `<c r="${ref}" s="${style}"/>`;
}

/**
 * The height in points a row needs to show its wrapped text, estimated without measuring glyphs:
 * each explicit line of a wrapped cell's text takes ceil(characters / characters per line of its
 * column) lines; the row is as tall as its cell with the most lines, up to Excel's 409 pt.
 * Undefined when every wrapped cell fits on one line (the row keeps the sheet's default height):
 * readers do not fit rows to wrapped text on opening, Excel nor LibreOffice.
 */
export function wrappedRowHeight(cells: SheetRow['cells'], widths: readonly number[], styles: XlsxStyles): number | undefined {
  let tallest = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (!cell || typeof cell.value !== 'string') continue;
    const wrap = styles.wrapOf(cell.style);
    if (!wrap) continue;
    const text = cell.value;
    const perLine = Math.max(1, Math.floor((widths[i] ?? DEFAULT_COLUMN_WIDTH) * wrap.perWidth));
    let lines = 0;
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      lines += Math.max(1, Math.ceil((end - start) / perLine));
      start = end + 1;
    }
    if (lines > 1) tallest = Math.max(tallest, lines * wrap.lineHeight + ROW_PADDING);
  }
  // Quarter points: Excel's own steps, and the same text always gives the same figure.
  return tallest > 0 ? Math.min(MAX_ROW_HEIGHT, Math.ceil(tallest * 4) / 4) : undefined;
}

/** Column letters by 0-based index, made once: every cell's reference starts with one. */
const COLUMN_NAMES: string[] = [];
const columnLetters = (index: number): string => (COLUMN_NAMES[index] ??= columnName(index + 1));

function rowXml(number: number, row: SheetRow, fit?: { widths: number[]; styles: XlsxStyles }): string {
  let cells = '';
  for (let i = 0; i < row.cells.length; i++) {
    const cell = row.cells[i];
    if (cell) cells += cellXml(columnLetters(i) + number, cell);
  }
  const ht = row.height ?? (fit ? wrappedRowHeight(row.cells, fit.widths, fit.styles) : undefined);
  const height = ht ? ` ht="${ht}" customHeight="1"` : '';
  return cells === '' && !height ? '' : `<row r="${number}"${height}>${cells}</row>`;
}

function viewXml(spec: SheetSpec): string {
  const grid = spec.gridLines === false ? ' showGridLines="0"' : '';
  const frozen = spec.frozen;
  if (!frozen || (frozen.columns === 0 && frozen.rows === 0)) return `<sheetViews><sheetView workbookViewId="0"${grid}/></sheetViews>`;
  const topLeft = `${columnName(frozen.columns + 1)}${frozen.rows + 1}`;
  const pane = frozen.columns > 0 && frozen.rows > 0 ? 'bottomRight' : frozen.rows > 0 ? 'bottomLeft' : 'topRight';
  return (
    `<sheetViews><sheetView workbookViewId="0"${grid}><pane` +
    (frozen.columns > 0 ? ` xSplit="${frozen.columns}"` : '') +
    (frozen.rows > 0 ? ` ySplit="${frozen.rows}"` : '') +
    ` topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`
  );
}

function columnsXml(columns: SheetSpec['columns']): string {
  if (columns.length === 0) return '';
  return `<cols>${columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" style="${c.style}" customWidth="1"/>`).join('')}</cols>`;
}

/**
 * A worksheet part in pieces: the head, the rows (in batches of ~100), the tail. `rows` gives the
 * rows from row 1 in order; null leaves a row empty. The sheet ends with `</worksheet>`, the last
 * element, so a drawing can be put before it. Given the workbook's styles (`fit`), a row with no
 * height of its own whose wrapped text needs more than one line gets the height it needs
 * (wrappedRowHeight); not for sheets whose wrapped text is merged across columns.
 */
export function* worksheetXml(spec: SheetSpec, rows: Iterable<SheetRow | null>, fit?: XlsxStyles): Generator<string> {
  const fitting = fit ? { widths: spec.columns.map((c) => c.width), styles: fit } : undefined;
  yield (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    viewXml(spec) +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    columnsXml(spec.columns) +
    '<sheetData>'
  );
  let number = 0;
  let batch: string[] = [];
  for (const row of rows) {
    number += 1;
    if (row) batch.push(rowXml(number, row, fitting));
    if (batch.length >= 100) {
      yield batch.join('');
      batch = [];
    }
  }
  if (batch.length > 0) yield batch.join('');
  const filter = spec.autoFilter ? `<autoFilter ref="A1:${columnName(spec.autoFilter.lastColumn)}${Math.max(1, spec.autoFilter.lastRow)}"/>` : '';
  const merges = spec.merges && spec.merges.length > 0 ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  yield (
    '</sheetData>' +
    filter +
    merges +
    '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>'
  );
}

/** A sheet name quoted for a formula or defined name: 'Children''s services'. */
function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export interface WorkbookMeta {
  title: string;
  subject: string;
  creator: string;
  keywords: string;
  lastModifiedBy: string;
  /** ISO 8601, to the second, with Z. */
  created: string;
}

/** The workbook's small parts (everything but the worksheets and styles), in the order to zip them. */
export function workbookParts(sheets: SheetSpec[], meta: WorkbookMeta): [string, string][] {
  const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const sheetType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
  const contentTypes =
    `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${sheetType}"/>`).join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>';
  const rels =
    `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
    '</Relationships>';
  const app =
    `${xmlHead}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application>' +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${escapeXml(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
    '</Properties>';
  const core =
    `${xmlHead}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${escapeXml(meta.creator)}</dc:creator><dc:title>${escapeXml(meta.title)}</dc:title>` +
    `<dc:subject>${escapeXml(meta.subject)}</dc:subject><cp:keywords>${escapeXml(meta.keywords)}</cp:keywords>` +
    `<cp:lastModifiedBy>${escapeXml(meta.lastModifiedBy)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${meta.created}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${meta.created}</dcterms:modified></cp:coreProperties>`;
  const definedNames = sheets
    .flatMap((s, i) => (s.printTitles ? [`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(quotedSheet(s.name))}!$1:$1</definedName>`] : []))
    .join('');
  const workbook =
    `${xmlHead}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/>` +
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>' +
    `<sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`).join('')}</sheets>` +
    (definedNames ? `<definedNames>${definedNames}</definedNames>` : '') +
    '<calcPr calcId="171027"/></workbook>';
  const workbookRels =
    `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    sheets.map((_, i) => `<Relationship Id="rId${i + 2}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    '</Relationships>';
  return [
    ['[Content_Types].xml', contentTypes],
    ['_rels/.rels', rels],
    ['docProps/app.xml', app],
    ['docProps/core.xml', core],
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', workbookRels],
  ];
}
