import type { ActionStatus } from '../../vocabulary/action-status';
import { compareDates, formatLongDate, type CalendarDate } from '../../common/dates/calendar-date';
import { splitLabel } from '../cells/labelled-text';
import { parseMilestones } from '../cells/milestones';
import { normaliseWords } from '../cells/normalise-words';
import { parseOwner } from '../cells/owner';
import { readRag } from '../cells/rag-words';
import { readStatus, STATUS_LABELS } from '../cells/status-words';
import { readDateCell, type DateContext, type DateReading } from '../cells/uk-date';
import { FIELD_MAX_CHARS, IMPORT_FIELD_LABELS, type ImportField } from '../import-fields';
import { ImportIssueCode, quote, rowSpan, where, type ImportIssue, type IssueSeverity } from '../import-issues';
import type {
  DateValue,
  ImportRow,
  ImportRowSource,
  ImportRowValues,
  ParsedMilestoneValue,
  SectionTitle,
  SkippedRow,
  UpdateText,
} from '../import-result';
import { columnsByField, type ColumnMapping } from '../mapping/column-mapping';
import { looksLikeFormula } from '../read/cell-text';
import { columnLetter, columnNumber, isBlankCell, type MergeRange, type RawCell, type RawSheet } from '../read/raw-workbook';
import type { HeaderLocation } from '../table/locate-header';

/**
 * Turns the rows below the headings into typed values, row by row, with every problem reported
 * where it is. The rules, in the order they apply to a row:
 * 1. A row with no values of its own is blank and skipped.
 * 2. A row that repeats the headings (a printed tracker repeats them on every page) is skipped.
 * 3. A row with text in one cell only is a section title ("Priority 1: Practice") when that cell
 *    is merged across columns, starts with a section word (Priority, Workstream, Key outcome,
 *    Outcome, Theme, Strand, Objective, Section, Domain, Area), or is not in the action or
 *    description column. It gives its text as the workstream of the rows below it (up to the next
 *    section title) that have none of their own, when it starts with a section word or the file
 *    has no workstream column; otherwise it is reported as a note and skipped.
 * 4. Any other row is an action. A cell merged down over several rows gives its value to each
 *    of them. A blank finding or workstream cell below one with a value takes that value (one
 *    finding, several actions), unless fillDownBlankGroups is off; both are reported.
 */
export interface InterpretOptions {
  statusWords: Readonly<Record<string, ActionStatus>>;
  dates: DateContext;
  fillDownBlankGroups: boolean;
}

export interface InterpretedRows {
  rows: ImportRow[];
  skippedRows: SkippedRow[];
  sections: SectionTitle[];
  issues: ImportIssue[];
  hiddenRows: number[];
}

const SECTION_WORDS =
  /^(?:key\s+|strategic\s+|improvement\s+)?(?:priority|priorities|workstream|work\s+stream|outcome|theme|strand|objective|section|domain|area|quality\s+statement)\b/i;
/** A lone short code in a row ("1.4", "A2.3") is an action with nothing filled in, not a section. */
const LONE_REFERENCE = /^[A-Za-z]{0,4}\s?\d+(?:\.\d+)*[a-z]?$/;

interface FieldCells {
  cells: RawCell[];
  columns: number[];
  filledFrom?: { row: number; how: 'merged_cell' | 'row_above' | 'section_title' };
}

export function interpretRows(sheet: RawSheet, header: HeaderLocation, mapping: ColumnMapping, options: InterpretOptions): InterpretedRows {
  return new RowInterpreter(sheet, header, mapping, options).run();
}

