import { formatLongDate } from '../../common/dates/calendar-date';
import { parseMilestones } from '../cells/milestones';
import { readStatus, STATUS_LABELS } from '../cells/status-words';
import { readDateCell, type DateReading } from '../cells/uk-date';
import { IMPORT_FIELD_LABELS, type ImportField } from '../import-fields';
import { ImportIssueCode, quote } from '../import-issues';
import type { DateValue, ImportRowValues, ParsedMilestoneValue, UpdateText } from '../import-result';
import { looksLikeFormula } from '../read/cell-text';
import { columnLetter, type RawCell } from '../read/raw-workbook';
import type { FieldCells, SheetContext } from './sheet-context';

/**
 * Reads the value of each field of the row being read from its cells, reporting what is wrong
 * with a cell where it is: formulas, error values, cut-off or cleaned text, dates and statuses that
 * cannot be read.
 */
export class FieldValueReader {
  constructor(private readonly ctx: SheetContext) {}

  /** The text of a field (several columns joined by a blank line), after the cell checks. */
  text(found: FieldCells, field: ImportField): string | null {
    const parts: string[] = [];
    found.cells.forEach((cell, i) => {
      const column = found.columns[i];
      if (!this.checkCell(cell, column, field, found.filledFrom !== undefined)) return;
      const text = cell.text.trim();
      if (text !== '') parts.push(text);
    });
    return parts.length > 0 ? parts.join('\n\n') : null;
  }

  /**
   * Checks common to every cell; false when its value cannot be used (an error value, an
   * unevaluated formula). Cells filled from another row were checked there, so are not reported twice.
   */
  private checkCell(cell: RawCell, column: number, field: ImportField, filled: boolean): boolean {
    const r = this.ctx.currentRow;
    const at = (): string => this.ctx.at(r, column);
    const label = IMPORT_FIELD_LABELS[field];
    if (cell.formula?.risk && !filled) {
      this.ctx.issue(
        'warning',
        ImportIssueCode.FormulaReachesOutside,
        r,
        column,
        field,
        `${at()} holds a formula that ${RISK_WORDS[cell.formula.risk]}${cell.formula.functionName ? ` (${cell.formula.functionName})` : ''}. Only the value it last showed, ${quote(cell.text)}, was read; the formula was not kept or run.`,
        cell.text,
      );
    }
    if (cell.formula && !cell.formula.hasValue) {
      if (!filled) {
        this.ctx.issue('warning', ImportIssueCode.FormulaWithoutValue, r, column, field, `${at()} holds a formula with no saved value (the file was saved without calculating), so it was read as empty. Open the file in Excel, save it, and import it again.`);
      }
      return false;
    }
    if (cell.kind === 'error') {
      if (!filled) this.ctx.issue('warning', ImportIssueCode.CellShowsError, r, column, field, `${at()} shows the Excel error ${cell.text}, so the ${label.toLowerCase()} was read as empty.`, cell.text);
      return false;
    }
    if (filled) return true;
    if (cell.truncatedFrom !== undefined) {
      this.ctx.issue('error', ImportIssueCode.CellTruncated, r, column, field, `${at()} holds ${cell.truncatedFrom.toLocaleString('en-GB')} characters, more than any cell we import; shorten it.`);
    }
    if (cell.cleaned) {
      this.ctx.issue('warning', ImportIssueCode.ControlCharactersRemoved, r, column, field, `${at()} contained invisible control characters (such as NUL); they were removed.`);
    }
    if (cell.kind === 'text' && looksLikeFormula(cell.text.trim())) {
      this.ctx.issue(
        'warning',
        ImportIssueCode.FormulaLikeText,
        r,
        column,
        field,
        `${at()} starts with ${quote(cell.text.trim()[0])} and looks like a spreadsheet formula: ${quote(cell.text)}. It is kept as plain text and will never be run as a formula.`,
        cell.text,
      );
    }
    return true;
  }

  date(found: FieldCells, field: 'startDate' | 'dueDate'): DateValue | null {
    if (found.cells.length === 0) return null;
    const cell = found.cells[0];
    const column = found.columns[0];
    if (!this.checkCell(cell, column, field, found.filledFrom !== undefined)) return null;
    const reading = readDateCell(cell, this.ctx.options.dates);
    return this.dateValue(reading, cell.text.trim(), column, field, IMPORT_FIELD_LABELS[field]);
  }

