import { formatLongDate } from '../../common/dates/calendar-date';
import { IMPORT_FIELD_LABELS, type ImportField } from '../import-fields';
import { ImportIssueCode, quote, rowSpan, where } from '../import-issues';
import { columnLetter, type MergeRange } from '../read/raw-workbook';
import type { SheetContext } from './sheet-context';

/** A blank finding or workstream filled from the row above it, for the rows that were. */
export interface BlankFill {
  field: ImportField;
  from: number;
  rows: number[];
  column: number;
  text: string;
}

/** What was noticed while reading the rows, to report once for the whole sheet. */
export interface SheetFacts {
  /** Merged cells that gave their value to the rows below, and the fields they gave. */
  mergesUsed: ReadonlyMap<MergeRange, ReadonlySet<ImportField>>;
  blankFills: readonly BlankFill[];
  hiddenRows: readonly number[];
  /** Cells ("D7") outside the mapped columns holding formulas that reach outside the workbook. */
  riskyFormulasElsewhere: readonly string[];
}

/** Facts about the whole sheet, reported once: merged cells and blanks filled down, hidden rows, dates, formulas not imported. */
export function reportSheetFacts(ctx: SheetContext, facts: SheetFacts): void {
  const name = ctx.sheet.name;
  for (const [merge, fields] of facts.mergesUsed) {
    const text = ctx.sheet.rows[merge.top]?.cells[merge.left]?.text ?? '';
    const range = `${columnLetter(merge.left)}${merge.top}:${columnLetter(merge.right)}${merge.bottom}`;
    const labels = [...fields].map((f) => IMPORT_FIELD_LABELS[f].toLowerCase()).join(', ');
    ctx.issue(
      'info',
      ImportIssueCode.MergedCellFilledDown,
      merge.top,
      merge.left,
      [...fields][0],
      `${where(name, null, null)} cells ${range} are merged (${quote(text)}): the ${labels} was used for each of ${rowSpan(merge.top, merge.bottom)}.`,
    );
  }
  for (const fill of facts.blankFills) {
    const first = fill.rows[0];
    const last = fill.rows[fill.rows.length - 1];
    const span = fill.rows.length === last - first + 1 ? rowSpan(first, last) : `rows ${fill.rows.join(', ')}`;
    ctx.issue(
      'info',
      ImportIssueCode.BlankFilledDown,
      first,
      fill.column,
      fill.field,
      `${where(name, null, `${columnLetter(fill.column)}`, ctx.headerOf.get(fill.column))}: ${span} had no ${IMPORT_FIELD_LABELS[fill.field].toLowerCase()}, so the one in row ${fill.from} (${quote(fill.text)}) was used for ${fill.rows.length === 1 ? 'it' : 'them'}.`,
    );
  }
  for (const run of runs(facts.hiddenRows)) {
    ctx.issue(
      'warning',
      ImportIssueCode.RowsHidden,
      run[0],
      null,
      null,
      `${where(name, null, null)} ${rowSpan(run[0], run[run.length - 1])} ${run.length === 1 ? 'is' : 'are'} hidden in the workbook. ${run.length === 1 ? 'It was' : 'They were'} read like the others; delete ${run.length === 1 ? 'it' : 'them'} from the file if ${run.length === 1 ? 'it is' : 'they are'} not part of the plan.`,
    );
  }
  for (const [field, stats] of ctx.dateStats) {
    const column = ctx.byField.get(field)?.[0] ?? null;
    const label = column === null ? '' : ctx.at(null, column);
    if (stats.ambiguous.length === 0) continue;
    const n = stats.ambiguous.length;
    const example = stats.ambiguous[0];
    const rows = stats.ambiguous.slice(0, 5).map((a) => a.row);
    const listed = `${n === 1 ? 'row' : 'rows'} ${rows.join(', ')}${n > 5 ? ', ...' : ''}`;
    const either = `${n} date${n === 1 ? '' : 's'} could be read either way (${listed}; ${quote(example.raw)} was read as ${formatLongDate(example.date)})`;
    if (stats.monthFirst.length > 0) {
      ctx.issue(
        'warning',
        ImportIssueCode.DatesLookMonthFirst,
        null,
        column,
        field,
        `${label}: some dates can only be read month first (row ${stats.monthFirst[0]}), so this column may be written month first. Dates are always read day first: ${either}. Check them.`,
      );
    } else {
      ctx.issue('info', ImportIssueCode.DatesReadDayFirst, null, column, field, `${label}: dates are always read day first: ${either}.`);
    }
  }
  if (facts.riskyFormulasElsewhere.length > 0) {
    const cells = facts.riskyFormulasElsewhere;
    ctx.issue(
      'info',
      ImportIssueCode.RiskyFormulasNotImported,
      null,
      null,
      null,
      `${where(name, null, null)}: ${cells.length} cell${cells.length === 1 ? '' : 's'} in columns that are not imported hold${cells.length === 1 ? 's' : ''} formulas that reach outside the workbook (${cells.slice(0, 5).join(', ')}${cells.length > 5 ? ', ...' : ''}). They were not imported, and no formula was run.`,
    );
  }
}

/** [3,4,5,9,10] -> [[3,4,5],[9,10]] */
function runs(numbers: readonly number[]): number[][] {
  const out: number[][] = [];
  for (const n of numbers) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === n - 1) last.push(n);
    else out.push([n]);
  }
  return out;
}
