import type { WorkstreamDto } from '../../workstreams/dto/workstream.dto';
import { changeWorkstreamPage, checkWorkstreamChange, STALE_WORKSTREAM_ERROR, workstreamValues } from './change-workstream.view-model';

const ctx = { plan: { id: 'p1', title: 'Adult social care improvement plan' }, role: 'board' as const };
const ws: WorkstreamDto = { id: 'w1', code: 'KO1', title: 'Improved practice', description: '', leadRole: null, sortOrder: 2, version: 3, createdAt: '', updatedAt: '' };

describe('workstreamValues / checkWorkstreamChange', () => {
  it('prefills the form with what the workstream says', () => {
    expect(workstreamValues(ws)).toEqual({ code: 'KO1', title: 'Improved practice', description: '', leadRole: '', sortOrder: '2' });
  });

  it('gives the PATCH body with every field: a blank lead’s role or description clears it', () => {
    expect(checkWorkstreamChange({ ...workstreamValues(ws), description: '  ', sortOrder: '0' })).toEqual({
      errors: [],
      body: { code: 'KO1', title: 'Improved practice', description: '', leadRole: null, sortOrder: 0 },
    });
    expect(checkWorkstreamChange({ ...workstreamValues(ws), leadRole: 'Principal Social Worker', description: 'a' }).body).toMatchObject({ leadRole: 'Principal Social Worker', description: 'a', sortOrder: 2 });
  });

  it('asks for a code, a title and a position', () => {
    expect(checkWorkstreamChange({ code: '', title: '', description: '', leadRole: '', sortOrder: '' })).toEqual({
      errors: [
        { field: 'code', text: 'Enter a code' },
        { field: 'title', text: 'Enter a title' },
        { field: 'sortOrder', text: 'Enter the position in the plan, like 3' },
      ],
      body: null,
    });
  });
});

describe('changeWorkstreamPage', () => {
  it('offers no "Delete this workstream" for the regulator deadlines’ RD, which the system keeps its action RD1 in', () => {
    expect(changeWorkstreamPage(ctx, { ...ws, code: 'RD' }, [ws]).deleteHref).toBeNull();
  });

  it('is the workstream’s form, prefilled, naming the codes the plan’s other workstreams use', () => {
    expect(changeWorkstreamPage(ctx, ws, [ws, { id: 'w2', code: 'KO2' }])).toMatchObject({
      pageTitle: 'Change the workstream',
      caption: 'KO1: Improved practice',
      action: '/workstreams/w1/edit',
      backLink: '/plans/p1/plan#workstream-w1',
      deleteHref: '/workstreams/w1/delete',
      usedCodes: 'KO2',
      sortOrderOptional: false,
      version: 3,
      values: workstreamValues(ws),
      now: null,
    });
    expect(changeWorkstreamPage(ctx, ws, [ws]).usedCodes).toBeNull();
  });

  it('after a stale send, keeps what was sent and shows what the workstream says now', () => {
    const page = changeWorkstreamPage(ctx, { ...ws, title: 'Their title', version: 4 }, [], { ...workstreamValues(ws), title: 'Mine' }, [STALE_WORKSTREAM_ERROR]);
    expect(page.values.title).toBe('Mine');
    expect(page.version).toBe(4);
    expect(page.now).toContainEqual({ key: { text: 'Title' }, value: { text: 'Their title' } });
    expect(page.now).toContainEqual({ key: { text: 'Position in the plan' }, value: { text: '2' } });
  });
});
