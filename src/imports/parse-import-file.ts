import type { ActionStatus } from '../vocabulary/action-status';
import type { CalendarDate } from '../common/dates/calendar-date';
import { statusTable } from './cells/status-words';
import { IMPORT_FIELD_LABELS } from './import-fields';
import { importLimits, type ImportLimits } from './import-limits';
import { ImportIssueCode, where, type ImportIssue } from './import-issues';
import type { ImportParseResult, ImportSummary } from './import-result';
import { normaliseWords } from './cells/normalise-words';
import { suggestMapping, type ColumnMapping } from './mapping/column-mapping';
import { assertSizeWithinLimit, readHead, readWhole, type ImportFileInput } from './read/import-input';
import { columnLetter, columnNumber, type RawWorkbook } from './read/raw-workbook';
import { readCsv } from './read/read-csv';
import { readXlsx } from './read/read-xlsx';
import { SNIFF_BYTES, sniffImportFile } from './read/sniff-import-file';
import { interpretRows } from './rows/interpret-rows';
import { chooseSheet } from './table/choose-sheet';
import type { ImportField } from './import-fields';

export interface ParseImportOptions {
  /** The sheet to import (by name); by default the one that looks most like a tracker. */
  sheetName?: string;
  /** The row holding the column headings; by default found in the first 20 rows. */
  headerRowNumber?: number;
  /** A mapping saved from an earlier import: applied to the columns with the same headings. */
  savedMapping?: ColumnMapping;
  /** The user's choices for this file, by column letter (a field, or null to leave the column out). */
  chosenColumns?: Readonly<Record<string, ImportField | null>>;
  /** Status words to add to or change in the default table (see DEFAULT_STATUS_WORDS). */
  statusWords?: Readonly<Record<string, ActionStatus>>;
  /** Today (from the injected clock): lets text without a year ("end of March") get a suggested date. */
  today?: CalendarDate;
  /** Give a blank finding or workstream cell the value above it (default true; always reported). */
  fillDownBlankGroups?: boolean;
  /** Changes to the default limits (settings, tests). */
  limits?: Partial<ImportLimits>;
}

/**
 * Reads an Excel workbook or CSV file and says what it holds, without writing anything:
 * 1. the type is judged from the first bytes (an .xlsx zip, or text read as CSV); a file whose
 *    size is known to be over the limit is refused before any reading;
 * 2. the file is read within the limits (readXlsx: zip checks, then exceljs; readCsv: streamed);
 * 3. the sheet and its heading row are found (or taken from the options);
 * 4. the columns are mapped (the user's choices, a saved mapping, then the synonyms);
 * 5. each row below the headings is interpreted, with every problem reported where it is.
 * A file that cannot be imported at all throws an ImportException (code in ImportErrorCode).
 */
export async function parseImportFile(input: ImportFileInput, options: ParseImportOptions = {}): Promise<ImportParseResult> {
  const limits = importLimits(options.limits);
  assertSizeWithinLimit(input, limits.maxFileBytes);
  const head = await readHead(input, SNIFF_BYTES);
  const kind = sniffImportFile(head);
  const workbook = kind === 'zip' ? await readXlsx(await readWhole(input, limits.maxFileBytes), limits) : await readCsv(input, head, limits);
  return understandWorkbook(workbook, options, limits, { name: input.fileName ?? null, bytes: input.size ?? null });
}

