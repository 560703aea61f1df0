import {
  addMilestonePage,
  changeMilestonePage,
  changesSinceLoaded,
  checkCompletion,
  checkDetails,
  checkMilestone,
  checkNarrative,
  checkOverride,
  loadedDetails,
  milestoneServiceError,
  overrideServiceError,
  parseDateInput,
  partsOf,
  planFormFrame,
  submittedDetails,
  submittedMilestone,
  uploadServiceErrors,
} from './action-forms.view-model';

const TODAY = '2026-11-23';
const parts = (day: string, month: string, year: string) => ({ day, month, year });

describe('planFormFrame (a form that adds a row to the plan)', () => {
  const ctx = { plan: { id: 'p1', title: 'Improving children’s services' }, role: 'board' as const };

  it('belongs to the plan page: current in the navigation, the back link and the caption', () => {
    const frame = planFormFrame(ctx, 'Add a notice', '/plans/p1/notices/new');
    expect(frame).toMatchObject({ pageTitle: 'Add a notice', backLink: '/plans/p1/plan', caption: 'The plan', action: '/plans/p1/notices/new' });
    expect(frame.planNav.items.filter((i) => i.current).map((i) => i.text)).toEqual(['The plan']);
  });

  it('or to the plan’s actions', () => {
    const frame = planFormFrame(ctx, 'Add an action', '/plans/p1/actions/new', 'actions');
    expect(frame).toMatchObject({ backLink: '/plans/p1/actions', caption: 'Actions' });
    expect(frame.planNav.items.filter((i) => i.current).map((i) => i.text)).toEqual(['Actions']);
  });
});

describe('parseDateInput (GOV.UK date input)', () => {
  it.each([
    [parts('', '', ''), 'Enter the date'],
    [parts('3', '', '2026'), 'The date must include a month'],
    [parts('', '', '2026'), 'The date must include a day and a month'],
    [parts('31', '2', '2026'), 'The date must be a real date'],
    [parts('x', '2', '2026'), 'The date must be a real date'],
    [parts('1', '2', '26'), 'The date must be a real date'],
  ])('%j is refused: %s', (given, text) => {
    const parsed = parseDateInput(given, 'd', 'The date', 'Enter the date');
    expect(parsed).toMatchObject({ error: { field: 'd', text } });
  });

  it('reads a real date, with or without leading zeros', () => {
    expect(parseDateInput(parts('3', '2', '2026'), 'd', 'The date', 'Enter')).toEqual({ date: '2026-02-03' });
    expect(parseDateInput(parts('03', '02', '2026'), 'd', 'The date', 'Enter')).toEqual({ date: '2026-02-03' });
    expect(partsOf('2026-02-03')).toEqual(parts('3', '2', '2026'));
  });

  it('links a missing part to its own box', () => {
    expect(parseDateInput(parts('3', '', '2026'), 'd', 'The date', 'Enter')).toMatchObject({ error: { href: '#d-month' } });
  });
});

describe('checkCompletion', () => {
  it('takes today or a past day, refuses the future on the field', () => {
    expect(checkCompletion(partsOf(TODAY), TODAY)).toEqual({ errors: [], completedOn: TODAY });
    expect(checkCompletion(parts('24', '11', '2026'), TODAY)).toEqual({
      errors: [{ field: 'completedOn', text: 'The date it was completed must be today or in the past', href: '#completedOn-day' }],
      completedOn: null,
    });
  });
});

describe('checkDetails', () => {
  it('gives the change for an owner (status and progress only)', () => {
    expect(checkDetails({ status: 'blocked', progressPercent: '40' })).toEqual({ errors: [], change: { status: 'blocked', progressPercent: 40 } });
  });

  it('names each bad field, in the order of the form', () => {
    const { errors, change } = checkDetails({ title: '', description: '', status: 'done', progressPercent: '101' });
    expect(change).toBeNull();
    expect(errors.map((e) => e.field)).toEqual(['title', 'status', 'progressPercent']);
    expect(checkDetails({ status: 'in_progress', progressPercent: '' }).errors).toEqual([{ field: 'progressPercent', text: 'Enter the progress as a percentage' }]);
    expect(checkDetails({ status: 'in_progress', progressPercent: '4.5' }).errors[0].text).toBe('Progress must be a whole number from 0 to 100');
  });
});