  private dateValue(reading: DateReading, raw: string, column: number, field: ImportField, label: string): DateValue | null {
    const r = this.ctx.currentRow;
    const at = (): string => this.ctx.at(r, column);
    const stats = this.ctx.dateStats.get(field) ?? { ambiguous: [], monthFirst: [] };
    this.ctx.dateStats.set(field, stats);
    switch (reading.kind) {
      case 'empty':
        return null;
      case 'date':
        if (reading.dayMonthAmbiguous) stats.ambiguous.push({ row: r, raw, date: reading.date });
        return { raw, date: reading.date, suggestion: null, rule: null };
      case 'suggestion':
        this.ctx.issue(
          'warning',
          ImportIssueCode.DateSuggested,
          r,
          column,
          field,
          `${at()}: ${quote(raw)} is not a date. We suggest ${formatLongDate(reading.suggestion)}, ${reading.rule}. Accept it or give the ${label.toLowerCase()} as a date.`,
          raw,
          reading.suggestion,
        );
        return { raw, date: null, suggestion: reading.suggestion, rule: reading.rule };
      case 'invalid':
        if (reading.monthFirst) stats.monthFirst.push(r);
        this.ctx.issue(
          'warning',
          ImportIssueCode.DateInvalid,
          r,
          column,
          field,
          `${at()}: ${quote(raw)} is not a valid date: ${reading.reason}.${reading.suggestion ? ` We suggest ${formatLongDate(reading.suggestion)}, ${reading.rule}. Accept it or correct the date.` : ' Correct the date.'}`,
          raw,
          reading.suggestion,
        );
        return { raw, date: null, suggestion: reading.suggestion ?? null, rule: reading.rule ?? null };
      case 'not_a_date':
        this.ctx.issue(
          'warning',
          ImportIssueCode.DateNotADate,
          r,
          column,
          field,
          `${at()}: ${quote(raw)} is not a date (${reading.reason}), and no date can be suggested. Give the ${label.toLowerCase()} as a date${field === 'dueDate' ? ': every action needs one' : ', or leave it empty'}.`,
          raw,
        );
        return { raw, date: null, suggestion: null, rule: null };
    }
  }

  status(found: FieldCells): ImportRowValues['status'] {
    if (found.cells.length === 0) return null;
    const cell = found.cells[0];
    const column = found.columns[0];
    if (!this.checkCell(cell, column, 'status', found.filledFrom !== undefined)) return null;
    const raw = cell.text.trim();
    const reading = readStatus(raw, this.ctx.options.statusWords);
    const r = this.ctx.currentRow;
    const at = (): string => this.ctx.at(r, column);
    const known = Object.values(STATUS_LABELS).join(', ');
    switch (reading.kind) {
      case 'empty':
        return null;
      case 'status':
        if (reading.matched === 'leading_words') {
          this.ctx.issue(
            'warning',
            ImportIssueCode.StatusFromLeadingWords,
            r,
            column,
            'status',
            `${at()}: the status ${quote(raw)} was read as ${STATUS_LABELS[reading.status]} from its first words ${quote(reading.word)}. If that is wrong, add the whole wording to the status table.`,
            raw,
          );
        }
        return { raw, status: reading.status };
      case 'rag_word':
        this.ctx.issue(
          'error',
          ImportIssueCode.StatusIsRag,
          r,
          column,
          'status',
          `${at()}: the status ${quote(raw)} is a RAG colour, not a status (colours are worked out by the system from dates, milestones and evidence). Give a status (${known}) or add ${quote(raw)} to the status table.`,
          raw,
        );
        return { raw, status: null };
      case 'unknown':
        this.ctx.issue(
          'error',
          ImportIssueCode.StatusUnknown,
          r,
          column,
          'status',
          `${at()}: the status ${quote(raw)} is not one we know. Use one of ${known}, or add ${quote(raw)} to the status table with the status it means.`,
          raw,
        );
        return { raw, status: null };
    }
  }

  milestones(found: FieldCells): ParsedMilestoneValue[] {
    const out: ParsedMilestoneValue[] = [];
    found.cells.forEach((cell, i) => {
      const column = found.columns[i];
      if (!this.checkCell(cell, column, 'milestones', found.filledFrom !== undefined)) return;
      for (const item of parseMilestones(cell.text, this.ctx.options.dates)) {
        const reading = item.dueDateReading;
        const suggestion = reading.kind === 'suggestion' || reading.kind === 'invalid' ? (reading.suggestion ?? null) : null;
        const rule = reading.kind === 'suggestion' || reading.kind === 'invalid' ? (reading.rule ?? null) : null;
        if (item.dueDate === null) {
          const written = quote(item.dateText ?? item.raw);
          const why =
            reading.kind === 'empty'
              ? 'has no date'
              : reading.kind === 'not_a_date'
                ? `has no date (${reading.reason})`
                : reading.kind === 'suggestion'
                  ? `gives ${written}, which is not an exact date`
                  : `gives ${written}, which is not a valid date`;
          this.ctx.issue(
            'warning',
            ImportIssueCode.MilestoneWithoutDate,
            this.ctx.currentRow,
            column,
            'milestones',
            `${this.ctx.at(this.ctx.currentRow, column)}: the milestone ${quote(item.title)} ${why}.${suggestion ? ` We suggest ${formatLongDate(suggestion)}, ${rule}.` : ' Give it a due date; every milestone needs one.'}`,
            item.raw,
            suggestion ?? undefined,
          );
        }
        out.push({ raw: item.raw, title: item.title, dueDate: item.dueDate, completed: item.completed, suggestion, rule });
      }
    });
    return out;
  }

  updates(found: FieldCells): UpdateText[] {
    const out: UpdateText[] = [];
    found.cells.forEach((cell, i) => {
      const column = found.columns[i];
      if (!this.checkCell(cell, column, 'latestUpdate', found.filledFrom !== undefined)) return;
      const text = cell.text.trim();
      if (text !== '') out.push({ label: this.ctx.headerOf.get(column) ?? columnLetter(column), column: columnLetter(column), text });
    });
    return out;
  }
}

const RISK_WORDS: Record<NonNullable<NonNullable<RawCell['formula']>['risk']>, string> = {
  hyperlink: 'makes a link',
  web: 'fetches from the internet',
  dde: 'would start another program (a DDE link)',
  external_reference: 'reads another file',
  macro: 'calls macro code',
};