class RowInterpreter {
  private readonly issues: ImportIssue[] = [];
  private readonly rows: ImportRow[] = [];
  private readonly skippedRows: SkippedRow[] = [];
  private readonly sections: SectionTitle[] = [];
  private readonly hiddenRows: number[] = [];
  private readonly byField = new Map<ImportField, number[]>();
  private readonly fieldOfColumn = new Map<number, ImportField>();
  private readonly headerOf = new Map<number, string>();
  private readonly sourceColumns: Readonly<Partial<Record<ImportField, readonly string[]>>>;
  /** For each cell covered by a merged range spanning several rows (but not its top-left cell): that range. */
  private readonly mergedDown = new Map<string, MergeRange>();
  private readonly mergesUsed = new Map<MergeRange, Set<ImportField>>();
  private readonly blankFills: Array<{ field: ImportField; from: number; rows: number[]; column: number; text: string }> = [];
  private lastGroupValue = new Map<ImportField, { cells: RawCell[]; columns: number[]; row: number }>();
  private currentSection: { title: SectionTitle; sets: boolean } | null = null;
  private readonly dateStats = new Map<ImportField, { ambiguous: Array<{ row: number; raw: string; date: CalendarDate }>; monthFirst: number[] }>();
  private riskyFormulasElsewhere: string[] = [];
  private rowIssues = { errors: 0, warnings: 0 };
  private currentRow = 0;
  /** Each heading's label, normalised, by column number (for spotting repeated heading rows). */
  private readonly headingWords: Array<string | undefined> = [];

  constructor(
    private readonly sheet: RawSheet,
    private readonly header: HeaderLocation,
    mapping: ColumnMapping,
    private readonly options: InterpretOptions,
  ) {
    for (const [field, letters] of columnsByField(mapping)) {
      const numbers = letters.map(columnNumber).filter((n) => Number.isFinite(n));
      this.byField.set(field, numbers);
      for (const n of numbers) this.fieldOfColumn.set(n, field);
    }
    for (const column of mapping.columns) this.headerOf.set(columnNumber(column.column), column.header);
    header.columns.forEach((column, i) => {
      if (column.label !== '') this.headingWords[i + 1] = normaliseWords(column.label);
    });
    const source: Partial<Record<ImportField, readonly string[]>> = {};
    for (const [field, numbers] of this.byField) source[field] = Object.freeze(numbers.map(columnLetter));
    this.sourceColumns = Object.freeze(source);
    for (const merge of sheet.merges) {
      if (merge.bottom === merge.top || merge.top <= header.rowNumber) continue;
      for (let r = merge.top; r <= merge.bottom; r++) {
        for (let c = merge.left; c <= merge.right; c++) if (r !== merge.top || c !== merge.left) this.mergedDown.set(`${r}:${c}`, merge);
      }
    }
  }

  run(): InterpretedRows {
    for (let r = this.header.rowNumber + 1; r <= this.sheet.rowCount; r++) this.readRow(r);
    this.closeSection();
    this.checkDuplicateReferences();
    this.reportSheetFacts();
    return { rows: this.rows, skippedRows: this.skippedRows, sections: this.sections, issues: this.issues, hiddenRows: this.hiddenRows };
  }

  // ------------------------------------------------------------------------------------------
  // Row kinds.

  private readRow(r: number): void {
    const raw = this.sheet.rows[r];
    const own: Array<{ column: number; cell: RawCell }> = [];
    raw?.cells.forEach((cell, column) => {
      if (cell && !isBlankCell(cell)) own.push({ column, cell });
    });
    if (own.length === 0) {
      this.skippedRows.push({ row: r, kind: 'blank' });
      return;
    }
    if (raw?.hidden) this.hiddenRows.push(r);
    if (this.isRepeatedHeader(own)) {
      this.skippedRows.push({ row: r, kind: 'repeated_header' });
      this.issue('info', ImportIssueCode.RepeatedHeader, r, null, null, `${where(this.sheet.name, r, null)} repeats the column headings, so it was skipped.`);
      return;
    }
    if (this.isSectionTitle(r, own)) {
      this.startSection(r, own[0].cell.text.trim());
      return;
    }
    this.readAction(r, raw?.hidden ?? false);
  }

