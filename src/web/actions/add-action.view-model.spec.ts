import { AppException } from '../../common/errors/app.exception';
import { addActionPage, checkNewAction, EMPTY_NEW_ACTION, newActionServiceErrors, serviceMessageWords, submittedNewAction, type NewActionValues } from './add-action.view-model';

const parts = (day: string, month: string, year: string) => ({ day, month, year });
const F1 = '11111111-1111-4111-8111-111111111111';
const F2 = '22222222-2222-4222-8222-222222222222';
const WS = '33333333-3333-4333-8333-333333333333';
const OWNER = '44444444-4444-4444-8444-444444444444';

const filled = (extra: Partial<NewActionValues> = {}): NewActionValues => ({
  ...EMPTY_NEW_ACTION,
  reference: 'A1.3',
  title: 'Audit safeguarding referrals',
  findingIds: [F1],
  workstreamId: WS,
  ownerId: OWNER,
  due: parts('31', '3', '2027'),
  ...extra,
});

describe('submittedNewAction', () => {
  it('reads one finding or several, trims the short fields and keeps the date boxes', () => {
    const one = submittedNewAction({ reference: ' A1 ', title: ' T ', findingIds: F1, 'dueDate-day': ' 3', 'dueDate-month': '2', 'dueDate-year': '2027' });
    expect(one).toMatchObject({ reference: 'A1', title: 'T', findingIds: [F1], due: parts('3', '2', '2027'), start: parts('', '', '') });
    expect(submittedNewAction({ findingIds: [F1, F2, F1, ''] }).findingIds).toEqual([F1, F2]);
    expect(submittedNewAction(undefined)).toMatchObject({ reference: '', findingIds: [] });
  });
});

describe('checkNewAction', () => {
  it('gives the API body: no start date or lead agency unless given', () => {
    expect(checkNewAction(filled())).toEqual({
      errors: [],
      body: { reference: 'A1.3', title: 'Audit safeguarding referrals', description: '', findingIds: [F1], workstreamId: WS, ownerId: OWNER, dueDate: '2027-03-31', successMeasures: '' },
    });
    expect(checkNewAction(filled({ start: parts('5', '1', '2027'), leadAgency: 'Exampleshire Police' })).body).toMatchObject({ startDate: '2027-01-05', leadAgency: 'Exampleshire Police' });
  });

  it('names every missing answer and bad date, in the order of the form', () => {
    const { errors, body } = checkNewAction({ ...EMPTY_NEW_ACTION, start: parts('31', '2', '2027') });
    expect(body).toBeNull();
    expect(errors).toEqual([
      { field: 'reference', text: 'Enter a reference for the action' },
      { field: 'title', text: 'Enter a title' },
      { field: 'findingIds', text: 'Select the findings the action answers' },
      { field: 'workstreamId', text: 'Select a workstream' },
      { field: 'ownerId', text: 'Select who owns the action' },
      { field: 'startDate', text: 'The start date must be a real date', href: '#startDate-day' },
      { field: 'dueDate', text: 'Enter the due date', href: '#dueDate-day' },
    ]);
  });

  it('refuses a due date with a part missing, linking that part', () => {
    expect(checkNewAction(filled({ due: parts('31', '', '2027') })).errors).toEqual([{ field: 'dueDate', text: 'The due date must include a month', href: '#dueDate-month' }]);
  });
});

describe('newActionServiceErrors', () => {
  /** A refusal of these fields, as the service throws it (409, as for a reference in use). */
  const refusal = (problems: { field: string; messages: string[] }[]) => AppException.conflict('reference_taken' as never, 'refused', problems);

  it.each([
    [{ field: 'reference', messages: ['A1.3 is already used by another action'] }, { field: 'reference', text: 'Reference A1.3 is already used by another action' }],
    [{ field: 'title', messages: ['title must be shorter than or equal to 300 characters'] }, { field: 'title', text: 'Title must be 300 characters or fewer' }],
    [{ field: 'description', messages: ['description must be shorter than or equal to 10000 characters'] }, { field: 'description', text: 'Description must be 10,000 characters or fewer' }],
    [{ field: 'dueDate', messages: ['must not be before startDate 2027-01-05'] }, { field: 'dueDate', text: 'The due date must be the same as or after the start date', href: '#dueDate-day' }],
    [{ field: 'ownerId', messages: ['scrutiny members cannot own actions: they do not see the working plan'] }, { field: 'ownerId', text: 'Owner scrutiny members cannot own actions: they do not see the working plan' }],
    [{ field: 'findingIds.0', messages: ['each value in findingIds must be a UUID'] }, { field: 'findingIds', text: 'Findings each value in findingIds must be a UUID' }],
  ])('%j is shown on its field', (problem, error) => {
    expect(newActionServiceErrors(refusal([problem]))).toEqual([error]);
  });

  it('leaves a problem with a field the form does not have to the error page', () => {
    expect(newActionServiceErrors(refusal([{ field: 'milestones', messages: ['x'] }]))).toBeNull();
    expect(newActionServiceErrors(refusal([]))).toBeNull();
    expect(newActionServiceErrors(AppException.notFound('Finding', 'f1'))).toBeNull();
  });

  it('writes API dates as people do', () => {
    expect(serviceMessageWords('startDate', 'must not be after dueDate 2027-03-31')).toBe('must not be after dueDate 31 March 2027');
  });
});

