import { compareDates, formatLongDate } from '../../common/dates/calendar-date';
import { normaliseWords } from '../cells/normalise-words';
import { FIELD_MAX_CHARS, IMPORT_FIELD_LABELS, type ImportField } from '../import-fields';
import { ImportIssueCode, quote, where } from '../import-issues';
import type { ImportRow, ImportRowValues } from '../import-result';
import { columnLetter } from '../read/raw-workbook';
import type { SheetContext } from './sheet-context';

/**
 * Checks on an action row once its values are read: a title (taken from the description when
 * missing, shortened when too long), text lengths, a due date, dates in order, a reference and an
 * owner. May change the title and description it is given.
 */
export function checkRow(ctx: SheetContext, r: number, values: ImportRowValues): void {
  const at = (): string => where(ctx.sheet.name, r, null);
  const col = (field: ImportField): number | null => ctx.byField.get(field)?.[0] ?? null;

  if (!values.actionTitle && values.description) {
    const title = shorten(values.description, FIELD_MAX_CHARS.actionTitle ?? 300);
    values.actionTitle = title;
    ctx.issue('warning', ImportIssueCode.TitleFromDescription, r, col('description'), 'actionTitle', `${at()} has no action title, so the start of its description was used: ${quote(title)}.`);
  } else if (values.actionTitle && values.actionTitle.length > (FIELD_MAX_CHARS.actionTitle ?? 300)) {
    const full = values.actionTitle;
    values.actionTitle = shorten(full, FIELD_MAX_CHARS.actionTitle ?? 300);
    values.description = values.description ? `${full}\n\n${values.description}` : full;
    ctx.issue(
      'warning',
      ImportIssueCode.TitleShortened,
      r,
      col('actionTitle'),
      'actionTitle',
      `${ctx.at(r, col('actionTitle'))}: the action is ${full.length.toLocaleString('en-GB')} characters, longer than an action title can be (${FIELD_MAX_CHARS.actionTitle}). Its first sentence became the title, and the whole text was kept as the description.`,
    );
  }
  if (!values.actionTitle) {
    ctx.issue('error', ImportIssueCode.MissingAction, r, col('actionTitle'), 'actionTitle', `${at()} has no action: ${ctx.columnWords('actionTitle')} is empty.`);
  }
  for (const field of ['reference', 'workstream', 'partner', 'description', 'successMeasure'] as const) {
    const value = field === 'workstream' ? (values.workstream?.from === 'column' ? values.workstream.text : null) : values[field];
    const max = FIELD_MAX_CHARS[field];
    if (value && max && value.length > max) {
      ctx.issue(
        'error',
        ImportIssueCode.TextTooLong,
        r,
        col(field),
        field,
        `${ctx.at(r, col(field))}: the ${IMPORT_FIELD_LABELS[field].toLowerCase()} is ${value.length.toLocaleString('en-GB')} characters; the most it can be is ${max.toLocaleString('en-GB')}.`,
      );
    }
  }
  if (values.dueDate === null) {
    ctx.issue('error', ImportIssueCode.MissingDueDate, r, col('dueDate'), 'dueDate', `${at()} has no due date: ${ctx.columnWords('dueDate')} is empty, and every action needs one.`);
  }
  const start = values.startDate?.date;
  const due = values.dueDate?.date;
  if (start && due && compareDates(start, due) > 0) {
    ctx.issue(
      'warning',
      ImportIssueCode.StartAfterDue,
      r,
      col('startDate'),
      'startDate',
      `${at()}: the start date ${formatLongDate(start)} is after the due date ${formatLongDate(due)}.`,
    );
  }
  if (!values.reference) {
    ctx.issue(
      'warning',
      ImportIssueCode.MissingReference,
      r,
      col('reference'),
      'reference',
      `${at()} has no reference${ctx.byField.has('reference') ? '' : ' (no column is mapped to Reference)'}. A reference will be given to it, but importing the file again matches rows by reference, so give every action one.`,
    );
  }
  if (!values.owner) {
    ctx.issue('warning', ImportIssueCode.MissingOwner, r, col('owner'), 'owner', `${at()} has no owner: ${ctx.columnWords('owner')} is empty. Choose one in the preview or leave it for the board to assign.`);
  } else if (!values.owner.name && !values.owner.email && !values.owner.role) {
    ctx.issue(
      'warning',
      ImportIssueCode.MissingOwner,
      r,
      col('owner'),
      'owner',
      `${ctx.at(r, col('owner'))} names no one yet (${quote(values.owner.raw)}). Choose an owner in the preview or leave it for the board to assign.`,
      values.owner.raw,
    );
  } else if (values.owner.others.length > 0) {
    ctx.issue(
      'warning',
      ImportIssueCode.OwnerSeveral,
      r,
      col('owner'),
      'owner',
      `${ctx.at(r, col('owner'))} names several people: ${quote(values.owner.raw)}. An action has one owner, so the first (${quote(values.owner.name ?? values.owner.role ?? values.owner.email ?? values.owner.raw)}) was taken; the others are kept in the owner's text.`,
      values.owner.raw,
    );
  }
}

/** A reference used by an earlier row is an error on the later one. */
export function checkDuplicateReferences(ctx: SheetContext, rows: readonly ImportRow[]): void {
  const first = new Map<string, ImportRow>();
  const column = ctx.byField.get('reference')?.[0] ?? null;
  for (const row of rows) {
    const reference = row.values.reference;
    if (!reference) continue;
    const key = normaliseWords(reference) || reference;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, row);
      continue;
    }
    row.errors++;
    ctx.issues.push({
      severity: 'error',
      code: ImportIssueCode.DuplicateReference,
      sheet: ctx.sheet.name,
      row: row.source.row,
      column: column === null ? null : columnLetter(column),
      field: 'reference',
      value: reference,
      message: `${ctx.at(row.source.row, column)}: the reference ${quote(reference)} is also used in row ${earlier.source.row}. References must be unique: importing the file again matches rows by them.`,
    });
  }
}

/** The first sentence if it fits, else the text cut at a word before the limit, with an ellipsis. */
function shorten(text: string, max: number): string {
  const firstLine = text.split('\n')[0].trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(firstLine)?.[1] ?? firstLine;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}\u2026`;
}
