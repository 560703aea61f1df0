import type { ImportRunDetailDto } from '../../imports/dto/import-run.dto';
import { choicesFromForm, importRunPage, importsListPage, resolutionsFromForm } from './imports.view-model';

const plan = { id: '11111111-1111-4111-8111-111111111111', title: 'Children’s services improvement plan' };

function run(over: Partial<ImportRunDetailDto> = {}): ImportRunDetailDto {
  return {
    id: '22222222-2222-4222-8222-222222222222',
    planId: plan.id,
    status: 'previewed',
    fileName: 'tracker <v2>.csv',
    sizeBytes: 100,
    sha256: 'x',
    createdBy: { id: 'u', name: 'Alex Morgan' },
    createdAt: '2026-11-23T10:00:00.000Z',
    committedBy: null,
    committedAt: null,
    counts: null,
    auditEvents: 0,
    error: null,
    statusUrl: '',
    fileUrl: '',
    choices: {},
    preview: {
      counts: { actions: { create: 2, update: 1, unchanged: 0, conflict: 1, skipped: 1 }, findings: { create: 0, existing: 0 }, workstreams: { create: 1, existing: 0 }, milestones: { create: 0 } },
      columns: [{ column: 'A', label: 'Ref', group: null }, { column: 'B', label: 'When', group: 'Timescales' }],
      mapping: { version: 1, columns: [{ column: 'A', header: 'Ref', field: 'reference', confidence: 1, source: 'synonym' }] },
      rows: [
        { sheet: 's', row: 2, reference: 'R1', title: 'Do it', outcome: 'create', changes: [] },
        { sheet: 's', row: 3, reference: 'R2', title: 'Do that', outcome: 'conflict', changes: [{ field: 'title', system: 'a', file: 'b' }], reason: 'changed in the system' },
      ],
      issues: [
        { severity: 'error', code: 'missing_due_date', sheet: 's', row: 4, column: 'B', field: 'dueDate', message: "'s', row 4, column B: has no due date" },
        { severity: 'info', code: 'header_found', sheet: 's', row: null, column: null, field: null, message: 'headings on row 1' },
      ],
    } as unknown as ImportRunDetailDto['preview'],
    ...over,
  };
}