describe('addActionPage', () => {
  const ctx = { plan: { id: 'p1', title: 'Adult social care improvement plan' }, role: 'board' as const };
  const choices = {
    findings: [
      { id: F1, reference: 'QS-SAFE-1', title: 'Safeguarding', typeLabel: 'Area for priority action' },
      { id: F2, reference: 'QS-ACC-2', title: 'Access', typeLabel: 'Area for improvement' },
    ],
    workstreams: [{ id: WS, code: 'KO1', title: 'Practice' }],
    owners: [
      { id: OWNER, name: 'Sam Lee', email: 'sam@a.example' },
      { id: 'o2', name: 'Sam Lee', email: 'sam.lee@b.example' },
      { id: 'o3', name: 'Ola Ade', email: 'ola@a.example' },
    ],
  };

  it('is a blank form posting to the plan, backed by the actions list', () => {
    const vm = addActionPage(ctx, choices);
    expect(vm).toMatchObject({ pageTitle: 'Add an action', action: '/plans/p1/actions/new', backLink: '/plans/p1/actions', caption: 'Actions', ready: true, errors: [] });
    expect(vm.planNav.items.find((i) => i.current)?.text).toBe('Actions');
    expect(vm.findingItems.map((i) => [i.text, i.checked])).toEqual([
      ['QS-SAFE-1: Safeguarding', false],
      ['QS-ACC-2: Access', false],
    ]);
    expect(vm.workstreamItems[0]).toEqual({ value: '', text: 'Choose a workstream', selected: true });
    // Two people of one name are told apart by their e-mail address.
    expect(vm.ownerItems.map((o) => o.text)).toEqual(['Choose an owner', 'Sam Lee (sam@a.example)', 'Sam Lee (sam.lee@b.example)', 'Ola Ade']);
  });

  it('keeps what was sent, and marks the date boxes of a field in error', () => {
    const vm = addActionPage(ctx, choices, filled({ findingIds: [F2] }), [{ field: 'dueDate', text: 'x', href: '#dueDate-day' }]);
    expect(vm.findingItems.map((i) => i.checked)).toEqual([false, true]);
    expect(vm.workstreamItems.find((w) => w.selected)?.value).toBe(WS);
    expect(vm.ownerItems.find((o) => o.selected)?.value).toBe(OWNER);
    expect(vm.dueItems.map((i) => [i.value, i.classes])).toEqual([
      ['31', 'govuk-input--width-2 govuk-input--error'],
      ['3', 'govuk-input--width-2 govuk-input--error'],
      ['2027', 'govuk-input--width-4 govuk-input--error'],
    ]);
    expect(vm.startItems[0].classes).toBe('govuk-input--width-2');
  });

  it('says what the plan lacks when an action could not be added yet, and links the pages that add it', () => {
    expect(addActionPage(ctx, { ...choices, findings: [], workstreams: [] })).toMatchObject({
      ready: false,
      missing: ['findings', 'workstreams'],
      addMissing: [
        { text: 'Add a finding', href: '/plans/p1/findings/new' },
        { text: 'Add a workstream', href: '/plans/p1/workstreams/new' },
      ],
    });
    expect(addActionPage(ctx, { ...choices, workstreams: [] }).addMissing).toEqual([{ text: 'Add a workstream', href: '/plans/p1/workstreams/new' }]);
    expect(addActionPage(ctx, choices).addMissing).toEqual([]);
  });
});
