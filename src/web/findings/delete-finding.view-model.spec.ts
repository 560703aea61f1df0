import type { FindingDto } from '../../findings/dto/finding.dto';
import { deleteFindingPage } from './delete-finding.view-model';

const ctx = { plan: { id: 'p1', title: 'Adult social care improvement plan' }, role: 'board' as const };
const finding = {
  id: 'f1',
  inspectionId: 'i1',
  noticeId: null,
  reference: 'QS-SAFE-1',
  title: 'Safeguarding: significant shortfalls',
  text: '',
  theme: 'safeguarding',
  themeLabel: 'Safeguarding',
  score: 1,
  type: 'area_for_priority_action',
  typeLabel: 'Area for priority action',
  version: 2,
} as unknown as FindingDto;
const actions = (n: number) => [{ relation: 'is answered by', entityType: 'action', rows: Array.from({ length: n }, (_, i) => ({ id: `a${i + 1}`, label: `A1.${i + 1}` })) }];

describe('deleteFindingPage', () => {
  it('asks first: what the finding is, what deleting does, a red button and Cancel back to it on the plan page', () => {
    expect(deleteFindingPage(ctx, finding, actions(0))).toEqual({
      pageTitle: 'Delete the finding',
      planNav: expect.objectContaining({}),
      backLink: '/plans/p1/plan#finding-f1',
      heading: 'Are you sure you want to delete the finding ‘QS-SAFE-1’?',
      details: [
        { key: { text: 'Reference' }, value: { text: 'QS-SAFE-1' } },
        { key: { text: 'Title' }, value: { text: 'Safeguarding: significant shortfalls' } },
        { key: { text: 'Type' }, value: { text: 'Area for priority action' } },
        { key: { text: 'Theme' }, value: { text: 'Safeguarding' } },
        { key: { text: 'Score' }, value: { text: '1: significant shortfalls' } },
      ],
      consequences: ['It is removed from the plan.', 'The audit trail keeps a record of the finding and who deleted it.'],
      errors: [],
      blocked: null,
      action: '/findings/f1/delete',
      buttonText: 'Delete finding',
    });
  });

  it('says it leaves its notice too, and names no theme or score it has not got', () => {
    const page = deleteFindingPage(ctx, { ...finding, noticeId: 'n1', theme: null, themeLabel: null, score: null }, []);
    expect(page.consequences[0]).toBe('It is removed from the plan and from the notice it falls under.');
    expect(page.details.slice(3)).toEqual([
      { key: { text: 'Theme' }, value: { text: 'None' } },
      { key: { text: 'Score' }, value: { text: 'Not scored' } },
    ]);
  });

  it('while actions answer it: says why and what to do first, links each action, and offers no button', () => {
    expect(deleteFindingPage(ctx, finding, actions(2))).toMatchObject({
      heading: 'The finding ‘QS-SAFE-1’ cannot be deleted yet',
      errors: [{ field: 'dependents', text: 'This finding is answered by 2 actions: move or delete them first, then delete the finding' }],
      blocked: [{ heading: 'Actions answering this finding', items: [{ text: 'A1.1', href: '/actions/a1' }, { text: 'A1.2', href: '/actions/a2' }], more: null }],
      action: null,
    });
  });

  it('past ten actions, links to all of them in the actions list', () => {
    const page = deleteFindingPage(ctx, finding, actions(1200));
    expect(page.blocked?.[0].items).toHaveLength(10);
    expect(page.blocked?.[0].more).toEqual({ text: 'See all 1,200 actions answering QS-SAFE-1', href: '/plans/p1/actions?finding=f1' });
  });
});
