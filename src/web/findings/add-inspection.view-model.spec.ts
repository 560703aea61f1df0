import { AppException } from '../../common/errors/app.exception';
import { inspectionKindsFor } from '../../inspections/regulator-scales';
import {
  addInspectionPage,
  checkNewInspection,
  EMPTY_NEW_INSPECTION,
  inspectionMessageWords,
  judgementChoices,
  newInspectionServiceErrors,
  submittedNewInspection,
  type NewInspectionValues,
} from './add-inspection.view-model';

const parts = (day: string, month: string, year: string) => ({ day, month, year });
const CQC = '11111111-1111-4111-8111-111111111111';
const OFSTED = '22222222-2222-4222-8222-222222222222';
const OWN = '33333333-3333-4333-8333-333333333333';

const regulator = (id: string, code: string, name: string, judgementScale: string[], builtIn = true) => ({ id, name, judgementScale, inspectionKinds: inspectionKindsFor({ code, builtIn }) });
const REGULATORS = [
  regulator(CQC, 'cqc', 'Care Quality Commission', ['Outstanding', 'Good', 'Requires improvement', 'Inadequate']),
  regulator(OFSTED, 'ofsted', 'Ofsted', ['Outstanding', 'Good', 'Requires improvement to be good', 'Inadequate']),
  regulator(OWN, 'ciw', 'Care Inspectorate Wales', ['Excellent', 'Good', 'Adequate', 'Poor'], false),
];

const filled = (extra: Partial<NewInspectionValues> = {}): NewInspectionValues => ({
  ...EMPTY_NEW_INSPECTION,
  regulatorId: CQC,
  kind: 'cqc_la_assessment',
  title: 'CQC assessment of adult social care 2025',
  start: parts('3', '3', '2025'),
  ...extra,
});

describe('submittedNewInspection', () => {
  it('trims the short fields and keeps the three date inputs', () => {
    const v = submittedNewInspection({ regulatorId: CQC, kind: 'cqc_la_assessment', title: ' T ', 'startDate-day': ' 3', 'startDate-month': '3', 'startDate-year': '2025', reportUrl: ' https://x.example ' });
    expect(v).toMatchObject({ title: 'T', start: parts('3', '3', '2025'), end: parts('', '', ''), published: parts('', '', ''), reportUrl: 'https://x.example' });
    expect(submittedNewInspection(undefined)).toEqual(EMPTY_NEW_INSPECTION);
  });
});

describe('checkNewInspection', () => {
  it('gives the API body: the optional fields only when given', () => {
    expect(checkNewInspection(filled())).toEqual({
      errors: [],
      body: { regulatorId: CQC, kind: 'cqc_la_assessment', title: 'CQC assessment of adult social care 2025', startDate: '2025-03-03' },
    });
    const full = filled({ end: parts('14', '3', '2025'), published: parts('20', '6', '2025'), reportReference: 'R1', reportUrl: 'https://cqc.example/r', overallJudgement: 'Good' });
    expect(checkNewInspection(full).body).toMatchObject({ endDate: '2025-03-14', publishedDate: '2025-06-20', reportReference: 'R1', reportUrl: 'https://cqc.example/r', overallJudgement: 'Good' });
  });

  it('names every missing answer and date that is not one, in the order of the form', () => {
    const { errors, body } = checkNewInspection({ ...EMPTY_NEW_INSPECTION, end: parts('31', '2', '2025'), published: parts('1', '', '2025') });
    expect(body).toBeNull();
    expect(errors).toEqual([
      { field: 'regulatorId', text: 'Select the regulator' },
      { field: 'kind', text: 'Select the kind of inspection' },
      { field: 'title', text: 'Enter a title' },
      { field: 'startDate', text: 'Enter the date the inspection started', href: '#startDate-day' },
      { field: 'endDate', text: 'The end date must be a real date', href: '#endDate-day' },
      { field: 'publishedDate', text: 'The date the report was published must include a month', href: '#publishedDate-month' },
    ]);
  });

  it('refuses a start date of 31 February', () => {
    expect(checkNewInspection(filled({ start: parts('31', '2', '2025') })).errors).toEqual([{ field: 'startDate', text: 'The start date must be a real date', href: '#startDate-day' }]);
  });
});

