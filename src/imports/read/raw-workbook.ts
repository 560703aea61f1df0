/**
 * What the readers (xlsx, csv) hand on: every sheet's cells as plain values, with where they came
 * from, and the facts about the sheet that matter for importing (hidden rows and columns, merged
 * ranges). No interpretation yet: that is the mapping's and the rows' job.
 */

/** How a formula reaches outside the workbook, when it does; ordinary formulas (SUM, IF, TODAY) are null. */
export type FormulaRisk = 'hyperlink' | 'web' | 'dde' | 'external_reference' | 'macro';

export interface RawCell {
  /**
   * text: a string (CSV cells are all text); number; date (an Excel date cell, kept as its serial
   * number so the 1900 leap-year quirk is handled in one place); boolean; error (#REF!, #N/A).
   */
  kind: 'text' | 'number' | 'date' | 'boolean' | 'error';
  /** The value as text (for a formula: its last calculated value, never the formula). Cleaned of control characters. */
  text: string;
  /** number and date cells: the number (for a date, the Excel serial day number in the 1900 system). */
  number?: number;
  /** Set when the cell held a formula: whether it reaches outside the workbook (null when it does not). */
  formula?: { risk: FormulaRisk | null; functionName: string | null; hasValue: boolean };
  /** A hyperlink's target (a hyperlink cell or a HYPERLINK formula's first argument when it is a plain string). */
  link?: string;
  /** The cell's solid fill colour as ARGB hex ('FFFF0000'), xlsx only; used to read RAG colours painted without words. */
  fill?: string;
  /** The text was longer than the limit: its length before it was cut to the limit. */
  truncatedFrom?: number;
  /** Control characters (NUL and the like) were removed from the text. */
  cleaned?: boolean;
}

export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface RawRow {
  /** The row number as the user sees it (1 is the first row; in a CSV, the first record). */
  number: number;
  hidden: boolean;
  /** Indexed by column number (1 = A); holes are empty cells. Merged cells other than the top-left one are empty. */
  cells: Array<RawCell | undefined>;
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface RawSheet {
  name: string;
  /** Position in the workbook, from 1. */
  position: number;
  state: SheetState;
  /** Indexed by row number; holes are empty rows. */
  rows: Array<RawRow | undefined>;
  /** The highest row and column numbers holding any cell. */
  rowCount: number;
  columnCount: number;
  /** Column numbers (1 = A) hidden in the workbook. */
  hiddenColumns: number[];
  merges: MergeRange[];
}

export interface RawWorkbook {
  format: 'xlsx' | 'csv';
  sheets: RawSheet[];
  /** The workbook counts dates from 1904 (old Mac Excel); serials in number cells are then converted from 1904. */
  date1904: boolean;
  /** Facts about the whole file worth telling the user (encoding used, macros ignored, ...). */
  notes: FileNote[];
  csv?: { encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'; delimiter: string; hadBom: boolean };
}

export interface FileNote {
  code: 'encoding' | 'delimiter' | 'macros_ignored' | 'external_links_ignored' | 'formulas_values_used';
  message: string;
}

/** 1 -> 'A', 27 -> 'AA', 16384 -> 'XFD'. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** 'A' -> 1, 'aa' -> 27; NaN for anything that is not letters. */
export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return Number.NaN;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellAt(sheet: RawSheet, row: number, column: number): RawCell | undefined {
  return sheet.rows[row]?.cells[column];
}

export function isBlankCell(cell: RawCell | undefined): boolean {
  return cell === undefined || cell.text.trim() === '';
}
