import { ImportIssueCode, type ImportIssue } from '../import-issues';
import { statusTable } from '../cells/status-words';
import { suggestMapping } from '../mapping/column-mapping';
import type { RawCell } from '../read/raw-workbook';
import { locateHeader } from '../table/locate-header';
import { sheetOf, type GridCell, type SheetOptions } from '../testing/raw-sheet.testing';
import { interpretRows, type InterpretOptions } from './interpret-rows';

const HEADER = ['Ref', 'Area for improvement', 'Action', 'Lead officer', 'Target date', 'Status', 'Update Q1', 'Update Q2'];
const OPTIONS: InterpretOptions = { statusWords: statusTable(), dates: { today: '2026-01-15' }, fillDownBlankGroups: true };

function run(grid: GridCell[][], sheetOptions: SheetOptions = {}, options: Partial<InterpretOptions> = {}, header: GridCell[] = HEADER) {
  const sheet = sheetOf([header, ...grid], { name: 'Action plan', ...sheetOptions });
  const location = locateHeader(sheet, 20)!;
  const mapping = suggestMapping(location.columns);
  return interpretRows(sheet, location, mapping, { ...OPTIONS, ...options });
}

const codes = (issues: ImportIssue[]) => issues.map((i) => [i.code, i.row, i.column]);
const full = (ref: string, extra: GridCell[] = []): GridCell[] => [ref, 'Finding', `Action ${ref}`, 'Ann Lee', '31/03/2026', 'On track', ...extra];

describe('interpretRows: kinds of row', () => {
  it('reads an action row into typed values with its source', () => {
    const { rows, issues } = run([['1.1', 'Oversight is weak', 'Review the form', 'Ann Lee <ann.lee@council.example>', '31/03/2026', 'On track', 'Started', 'Half done']]);
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({
      source: {
        sheet: 'Action plan',
        row: 2,
        columns: { reference: ['A'], finding: ['B'], actionTitle: ['C'], owner: ['D'], dueDate: ['E'], status: ['F'], latestUpdate: ['G', 'H'] },
      },
      values: {
        reference: '1.1',
        finding: { text: 'Oversight is weak', code: null, title: 'Oversight is weak' },
        workstream: null,
        actionTitle: 'Review the form',
        description: null,
        owner: { raw: 'Ann Lee <ann.lee@council.example>', name: 'Ann Lee', email: 'ann.lee@council.example', role: null, others: [] },
        partner: null,
        startDate: null,
        dueDate: { raw: '31/03/2026', date: '2026-03-31', suggestion: null, rule: null },
        status: { raw: 'On track', status: 'in_progress' },
        rag: null,
        milestones: [],
        successMeasure: null,
        updates: [
          { label: 'Update Q1', column: 'G', text: 'Started' },
          { label: 'Update Q2', column: 'H', text: 'Half done' },
        ],
        latestUpdate: 'Half done',
        evidence: null,
      },
      errors: 0,
      warnings: 0,
    });
  });

  it('skips blank rows and repeated headings', () => {
    const { rows, skippedRows, issues } = run([full('1.1'), [], HEADER, full('1.2')]);
    expect(rows.map((r) => r.source.row)).toEqual([2, 5]);
    expect(skippedRows).toEqual([
      { row: 3, kind: 'blank' },
      { row: 4, kind: 'repeated_header' },
    ]);
    expect(codes(issues)).toEqual([[ImportIssueCode.RepeatedHeader, 4, null]]);
  });

  it.each<[string, GridCell[], SheetOptions, boolean]>([
    ['merged across the table', ['Practice'], { merges: ['A2:H2'] }, true],
    ['starting with a section word', ['Priority 1: Practice'], {}, true],
    ['starting with "Key outcome"', [null, 'Key outcome 2 - Empowered professionals'], {}, true],
    ['a lone text outside the action column, with no workstream column', ['Practice'], {}, true],
  ])('a section title %s sets the workstream of the rows below it', (_label, title, sheetOptions, sets) => {
    const { rows, sections, skippedRows, issues } = run([title, full('1.1'), full('1.2')], sheetOptions);
    const text = title.find((t) => t) as string;
    expect(sections).toEqual([{ row: 2, text, setsWorkstream: sets, rows: 2 }]);
    expect(skippedRows).toEqual([{ row: 2, kind: 'section_title', text }]);
    expect(rows.map((r) => r.values.workstream?.text)).toEqual([text, text]);
    expect(rows[0].values.workstream?.from).toBe('section_title');
    expect(rows[0].source.filledFrom).toEqual({ workstream: { row: 2, how: 'section_title' } });
    expect(issues.find((i) => i.code === ImportIssueCode.SectionTitle)?.message).toBe(
      `'Action plan', row 2 '${text}' is a section title: the 2 action rows below it were given it as their workstream (where they had none of their own).`,
    );
  });

  it('reads a lone note as a note when the file has a workstream column', () => {
    const header = ['Ref', 'Workstream', 'Action', 'Lead officer', 'Target date'];
    const { rows, skippedRows, issues } = run([['Actions added after the monitoring visit'], ['1.1', 'Practice', 'Review', 'Ann Lee', '31/03/2026']], {}, {}, header);
    expect(skippedRows).toEqual([{ row: 2, kind: 'note', text: 'Actions added after the monitoring visit' }]);
    expect(rows[0].values.workstream).toEqual({ text: 'Practice', code: null, title: 'Practice', from: 'column' });
    expect(codes(issues)).toEqual([[ImportIssueCode.NoteRow, 2, null]]);
  });

  it('keeps a row with only a reference as an action (with errors), not a section', () => {
    const { rows, issues } = run([['1.4']]);
    expect(rows).toHaveLength(1);
    expect(codes(issues.filter((i) => i.severity === 'error'))).toEqual([
      [ImportIssueCode.MissingAction, 2, 'C'],
      [ImportIssueCode.MissingDueDate, 2, 'E'],
    ]);
    expect(rows[0].errors).toBe(2);
  });

  it('keeps a lone action title as an action', () => {
    const { rows } = run([[null, null, 'Review the guidance']]);
    expect(rows[0].values.actionTitle).toBe('Review the guidance');
  });
});

