import type { ActionStatus } from '../vocabulary/action-status';
import type { CalendarDate } from '../common/dates/calendar-date';
import type { RagColour } from '../vocabulary/rag-colour';
import type { LabelledText } from './cells/labelled-text';
import type { ParsedMilestone } from './cells/milestones';
import type { ParsedOwner } from './cells/owner';
import type { ImportField } from './import-fields';
import type { ImportIssue } from './import-issues';
import type { ColumnMapping, HeaderCell } from './mapping/column-mapping';
import type { OtherSheet } from './table/choose-sheet';

/**
 * The one result of reading and understanding an import file: plain data (JSON-serialisable),
 * no database ids. The database half compares `rows` with the plan and writes them; the preview
 * shows `issues`. Nothing in here has been written anywhere.
 */
export interface ImportParseResult {
  format: 'xlsx' | 'csv';
  file: {
    name: string | null;
    bytes: number | null;
    /** CSV only. */
    encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
    delimiter?: string;
  };
  sheet: {
    name: string;
    position: number;
    /** The row of column headings, and the row of group headings above it for a two-line header. */
    headerRow: number;
    groupRow: number | null;
    hiddenColumns: string[];
    hiddenRows: number[];
  };
  otherSheets: OtherSheet[];
  /** Every column of the table with its heading. */
  columns: HeaderCell[];
  /** The mapping used: save it to offer it again for the next file. */
  mapping: ColumnMapping;
  rows: ImportRow[];
  skippedRows: SkippedRow[];
  sections: SectionTitle[];
  issues: ImportIssue[];
  summary: ImportSummary;
}

export interface ImportSummary {
  dataRows: number;
  rowsWithErrors: number;
  rowsWithWarnings: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Distinct non-empty values, ignoring case and spacing (owners by email, else name); matching to the plan happens later. */
  distinctFindings: number;
  distinctWorkstreams: number;
  distinctOwners: number;
  milestones: number;
}

export interface ImportRow {
  source: ImportRowSource;
  values: ImportRowValues;
  errors: number;
  warnings: number;
}

export interface ImportRowSource {
  sheet: string;
  /** The row number as the user sees it (Excel's row number; a CSV's record number). */
  row: number;
  /** The column letters each field was read from. */
  columns: Readonly<Partial<Record<ImportField, readonly string[]>>>;
  /** Fields whose value came from another row: a merged cell, the row above (blank below a value), or the section title. */
  filledFrom?: Partial<Record<ImportField, { row: number; how: 'merged_cell' | 'row_above' | 'section_title' }>>;
  hidden?: true;
}

export interface ImportRowValues {
  reference: string | null;
  finding: LabelledText | null;
  workstream: (LabelledText & { from: 'column' | 'section_title' }) | null;
  actionTitle: string | null;
  description: string | null;
  owner: ParsedOwner | null;
  partner: string | null;
  startDate: DateValue | null;
  dueDate: DateValue | null;
  status: StatusValue | null;
  /** What the spreadsheet said; never imported (RAG is computed). */
  rag: RagValue | null;
  milestones: ParsedMilestoneValue[];
  successMeasure: string | null;
  /** Every update column with text, in column order (quarterly outcomes, monthly updates). */
  updates: UpdateText[];
  /** The text of the last update column that has one. */
  latestUpdate: string | null;
  evidence: EvidenceValue | null;
}

export interface DateValue {
  /** The cell as written. */
  raw: string;
  /** The date, when the cell is one; null when it is not (see suggestion). */
  date: CalendarDate | null;
  /** A suggested date for text that is not one ("Summer 2026" -> 2026-08-31), to be accepted by the user. */
  suggestion: CalendarDate | null;
  /** The rule behind the suggestion, in words. */
  rule: string | null;
}

export interface StatusValue {
  raw: string;
  /** null when the words are not in the status table (the row then has an error). */
  status: ActionStatus | null;
}

export interface RagValue {
  raw: string;
  colour: RagColour | null;
  from: 'text' | 'fill' | null;
}

export type ParsedMilestoneValue = Omit<ParsedMilestone, 'dueDateReading' | 'dateText'> & { suggestion: CalendarDate | null; rule: string | null };

export interface UpdateText {
  /** The column's heading ("Outcome Q2"). */
  label: string;
  column: string;
  text: string;
}

export interface EvidenceValue {
  text: string;
  /** Hyperlink targets in the evidence cells (links to documents), kept as text; never fetched. */
  links: string[];
}

export interface SkippedRow {
  row: number;
  kind: 'blank' | 'repeated_header' | 'section_title' | 'note';
  text?: string;
}

export interface SectionTitle {
  row: number;
  text: string;
  /** It gave its text as the workstream of the rows below it that had none. */
  setsWorkstream: boolean;
  /** The data rows below it, up to the next section title. */
  rows: number;
}
