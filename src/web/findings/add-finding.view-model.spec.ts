import { AppException } from '../../common/errors/app.exception';
import { FindingsErrorCode } from '../../findings/findings.exception';
import { addFindingPage, checkNewFinding, EMPTY_NEW_FINDING, newFindingFor, newFindingServiceErrors, noticeChoiceText, submittedNewFinding, type NewFindingChoices, type NewFindingValues } from './add-finding.view-model';

const I1 = '11111111-1111-4111-8111-111111111111';
const I2 = '22222222-2222-4222-8222-222222222222';
const I3 = '33333333-3333-4333-8333-333333333333';
const N1 = '44444444-4444-4444-8444-444444444444';

const CQC = { id: 'r-cqc', code: 'cqc', name: 'Care Quality Commission', builtIn: true };
const OFSTED = { id: 'r-ofsted', code: 'ofsted', name: 'Ofsted', builtIn: true };
const HMICFRS = { id: 'r-hmicfrs', code: 'hmicfrs', name: 'HMICFRS', builtIn: true };
// An organisation's own regulator whose code happens to read "cqc" is still not CQC.
const OWN = { id: 'r-own', code: 'cqc-wales', name: 'Care Inspectorate Wales', builtIn: false };

const choices = (inspections: NewFindingChoices['inspections'], notices: NewFindingChoices['notices'] = []): NewFindingChoices => ({
  inspections,
  regulators: [CQC, OFSTED, HMICFRS, OWN],
  notices,
});
const cqcInspection = { id: I1, title: 'CQC assessment 2025', regulatorId: CQC.id, kind: 'cqc_la_assessment', startDate: '2025-03-03' };
const jtai = { id: I2, title: 'JTAI 2024', regulatorId: OFSTED.id, kind: 'jtai', startDate: '2024-05-01' };
const ownInspection = { id: I3, title: 'Review 2026', regulatorId: OWN.id, kind: 'other', startDate: '2026-01-10' };

const filled = (extra: Partial<NewFindingValues> = {}): NewFindingValues => ({
  ...EMPTY_NEW_FINDING,
  inspectionId: I1,
  reference: 'QS-SAFE-1',
  title: 'Safeguarding: significant shortfalls',
  type: 'area_for_priority_action',
  ...extra,
});

describe('submittedNewFinding and newFindingFor', () => {
  it('reads the form, trimming the short fields and keeping the text’s lines', () => {
    expect(submittedNewFinding({ inspectionId: I1, reference: ' QS-1 ', title: ' T ', text: 'a\r\nb', themeText: ' own ', score: '2' })).toMatchObject({
      inspectionId: I1,
      reference: 'QS-1',
      title: 'T',
      text: 'a\nb',
      themeText: 'own',
      score: '2',
    });
    expect(submittedNewFinding(undefined)).toEqual(EMPTY_NEW_FINDING);
  });

  it('chooses the inspection of ?inspection= only when it is one of the plan’s', () => {
    const c = choices([cqcInspection]);
    expect(newFindingFor(c, I1).inspectionId).toBe(I1);
    expect(newFindingFor(c, I2).inspectionId).toBe('');
    expect(newFindingFor(c, [I1, I1]).inspectionId).toBe('');
    expect(newFindingFor(c, undefined)).toEqual(EMPTY_NEW_FINDING);
  });
});

describe('checkNewFinding', () => {
  it('gives the API body: notice, theme and score only when given', () => {
    expect(checkNewFinding(filled())).toEqual({
      errors: [],
      body: { inspectionId: I1, reference: 'QS-SAFE-1', title: 'Safeguarding: significant shortfalls', text: '', type: 'area_for_priority_action' },
    });
    expect(checkNewFinding(filled({ noticeId: N1, theme: 'safeguarding', score: '1', text: 'As the report says' })).body).toMatchObject({ noticeId: N1, theme: 'safeguarding', score: 1, text: 'As the report says' });
    expect(checkNewFinding(filled({ themeText: 'Fire safety' })).body).toMatchObject({ theme: 'Fire safety' });
  });

  it('names every missing answer, two themes and a score not on the list, in the order of the form', () => {
    const { errors, body } = checkNewFinding({ ...EMPTY_NEW_FINDING, theme: 'safeguarding', themeText: 'Fire safety', score: '5' });
    expect(body).toBeNull();
    expect(errors).toEqual([
      { field: 'inspectionId', text: 'Select the inspection the finding comes from' },
      { field: 'reference', text: 'Enter the finding’s reference in the report' },
      { field: 'title', text: 'Enter a title' },
      { field: 'type', text: 'Select the type of finding' },
      { field: 'themeText', text: 'Choose a theme from the list or type one, not both' },
      { field: 'score', text: 'Select a score from the list' },
    ]);
  });
});