describe('interpretRows: merged and blank cells', () => {
  it('gives a cell merged down over several rows to each of them, and says so', () => {
    const { rows, issues } = run([full('1.1'), [null, null, ...full('1.2').slice(2)], [null, null, ...full('1.3').slice(2)]].map((r, i) => (i === 0 ? r : ['1.' + (i + 1), ...r.slice(1)])), {
      merges: ['B2:B4'],
    });
    expect(rows.map((r) => r.values.finding?.text)).toEqual(['Finding', 'Finding', 'Finding']);
    expect(rows[1].source.filledFrom).toEqual({ finding: { row: 2, how: 'merged_cell' } });
    expect(issues.map((i) => i.message)).toEqual([
      "'Action plan' cells B2:B4 are merged ('Finding'): the finding (area for improvement) was used for each of rows 2 to 4.",
    ]);
  });

  it('gives a blank finding the one above it, and says so; not when switched off', () => {
    const grid = [full('1.1'), ['1.2', null, 'Action 1.2', 'Ann Lee', '31/03/2026', 'On track'], ['1.3', 'Another finding', 'Action 1.3', 'Ann Lee', '31/03/2026']];
    const on = run(grid);
    expect(on.rows.map((r) => r.values.finding?.text)).toEqual(['Finding', 'Finding', 'Another finding']);
    expect(on.rows[1].source.filledFrom).toEqual({ finding: { row: 2, how: 'row_above' } });
    expect(on.issues.find((i) => i.code === ImportIssueCode.BlankFilledDown)?.message).toBe(
      "'Action plan', column B (Area for improvement): row 3 had no finding (area for improvement), so the one in row 2 ('Finding') was used for it.",
    );
    const off = run(grid, {}, { fillDownBlankGroups: false });
    expect(off.rows.map((r) => r.values.finding?.text ?? null)).toEqual(['Finding', null, 'Another finding']);
  });

  it('does not carry a finding across a section title', () => {
    const { rows } = run([full('1.1'), ['Priority 2: Governance'], ['2.1', null, 'Action 2.1', 'Ann Lee', '31/03/2026']]);
    expect(rows[1].values.finding).toBeNull();
  });

  it('reads hidden rows and warns about them, one warning a run', () => {
    const { rows, issues } = run([full('1.1'), full('1.2'), full('1.3'), full('1.4')], { hiddenRows: [3, 4] });
    expect(rows.map((r) => r.source.hidden ?? false)).toEqual([false, true, true, false]);
    expect(issues.map((i) => [i.code, i.severity, i.message])).toEqual([
      [
        ImportIssueCode.RowsHidden,
        'warning',
        "'Action plan' rows 3 to 4 are hidden in the workbook. They were read like the others; delete them from the file if they are not part of the plan.",
      ],
    ]);
  });
});