describe('imports view models', () => {
  it('lists earlier imports with the file name escaped in its link', () => {
    const vm = importsListPage(plan, 'board', [run({ status: 'committed', counts: { created: 2, updated: 0, unchanged: 0, conflicts: 0, skipped: 1 } })]);
    expect(vm.planNav.items.find((i) => i.current)?.text).toBe('Import');
    expect(vm.uploadAction).toBe(`/plans/${plan.id}/imports`);
    expect(vm.rows[0][0]).toEqual({ html: `<a class="govuk-link" href="/imports/22222222-2222-4222-8222-222222222222">tracker &lt;v2&gt;.csv</a>` });
    expect(vm.rows[0][1]).toEqual({ text: 'Imported' });
  });

  it('shows the counts, the problems (not the notes), the rows, a select per column and a choice per conflict', () => {
    const vm = importRunPage(plan, 'board', run());
    expect(vm.inProgress).toBe(false);
    expect(vm.summaryRows[0]).toEqual({ key: { text: 'Actions to create' }, value: { text: '2' } });
    expect(vm.problemCount).toBe(1);
    expect(vm.issueRows).toEqual([[{ text: 'Error' }, { text: 's' }, { text: '4' }, { text: 'B' }, { text: "'s', row 4, column B: has no due date" }]]);
    expect(vm.previewRows[1][3]).toEqual({ text: 'Conflict' });
    expect(vm.mapping.columns.map((c) => c.label)).toEqual(['Column A: Ref', 'Column B: Timescales > When']);
    expect(vm.mapping.columns[0].items.find((i) => i.selected)?.value).toBe('reference');
    expect(vm.mapping.columns[1].items.find((i) => i.selected)?.value).toBe('');
    expect(vm.commit?.conflicts).toEqual([expect.objectContaining({ name: 'resolution_R2', reference: 'R2' })]);
  });

  it('offers a refresh link while the worker reads the file, and the reason when it failed', () => {
    expect(importRunPage(plan, 'board', run({ status: 'previewing', preview: null })).inProgress).toBe(true);
    const failed = importRunPage(plan, 'board', run({ status: 'failed', preview: null, error: { code: 'archive_too_large', message: 'Too big' } }));
    expect(failed.failed).toEqual({ code: 'archive_too_large', message: 'Too big' });
    expect(failed.commit).toBeNull();
  });

  it('reads the forms back', () => {
    expect(choicesFromForm({ _csrf: 't', column_A: 'reference', column_B: '', acceptSuggestedDates: 'yes' })).toEqual({ columns: { A: 'reference', B: null }, acceptSuggestedDates: true, statusWords: {}, ownerMatches: {} });
    expect(resolutionsFromForm({ _csrf: 't', resolution_R2: 'file' })).toEqual({ R2: 'file' });
  });

  describe('status words and owners', () => {
    const priya = { id: '33333333-3333-4333-8333-333333333333', name: 'Priya Natarajan', email: 'priya@southcombe.gov.uk' };
    const tom = { id: '44444444-4444-4444-8444-444444444444', name: 'Tom Hale', email: 'tom@southcombe.gov.uk' };
    const withChoices = (unmatchedOwners: unknown[], statusWords: unknown[]) => {
      const r = run();
      return run({ preview: { ...r.preview, unmatchedOwners, statusWords } as unknown as ImportRunDetailDto['preview'] });
    };

    it('lists every status word with a select of our statuses, prefilled with the word\'s reading; an unknown word is an error linked from the summary', () => {
      const vm = importRunPage(plan, 'board', withChoices([], [{ word: 'On track', status: 'in_progress', rows: 3 }, { word: 'Awaiting sign-off', status: null, rows: 1 }]));
      expect(vm.mapping.statusWords.map((w) => [w.text, w.rows, w.label, w.items.find((i) => i.selected)?.value])).toEqual([
        ['On track', '3 rows', "Our status for 'On track'", 'in_progress'],
        ['Awaiting sign-off', '1 row', "Our status for 'Awaiting sign-off'", ''],
      ]);
      expect(vm.mapping.statusWords[0].items.map((i) => i.text)).toEqual(['Not started', 'In progress', 'Blocked', 'Complete', 'Embedded']);
      expect(vm.mapping.statusWords[1].items[0]).toEqual({ value: '', text: 'Choose a status', selected: true });
      expect(vm.mapping.statusWords[1].error).toEqual({ text: 'Choose a status' });
      expect(vm.problemLinks).toContainEqual({ text: "Choose the status 'Awaiting sign-off' means (1 row)", href: '#status-word-1' });
    });

    it('lists every unmatched owner with the plan\'s users and "Leave unassigned", prefilled with the choice or a suggestion; undecided ones block the commit', () => {
      const vm = importRunPage(
        plan,
        'board',
        withChoices(
          [
            { text: 'P. Natarajan', key: 'p. natarajan', column: 'D', rows: [2, 5], matchedTo: null, leftUnassigned: false },
            { text: 'Jo Bloggs', key: 'jo bloggs', column: 'D', rows: [3], matchedTo: null, leftUnassigned: false },
            { text: 'TBC', key: 'tbc', column: 'D', rows: [4], matchedTo: null, leftUnassigned: true },
            { text: 'Thomas H', key: 'thomas h', column: 'D', rows: [6], matchedTo: tom.id, leftUnassigned: false },
          ],
          [],
        ),
        [],
        [priya, tom],
      );
      const owners = vm.mapping.owners;
      expect(owners.map((o) => [o.text, o.rows, o.label, o.items.find((i) => i.selected)?.value])).toEqual([
        ['P. Natarajan', 'rows 2, 5', "User for the owner 'P. Natarajan'", priya.id],
        ['Jo Bloggs', 'row 3', "User for the owner 'Jo Bloggs'", ''],
        ['TBC', 'row 4', "User for the owner 'TBC'", 'unassigned'],
        ['Thomas H', 'row 6', "User for the owner 'Thomas H'", tom.id],
      ]);
      expect(owners[0].items.map((i) => i.text)).toEqual(['Choose a user', 'Priya Natarajan (priya@southcombe.gov.uk)', 'Tom Hale (tom@southcombe.gov.uk)', 'Leave unassigned']);
      expect(owners[0].hint).toBe('Suggested: Priya Natarajan. Save the mapping to use it.');
      expect(owners.map((o) => o.error)).toEqual([{ text: 'Choose a user, or leave unassigned' }, { text: 'Choose a user, or leave unassigned' }, false, false]);
      expect(vm.ownersUndecided).toBe(2);
      expect(vm.problemDescription).toMatch(/^Decide the owners and status words below/);
      expect(importRunPage(plan, 'board', run()).problemDescription).toMatch(/^Rows with problems are left out/);
      expect(vm.problemLinks.slice(0, 2)).toEqual([
        { text: "Choose who 'P. Natarajan' is, or leave them unassigned (rows 2, 5)", href: '#owner-0' },
        { text: "Choose who 'Jo Bloggs' is, or leave them unassigned (row 3)", href: '#owner-1' },
      ]);
    });

    it('reads the status words and owner matches back, keeping earlier matches for texts not on the form', () => {
      const body = {
        statusWord_0_text: 'On track',
        statusWord_0: 'blocked',
        statusWord_1_text: 'Awaiting sign-off',
        statusWord_1: '',
        owner_0_text: 'P. Natarajan',
        owner_0: priya.id,
        owner_1_text: 'Jo Bloggs',
        owner_1: 'unassigned',
        owner_2_text: 'Someone',
        owner_2: '',
        owner_3: tom.id,
      };
      const current = { statusWords: { 'on track': 'complete' as const, 'done and dusted': 'complete' as const }, ownerMatches: { 'jo bloggs': tom.id, 'old friend': tom.id, 'gone': 'not-a-candidate', 'nobody': null } };
      expect(choicesFromForm(body, current, new Set([priya.id, tom.id]))).toEqual({
        columns: {},
        acceptSuggestedDates: false,
        statusWords: { 'done and dusted': 'complete', 'On track': 'blocked' },
        ownerMatches: { 'old friend': tom.id, nobody: null, 'p. natarajan': priya.id, 'jo bloggs': null },
      });
    });
  });
});