describe('newFindingServiceErrors', () => {
  const invalid = (field: string, message: string) => AppException.invalidField(field, message);
  const none = { theme: '', themeText: '' };

  it.each([
    [invalid('inspectionId', 'no such inspection in this plan'), { field: 'inspectionId', text: 'Inspection must be one of this plan’s inspections, from the list' }],
    [invalid('noticeId', 'no such notice in this plan'), { field: 'noticeId', text: 'The notice must be one of this plan’s notices, from the list' }],
    [
      invalid('noticeId', 'the notice follows a different inspection from this finding'),
      { field: 'noticeId', text: 'The notice follows a different inspection from the one chosen: choose No notice, or that inspection' },
    ],
    [
      AppException.conflict(FindingsErrorCode.ReferenceTaken, 'taken', [{ field: 'reference', messages: ['is already used by another finding of this inspection'] }]),
      { field: 'reference', text: 'Reference is already used by another finding of this inspection' },
    ],
    [invalid('reference', 'reference must be shorter than or equal to 60 characters'), { field: 'reference', text: 'Reference must be 60 characters or fewer' }],
    [invalid('text', 'text must be shorter than or equal to 20000 characters'), { field: 'text', text: 'The finding must be 20,000 characters or fewer' }],
    [invalid('score', 'score only where the regulator scores (CQC); leave it out for this regulator'), { field: 'score', text: 'Score must be Not scored for this inspection: only CQC scores its findings' }],
    [invalid('theme', 'must be a CQC quality statement: one of assessing_needs, safeguarding'), { field: 'theme', text: 'Theme must be a CQC quality statement for the inspection chosen' }],
  ])('%#: shown on its field', (err, error) => {
    expect(newFindingServiceErrors(err, none)).toEqual([error]);
  });

  it('puts a theme’s refusal on the field it was given in', () => {
    const err = invalid('theme', 'must be an Ofsted ILACS judgement: one of help_and_protection');
    expect(newFindingServiceErrors(err, { theme: 'safeguarding', themeText: '' })?.[0].field).toBe('theme');
    expect(newFindingServiceErrors(err, { theme: '', themeText: 'Fire safety' })).toEqual([{ field: 'themeText', text: 'Theme must be an Ofsted ILACS judgement for the inspection chosen' }]);
  });

  it('leaves a problem with a field the form does not have, or another error, to the error page', () => {
    expect(newFindingServiceErrors(invalid('version', 'x'), none)).toBeNull();
    expect(newFindingServiceErrors(AppException.notFound('Plan', 'p1'), none)).toBeNull();
  });
});

describe('noticeChoiceText', () => {
  it.each([
    ['Section 50 notification', 'Section 50 notification to the Secretary of State', 'Section 50 notification to the Secretary of State'],
    ['Section 50 notification', 'SECTION 50 NOTIFICATION: adult social care', 'SECTION 50 NOTIFICATION: adult social care'],
    ['DfE improvement notice', 'Improvement notice from the DfE', 'Improvement notice from the DfE'],
    ['Section 50 notification', 'Section 50 letter', 'Section 50 notification: Section 50 letter'],
    ['DfE improvement notice', 'Improvement notice: children’s social care', 'DfE improvement notice: Improvement notice: children’s social care'],
    ['Ministerial letter', 'Letter from the minister', 'Ministerial letter: Letter from the minister'],
    ['Statutory direction', 'Directions on statutory duties', 'Statutory direction: Directions on statutory duties'],
  ])('a %j titled %j reads %j', (kindLabel, title, text) => {
    expect(noticeChoiceText({ kindLabel, title })).toBe(text);
  });
});

