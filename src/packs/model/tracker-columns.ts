import type { CalendarDate } from '../../common/dates/calendar-date';
import type { PackAudience } from '../../vocabulary/pack-audience';
import { RAG_COLOUR_INFO, type RagColour } from '../../vocabulary/rag-colour';
import type { PackTableCell, TableAlign, TrackerRow } from './pack-model';
import { joinClauses, shortDate } from './pack-text';

/**
 * The columns of the action tracker, listed once for every format: the PDF and DOCX appendix
 * table (the model's 'tracker' table block) and the XLSX Tracker and workstream sheets. Each
 * column says where it appears: the printed table is narrow (nine short columns), the
 * spreadsheet has them all. Scrutiny packs never carry owner names: the role stands in.
 */

/** Text, a number, or for date columns a calendar date 'YYYY-MM-DD'. */
export type TrackerValue = string | number | null;

export interface TrackerColumn {
  key: string;
  /** The value's kind: dates are calendar dates (short in the table, real dates in the sheet). */
  kind: 'text' | 'number' | 'date';
  value: (row: TrackerRow) => TrackerValue;
  /** RAG cells are shaded with this colour; the word stays in the cell. */
  rag?: (row: TrackerRow) => RagColour | null;
  /** In the PDF/DOCX table: its title and share of the table's width. Absent: not in the table. */
  table?: { title: string; width: number; align?: TableAlign };
  /** In the spreadsheet: its title and width in characters. Absent: not in the sheet. */
  sheet?: { title: string; width: number; wrap?: boolean };
}

function responsible(row: TrackerRow): string {
  return `${row.ownerRole}${row.leadAgency ? ` (${row.leadAgency})` : ''}`;
}

/** Every tracker column for this audience, in order. */
export function trackerColumns(audience: PackAudience): TrackerColumn[] {
  const scrutiny = audience === 'scrutiny';
  const stream = scrutiny ? 'Priority' : 'Workstream';
  const columns: (TrackerColumn | null)[] = [
    { key: 'reference', kind: 'text', value: (r) => r.reference, table: { title: 'Ref', width: 2.2 }, sheet: { title: 'Reference', width: 11 } },
    { key: 'action', kind: 'text', value: (r) => r.title, table: { title: 'Action', width: 12.5 }, sheet: { title: 'Action', width: 48, wrap: true } },
    { key: 'workstream', kind: 'text', value: (r) => r.workstreamTitle, table: { title: stream, width: 5 }, sheet: { title: stream, width: 28, wrap: true } },
    // The printed table names the owner and their role in one cell (scrutiny: the role only).
    {
      key: 'owner',
      kind: 'text',
      value: (r) => (scrutiny ? responsible(r) : `${r.ownerName}, ${responsible(r)}`),
      table: { title: scrutiny ? 'Responsible' : 'Owner', width: 7 },
    },
    scrutiny ? null : { key: 'ownerName', kind: 'text', value: (r) => r.ownerName ?? '', sheet: { title: 'Owner', width: 20 } },
    { key: 'ownerRole', kind: 'text', value: (r) => r.ownerRole, sheet: { title: scrutiny ? 'Responsible (role)' : 'Owner role', width: 28, wrap: true } },
    { key: 'leadAgency', kind: 'text', value: (r) => r.leadAgency ?? '', sheet: { title: 'Lead agency', width: 22, wrap: true } },
    { key: 'startDate', kind: 'date', value: (r) => r.startDate, sheet: { title: 'Start date', width: 12 } },
    { key: 'dueDate', kind: 'date', value: (r) => r.dueDate, table: { title: 'Due', width: 3.2 }, sheet: { title: 'Due date', width: 12 } },
    { key: 'status', kind: 'text', value: (r) => r.statusLabel, table: { title: 'Status', width: 3.2 }, sheet: { title: 'Status', width: 13 } },
    {
      key: 'progress',
      kind: 'number',
      value: (r) => r.progressPercent,
      table: { title: '%', width: 1.6, align: 'right' },
      sheet: { title: 'Progress (%)', width: 10 },
    },
    { key: 'rag', kind: 'text', value: (r) => r.colourLabel, rag: (r) => r.colour, table: { title: 'RAG', width: 3.4 }, sheet: { title: 'RAG', width: 16 } },
    { key: 'overridden', kind: 'text', value: (r) => (r.overridden ? 'Yes' : 'No'), sheet: { title: 'Override', width: 10 } },
    {
      key: 'previousRag',
      kind: 'text',
      value: (r) => (r.previousColour ? RAG_COLOUR_INFO[r.previousColour].label : 'New'),
      rag: (r) => r.previousColour,
      sheet: { title: 'Previous RAG', width: 13 },
    },
    {
      key: 'reasons',
      kind: 'text',
      value: (r) => joinClauses(r.reasons),
      table: { title: 'Reasons', width: 8.5 },
      sheet: { title: 'Reasons', width: 50, wrap: true },
    },
    { key: 'findings', kind: 'text', value: (r) => r.findingReferences.join(', '), sheet: { title: 'Findings', width: 16, wrap: true } },
    { key: 'milestonesOpen', kind: 'number', value: (r) => r.milestonesOpen, sheet: { title: 'Open milestones', width: 11 } },
    { key: 'milestonesOverdue', kind: 'number', value: (r) => r.milestonesOverdue, sheet: { title: 'Overdue milestones', width: 11 } },
    { key: 'evidenceAccepted', kind: 'number', value: (r) => r.evidenceAccepted, sheet: { title: 'Accepted evidence', width: 11 } },
    { key: 'latestUpdate', kind: 'date', value: (r) => r.latestUpdate?.date ?? null, sheet: { title: 'Latest update', width: 12 } },
    {
      key: 'latestNarrative',
      kind: 'text',
      value: (r) => r.latestUpdate?.narrative ?? '',
      sheet: { title: 'Latest update narrative', width: 60, wrap: true },
    },
  ];
  return columns.filter((c): c is TrackerColumn => c !== null);
}

/** A tracker cell as the printed table shows it: dates short, RAG cells shaded. */
export function trackerTableCell(column: TrackerColumn, row: TrackerRow): PackTableCell {
  const value = column.value(row);
  const text = value === null ? '' : column.kind === 'date' ? shortDate(value as CalendarDate) : String(value);
  const colour = column.rag?.(row) ?? null;
  return colour ? { text, rag: colour } : { text };
}

export type TrackerTableColumn = TrackerColumn & Required<Pick<TrackerColumn, 'table'>>;
export type TrackerSheetColumn = TrackerColumn & Required<Pick<TrackerColumn, 'sheet'>>;

/** The columns of the printed (PDF/DOCX) tracker table. */
export function trackerTableColumns(audience: PackAudience): TrackerTableColumn[] {
  return trackerColumns(audience).filter((c): c is TrackerTableColumn => c.table !== undefined);
}

/** The columns of a tracker sheet; a workstream's own sheet leaves out the workstream column. */
export function trackerSheetColumns(audience: PackAudience, withWorkstream: boolean): TrackerSheetColumn[] {
  return trackerColumns(audience).filter((c): c is TrackerSheetColumn => c.sheet !== undefined && (withWorkstream || c.key !== 'workstream'));
}
