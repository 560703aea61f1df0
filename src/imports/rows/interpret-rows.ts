import { splitLabel } from '../cells/labelled-text';
import { normaliseWords } from '../cells/normalise-words';
import { parseOwner } from '../cells/owner';
import { readRag } from '../cells/rag-words';
import type { ImportField } from '../import-fields';
import { ImportIssueCode, quote, where, type ImportIssue } from '../import-issues';
import type { ImportRow, ImportRowSource, ImportRowValues, SectionTitle, SkippedRow } from '../import-result';
import type { ColumnMapping } from '../mapping/column-mapping';
import { columnLetter, isBlankCell, type MergeRange, type RawCell, type RawSheet } from '../read/raw-workbook';
import type { HeaderLocation } from '../table/locate-header';
import { FieldValueReader } from './field-values';
import { checkDuplicateReferences, checkRow } from './row-checks';
import { SheetContext, type FieldCells, type InterpretOptions } from './sheet-context';
import { reportSheetFacts, type BlankFill } from './sheet-facts';

export type { InterpretOptions } from './sheet-context';

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

export function interpretRows(sheet: RawSheet, header: HeaderLocation, mapping: ColumnMapping, options: InterpretOptions): InterpretedRows {
  return new RowInterpreter(sheet, header, mapping, options).run();
}

class RowInterpreter {
  private readonly ctx: SheetContext;
  private readonly read: FieldValueReader;
  private readonly rows: ImportRow[] = [];
  private readonly skippedRows: SkippedRow[] = [];
  private readonly sections: SectionTitle[] = [];
  private readonly hiddenRows: number[] = [];
  private readonly sourceColumns: Readonly<Partial<Record<ImportField, readonly string[]>>>;
  /** For each cell covered by a merged range spanning several rows (but not its top-left cell): that range. */
  private readonly mergedDown = new Map<string, MergeRange>();
  private readonly mergesUsed = new Map<MergeRange, Set<ImportField>>();
  private readonly blankFills: BlankFill[] = [];
  private lastGroupValue = new Map<ImportField, { cells: RawCell[]; columns: number[]; row: number }>();
  private currentSection: { title: SectionTitle; sets: boolean } | null = null;
  private riskyFormulasElsewhere: string[] = [];
  /** Each heading's label, normalised, by column number (for spotting repeated heading rows). */
  private readonly headingWords: Array<string | undefined> = [];

  constructor(
    private readonly sheet: RawSheet,
    private readonly header: HeaderLocation,
    mapping: ColumnMapping,
    private readonly options: InterpretOptions,
  ) {
    this.ctx = new SheetContext(sheet, mapping, options);
    this.read = new FieldValueReader(this.ctx);
    header.columns.forEach((column, i) => {
      if (column.label !== '') this.headingWords[i + 1] = normaliseWords(column.label);
    });
    const source: Partial<Record<ImportField, readonly string[]>> = {};
    for (const [field, numbers] of this.ctx.byField) source[field] = Object.freeze(numbers.map(columnLetter));
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
    checkDuplicateReferences(this.ctx, this.rows);
    reportSheetFacts(this.ctx, {
      mergesUsed: this.mergesUsed,
      blankFills: this.blankFills,
      hiddenRows: this.hiddenRows,
      riskyFormulasElsewhere: this.riskyFormulasElsewhere,
    });
    return { rows: this.rows, skippedRows: this.skippedRows, sections: this.sections, issues: this.ctx.issues, hiddenRows: this.hiddenRows };
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
      this.ctx.issue('info', ImportIssueCode.RepeatedHeader, r, null, null, `${where(this.sheet.name, r, null)} repeats the column headings, so it was skipped.`);
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
    const field = this.ctx.fieldOfColumn.get(column);
    const mergedAcross = this.sheet.merges.some((m) => m.top === r && m.left === column && m.right > m.left);
    return mergedAcross || SECTION_WORDS.test(text) || (field !== 'actionTitle' && field !== 'description');
  }

