import type { InspectionDto } from '../../inspections/dto/inspection.dto';
import { deleteInspectionPage } from './delete-inspection.view-model';

const ctx = { plan: { id: 'p1', title: 'Adult social care improvement plan' }, role: 'board' as const };
const inspection = {
  id: 'i1',
  regulator: { id: 'r1', code: 'cqc', name: 'Care Quality Commission' },
  kindLabel: 'CQC local authority assessment',
  title: 'CQC assessment 2025',
  startDate: '2025-03-03',
  endDate: '2025-03-14',
  publishedDate: null,
  reportReference: null,
  overallJudgement: 'Requires improvement',
  version: 1,
} as unknown as InspectionDto;
const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, label: `${prefix.toUpperCase()}-${i + 1}` }));
const dependents = (findings: number, notices: number) => [
  { relation: 'has', entityType: 'finding', rows: rows('f', findings) },
  { relation: 'has', entityType: 'notice', rows: rows('n', notices) },
];

describe('deleteInspectionPage', () => {
  it('asks first: what the inspection is, what deleting does, a red button and Cancel back to it on the plan page', () => {
    expect(deleteInspectionPage(ctx, inspection, dependents(0, 0))).toEqual({
      pageTitle: 'Delete the inspection',
      planNav: expect.objectContaining({}),
      backLink: '/plans/p1/plan#inspection-i1',
      heading: 'Are you sure you want to delete the inspection ‘CQC assessment 2025’?',
      details: [
        { key: { text: 'Title' }, value: { text: 'CQC assessment 2025' } },
        { key: { text: 'Regulator' }, value: { text: 'Care Quality Commission' } },
        { key: { text: 'Kind' }, value: { text: 'CQC local authority assessment' } },
        { key: { text: 'Dates' }, value: { text: '3 March 2025 to 14 March 2025' } },
        { key: { text: 'Report published' }, value: { text: 'Not given' } },
        { key: { text: 'Report reference' }, value: { text: 'Not given' } },
        { key: { text: 'Overall judgement' }, value: { text: 'Requires improvement' } },
      ],
      consequences: [
        'It is removed from the plan.',
        'Any regulator deadlines it set are removed from action RD1 (Meet the regulator’s deadlines).',
        'The audit trail keeps a record of the inspection and who deleted it.',
      ],
      errors: [],
      blocked: null,
      action: '/inspections/i1/delete',
      buttonText: 'Delete inspection',
    });
  });

  it('while findings belong to it: says so, lists them linked to their change pages, and offers no button', () => {
    const page = deleteInspectionPage(ctx, inspection, dependents(2, 0));
    expect(page).toMatchObject({
      heading: 'The inspection ‘CQC assessment 2025’ cannot be deleted yet',
      errors: [{ field: 'dependents', text: 'This inspection has 2 findings: move or delete them first, then delete the inspection' }],
      blocked: [{ heading: 'Findings of this inspection', items: [{ text: 'F-1', href: '/findings/f1/edit' }, { text: 'F-2', href: '/findings/f2/edit' }], more: null }],
      action: null,
    });
  });

  it('counts and lists its notices too, each kind under its own heading', () => {
    const page = deleteInspectionPage(ctx, inspection, dependents(1, 1));
    expect(page.errors[0].text).toBe('This inspection has 1 finding and 1 notice: move or delete them first, then delete the inspection');
    expect(page.blocked).toEqual([
      { heading: 'Findings of this inspection', items: [{ text: 'F-1', href: '/findings/f1/edit' }], more: null },
      { heading: 'Notices following this inspection', items: [{ text: 'N-1', href: '/notices/n1/edit' }], more: null },
    ]);
    expect(deleteInspectionPage(ctx, inspection, dependents(0, 1)).errors[0].text).toBe('This inspection has 1 notice: move or delete it first, then delete the inspection');
  });

  it('lists the first ten of each kind, and says how many more', () => {
    const page = deleteInspectionPage(ctx, inspection, dependents(13, 0));
    expect(page.blocked?.[0].items).toHaveLength(10);
    expect(page.blocked?.[0].more).toEqual({ text: 'and 3 more', href: null });
  });
});