/** Steps 3 to 5 on a workbook already read (for callers that hold a RawWorkbook, and tests). */
export function understandWorkbook(
  workbook: RawWorkbook,
  options: ParseImportOptions,
  limits: ImportLimits = importLimits(options.limits),
  file: { name: string | null; bytes: number | null } = { name: null, bytes: null },
): ImportParseResult {
  const choice = chooseSheet(workbook, { sheetName: options.sheetName, headerRowNumber: options.headerRowNumber }, limits);
  const { sheet, header } = choice;
  const mapping = suggestMapping(header.columns, { saved: options.savedMapping, chosen: options.chosenColumns });
  const interpreted = interpretRows(sheet, header, mapping, {
    statusWords: statusTable(options.statusWords),
    dates: { today: options.today, date1904: workbook.date1904 },
    fillDownBlankGroups: options.fillDownBlankGroups ?? true,
  });

  const issues: ImportIssue[] = [];
  const info = (code: ImportIssueCode, message: string, extra: Partial<ImportIssue> = {}): void => {
    issues.push({ severity: 'info', code, sheet: sheet.name, row: null, column: null, field: null, message, ...extra });
  };
  for (const note of workbook.notes) issues.push({ severity: 'info', code: ImportIssueCode.FileNote, sheet: null, row: null, column: null, field: null, message: note.message });
  for (const other of choice.otherSheets) {
    issues.push({
      severity: 'info',
      code: ImportIssueCode.SheetNotImported,
      sheet: other.name,
      row: null,
      column: null,
      field: null,
      message: `The sheet '${other.name}'${other.state !== 'visible' ? ' (hidden)' : ''} was not imported: ${other.reason}.`,
    });
  }
  info(
    ImportIssueCode.HeaderFound,
    header.groupRowNumber === null
      ? `${where(sheet.name, header.rowNumber, null)} holds the column headings; the rows below it were read.`
      : `${where(sheet.name, null, null)} rows ${header.groupRowNumber} and ${header.rowNumber} hold the column headings (group headings above the column headings); the rows below them were read.`,
    { row: header.rowNumber },
  );
  const hidden = new Set(sheet.hiddenColumns.map(columnLetter));
  for (const column of mapping.columns) {
    const label = column.header === '' ? null : column.header;
    if (column.field === null) {
      const hasValues = interpreted.rows.length > 0 && columnHasValues(workbook, sheet.name, column.column, header.rowNumber);
      if (label === null && !hasValues) continue;
      info(
        ImportIssueCode.ColumnUnmapped,
        `${where(sheet.name, null, column.column, label)} ${label === null ? 'has values but no heading' : 'was not recognised'}${column.note && column.note !== 'heading not recognised' && column.note !== 'no heading' ? ` (it ${column.note})` : ''}, so it is not imported. Map it to a field if it should be.`,
        { column: column.column },
      );
    } else if (column.field === 'rag') {
      info(
        ImportIssueCode.RagNotImported,
        `${where(sheet.name, null, column.column, label)} holds RAG colours. They were read to show in the preview but are not imported: colours are worked out from dates, milestones and evidence.`,
        { column: column.column, field: 'rag' },
      );
    }
    if (hidden.has(column.column)) {
      info(
        ImportIssueCode.ColumnHidden,
        `${where(sheet.name, null, column.column, label)} is hidden in the workbook. It was read like the others${column.field ? ` and imported as ${IMPORT_FIELD_LABELS[column.field]}` : ', and is not imported'}.`,
        { column: column.column, field: column.field },
      );
    }
  }
  if (options.savedMapping) {
    const present = new Set(mapping.columns.map((c) => normaliseWords(c.header)));
    for (const saved of options.savedMapping.columns) {
      if (saved.field && !present.has(normaliseWords(saved.header))) {
        info(
          ImportIssueCode.SavedMappingColumnMissing,
          `The saved mapping takes ${IMPORT_FIELD_LABELS[saved.field]} from a column headed '${saved.header}', which this file does not have.`,
          { field: saved.field },
        );
      }
    }
  }
  issues.push(...interpreted.issues);

  return {
    format: workbook.format,
    file: { ...file, ...(workbook.csv ? { encoding: workbook.csv.encoding, delimiter: workbook.csv.delimiter } : {}) },
    sheet: {
      name: sheet.name,
      position: sheet.position,
      headerRow: header.rowNumber,
      groupRow: header.groupRowNumber,
      hiddenColumns: sheet.hiddenColumns.map(columnLetter),
      hiddenRows: interpreted.hiddenRows,
    },
    otherSheets: choice.otherSheets,
    columns: header.columns,
    mapping,
    rows: interpreted.rows,
    skippedRows: interpreted.skippedRows,
    sections: interpreted.sections,
    issues: sortIssues(issues),
    summary: summarise(interpreted.rows, issues),
  };
}

function columnHasValues(workbook: RawWorkbook, sheetName: string, letter: string, headerRow: number): boolean {
  const sheet = workbook.sheets.find((s) => s.name === sheetName);
  if (!sheet) return false;
  const column = columnNumber(letter);
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) if ((sheet.rows[r]?.cells[column]?.text ?? '').trim() !== '') return true;
  return false;
}

/** File and sheet facts first, then by row and column, errors before warnings before notes on the same cell. */
function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => {
      const ra = a.issue.row ?? -1;
      const rb = b.issue.row ?? -1;
      if (ra !== rb) return ra - rb;
      const ca = a.issue.column ?? '';
      const cb = b.issue.column ?? '';
      if (ca !== cb) return ca.length - cb.length || (ca < cb ? -1 : 1);
      return rank[a.issue.severity] - rank[b.issue.severity] || a.index - b.index;
    })
    .map(({ issue }) => issue);
}

function summarise(rows: ImportParseResult['rows'], issues: ImportIssue[]): ImportSummary {
  const distinct = (values: Array<string | null | undefined>): number => new Set(values.filter((v): v is string => Boolean(v)).map((v) => v.replace(/\s+/g, ' ').trim().toLowerCase())).size;
  return {
    dataRows: rows.length,
    rowsWithErrors: rows.filter((r) => r.errors > 0).length,
    rowsWithWarnings: rows.filter((r) => r.warnings > 0).length,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    infos: issues.filter((i) => i.severity === 'info').length,
    distinctFindings: distinct(rows.map((r) => r.values.finding?.text)),
    distinctWorkstreams: distinct(rows.map((r) => r.values.workstream?.text)),
    // One person however the cell wrote them: by email, else by name, else by the words in the cell.
    distinctOwners: distinct(rows.map((r) => r.values.owner && (r.values.owner.email ?? r.values.owner.name ?? r.values.owner.raw))),
    milestones: rows.reduce((n, r) => n + r.values.milestones.length, 0),
  };
}