  private startSection(r: number, text: string): void {
    this.closeSection();
    const sets = SECTION_WORDS.test(text) || !this.ctx.byField.has('workstream');
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
      this.ctx.issue('info', ImportIssueCode.NoteRow, title.row, null, null, `${at} holds only the text ${quote(title.text)}: it was read as a note or heading and skipped.`);
    } else if (title.rows === 0) {
      this.ctx.issue('info', ImportIssueCode.SectionTitle, title.row, null, null, `${at} ${quote(title.text)} looks like a section title, but no actions follow it; it was skipped.`);
    } else {
      this.ctx.issue(
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
    this.ctx.currentRow = r;
    this.ctx.rowIssues = { errors: 0, warnings: 0 };
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

    values.reference = this.read.text(get('reference'), 'reference');
    const finding = this.read.text(get('finding'), 'finding');
    values.finding = finding ? splitLabel(finding) : null;
    const workstream = this.read.text(get('workstream'), 'workstream');
    if (workstream) values.workstream = { ...splitLabel(workstream), from: 'column' };
    else if (this.currentSection?.sets) {
      values.workstream = { ...splitLabel(this.currentSection.title.text), from: 'section_title' };
      filledFrom.workstream = { row: this.currentSection.title.row, how: 'section_title' };
    }
    values.actionTitle = this.read.text(get('actionTitle'), 'actionTitle');
    values.description = this.read.text(get('description'), 'description');
    const owner = this.read.text(get('owner'), 'owner');
    values.owner = owner ? parseOwner(owner) : null;
    values.partner = this.read.text(get('partner'), 'partner');
    values.startDate = this.read.date(get('startDate'), 'startDate');
    values.dueDate = this.read.date(get('dueDate'), 'dueDate');
    values.status = this.read.status(get('status'));
    const rag = get('rag');
    if (rag.cells.length > 0) {
      const text = rag.cells.map((c) => c.text.trim()).join(' ');
      values.rag = { raw: text, ...readRag(text, rag.cells[0].fill) };
    }
    values.milestones = this.read.milestones(get('milestones'));
    values.successMeasure = this.read.text(get('successMeasure'), 'successMeasure');
    values.updates = this.read.updates(get('latestUpdate'));
    values.latestUpdate = values.updates.length > 0 ? values.updates[values.updates.length - 1].text : null;
    const evidence = get('evidence');
    const evidenceText = this.read.text(evidence, 'evidence');
    const links = evidence.cells.map((c) => c.link).filter((l): l is string => Boolean(l));
    if (evidenceText || links.length > 0) values.evidence = { text: evidenceText ?? '', links };

    checkRow(this.ctx, r, values);
    const source: ImportRowSource = { sheet: this.sheet.name, row: r, columns: this.sourceColumns };
    if (Object.keys(filledFrom).length > 0) source.filledFrom = filledFrom;
    // A hidden row is warned about once for its run of hidden rows (reportSheetFacts), but counts as a row with a warning.
    if (hidden) source.hidden = true;
    this.rows.push({ source, values, errors: this.ctx.rowIssues.errors, warnings: this.ctx.rowIssues.warnings + (hidden ? 1 : 0) });
    if (this.currentSection) this.currentSection.title.rows++;
  }

  /** The cells of a field in this row: its own, a merged cell's from above, or (finding, workstream) the row above's. */
  private cellsFor(r: number, field: ImportField): FieldCells {
    const columns = this.ctx.byField.get(field) ?? [];
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

  /** Noted for the sheet facts: formulas that reach outside the workbook in columns that are not imported. */
  private flagRiskyFormulasOutsideMapping(r: number): void {
    this.sheet.rows[r]?.cells.forEach((cell, column) => {
      if (cell?.formula?.risk && !this.ctx.fieldOfColumn.has(column)) this.riskyFormulasElsewhere.push(`${columnLetter(column)}${r}`);
    });
  }
}