describe('interpretRows: problems in a row, with sheet, row and column', () => {
  it.each<[string, GridCell[], Array<[ImportIssueCode, string, string | null]>]>([
    ['a suggested date', ['1.1', 'F', 'A', 'Ann Lee', 'Summer 2026', 'On track'], [[ImportIssueCode.DateSuggested, 'warning', 'E']]],
    ['text with no date', ['1.1', 'F', 'A', 'Ann Lee', 'Ongoing', 'On track'], [[ImportIssueCode.DateNotADate, 'warning', 'E']]],
    ['an impossible date', ['1.1', 'F', 'A', 'Ann Lee', '31/02/2026', 'On track'], [[ImportIssueCode.DateInvalid, 'warning', 'E']]],
    ['no due date', ['1.1', 'F', 'A', 'Ann Lee', null, 'On track'], [[ImportIssueCode.MissingDueDate, 'error', 'E']]],
    ['an unknown status', ['1.1', 'F', 'A', 'Ann Lee', '31/03/2026', 'Awaiting sign-off'], [[ImportIssueCode.StatusUnknown, 'error', 'F']]],
    ['a RAG word as status', ['1.1', 'F', 'A', 'Ann Lee', '31/03/2026', 'Green'], [[ImportIssueCode.StatusIsRag, 'error', 'F']]],
    ['a status read from its leading words', ['1.1', 'F', 'A', 'Ann Lee', '31/03/2026', 'Complete - awaiting board approval'], [[ImportIssueCode.StatusFromLeadingWords, 'warning', 'F']]],
    ['no owner', ['1.1', 'F', 'A', null, '31/03/2026', 'On track'], [[ImportIssueCode.MissingOwner, 'warning', 'D']]],
    ['an owner named TBC', ['1.1', 'F', 'A', 'TBC', '31/03/2026', 'On track'], [[ImportIssueCode.MissingOwner, 'warning', 'D']]],
    ['several owners', ['1.1', 'F', 'A', 'Ann Lee / Tom Hale', '31/03/2026', 'On track'], [[ImportIssueCode.OwnerSeveral, 'warning', 'D']]],
    ['no reference', [null, 'F', 'A', 'Ann Lee', '31/03/2026', 'On track'], [[ImportIssueCode.MissingReference, 'warning', 'A']]],
    ['a formula-like text', ['1.1', 'F', '=HYPERLINK("http://x","click")', 'Ann Lee', '31/03/2026', 'On track'], [[ImportIssueCode.FormulaLikeText, 'warning', 'C']]],
    ['a DDE payload as text', ['1.1', 'F', 'A', 'Ann Lee', '31/03/2026', 'On track', "-cmd|' /C calc'!A0"], [[ImportIssueCode.FormulaLikeText, 'warning', 'G']]],
    [
      'a formula that makes a link',
      ['1.1', 'F', 'A', 'Ann Lee', '31/03/2026', 'On track', { kind: 'text', text: 'click', formula: { risk: 'hyperlink', functionName: 'HYPERLINK', hasValue: true } }],
      [[ImportIssueCode.FormulaReachesOutside, 'warning', 'G']],
    ],
    [
      'a formula with no saved value',
      ['1.1', 'F', 'A', 'Ann Lee', '31/03/2026', { kind: 'text', text: '', formula: { risk: null, functionName: 'IF', hasValue: false } }],
      [[ImportIssueCode.FormulaWithoutValue, 'warning', 'F']],
    ],
    ['an error value', ['1.1', 'F', 'A', 'Ann Lee', '31/03/2026', { kind: 'error', text: '#N/A' }], [[ImportIssueCode.CellShowsError, 'warning', 'F']]],
    ['control characters', ['1.1', 'F', { kind: 'text', text: 'Review', cleaned: true }, 'Ann Lee', '31/03/2026'], [[ImportIssueCode.ControlCharactersRemoved, 'warning', 'C']]],
    ['a cell cut to the limit', ['1.1', 'F', { kind: 'text', text: 'x', truncatedFrom: 40_000 }, 'Ann Lee', '31/03/2026'], [[ImportIssueCode.CellTruncated, 'error', 'C']]],
    ['a reference too long', ['R'.repeat(41), 'F', 'A', 'Ann Lee', '31/03/2026'], [[ImportIssueCode.TextTooLong, 'error', 'A']]],
  ])('%s', (_label, row, expected) => {
    const { rows, issues } = run([row]);
    expect(issues.map((i) => [i.code, i.severity, i.column])).toEqual(expected);
    for (const issue of issues) {
      expect(issue.sheet).toBe('Action plan');
      expect(issue.row).toBe(2);
      expect(issue.message).toMatch(/^'Action plan', row 2/);
    }
    expect(rows[0].errors).toBe(expected.filter(([, s]) => s === 'error').length);
    expect(rows[0].warnings).toBe(expected.filter(([, s]) => s === 'warning').length);
  });

  it('says what to do, in words', () => {
    const { issues } = run([['1.1', 'F', 'A', 'Ann Lee', 'Q3 2026/27', 'Awaiting sign-off']]);
    expect(issues.map((i) => i.message)).toEqual([
      "'Action plan', row 2, column E (Target date): 'Q3 2026/27' is not a date. We suggest 31 December 2026, the end of Q3 of the financial year 2026/27, October to December. Accept it or give the due date as a date.",
      "'Action plan', row 2, column F (Status): the status 'Awaiting sign-off' is not one we know. Use one of Not started, In progress, Blocked, Complete, Embedded, or add 'Awaiting sign-off' to the status table with the status it means.",
    ]);
    expect(issues[0]).toMatchObject({ value: 'Q3 2026/27', suggestion: '2026-12-31', field: 'dueDate' });
  });

  it('takes the caller\u2019s status words', () => {
    const { rows, issues } = run([['1.1', 'F', 'A', 'Ann Lee', '31/03/2026', 'Awaiting sign-off']], {}, { statusWords: statusTable({ 'awaiting sign-off': 'complete' }) });
    expect(issues).toEqual([]);
    expect(rows[0].values.status).toEqual({ raw: 'Awaiting sign-off', status: 'complete' });
  });

  it('flags duplicate references on the later rows', () => {
    const { issues, rows } = run([full('1.1'), full('1.2'), full('1.1'), full('1.1 ')]);
    expect(codes(issues)).toEqual([
      [ImportIssueCode.DuplicateReference, 4, 'A'],
      [ImportIssueCode.DuplicateReference, 5, 'A'],
    ]);
    expect(issues[0].message).toBe("'Action plan', row 4, column A (Ref): the reference '1.1' is also used in row 2. References must be unique: importing the file again matches rows by them.");
    expect(rows.map((r) => r.errors)).toEqual([0, 0, 1, 1]);
  });

  it('shortens a long action to its first sentence and keeps the whole text as the description', () => {
    const long = `Develop a single multi-agency approach to exploitation. ${'It covers schools, GPs and the voluntary sector. '.repeat(8)}`.trim();
    const { rows, issues } = run([['1.1', 'F', long, 'Ann Lee', '31/03/2026']]);
    expect(rows[0].values.actionTitle).toBe('Develop a single multi-agency approach to exploitation.');
    expect(rows[0].values.description).toBe(long);
    expect(codes(issues)).toEqual([[ImportIssueCode.TitleShortened, 2, 'C']]);
  });

  it('takes the title from the description when there is no action title', () => {
    const header = ['Ref', 'Action', 'Description', 'Lead officer', 'Target date'];
    const { rows, issues } = run([['1.1', null, 'Audit 40 cases. Then report to the board.', 'Ann Lee', '31/03/2026']], {}, {}, header);
    expect(rows[0].values.actionTitle).toBe('Audit 40 cases.');
    expect(codes(issues)).toEqual([[ImportIssueCode.TitleFromDescription, 2, 'C']]);
  });

  it('warns when a start date is after the due date', () => {
    const header = ['Ref', 'Action', 'Lead officer', 'Start', 'Target date'];
    const { issues } = run([['1.1', 'A', 'Ann Lee', '31/12/2026', '30/06/2026']], {}, {}, header);
    expect(issues.map((i) => i.message)).toEqual(["'Action plan', row 2: the start date 31 December 2026 is after the due date 30 June 2026."]);
  });

  it('reads milestones and warns about those without a date', () => {
    const header = ['Ref', 'Action', 'Lead officer', 'Target date', 'Milestones'];
    const { rows, issues } = run([['1.1', 'A', 'Ann Lee', '31/03/2026', 'Audit complete - 30/04/2026; Report to board - Summer 2026; Celebrate']], {}, {}, header);
    expect(rows[0].values.milestones).toEqual([
      { raw: 'Audit complete - 30/04/2026', title: 'Audit complete', dueDate: '2026-04-30', completed: false, suggestion: null, rule: null },
      { raw: 'Report to board - Summer 2026', title: 'Report to board', dueDate: null, completed: false, suggestion: '2026-08-31', rule: 'the end of summer' },
      { raw: 'Celebrate', title: 'Celebrate', dueDate: null, completed: false, suggestion: null, rule: null },
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      "'Action plan', row 2, column E (Milestones): the milestone 'Report to board' gives 'Summer 2026', which is not an exact date. We suggest 31 August 2026, the end of summer.",
      "'Action plan', row 2, column E (Milestones): the milestone 'Celebrate' has no date. Give it a due date; every milestone needs one.",
    ]);
  });

  it('reads RAG words and fills but reports nothing per row', () => {
    const header = ['Ref', 'Action', 'Lead officer', 'Target date', 'RAG'];
    const red: RawCell = { kind: 'text', text: '', fill: 'FFFF0000' };
    const { rows, issues } = run([['1.1', 'A', 'Ann Lee', '31/03/2026', 'Amber'], ['1.2', 'A', 'Ann Lee', '31/03/2026', red]], {}, {}, header);
    expect(rows.map((r) => r.values.rag)).toEqual([
      { raw: 'Amber', colour: 'amber', from: 'text' },
      { raw: '', colour: 'red', from: 'fill' },
    ]);
    expect(issues).toEqual([]);
  });

  it('reads evidence text and links', () => {
    const header = ['Ref', 'Action', 'Lead officer', 'Target date', 'Evidence'];
    const { rows } = run([['1.1', 'A', 'Ann Lee', '31/03/2026', { kind: 'text', text: 'Audit report', link: 'https://intranet.example/audit.pdf' }]], {}, {}, header);
    expect(rows[0].values.evidence).toEqual({ text: 'Audit report', links: ['https://intranet.example/audit.pdf'] });
  });

  it('notes dates that could be read either way, and warns when the column looks month first', () => {
    const dayFirst = run([full('1.1').map((v, i) => (i === 4 ? '03/04/2026' : v))]);
    expect(dayFirst.issues.map((i) => [i.code, i.severity, i.row, i.column])).toEqual([[ImportIssueCode.DatesReadDayFirst, 'info', null, 'E']]);
    expect(dayFirst.issues[0].message).toBe(
      "'Action plan', column E (Target date): dates are always read day first: 1 date could be read either way (row 2; '03/04/2026' was read as 3 April 2026).",
    );
    const monthFirst = run([full('1.1').map((v, i) => (i === 4 ? '03/04/2026' : v)), full('1.2').map((v, i) => (i === 4 ? '03/31/2026' : v))]);
    expect(monthFirst.issues.map((i) => [i.code, i.severity])).toEqual([
      [ImportIssueCode.DateInvalid, 'warning'],
      [ImportIssueCode.DatesLookMonthFirst, 'warning'],
    ]);
  });

  it('summarises risky formulas in columns that are not imported', () => {
    const risky: RawCell = { kind: 'text', text: '0', formula: { risk: 'dde', functionName: null, hasValue: true } };
    const { issues } = run([[...full('1.1'), null, null, risky]], {}, {}, [...HEADER, 'Scratch']);
    expect(issues.map((i) => i.message)).toEqual([
      "'Action plan': 1 cell in columns that are not imported holds formulas that reach outside the workbook (I2). They were not imported, and no formula was run.",
    ]);
  });
});
