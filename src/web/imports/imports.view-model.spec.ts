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
    expect(choicesFromForm({ _csrf: 't', column_A: 'reference', column_B: '', acceptSuggestedDates: 'yes' })).toEqual({ columns: { A: 'reference', B: null }, acceptSuggestedDates: true });
    expect(resolutionsFromForm({ _csrf: 't', resolution_R2: 'file' })).toEqual({ R2: 'file' });
  });
});