describe('checkDetails with the due date (board and admin)', () => {
  it('reads the date input into the change, or refuses it on the field', () => {
    const values = { title: 'T', description: '', status: 'in_progress', progressPercent: '10' };
    expect(checkDetails({ ...values }, parts('31', '1', '2027')).change).toEqual({ status: 'in_progress', progressPercent: 10, title: 'T', description: '', dueDate: '2027-01-31' });
    expect(checkDetails({ ...values }, parts('', '', '')).errors).toEqual([{ field: 'dueDate', text: 'Enter the due date', href: '#dueDate-day' }]);
  });
});

describe('submittedDetails and loadedDetails', () => {
  it("read only the fields the user may send, with the browser's CRLF line ends made plain", () => {
    const body = { title: ' T ', description: 'a\r\nb', status: 'blocked', progressPercent: ' 5 ', 'was-description': 'a\r\nb', 'was-status': 'in_progress', 'was-progressPercent': '5' };
    expect(submittedDetails(body, false)).toEqual({ status: 'blocked', progressPercent: '5' });
    expect(submittedDetails(body, true)).toEqual({ status: 'blocked', progressPercent: '5', title: 'T', description: 'a\nb' });
    expect(loadedDetails(body, true)).toMatchObject({ status: 'in_progress', description: 'a\nb' });
  });
});

describe('changesSinceLoaded', () => {
  it('lists the fields someone else changed, in words', () => {
    expect(changesSinceLoaded({ status: 'in_progress', progressPercent: '40', title: 'A' }, { status: 'blocked', progressPercent: '40', title: 'B' })).toEqual([
      { label: 'Title', loaded: 'A', now: 'B' },
      { label: 'Status', loaded: 'In progress', now: 'Blocked' },
    ]);
    expect(changesSinceLoaded({ status: 'blocked', progressPercent: '40', dueDate: '2026-12-31' }, { status: 'blocked', progressPercent: '40', dueDate: '2027-01-31' })).toEqual([
      { label: 'Due date', loaded: '31 December 2026', now: '31 January 2027' },
    ]);
    expect(changesSinceLoaded({ status: 'blocked', progressPercent: '40' }, { status: 'blocked', progressPercent: '40' })).toEqual([]);
  });
});

describe('checkNarrative', () => {
  it('needs some words, and not too many', () => {
    expect(checkNarrative(' ')).toEqual([{ field: 'narrative', text: 'Enter what has happened since the last update' }]);
    expect(checkNarrative('x'.repeat(5001))[0].text).toBe('The update must be 5,000 characters or fewer');
    expect(checkNarrative('Audit started')).toEqual([]);
  });
});

describe('checkOverride', () => {
  it('needs a colour, a reason and a real last day', () => {
    const { errors, value } = checkOverride('', 'x', parts('', '', ''));
    expect(value).toBeNull();
    expect(errors.map((e) => e.field)).toEqual(['colour', 'reason', 'expiresOn']);
    expect(checkOverride('amber', ' Recovery plan ', parts('31', '1', '2027'))).toEqual({ errors: [], value: { colour: 'amber', reason: 'Recovery plan', expiresOn: '2027-01-31' } });
  });

  it("words the service's refusal of the expiry with a GOV.UK date", () => {
    expect(overrideServiceError('expiresOn', 'must be today (2026-11-23) or later')).toEqual({
      field: 'expiresOn',
      text: 'The last day of the override must be today (23 November 2026) or later',
      href: '#expiresOn-day',
    });
    expect(overrideServiceError('somethingElse', 'x')).toBeNull();
  });
});

describe('uploadServiceErrors', () => {
  it("puts the evidence service's refusals on the upload form's fields", () => {
    expect(uploadServiceErrors(413, 'file_too_large', undefined, '25 MB')).toEqual([{ field: 'file', text: 'The selected file must be smaller than 25 MB' }]);
    expect(uploadServiceErrors(415, 'unsupported_file_type', undefined, '25 MB')![0].field).toBe('file');
    expect(uploadServiceErrors(422, 'malware_detected', undefined, '25 MB')![0].text).toMatch(/virus/);
    expect(uploadServiceErrors(400, 'validation_failed', [{ field: 'title', messages: ['title must be longer than or equal to 1 characters'] }], '25 MB')).toEqual([
      { field: 'title', text: 'Enter a title for the evidence' },
    ]);
    expect(uploadServiceErrors(400, 'validation_failed', [{ field: 'file', messages: ['is empty'] }], '25 MB')).toEqual([{ field: 'file', text: 'The selected file is empty' }]);
  });

  it('leaves other failures (storage down, not found) to the error pages', () => {
    expect(uploadServiceErrors(503, 'storage_unavailable', undefined, '25 MB')).toBeNull();
    expect(uploadServiceErrors(404, 'not_found', undefined, '25 MB')).toBeNull();
  });
});