describe('addFindingPage', () => {
  const ctx = { plan: { id: 'p1', title: 'Plan' }, role: 'admin' as const };

  it('offers the plan’s inspections in date order, the CQC and JTAI lists named, a score for CQC and a free theme for its own regulator', () => {
    const vm = addFindingPage(ctx, choices([cqcInspection, jtai, ownInspection], [{ id: N1, kindLabel: 'Section 50 notification', title: 'Section 50 letter' }]), newFindingFor(choices([cqcInspection]), I1));
    expect(vm).toMatchObject({ pageTitle: 'Add a finding', action: '/plans/p1/findings/new', backLink: `/plans/p1/plan#inspection-${I1}`, caption: 'The plan', ready: true, newInspectionHref: '/plans/p1/inspections/new' });
    expect(vm.inspectionItems.map((i) => [i.text, i.selected])).toEqual([
      ['Choose an inspection', false],
      ['JTAI 2024 (1 May 2024)', false],
      ['CQC assessment 2025 (3 March 2025)', true],
      ['Review 2026 (10 January 2026)', false],
    ]);
    expect(vm.noticeItems?.map((n) => n.text)).toEqual(['No notice', 'Section 50 notification: Section 50 letter']);
    const named = addFindingPage(ctx, choices([cqcInspection], [{ id: N1, kindLabel: 'Section 50 notification', title: 'Section 50 notification to the Secretary of State' }]), newFindingFor(choices([cqcInspection]), I1));
    expect(named.noticeItems?.map((n) => n.text)).toEqual(['No notice', 'Section 50 notification to the Secretary of State']);
    expect(vm.typeItems.map((t) => t.text)).toEqual(['Area for improvement', 'Area for priority action', 'Recommendation', 'Requirement']);
    expect(vm.themeItems?.[0]).toEqual({ value: '', text: 'None', selected: true });
    expect(vm.themeItems?.find((t) => t.value === 'jtai_need_and_risk')?.text).toBe('JTAI heading: Identifying need and risk at the front door');
    expect(vm.themeItems?.find((t) => t.value === 'safeguarding')?.text).toBe('CQC quality statement: Safeguarding');
    expect(vm.themeHint).toBe('From the list of the inspection’s regulator: JTAI headings or CQC quality statements');
    expect(vm.freeThemeRegulators).toEqual(['Care Inspectorate Wales']);
    expect(vm.scoreItems?.map((s) => s.text)).toEqual(['Not scored', '1: significant shortfalls', '2: some shortfalls', '3: good standard', '4: exceptional standard']);
  });

  it('shows no notice, list of themes or score where the plan has none to offer', () => {
    const vm = addFindingPage(ctx, choices([ownInspection]));
    expect(vm).toMatchObject({ noticeItems: null, themeItems: null, scoreItems: null, freeThemeRegulators: ['Care Inspectorate Wales'], backLink: '/plans/p1/plan' });
    const cqcOnly = addFindingPage(ctx, choices([cqcInspection]));
    expect(cqcOnly.themeItems?.find((t) => t.value === 'safeguarding')?.text).toBe('Safeguarding');
    expect(cqcOnly.themeHint).toBe('The CQC quality statement the finding falls under');
    expect(cqcOnly.freeThemeRegulators).toBeNull();
  });

  it('keeps what was sent', () => {
    const vm = addFindingPage(ctx, choices([cqcInspection], [{ id: N1, kindLabel: 'Section 50 notification', title: 'S50' }]), filled({ noticeId: N1, theme: 'safeguarding', score: '2' }), [{ field: 'reference', text: 'x' }]);
    expect(vm.noticeItems?.find((n) => n.selected)?.value).toBe(N1);
    expect(vm.typeItems.filter((t) => t.checked).map((t) => t.value)).toEqual(['area_for_priority_action']);
    expect(vm.themeItems?.find((t) => t.selected)?.value).toBe('safeguarding');
    expect(vm.scoreItems?.find((s) => s.selected)?.value).toBe('2');
    expect(vm.errors).toEqual([{ field: 'reference', text: 'x' }]);
  });

  it('says the plan needs an inspection first', () => {
    expect(addFindingPage(ctx, choices([]))).toMatchObject({ ready: false, inspectionItems: [{ value: '', text: 'Choose an inspection', selected: true }] });
  });
});
