import type { ImportLimits } from '../import-limits';
import { ImportErrorCode, ImportException } from '../imports.exception';
import { isBlankCell, type RawSheet, type RawWorkbook } from '../read/raw-workbook';
import { locateHeader, type HeaderLocation } from './locate-header';

/**
 * Which sheet holds the tracker. Every sheet is searched for a heading row; the sheet chosen is
 * a visible one before a hidden one, then the one whose headings name the most fields, then the
 * one with the most rows of data below them. The other sheets are reported with the reason they
 * were not taken. A caller may name the sheet (and the heading row) instead.
 */
export interface OtherSheet {
  name: string;
  state: RawSheet['state'];
  reason: string;
}

export interface SheetChoice {
  sheet: RawSheet;
  header: HeaderLocation;
  /** Non-blank rows below the heading row. */
  dataRows: number;
  otherSheets: OtherSheet[];
}

export interface SheetChoiceOptions {
  sheetName?: string;
  headerRowNumber?: number;
}

function nonBlankRowsBelow(sheet: RawSheet, row: number): number {
  let n = 0;
  for (let r = row + 1; r <= sheet.rowCount; r++) {
    const cells = sheet.rows[r]?.cells;
    if (cells && cells.some((c) => !isBlankCell(c))) n++;
  }
  return n;
}

function hasAnyValue(sheet: RawSheet): boolean {
  return sheet.rows.some((row) => row?.cells.some((c) => !isBlankCell(c)));
}

export function chooseSheet(workbook: RawWorkbook, options: SheetChoiceOptions, limits: ImportLimits): SheetChoice {
  if (options.sheetName !== undefined) {
    const sheet = workbook.sheets.find((s) => s.name === options.sheetName) ?? workbook.sheets.find((s) => s.name.trim().toLowerCase() === options.sheetName!.trim().toLowerCase());
    if (!sheet) throw ImportException.sheetNotFound(options.sheetName, workbook.sheets.map((s) => s.name));
    checkWidth(sheet, limits);
    const header = locateHeader(sheet, limits.headerSearchRows, options.headerRowNumber);
    if (!header) throw ImportException.headerRowNotFound(sheet.name, limits.headerSearchRows, { sheet: sheet.name });
    checkSize(sheet, header, limits);
    const otherSheets = workbook.sheets.filter((s) => s !== sheet).map((s) => ({ name: s.name, state: s.state, reason: 'another sheet was chosen' }));
    return { sheet, header, dataRows: nonBlankRowsBelow(sheet, header.rowNumber), otherSheets };
  }

  const found: Array<{ sheet: RawSheet; header: HeaderLocation; dataRows: number }> = [];
  const reasons = new Map<RawSheet, string>();
  const tooWide: RawSheet[] = [];
  for (const sheet of workbook.sheets) {
    if (!hasAnyValue(sheet)) {
      reasons.set(sheet, 'it is empty');
      continue;
    }
    if (sheet.columnCount > limits.maxColumns) {
      // Not searched for headings at all: a sheet this wide is refused, or skipped when another sheet is the tracker.
      reasons.set(sheet, `it has ${sheet.columnCount.toLocaleString('en-GB')} columns, more than the ${limits.maxColumns} we import`);
      tooWide.push(sheet);
      continue;
    }
    const header = locateHeader(sheet, limits.headerSearchRows, options.headerRowNumber);
    if (!header) {
      reasons.set(sheet, `no row of column headings in its first ${limits.headerSearchRows} rows`);
      continue;
    }
    found.push({ sheet, header, dataRows: nonBlankRowsBelow(sheet, header.rowNumber) });
  }
  if (found.length === 0 && tooWide.length > 0) checkWidth(tooWide[0], limits);
  if (found.length === 0) {
    const only = workbook.sheets.length === 1 ? workbook.sheets[0].name : null;
    if (only !== null && reasons.get(workbook.sheets[0]) !== 'it is empty') throw ImportException.headerRowNotFound(only, limits.headerSearchRows, { sheet: only });
    throw ImportException.noSheetToImport(
      `None of the sheets looks like a tracker: ${workbook.sheets.map((s) => `'${s.name}' (${reasons.get(s) ?? 'no headings'})`).join('; ')}. Say which sheet and which row holds the column headings.`,
      { sheets: workbook.sheets.map((s) => ({ name: s.name, reason: reasons.get(s) })) },
    );
  }
  const rank = (f: (typeof found)[number]): number[] => [f.sheet.state === 'visible' ? 1 : 0, Math.round(f.header.score * 10), f.header.fields.length, f.dataRows];
  found.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
    return a.sheet.position - b.sheet.position;
  });
  const chosen = found[0];
  checkSize(chosen.sheet, chosen.header, limits);
  for (const other of found.slice(1)) {
    reasons.set(
      other.sheet,
      other.sheet.state !== 'visible' && chosen.sheet.state === 'visible'
        ? `it also has column headings (row ${other.header.rowNumber}), but it is hidden and '${chosen.sheet.name}' is not`
        : `it also has column headings (row ${other.header.rowNumber}, ${other.dataRows} rows below), but '${chosen.sheet.name}' names more of the columns we look for or has more rows; choose it by name to import it instead`,
    );
  }
  const otherSheets = workbook.sheets
    .filter((s) => s !== chosen.sheet)
    .map((s) => ({ name: s.name, state: s.state, reason: reasons.get(s) ?? 'not chosen' }));
  return { ...chosen, otherSheets };
}

function checkSize(sheet: RawSheet, header: HeaderLocation, limits: ImportLimits): void {
  checkWidth(sheet, limits);
  const dataRows = nonBlankRowsBelow(sheet, header.rowNumber);
  if (dataRows > limits.maxRows) {
    throw ImportException.tooMany(
      ImportErrorCode.TooManyRows,
      `The sheet '${sheet.name}' has ${dataRows.toLocaleString('en-GB')} rows below its headings; the most we import at once is ${limits.maxRows.toLocaleString('en-GB')}. Split the plan into several files.`,
      { sheet: sheet.name, rows: dataRows, limit: limits.maxRows },
    );
  }
}

function checkWidth(sheet: RawSheet, limits: ImportLimits): void {
  if (sheet.columnCount > limits.maxColumns) {
    throw ImportException.tooMany(
      ImportErrorCode.TooManyColumns,
      `The sheet '${sheet.name}' has ${sheet.columnCount.toLocaleString('en-GB')} columns; the most we import is ${limits.maxColumns}. Delete the columns that are not part of the plan.`,
      { sheet: sheet.name, columns: sheet.columnCount, limit: limits.maxColumns },
    );
  }
}