  private isRepeatedHeader(own: Array<{ column: number; cell: RawCell }>): boolean {
    let same = 0;
    for (const { column, cell } of own) {
      const heading = this.headingWords[column];
      // Cheap length test first: most cells are data, far longer or shorter than their heading.
      if (heading && Math.abs(cell.text.length - heading.length) <= 8 && normaliseWords(cell.text) === heading) same++;
    }
    return same >= 2 && same >= own.length * 0.6;
  }

  private isSectionTitle(r: number, own: Array<{ column: number; cell: RawCell }>): boolean {
    if (own.length !== 1) return false;
    const { column, cell } = own[0];
    const text = cell.text.trim();
    if (cell.kind !== 'text' || LONE_REFERENCE.test(text) || this.mergedDown.has(`${r}:${column}`)) return false;
    const field = this.fieldOfColumn.get(column);
    const mergedAcross = this.sheet.merges.some((m) => m.top === r && m.left === column && m.right > m.left);
    return mergedAcross || SECTION_WORDS.test(text) || (field !== 'actionTitle' && field !== 'description');
  }

  private startSection(r: number, text: string): void {
    this.closeSection();
    const sets = SECTION_WORDS.test(text) || !this.byField.has('workstream');
    const title: SectionTitle = { row: r, text, setsWorkstream: sets, rows: 0 };
    this.sections.push(title);
    this.skippedRows.push({ row: r, kind: sets ? 'section_title' : 'note', text });
    this.currentSection = { title, sets };
    // A new section starts new groups: a finding does not carry across a section title.
    this.lastGroupValue = new Map();
  }

  private closeSection(): void {
    const section = this.currentSection;
    if (!section) return;
    const { title, sets } = section;
    const at = where(this.sheet.name, title.row, null);
    if (!sets) {
      this.issue('info', ImportIssueCode.NoteRow, title.row, null, null, `${at} holds only the text ${quote(title.text)}: it was read as a note or heading and skipped.`);
    } else if (title.rows === 0) {
      this.issue('info', ImportIssueCode.SectionTitle, title.row, null, null, `${at} ${quote(title.text)} looks like a section title, but no actions follow it; it was skipped.`);
    } else {
      this.issue(
        'info',
        ImportIssueCode.SectionTitle,
        title.row,
        null,
        'workstream',
        `${at} ${quote(title.text)} is a section title: ${title.rows === 1 ? 'the action row below it was given it as its workstream' : `the ${title.rows} action rows below it were given it as their workstream`} (where they had none of their own).`,
      );
    }
    this.currentSection = null;
  }

  // ------------------------------------------------------------------------------------------
  // An action row.

