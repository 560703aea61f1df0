import { IMPORT_FIELDS, type ImportField } from '../import-fields';
import { scoreHeader, suggestMapping, type HeaderCell } from '../mapping/column-mapping';
import { cellAt, columnLetter, type MergeRange, type RawSheet } from '../read/raw-workbook';

/**
 * Where the table starts: the row of column headings, searched for in the first rows of a sheet
 * (20 by default: title rows, logos and notes often come first).
 *
 * Each row is scored by how many fields its cells name (the sum of the best confidence per field,
 * from the synonyms). A two-line header is also tried: a row of group headings ("Timescales",
 * "Progress") above the real headings, where some headings sit in the upper row only (cells merged
 * down over both rows, or left blank below). For each column the heading is then the lower text,
 * or the upper text when the lower cell is empty; the upper text becomes the group. A pair is
 * chosen only when it names more fields than either of its rows alone, so a title row above the
 * headings is never taken for a group row. A heading row must name at least two fields.
 */
export interface HeaderLocation {
  /** The row of headings (the lower row of a two-line header). Data starts below it. */
  rowNumber: number;
  /** The row of group headings above it, for a two-line header; else null. */
  groupRowNumber: number | null;
  columns: HeaderCell[];
  /** Sum of the best confidence of each field named. */
  score: number;
  fields: ImportField[];
}

export const MIN_HEADER_FIELDS = 2;
export const MIN_HEADER_SCORE = 1.3;

export function headerText(sheet: RawSheet, row: number, column: number): string {
  return (cellAt(sheet, row, column)?.text ?? '').replace(/\s+/g, ' ').trim();
}

/** The merged range a cell lies in (as any of its cells), if any. */
export function mergeAt(sheet: RawSheet, row: number, column: number): MergeRange | undefined {
  return sheet.merges.find((m) => row >= m.top && row <= m.bottom && column >= m.left && column <= m.right);
}

/** The text a cell shows, reading a merged range's value in every cell it covers (headings only). */
function shownText(sheet: RawSheet, row: number, column: number): string {
  const own = headerText(sheet, row, column);
  if (own !== '') return own;
  const merge = mergeAt(sheet, row, column);
  return merge ? headerText(sheet, merge.top, merge.left) : '';
}

function lastColumn(sheet: RawSheet, rows: number[]): number {
  let last = 0;
  for (const r of rows) {
    const cells = sheet.rows[r]?.cells ?? [];
    for (let c = cells.length - 1; c > last; c--) if (cells[c] && cells[c]!.text.trim() !== '') last = Math.max(last, c);
  }
  for (const m of sheet.merges) if (rows.some((r) => r >= m.top && r <= m.bottom)) last = Math.max(last, m.right);
  return last;
}

function singleRow(sheet: RawSheet, row: number): HeaderCell[] {
  const hidden = new Set(sheet.hiddenColumns);
  const columns: HeaderCell[] = [];
  const width = lastColumn(sheet, [row]);
  for (let c = 1; c <= width; c++) {
    const merge = mergeAt(sheet, row, c);
    // A heading merged across several columns names the first; the others have no heading of their
    // own. A cell merged down from the row above belongs to that row (a two-line header).
    const label = merge && (merge.left !== c || merge.top !== row) ? '' : headerText(sheet, row, c);
    columns.push({ column: columnLetter(c), label, group: null, ...(hidden.has(c) ? { hidden: true } : {}) });
  }
  return columns;
}

function twoRows(sheet: RawSheet, upper: number, lower: number): HeaderCell[] {
  const hidden = new Set(sheet.hiddenColumns);
  const columns: HeaderCell[] = [];
  const width = lastColumn(sheet, [upper, lower]);
  for (let c = 1; c <= width; c++) {
    const top = shownText(sheet, upper, c);
    const merge = mergeAt(sheet, lower, c);
    const bottom = merge && merge.top < lower ? '' : headerText(sheet, lower, c);
    const label = bottom !== '' ? bottom : top;
    const group = bottom !== '' && top !== '' && top !== bottom ? top : null;
    columns.push({ column: columnLetter(c), label, group, ...(hidden.has(c) ? { hidden: true } : {}) });
  }
  return columns;
}

function score(columns: HeaderCell[]): { score: number; fields: ImportField[] } {
  const mapping = suggestMapping(columns);
  const best = new Map<ImportField, number>();
  for (const column of mapping.columns) {
    if (column.field) best.set(column.field, Math.max(best.get(column.field) ?? 0, column.confidence));
  }
  const fields = IMPORT_FIELDS.filter((f) => best.has(f));
  return { score: [...best.values()].reduce((a, b) => a + b, 0), fields };
}

function candidate(sheet: RawSheet, row: number, groupRow: number | null): HeaderLocation | null {
  const columns = groupRow === null ? singleRow(sheet, row) : twoRows(sheet, groupRow, row);
  if (columns.filter((c) => c.label !== '').length < MIN_HEADER_FIELDS) return null;
  const result = score(columns);
  return { rowNumber: row, groupRowNumber: groupRow, columns, ...result };
}

/**
 * The best heading row in the first `searchRows` rows, or null when none names two fields.
 * `forcedRow` (the user said which row holds the headings) is taken as it is, with the row above
 * as a group row when that names more fields.
 */
export function locateHeader(sheet: RawSheet, searchRows: number, forcedRow?: number): HeaderLocation | null {
  if (forcedRow !== undefined) {
    const single = candidate(sheet, forcedRow, null) ?? { rowNumber: forcedRow, groupRowNumber: null, columns: singleRow(sheet, forcedRow), score: 0, fields: [] };
    const pair = forcedRow > 1 ? candidate(sheet, forcedRow, forcedRow - 1) : null;
    return pair && pair.score > single.score ? pair : single;
  }
  const singles: Array<HeaderLocation | null> = [];
  let best: HeaderLocation | null = null;
  const last = Math.min(searchRows, sheet.rowCount);
  for (let r = 1; r <= last; r++) {
    const single = candidate(sheet, r, null);
    singles[r] = single;
    if (single && isBetter(single, best)) best = single;
    if (r > 1) {
      const pair = candidate(sheet, r, r - 1);
      const alone = Math.max(single?.score ?? 0, singles[r - 1]?.score ?? 0);
      if (pair && pair.score > alone + 0.01 && isBetter(pair, best)) best = pair;
    }
  }
  return best && best.fields.length >= MIN_HEADER_FIELDS && best.score >= MIN_HEADER_SCORE ? best : null;
}

function isBetter(candidateLocation: HeaderLocation, best: HeaderLocation | null): boolean {
  return best === null || candidateLocation.score > best.score + 0.01;
}

/** Does any scoring at all name this heading (for telling a repeated header from data)? */
export function namesAField(label: string): boolean {
  return scoreHeader(label).length > 0;
}
