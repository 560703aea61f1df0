import { AppException } from '../../common/errors/app.exception';
import { WorkstreamsErrorCode } from '../../workstreams/workstreams.exception';
import { addWorkstreamPage, checkNewWorkstream, EMPTY_NEW_WORKSTREAM, newWorkstreamServiceErrors, submittedNewWorkstream, workstreamMessageWords } from './add-workstream.view-model';

const ctx = { plan: { id: 'p1', title: 'Adult social care improvement plan' }, role: 'admin' as const };

describe('submittedNewWorkstream / checkNewWorkstream', () => {
  it('trims the short fields and gives the API body, the optional fields only when given', () => {
    const values = submittedNewWorkstream({ code: ' KO1 ', title: ' Improved practice ', description: 'a\r\nb', leadRole: ' ', sortOrder: '' });
    expect(values).toEqual({ code: 'KO1', title: 'Improved practice', description: 'a\nb', leadRole: '', sortOrder: '' });
    expect(checkNewWorkstream(values)).toEqual({ errors: [], body: { code: 'KO1', title: 'Improved practice', description: 'a\nb' } });
    expect(checkNewWorkstream({ ...values, description: '', leadRole: 'Principal Social Worker', sortOrder: '3' }).body).toEqual({
      code: 'KO1',
      title: 'Improved practice',
      leadRole: 'Principal Social Worker',
      sortOrder: 3,
    });
  });

  it('names every missing answer and a position that is not a whole number', () => {
    expect(checkNewWorkstream({ ...EMPTY_NEW_WORKSTREAM, sortOrder: '2.5' })).toEqual({
      errors: [
        { field: 'code', text: 'Enter a code' },
        { field: 'title', text: 'Enter a title' },
        { field: 'sortOrder', text: 'Position in the plan must be a whole number, like 3' },
      ],
      body: null,
    });
  });
});

describe('newWorkstreamServiceErrors', () => {
  it('puts a code the plan already uses (409) and the DTO’s limits on their fields', () => {
    const taken = AppException.conflict(WorkstreamsErrorCode.CodeTaken, "code: 'KO1' is already used by another workstream", [{ field: 'code', messages: ['is already used by another workstream'] }]);
    expect(newWorkstreamServiceErrors(taken)).toEqual([{ field: 'code', text: 'Code is already used by another workstream of this plan' }]);
    expect(workstreamMessageWords('code', 'code must be shorter than or equal to 20 characters')).toBe('must be 20 characters or fewer');
    expect(workstreamMessageWords('sortOrder', 'sortOrder must not be greater than 1000000')).toBe('must be 1,000,000 or less');
    expect(newWorkstreamServiceErrors(AppException.staleVersion('Workstream', 2))).toBeNull();
  });
});

describe('addWorkstreamPage', () => {
  it('is the plan’s form, naming the codes already used', () => {
    expect(addWorkstreamPage(ctx, [{ code: 'KO1' }, { code: 'KO2' }])).toMatchObject({
      pageTitle: 'Add a workstream',
      action: '/plans/p1/workstreams/new',
      backLink: '/plans/p1/plan',
      usedCodes: 'KO1, KO2',
      values: EMPTY_NEW_WORKSTREAM,
      errors: [],
    });
    expect(addWorkstreamPage(ctx, []).usedCodes).toBeNull();
  });
});