describe('adding a milestone', () => {
  const ctx = { plan: { id: 'p1', title: 'Plan' }, role: 'board' as const };
  const action = { id: 'a1', reference: 'A1.3', title: 'Audit referrals', dueDate: '2026-12-31', milestones: [] } as unknown as Parameters<typeof addMilestonePage>[1];

  it('reads the form: title trimmed, the box ticked only by its value', () => {
    expect(submittedMilestone({ title: ' Audit done ', 'dueDate-day': '1', 'dueDate-month': '12', 'dueDate-year': '2026', allowAfterActionDue: 'yes' })).toEqual({
      title: 'Audit done',
      due: parts('1', '12', '2026'),
      allowAfterActionDue: true,
    });
    expect(submittedMilestone({}).allowAfterActionDue).toBe(false);
  });

  it('gives the API body, or the errors in the order of the form', () => {
    expect(checkMilestone({ title: 'Audit done', due: parts('1', '12', '2026'), allowAfterActionDue: false })).toEqual({
      errors: [],
      body: { title: 'Audit done', dueDate: '2026-12-01', allowAfterActionDue: false },
    });
    expect(checkMilestone({ title: '', due: parts('30', '2', '2026'), allowAfterActionDue: false })).toEqual({
      errors: [
        { field: 'title', text: 'Enter what the milestone is' },
        { field: 'dueDate', text: 'The due date must be a real date', href: '#dueDate-day' },
      ],
      body: null,
    });
  });

  it.each([
    ['dueDate', "must not be after the action's due date 2026-12-31 (send allowAfterActionDue: true to allow it)", 'The due date must be on or before the action’s due date (31 December 2026), or tick the box to allow a later one'],
    ['title', 'title must be shorter than or equal to 300 characters', 'The milestone must be 300 characters or fewer'],
  ])('shows the service refusing %s in the form words', (field, message, text) => {
    expect(milestoneServiceError(field, message, '2026-12-31')).toMatchObject({ field, text });
  });

  it('leaves a field the form does not have to the error page', () => {
    expect(milestoneServiceError('sortOrder', 'x', '2026-12-31')).toBeNull();
  });

  it('is a form of the action, posting to its milestones, naming its due date', () => {
    const vm = addMilestonePage(ctx, action);
    expect(vm).toMatchObject({ pageTitle: 'Add a milestone', action: '/actions/a1/milestones/new', backLink: '/actions/a1', caption: 'A1.3: Audit referrals', actionDue: '31 December 2026' });
    expect(vm.dueItems.map((i) => i.value)).toEqual(['', '', '']);
    expect(vm).toMatchObject({ submitText: 'Add milestone', change: null });
  });

  it('changing one starts from what it says, posts to it with its version, and keeps what was typed on a refusal', () => {
    const milestone = { id: 'm1', title: 'Audit done', dueDate: '2026-12-15', allowAfterActionDue: true, version: 4 } as unknown as Parameters<typeof changeMilestonePage>[2];
    const vm = changeMilestonePage(ctx, action, milestone);
    expect(vm).toMatchObject({ pageTitle: 'Change a milestone', action: '/actions/a1/milestones/m1/change', submitText: 'Save changes', change: { version: 4, title: 'Audit done', due: '15 December 2026' } });
    expect(vm.values).toEqual({ title: 'Audit done', due: parts('15', '12', '2026'), allowAfterActionDue: true });
    expect(vm.dueItems.map((i) => i.value)).toEqual(['15', '12', '2026']);
    const typed = { title: 'Audit done', due: parts('31', '2', '2027'), allowAfterActionDue: false };
    expect(changeMilestonePage(ctx, action, milestone, typed, [{ field: 'dueDate', text: 'The due date must be a real date', href: '#dueDate-day' }]).dueItems.map((i) => i.value)).toEqual(['31', '2', '2027']);
  });
});
