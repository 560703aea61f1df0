import type { NoticeDetailDto } from '../../notices/dto/notice.dto';
import { deleteNoticePage } from './delete-notice.view-model';

const ctx = { plan: { id: 'p1', title: 'Children’s services improvement plan' }, role: 'board' as const };
const notice = {
  id: 'n1',
  kind: 'dfe_improvement_notice',
  kindLabel: 'DfE improvement notice',
  title: 'Improvement notice: children’s services',
  inspectionId: 'i1',
  issuedOn: '2025-07-05',
  deadline: '2026-07-31',
  status: 'open',
  version: 4,
  statusHistory: [{}, {}],
} as unknown as NoticeDetailDto;
const findings = (n: number) => [{ relation: 'has', entityType: 'finding', rows: Array.from({ length: n }, (_, i) => ({ id: `f${i + 1}`, label: `QS-${i + 1}` })) }];

describe('deleteNoticePage', () => {
  it('asks first: what the notice is, what goes with it (history, regulator deadline), a red button and Cancel back to it on the plan page', () => {
    expect(deleteNoticePage(ctx, notice, findings(0))).toEqual({
      pageTitle: 'Delete the notice',
      planNav: expect.objectContaining({}),
      backLink: '/plans/p1/plan#notice-n1',
      heading: 'Are you sure you want to delete the notice ‘Improvement notice: children’s services’?',
      details: [
        { key: { text: 'Kind' }, value: { text: 'DfE improvement notice' } },
        { key: { text: 'Issued' }, value: { text: '5 July 2025' } },
        { key: { text: 'Regulator deadline' }, value: { text: '31 July 2026' } },
        { key: { text: 'Status' }, value: { text: 'Open' } },
      ],
      consequences: [
        'Its status history (2 entries) is deleted with it.',
        'The regulator deadline it set is removed from action RD1 (Meet the regulator’s deadlines).',
        'The audit trail keeps a record of the notice and who deleted it.',
      ],
      errors: [],
      blocked: null,
      action: '/notices/n1/delete',
      buttonText: 'Delete notice',
    });
  });

  it('names no regulator deadline when the notice states none', () => {
    const page = deleteNoticePage(ctx, { ...notice, deadline: null, statusHistory: [] }, []);
    expect(page.consequences).toEqual(['Its status history is deleted with it.', 'The audit trail keeps a record of the notice and who deleted it.']);
    expect(page.details[2]).toEqual({ key: { text: 'Regulator deadline' }, value: { text: 'None' } });
  });

  it('while findings are under it: says why and what to do first, lists them linked to their change pages (to move them), and offers no button', () => {
    const page = deleteNoticePage(ctx, notice, findings(3));
    expect(page).toMatchObject({
      heading: 'The notice ‘Improvement notice: children’s services’ cannot be deleted yet',
      errors: [{ field: 'dependents', text: 'This notice has 3 findings: move or delete them first, then delete the notice' }],
      blocked: [
        {
          heading: 'Findings under this notice',
          items: [
            { text: 'QS-1', href: '/findings/f1/edit' },
            { text: 'QS-2', href: '/findings/f2/edit' },
            { text: 'QS-3', href: '/findings/f3/edit' },
          ],
          more: null,
        },
      ],
      action: null,
    });
    expect(deleteNoticePage(ctx, notice, findings(1)).errors[0].text).toBe('This notice has 1 finding: move or delete it first, then delete the notice');
  });

  it('lists the first ten findings and counts the rest', () => {
    const page = deleteNoticePage(ctx, notice, findings(13));
    expect(page.blocked?.[0].items).toHaveLength(10);
    expect(page.blocked?.[0].more).toEqual({ text: 'and 3 more', href: null });
  });
});
