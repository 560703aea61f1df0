import type { ActionStatus } from '../../vocabulary/action-status';
import type { CalendarDate } from '../../common/dates/calendar-date';
import type { DateContext } from '../cells/uk-date';
import { IMPORT_FIELD_LABELS, type ImportField } from '../import-fields';
import { where, type ImportIssue, type ImportIssueCode, type IssueSeverity } from '../import-issues';
import { columnsByField, type ColumnMapping } from '../mapping/column-mapping';
import { columnLetter, columnNumber, type RawCell, type RawSheet } from '../read/raw-workbook';

/** How to read the rows of one sheet (see interpret-rows.ts for the rules). */
export interface InterpretOptions {
  statusWords: Readonly<Record<string, ActionStatus>>;
  dates: DateContext;
  fillDownBlankGroups: boolean;
}

/** The cells of one field in one row, and where they came from when not the row's own. */
export interface FieldCells {
  cells: RawCell[];
  columns: number[];
  filledFrom?: { row: number; how: 'merged_cell' | 'row_above' | 'section_title' };
}

/** Day-first dates that could be read either way, and rows whose dates only work month first, by field. */
export type DateStats = Map<ImportField, { ambiguous: Array<{ row: number; raw: string; date: CalendarDate }>; monthFirst: number[] }>;

/**
 * What every part of reading a sheet shares: which columns hold which field, the headings, the
 * issues found so far, and the row being read (whose errors and warnings are counted as issues
 * are raised for it).
 */
export class SheetContext {
  readonly issues: ImportIssue[] = [];
  readonly byField = new Map<ImportField, number[]>();
  readonly fieldOfColumn = new Map<number, ImportField>();
  readonly headerOf = new Map<number, string>();
  readonly dateStats: DateStats = new Map();
  rowIssues = { errors: 0, warnings: 0 };
  currentRow = 0;

  constructor(
    readonly sheet: RawSheet,
    mapping: ColumnMapping,
    readonly options: InterpretOptions,
  ) {
    for (const [field, letters] of columnsByField(mapping)) {
      const numbers = letters.map(columnNumber).filter((n) => Number.isFinite(n));
      this.byField.set(field, numbers);
      for (const n of numbers) this.fieldOfColumn.set(n, field);
    }
    for (const column of mapping.columns) this.headerOf.set(columnNumber(column.column), column.header);
  }

  at(row: number | null, column: number | null): string {
    return where(this.sheet.name, row, column === null ? null : columnLetter(column), column === null ? null : this.headerOf.get(column) || null);
  }

  columnWords(field: ImportField): string {
    const column = this.byField.get(field)?.[0];
    if (column === undefined) return `no column is mapped to ${IMPORT_FIELD_LABELS[field]}, so it`;
    const header = this.headerOf.get(column);
    return `column ${columnLetter(column)}${header ? ` (${header})` : ''}`;
  }

  issue(
    severity: IssueSeverity,
    code: ImportIssueCode,
    row: number | null,
    column: number | null,
    field: ImportField | null,
    message: string,
    value?: string,
    suggestion?: CalendarDate,
  ): void {
    this.issues.push({
      severity,
      code,
      sheet: this.sheet.name,
      row,
      column: column === null ? null : columnLetter(column),
      field,
      ...(value !== undefined ? { value } : {}),
      ...(suggestion !== undefined ? { suggestion } : {}),
      message,
    });
    if (row !== null && row === this.currentRow) {
      if (severity === 'error') this.rowIssues.errors++;
      if (severity === 'warning') this.rowIssues.warnings++;
    }
  }
}
