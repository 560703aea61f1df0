import type { WorkstreamDto } from '../../workstreams/dto/workstream.dto';
import { deleteWorkstreamPage, workstreamDeleteHref, workstreamName } from './delete-workstream.view-model';

const ctx = { plan: { id: 'p1', title: 'Adult social care improvement plan' }, role: 'admin' as const };
const ws: WorkstreamDto = { id: 'w1', code: 'KO1', title: 'Improved practice', description: '', leadRole: null, sortOrder: 2, version: 3, createdAt: '', updatedAt: '' };
const actions = (n: number) => [{ relation: 'has', entityType: 'action', rows: Array.from({ length: n }, (_, i) => ({ id: `a${i + 1}`, label: `A1.${i + 1}` })) }];

describe('deleteWorkstreamPage', () => {
  it('names a workstream by its code and title', () => {
    expect(workstreamName(ws)).toBe('KO1: Improved practice');
  });

  it('links "Delete" for every workstream but the regulator deadlines’ RD (the service refuses it while it holds RD1)', () => {
    expect(workstreamDeleteHref(ws)).toBe('/workstreams/w1/delete');
    expect(workstreamDeleteHref({ id: 'rd', code: 'RD' })).toBeNull();
  });

  it('asks first: what the workstream is, what deleting does, a red button and Cancel back to it on the plan page', () => {
    expect(deleteWorkstreamPage(ctx, ws, actions(0))).toMatchObject({
      pageTitle: 'Delete the workstream',
      backLink: '/plans/p1/plan#workstream-w1',
      heading: 'Are you sure you want to delete the workstream ‘KO1: Improved practice’?',
      details: [
        { key: { text: 'Code' }, value: { text: 'KO1' } },
        { key: { text: 'Title' }, value: { text: 'Improved practice' } },
        { key: { text: 'The lead’s role' }, value: { text: 'Not given' } },
      ],
      consequences: ['It is removed from the plan.', 'The audit trail keeps a record of the workstream and who deleted it.'],
      errors: [],
      blocked: null,
      action: '/workstreams/w1/delete',
      buttonText: 'Delete workstream',
    });
  });

  it('while actions are in it: says why and what to do first, links each action, and offers no button', () => {
    expect(deleteWorkstreamPage(ctx, ws, actions(2))).toMatchObject({
      heading: 'The workstream ‘KO1: Improved practice’ cannot be deleted yet',
      errors: [{ field: 'dependents', text: 'This workstream has 2 actions: move or delete them first, then delete the workstream' }],
      blocked: [{ heading: 'Actions in this workstream', items: [{ text: 'A1.1', href: '/actions/a1' }, { text: 'A1.2', href: '/actions/a2' }], more: null }],
      action: null,
    });
  });

  it('past ten actions, links to all of them in the actions list', () => {
    const page = deleteWorkstreamPage(ctx, ws, actions(1200));
    expect(page.blocked?.[0].items).toHaveLength(10);
    expect(page.blocked?.[0].more).toEqual({ text: 'See all 1,200 actions in this workstream', href: '/plans/p1/actions?workstream=w1' });
  });
});
