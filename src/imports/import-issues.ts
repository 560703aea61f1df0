import type { CalendarDate } from '../common/dates/calendar-date';
import type { ImportField } from './import-fields';

/**
 * What the import found, for the preview: each issue names the sheet, the row (as the user sees it)
 * and the column letter where it applies, and says in plain words what is wrong and what to do.
 * - error: the row cannot be imported as it is (no action, no due date, an unknown status, ...);
 * - warning: the row can be imported, but someone should look (a suggested date, a hidden row);
 * - info: what the import did on its own (a merged cell filled down, a column left out).
 */
export type IssueSeverity = 'error' | 'warning' | 'info';

export enum ImportIssueCode {
  // The file, the sheet and the columns.
  FileNote = 'file_note',
  SheetNotImported = 'sheet_not_imported',
  HeaderFound = 'header_found',
  ColumnUnmapped = 'column_unmapped',
  ColumnHidden = 'column_hidden',
  SavedMappingColumnMissing = 'saved_mapping_column_missing',
  RagNotImported = 'rag_not_imported',
  RowsHidden = 'rows_hidden',
  MergedCellFilledDown = 'merged_cell_filled_down',
  BlankFilledDown = 'blank_filled_down',
  SectionTitle = 'section_title',
  NoteRow = 'note_row',
  RepeatedHeader = 'repeated_header',
  DatesReadDayFirst = 'dates_read_day_first',
  DatesLookMonthFirst = 'dates_look_month_first',
  RiskyFormulasNotImported = 'risky_formulas_not_imported',
  // A row.
  MissingAction = 'missing_action',
  MissingDueDate = 'missing_due_date',
  MissingReference = 'missing_reference',
  MissingOwner = 'missing_owner',
  DuplicateReference = 'duplicate_reference',
  DateSuggested = 'date_suggested',
  DateNotADate = 'date_not_a_date',
  DateInvalid = 'date_invalid',
  StartAfterDue = 'start_after_due',
  StatusUnknown = 'status_unknown',
  StatusIsRag = 'status_is_rag',
  StatusFromLeadingWords = 'status_from_leading_words',
  OwnerSeveral = 'owner_several',
  MilestoneWithoutDate = 'milestone_without_date',
  TextTooLong = 'text_too_long',
  TitleShortened = 'title_shortened',
  TitleFromDescription = 'title_from_description',
  CellTruncated = 'cell_truncated',
  ControlCharactersRemoved = 'control_characters_removed',
  FormulaLikeText = 'formula_like_text',
  FormulaReachesOutside = 'formula_reaches_outside',
  FormulaWithoutValue = 'formula_without_value',
  CellShowsError = 'cell_shows_error',
  // Comparing with the plan (the database half).
  OwnerUnmatched = 'owner_unmatched',
  DateNeedsAccepting = 'date_needs_accepting',
  FindingsWithoutInspection = 'findings_without_inspection',
  RowNotImported = 'row_not_imported',
  ChangedInSystem = 'changed_in_system',
}

export interface ImportIssue {
  severity: IssueSeverity;
  code: ImportIssueCode;
  sheet: string | null;
  /** The row number as the user sees it; null for the whole sheet or file. */
  row: number | null;
  /** Column letter ('G'); null for the whole row, sheet or file. */
  column: string | null;
  field: ImportField | null;
  /** The cell's text, when the issue is about a value. */
  value?: string;
  /** A date the user may accept instead of a value that is not a date. */
  suggestion?: CalendarDate;
  /** The full sentence shown to the user, starting with where it is. */
  message: string;
}

/** "'Action plan', row 14, column G (Target date)" */
export function where(sheet: string | null, row: number | null, column: string | null, header?: string | null): string {
  const parts: string[] = [];
  if (sheet) parts.push(`'${sheet}'`);
  if (row !== null) parts.push(`row ${row}`);
  if (column) parts.push(header ? `column ${column} (${header})` : `column ${column}`);
  return parts.join(', ');
}

/** "rows 7 to 9", "row 7" */
export function rowSpan(first: number, last: number): string {
  return first === last ? `row ${first}` : `rows ${first} to ${last}`;
}

/** Quotes a cell's text for a message, shortened to a readable length. */
export function quote(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `'${flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat}'`;
}