  private readAction(r: number, hidden: boolean): void {
    this.currentRow = r;
    this.rowIssues = { errors: 0, warnings: 0 };
    const filledFrom: NonNullable<ImportRowSource['filledFrom']> = {};
    const get = (field: ImportField): FieldCells => {
      const found = this.cellsFor(r, field);
      if (found.filledFrom) filledFrom[field] = found.filledFrom;
      return found;
    };
    this.flagRiskyFormulasOutsideMapping(r);

    const values: ImportRowValues = {
      reference: null,
      finding: null,
      workstream: null,
      actionTitle: null,
      description: null,
      owner: null,
      partner: null,
      startDate: null,
      dueDate: null,
      status: null,
      rag: null,
      milestones: [],
      successMeasure: null,
      updates: [],
      latestUpdate: null,
      evidence: null,
    };

    values.reference = this.text(get('reference'), 'reference');
    const finding = this.text(get('finding'), 'finding');
    values.finding = finding ? splitLabel(finding) : null;
    const workstream = this.text(get('workstream'), 'workstream');
    if (workstream) values.workstream = { ...splitLabel(workstream), from: 'column' };
    else if (this.currentSection?.sets) {
      values.workstream = { ...splitLabel(this.currentSection.title.text), from: 'section_title' };
      filledFrom.workstream = { row: this.currentSection.title.row, how: 'section_title' };
    }
    values.actionTitle = this.text(get('actionTitle'), 'actionTitle');
    values.description = this.text(get('description'), 'description');
    const owner = this.text(get('owner'), 'owner');
    values.owner = owner ? parseOwner(owner) : null;
    values.partner = this.text(get('partner'), 'partner');
    values.startDate = this.date(get('startDate'), 'startDate');
    values.dueDate = this.date(get('dueDate'), 'dueDate');
    values.status = this.status(get('status'));
    const rag = get('rag');
    if (rag.cells.length > 0) {
      const text = rag.cells.map((c) => c.text.trim()).join(' ');
      values.rag = { raw: text, ...readRag(text, rag.cells[0].fill) };
    }
    values.milestones = this.milestones(get('milestones'));
    values.successMeasure = this.text(get('successMeasure'), 'successMeasure');
    values.updates = this.updates(get('latestUpdate'));
    values.latestUpdate = values.updates.length > 0 ? values.updates[values.updates.length - 1].text : null;
    const evidence = get('evidence');
    const evidenceText = this.text(evidence, 'evidence');
    const links = evidence.cells.map((c) => c.link).filter((l): l is string => Boolean(l));
    if (evidenceText || links.length > 0) values.evidence = { text: evidenceText ?? '', links };

    this.checkRow(r, values);
    const source: ImportRowSource = { sheet: this.sheet.name, row: r, columns: this.sourceColumns };
    if (Object.keys(filledFrom).length > 0) source.filledFrom = filledFrom;
    // A hidden row is warned about once for its run of hidden rows (reportSheetFacts), but counts as a row with a warning.
    if (hidden) source.hidden = true;
    this.rows.push({ source, values, errors: this.rowIssues.errors, warnings: this.rowIssues.warnings + (hidden ? 1 : 0) });
    if (this.currentSection) this.currentSection.title.rows++;
  }

  /** The cells of a field in this row: its own, a merged cell's from above, or (finding, workstream) the row above's. */
  private cellsFor(r: number, field: ImportField): FieldCells {
    const columns = this.byField.get(field) ?? [];
    const cells: RawCell[] = [];
    const used: number[] = [];
    let filledFrom: FieldCells['filledFrom'];
    for (const c of columns) {
      const own = this.sheet.rows[r]?.cells[c];
      // A formula with no saved value and a RAG colour painted without words count as something there.
      if (own && (!isBlankCell(own) || own.formula !== undefined || (field === 'rag' && own.fill !== undefined))) {
        cells.push(own);
        used.push(c);
        continue;
      }
      const merge = this.mergedDown.get(`${r}:${c}`);
      if (merge) {
        const master = this.sheet.rows[merge.top]?.cells[merge.left];
        if (master && !isBlankCell(master)) {
          cells.push(master);
          used.push(c);
          if (merge.top !== r) {
            filledFrom = { row: merge.top, how: 'merged_cell' };
            const fields = this.mergesUsed.get(merge) ?? new Set<ImportField>();
            fields.add(field);
            this.mergesUsed.set(merge, fields);
          }
        }
      }
    }
    if (cells.length > 0) {
      if (field === 'finding' || field === 'workstream') this.lastGroupValue.set(field, { cells, columns: used, row: filledFrom?.row ?? r });
      return { cells, columns: used, filledFrom };
    }
    if ((field === 'finding' || field === 'workstream') && this.options.fillDownBlankGroups && columns.length > 0) {
      const above = this.lastGroupValue.get(field);
      if (above) {
        this.noteBlankFill(field, above.row, r, above.columns[0], above.cells[0].text);
        return { cells: above.cells, columns: above.columns, filledFrom: { row: above.row, how: 'row_above' } };
      }
    }
    return { cells: [], columns: [] };
  }

  private noteBlankFill(field: ImportField, from: number, row: number, column: number, text: string): void {
    const run = this.blankFills.find((f) => f.field === field && f.from === from);
    if (run) run.rows.push(row);
    else this.blankFills.push({ field, from, rows: [row], column, text });
  }