describe('newInspectionServiceErrors', () => {
  const refusal = (field: string, message: string) => AppException.invalidField(field, message);

  it.each([
    ['regulatorId', 'no such regulator (GET /regulators lists the ones you can use)', { field: 'regulatorId', text: 'Regulator must be one from the list' }],
    [
      'kind',
      'must be a kind of inspection this regulator carries out: ofsted_ilacs_full, jtai',
      { field: 'kind', text: 'Kind of inspection must be one the regulator carries out: Ofsted ILACS full inspection, Joint targeted area inspection (JTAI)' },
    ],
    ['title', 'title must be shorter than or equal to 300 characters', { field: 'title', text: 'Title must be 300 characters or fewer' }],
    ['endDate', 'must not be before startDate', { field: 'endDate', text: 'The end date must be the same as or after the start date', href: '#endDate-day' }],
    ['publishedDate', 'must not be before startDate', { field: 'publishedDate', text: 'The date the report was published must be the same as or after the start date', href: '#publishedDate-day' }],
    ['reportUrl', 'reportUrl must be an http(s) URL', { field: 'reportUrl', text: 'The link to the report must be a web address starting with https:// or http://' }],
    [
      'overallJudgement',
      'is derived from qualityStatementScores: give the nine scores instead',
      { field: 'overallJudgement', text: 'Overall judgement must be None: a CQC assessment’s rating is worked out from its quality statement scores, recorded through the import or the API' },
    ],
    ['overallJudgement', 'a Ofsted focused visit is not graded: leave it out', { field: 'overallJudgement', text: 'Overall judgement must be None: an Ofsted focused visit is not graded' }],
    ['overallJudgement', "must be on the regulator's scale: Outstanding, Good", { field: 'overallJudgement', text: 'Overall judgement must be on the regulator’s scale: Outstanding, Good' }],
  ])('%s: %s is shown on its field', (field, message, error) => {
    expect(newInspectionServiceErrors(refusal(field, message))).toEqual([error]);
  });

  it('leaves a problem with a field the form does not have, or another error, to the error page', () => {
    expect(newInspectionServiceErrors(refusal('qualityStatementScores', 'x'))).toBeNull();
    expect(newInspectionServiceErrors(AppException.notFound('Plan', 'p1'))).toBeNull();
    expect(newInspectionServiceErrors(new Error('boom'))).toBeNull();
  });

  it('words a kind the DTO refused as one from the list', () => {
    expect(inspectionMessageWords('kind', 'kind must be one of the following values: cqc_la_assessment')).toBe('must be one from the list');
  });

  it('words the change form’s refused regulator while findings are themed for the old one', () => {
    expect(inspectionMessageWords('regulatorId', 'cannot change: the inspection has findings (QS-1, QS-2) themed for its regulator')).toBe(
      'cannot change while the inspection has findings (QS-1, QS-2): their themes and scores are the regulator’s',
    );
    expect(inspectionMessageWords('regulatorId', 'no such regulator (GET /regulators lists the ones you can use)')).toBe('must be one from the list');
  });
});

describe('judgementChoices', () => {
  it('lists every scale’s judgements once, each at its best place', () => {
    expect(judgementChoices(REGULATORS)).toEqual(['Outstanding', 'Excellent', 'Good', 'Requires improvement', 'Requires improvement to be good', 'Adequate', 'Inadequate', 'Poor']);
    expect(judgementChoices([])).toEqual([]);
  });
});

describe('addInspectionPage', () => {
  const ctx = { plan: { id: 'p1', title: 'Adult social care improvement plan' }, role: 'board' as const };

  it('is a blank form posting to the plan, backed by the plan page', () => {
    const vm = addInspectionPage(ctx, { regulators: REGULATORS });
    expect(vm).toMatchObject({ pageTitle: 'Add an inspection', action: '/plans/p1/inspections/new', backLink: '/plans/p1/plan', caption: 'The plan', errors: [] });
    expect(vm.planNav.items.find((i) => i.current)?.text).toBe('The plan');
    expect(vm.regulatorItems.map((r) => [r.text, r.selected])).toEqual([
      ['Choose a regulator', true],
      ['Care Quality Commission', false],
      ['Ofsted', false],
      ['Care Inspectorate Wales', false],
    ]);
    // Each kind says who carries it out.
    expect(vm.kindItems.map((k) => [k.value, k.hint.text])).toEqual([
      ['cqc_la_assessment', 'By Care Quality Commission'],
      ['ofsted_ilacs_full', 'By Ofsted'],
      ['ofsted_ilacs_short', 'By Ofsted'],
      ['ofsted_focused_visit', 'By Ofsted'],
      ['ofsted_monitoring_visit', 'By Ofsted'],
      ['jtai', 'By Ofsted'],
      ['other', 'By Care Inspectorate Wales'],
    ]);
    expect(vm.judgementItems[0]).toEqual({ value: '', text: 'None', selected: true });
  });

  it('keeps what was sent, and marks the date inputs of a field in error', () => {
    const vm = addInspectionPage(ctx, { regulators: REGULATORS }, filled({ regulatorId: OFSTED, kind: 'jtai', overallJudgement: 'Good', end: parts('1', '1', '2025') }), [
      { field: 'endDate', text: 'x', href: '#endDate-day' },
    ]);
    expect(vm.regulatorItems.find((r) => r.selected)?.value).toBe(OFSTED);
    expect(vm.kindItems.filter((k) => k.checked).map((k) => k.value)).toEqual(['jtai']);
    expect(vm.judgementItems.find((j) => j.selected)?.value).toBe('Good');
    expect(vm.endItems.map((i) => [i.value, i.classes])).toEqual([
      ['1', 'govuk-input--width-2 govuk-input--error'],
      ['1', 'govuk-input--width-2 govuk-input--error'],
      ['2025', 'govuk-input--width-4 govuk-input--error'],
    ]);
    expect(vm.startItems[0].classes).toBe('govuk-input--width-2');
  });
});