  // ------------------------------------------------------------------------------------------
  // Values.

  /** The text of a field (several columns joined by a blank line), after the cell checks. */
  private text(found: FieldCells, field: ImportField): string | null {
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
    const r = this.currentRow;
    const at = (): string => this.at(r, column);
    const label = IMPORT_FIELD_LABELS[field];
    if (cell.formula?.risk && !filled) {
      this.issue(
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
        this.issue('warning', ImportIssueCode.FormulaWithoutValue, r, column, field, `${at()} holds a formula with no saved value (the file was saved without calculating), so it was read as empty. Open the file in Excel, save it, and import it again.`);
      }
      return false;
    }
    if (cell.kind === 'error') {
      if (!filled) this.issue('warning', ImportIssueCode.CellShowsError, r, column, field, `${at()} shows the Excel error ${cell.text}, so the ${label.toLowerCase()} was read as empty.`, cell.text);
      return false;
    }
    if (filled) return true;
    if (cell.truncatedFrom !== undefined) {
      this.issue('error', ImportIssueCode.CellTruncated, r, column, field, `${at()} holds ${cell.truncatedFrom.toLocaleString('en-GB')} characters, more than any cell we import; shorten it.`);
    }
    if (cell.cleaned) {
      this.issue('warning', ImportIssueCode.ControlCharactersRemoved, r, column, field, `${at()} contained invisible control characters (such as NUL); they were removed.`);
    }
    if (cell.kind === 'text' && looksLikeFormula(cell.text.trim())) {
      this.issue(
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

  private date(found: FieldCells, field: 'startDate' | 'dueDate'): DateValue | null {
    if (found.cells.length === 0) return null;
    const cell = found.cells[0];
    const column = found.columns[0];
    if (!this.checkCell(cell, column, field, found.filledFrom !== undefined)) return null;
    const reading = readDateCell(cell, this.options.dates);
    return this.dateValue(reading, cell.text.trim(), column, field, IMPORT_FIELD_LABELS[field]);
  }

  private dateValue(reading: DateReading, raw: string, column: number, field: ImportField, label: string): DateValue | null {
    const r = this.currentRow;
    const at = (): string => this.at(r, column);
    const stats = this.dateStats.get(field) ?? { ambiguous: [], monthFirst: [] };
    this.dateStats.set(field, stats);
    switch (reading.kind) {
      case 'empty':
        return null;
      case 'date':
        if (reading.dayMonthAmbiguous) stats.ambiguous.push({ row: r, raw, date: reading.date });
        return { raw, date: reading.date, suggestion: null, rule: null };
      case 'suggestion':
        this.issue(
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
        this.issue(
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
        this.issue(
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

  private status(found: FieldCells): ImportRowValues['status'] {
    if (found.cells.length === 0) return null;
    const cell = found.cells[0];
    const column = found.columns[0];
    if (!this.checkCell(cell, column, 'status', found.filledFrom !== undefined)) return null;
    const raw = cell.text.trim();
    const reading = readStatus(raw, this.options.statusWords);
    const r = this.currentRow;
    const at = (): string => this.at(r, column);
    const known = Object.values(STATUS_LABELS).join(', ');
    switch (reading.kind) {
      case 'empty':
        return null;
      case 'status':
        if (reading.matched === 'leading_words') {
          this.issue(
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
        this.issue(
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
        this.issue(
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

  private milestones(found: FieldCells): ParsedMilestoneValue[] {
    const out: ParsedMilestoneValue[] = [];
    found.cells.forEach((cell, i) => {
      const column = found.columns[i];
      if (!this.checkCell(cell, column, 'milestones', found.filledFrom !== undefined)) return;
      for (const item of parseMilestones(cell.text, this.options.dates)) {
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
          this.issue(
            'warning',
            ImportIssueCode.MilestoneWithoutDate,
            this.currentRow,
            column,
            'milestones',
            `${this.at(this.currentRow, column)}: the milestone ${quote(item.title)} ${why}.${suggestion ? ` We suggest ${formatLongDate(suggestion)}, ${rule}.` : ' Give it a due date; every milestone needs one.'}`,
            item.raw,
            suggestion ?? undefined,
          );
        }
        out.push({ raw: item.raw, title: item.title, dueDate: item.dueDate, completed: item.completed, suggestion, rule });
      }
    });
    return out;
  }

  private updates(found: FieldCells): UpdateText[] {
    const out: UpdateText[] = [];
    found.cells.forEach((cell, i) => {
      const column = found.columns[i];
      if (!this.checkCell(cell, column, 'latestUpdate', found.filledFrom !== undefined)) return;
      const text = cell.text.trim();
      if (text !== '') out.push({ label: this.headerOf.get(column) ?? columnLetter(column), column: columnLetter(column), text });
    });
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Row checks.

  private checkRow(r: number, values: ImportRowValues): void {
    const at = (): string => where(this.sheet.name, r, null);
    const col = (field: ImportField): number | null => this.byField.get(field)?.[0] ?? null;

    if (!values.actionTitle && values.description) {
      const title = shorten(values.description, FIELD_MAX_CHARS.actionTitle ?? 300);
      values.actionTitle = title;
      this.issue('warning', ImportIssueCode.TitleFromDescription, r, col('description'), 'actionTitle', `${at()} has no action title, so the start of its description was used: ${quote(title)}.`);
    } else if (values.actionTitle && values.actionTitle.length > (FIELD_MAX_CHARS.actionTitle ?? 300)) {
      const full = values.actionTitle;
      values.actionTitle = shorten(full, FIELD_MAX_CHARS.actionTitle ?? 300);
      values.description = values.description ? `${full}\n\n${values.description}` : full;
      this.issue(
        'warning',
        ImportIssueCode.TitleShortened,
        r,
        col('actionTitle'),
        'actionTitle',
        `${this.at(r, col('actionTitle'))}: the action is ${full.length.toLocaleString('en-GB')} characters, longer than an action title can be (${FIELD_MAX_CHARS.actionTitle}). Its first sentence became the title, and the whole text was kept as the description.`,
      );
    }
    if (!values.actionTitle) {
      this.issue('error', ImportIssueCode.MissingAction, r, col('actionTitle'), 'actionTitle', `${at()} has no action: ${this.columnWords('actionTitle')} is empty.`);
    }
    for (const field of ['reference', 'workstream', 'partner', 'description', 'successMeasure'] as const) {
      const value = field === 'workstream' ? (values.workstream?.from === 'column' ? values.workstream.text : null) : values[field];
      const max = FIELD_MAX_CHARS[field];
      if (value && max && value.length > max) {
        this.issue(
          'error',
          ImportIssueCode.TextTooLong,
          r,
          col(field),
          field,
          `${this.at(r, col(field))}: the ${IMPORT_FIELD_LABELS[field].toLowerCase()} is ${value.length.toLocaleString('en-GB')} characters; the most it can be is ${max.toLocaleString('en-GB')}.`,
        );
      }
    }
    if (values.dueDate === null) {
      this.issue('error', ImportIssueCode.MissingDueDate, r, col('dueDate'), 'dueDate', `${at()} has no due date: ${this.columnWords('dueDate')} is empty, and every action needs one.`);
    }
    const start = values.startDate?.date;
    const due = values.dueDate?.date;
    if (start && due && compareDates(start, due) > 0) {
      this.issue(
        'warning',
        ImportIssueCode.StartAfterDue,
        r,
        col('startDate'),
        'startDate',
        `${at()}: the start date ${formatLongDate(start)} is after the due date ${formatLongDate(due)}.`,
      );
    }
    if (!values.reference) {
      this.issue(
        'warning',
        ImportIssueCode.MissingReference,
        r,
        col('reference'),
        'reference',
        `${at()} has no reference${this.byField.has('reference') ? '' : ' (no column is mapped to Reference)'}. A reference will be given to it, but importing the file again matches rows by reference, so give every action one.`,
      );
    }
    if (!values.owner) {
      this.issue('warning', ImportIssueCode.MissingOwner, r, col('owner'), 'owner', `${at()} has no owner: ${this.columnWords('owner')} is empty. Choose one in the preview or leave it for the board to assign.`);
    } else if (!values.owner.name && !values.owner.email && !values.owner.role) {
      this.issue(
        'warning',
        ImportIssueCode.MissingOwner,
        r,
        col('owner'),
        'owner',
        `${this.at(r, col('owner'))} names no one yet (${quote(values.owner.raw)}). Choose an owner in the preview or leave it for the board to assign.`,
        values.owner.raw,
      );
    } else if (values.owner.others.length > 0) {
      this.issue(
        'warning',
        ImportIssueCode.OwnerSeveral,
        r,
        col('owner'),
        'owner',
        `${this.at(r, col('owner'))} names several people: ${quote(values.owner.raw)}. An action has one owner, so the first (${quote(values.owner.name ?? values.owner.role ?? values.owner.email ?? values.owner.raw)}) was taken; the others are kept in the owner's text.`,
        values.owner.raw,
      );
    }
  }

  private checkDuplicateReferences(): void {
    const first = new Map<string, ImportRow>();
    const column = this.byField.get('reference')?.[0] ?? null;
    for (const row of this.rows) {
      const reference = row.values.reference;
      if (!reference) continue;
      const key = normaliseWords(reference) || reference;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, row);
        continue;
      }
      row.errors++;
      this.issues.push({
        severity: 'error',
        code: ImportIssueCode.DuplicateReference,
        sheet: this.sheet.name,
        row: row.source.row,
        column: column === null ? null : columnLetter(column),
        field: 'reference',
        value: reference,
        message: `${this.at(row.source.row, column)}: the reference ${quote(reference)} is also used in row ${earlier.source.row}. References must be unique: importing the file again matches rows by them.`,
      });
    }
  }

  // ------------------------------------------------------------------------------------------
  // Facts about the whole sheet, reported once.

  private reportSheetFacts(): void {
    const name = this.sheet.name;
    for (const [merge, fields] of this.mergesUsed) {
      const text = this.sheet.rows[merge.top]?.cells[merge.left]?.text ?? '';
      const range = `${columnLetter(merge.left)}${merge.top}:${columnLetter(merge.right)}${merge.bottom}`;
      const labels = [...fields].map((f) => IMPORT_FIELD_LABELS[f].toLowerCase()).join(', ');
      this.issue(
        'info',
        ImportIssueCode.MergedCellFilledDown,
        merge.top,
        merge.left,
        [...fields][0],
        `${where(name, null, null)} cells ${range} are merged (${quote(text)}): the ${labels} was used for each of ${rowSpan(merge.top, merge.bottom)}.`,
      );
    }
    for (const fill of this.blankFills) {
      const first = fill.rows[0];
      const last = fill.rows[fill.rows.length - 1];
      const span = fill.rows.length === last - first + 1 ? rowSpan(first, last) : `rows ${fill.rows.join(', ')}`;
      this.issue(
        'info',
        ImportIssueCode.BlankFilledDown,
        first,
        fill.column,
        fill.field,
        `${where(name, null, `${columnLetter(fill.column)}`, this.headerOf.get(fill.column))}: ${span} had no ${IMPORT_FIELD_LABELS[fill.field].toLowerCase()}, so the one in row ${fill.from} (${quote(fill.text)}) was used for ${fill.rows.length === 1 ? 'it' : 'them'}.`,
      );
    }
    for (const run of runs(this.hiddenRows)) {
      this.issue(
        'warning',
        ImportIssueCode.RowsHidden,
        run[0],
        null,
        null,
        `${where(name, null, null)} ${rowSpan(run[0], run[run.length - 1])} ${run.length === 1 ? 'is' : 'are'} hidden in the workbook. ${run.length === 1 ? 'It was' : 'They were'} read like the others; delete ${run.length === 1 ? 'it' : 'them'} from the file if ${run.length === 1 ? 'it is' : 'they are'} not part of the plan.`,
      );
    }
    for (const [field, stats] of this.dateStats) {
      const column = this.byField.get(field)?.[0] ?? null;
      const label = column === null ? '' : this.at(null, column);
      if (stats.ambiguous.length === 0) continue;
      const n = stats.ambiguous.length;
      const example = stats.ambiguous[0];
      const rows = stats.ambiguous.slice(0, 5).map((a) => a.row);
      const listed = `${n === 1 ? 'row' : 'rows'} ${rows.join(', ')}${n > 5 ? ', ...' : ''}`;
      const either = `${n} date${n === 1 ? '' : 's'} could be read either way (${listed}; ${quote(example.raw)} was read as ${formatLongDate(example.date)})`;
      if (stats.monthFirst.length > 0) {
        this.issue(
          'warning',
          ImportIssueCode.DatesLookMonthFirst,
          null,
          column,
          field,
          `${label}: some dates can only be read month first (row ${stats.monthFirst[0]}), so this column may be written month first. Dates are always read day first: ${either}. Check them.`,
        );
      } else {
        this.issue('info', ImportIssueCode.DatesReadDayFirst, null, column, field, `${label}: dates are always read day first: ${either}.`);
      }
    }
    if (this.riskyFormulasElsewhere.length > 0) {
      const cells = this.riskyFormulasElsewhere;
      this.issue(
        'info',
        ImportIssueCode.RiskyFormulasNotImported,
        null,
        null,
        null,
        `${where(name, null, null)}: ${cells.length} cell${cells.length === 1 ? '' : 's'} in columns that are not imported hold${cells.length === 1 ? 's' : ''} formulas that reach outside the workbook (${cells.slice(0, 5).join(', ')}${cells.length > 5 ? ', ...' : ''}). They were not imported, and no formula was run.`,
      );
    }
  }

  private flagRiskyFormulasOutsideMapping(r: number): void {
    this.sheet.rows[r]?.cells.forEach((cell, column) => {
      if (cell?.formula?.risk && !this.fieldOfColumn.has(column)) this.riskyFormulasElsewhere.push(`${columnLetter(column)}${r}`);
    });
  }

  // ------------------------------------------------------------------------------------------
  // Helpers.

  private at(row: number | null, column: number | null): string {
    return where(this.sheet.name, row, column === null ? null : columnLetter(column), column === null ? null : this.headerOf.get(column) || null);
  }

  private columnWords(field: ImportField): string {
    const column = this.byField.get(field)?.[0];
    if (column === undefined) return `no column is mapped to ${IMPORT_FIELD_LABELS[field]}, so it`;
    const header = this.headerOf.get(column);
    return `column ${columnLetter(column)}${header ? ` (${header})` : ''}`;
  }

  private issue(
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

const RISK_WORDS: Record<NonNullable<NonNullable<RawCell['formula']>['risk']>, string> = {
  hyperlink: 'makes a link',
  web: 'fetches from the internet',
  dde: 'would start another program (a DDE link)',
  external_reference: 'reads another file',
  macro: 'calls macro code',
};

/** The first sentence if it fits, else the text cut at a word before the limit, with an ellipsis. */
function shorten(text: string, max: number): string {
  const firstLine = text.split('\n')[0].trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(firstLine)?.[1] ?? firstLine;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}\u2026`;
}

/** [3,4,5,9,10] -> [[3,4,5],[9,10]] */
function runs(numbers: number[]): number[][] {
  const out: number[][] = [];
  for (const n of numbers) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === n - 1) last.push(n);
    else out.push([n]);
  }
  return out;
}
