import { AppException } from '../../common/errors/app.exception';
import { CommonErrorCode } from '../../common/errors/error-code';
import { checkNewPlan, EMPTY_NEW_PLAN, newPlanPage, newPlanServiceErrors, planStartedFlash, submittedNewPlan, type NewPlanValues } from './new-plan.view-model';

const parts = (day: string, month: string, year: string) => ({ day, month, year });
const PLAN_ID = '11111111-1111-4111-8111-111111111111';

const filled = (extra: Partial<NewPlanValues> = {}): NewPlanValues => ({
  ...EMPTY_NEW_PLAN,
  title: 'Adult social care improvement plan',
  serviceArea: 'adult_social_care',
  ...extra,
});

describe('submittedNewPlan', () => {
  it('trims the text fields and keeps the three date inputs', () => {
    const v = submittedNewPlan({ title: ' T ', serviceArea: 'send', 'targetDate-day': ' 31', 'targetDate-month': '3', 'targetDate-year': '2028', programmeLead: ' Director ' });
    expect(v).toEqual({ title: 'T', serviceArea: 'send', target: parts('31', '3', '2028'), programmeLead: 'Director' });
    expect(submittedNewPlan(undefined)).toEqual(EMPTY_NEW_PLAN);
  });
});

describe('checkNewPlan', () => {
  it('gives the API body: the optional fields only when given', () => {
    expect(checkNewPlan(filled())).toEqual({ errors: [], body: { title: 'Adult social care improvement plan', serviceArea: 'adult_social_care' } });
    expect(checkNewPlan(filled({ target: parts('31', '3', '2028'), programmeLead: 'Director of Adult Social Services' })).body).toEqual({
      title: 'Adult social care improvement plan',
      serviceArea: 'adult_social_care',
      targetDate: '2028-03-31',
      programmeLead: 'Director of Adult Social Services',
    });
  });

  it('names every missing answer and a date that is not one, in the order of the form', () => {
    const { errors, body } = checkNewPlan({ ...EMPTY_NEW_PLAN, target: parts('31', '2', '2027') });
    expect(body).toBeNull();
    expect(errors).toEqual([
      { field: 'title', text: 'Enter a title for the plan' },
      { field: 'serviceArea', text: 'Select the service the plan is for' },
      { field: 'targetDate', text: 'The target date must be a real date', href: '#targetDate-day' },
    ]);
    expect(checkNewPlan(filled({ target: parts('1', '', '2027') })).errors).toEqual([{ field: 'targetDate', text: 'The target date must include a month', href: '#targetDate-month' }]);
  });
});

describe('newPlanServiceErrors', () => {
  const refusal = (details: { field: string; messages: string[] }[], status = 400) => new AppException(status, CommonErrorCode.ValidationFailed, 'refused', details);

  it('puts the DTO’s refusals on their fields, in the form’s words', () => {
    expect(
      newPlanServiceErrors(
        refusal([
          { field: 'title', messages: ['title must be shorter than or equal to 300 characters'] },
          { field: 'serviceArea', messages: ['serviceArea must be one of the following values: adult_social_care, send'] },
          { field: 'targetDate', messages: ['targetDate must be a calendar date (YYYY-MM-DD)'] },
          { field: 'programmeLead', messages: ['programmeLead must be shorter than or equal to 200 characters'] },
        ]),
      ),
    ).toEqual([
      { field: 'title', text: 'Title must be 300 characters or fewer' },
      { field: 'serviceArea', text: 'Service area must be one from the list' },
      { field: 'targetDate', text: 'The target date must be a calendar date (YYYY-MM-DD)', href: '#targetDate-day' },
      { field: 'programmeLead', text: 'Programme lead must be 200 characters or fewer' },
    ]);
  });

  it('leaves other errors to the error pages: a field the form has not, a 403, not an AppException', () => {
    expect(newPlanServiceErrors(refusal([{ field: 'status', messages: ['should not exist'] }]))).toBeNull();
    expect(newPlanServiceErrors(AppException.forbidden('no'))).toBeNull();
    expect(newPlanServiceErrors(new Error('boom'))).toBeNull();
  });
});

describe('newPlanPage', () => {
  it('is the blank form: every service area in words, none chosen, back to the home page', () => {
    const vm = newPlanPage('Exampleshire Council');
    expect(vm).toMatchObject({ pageTitle: 'Start a new plan', caption: 'Exampleshire Council', backLink: '/', action: '/plans/new', errors: [], values: EMPTY_NEW_PLAN });
    expect(vm.serviceAreaItems).toEqual([
      { value: 'adult_social_care', text: 'Adult social care', checked: false },
      { value: 'childrens_services', text: "Children's services", checked: false },
      { value: 'send', text: 'Special educational needs and disabilities (SEND)', checked: false },
      { value: 'safeguarding_partnership', text: 'Safeguarding partnership', checked: false },
      { value: 'other', text: 'Other', checked: false },
    ]);
    expect(vm.targetItems.map((i) => i.classes)).toEqual(['govuk-input--width-2', 'govuk-input--width-2', 'govuk-input--width-4']);
  });

  it('is the form as sent, with its errors: the chosen area checked, the date boxes marked', () => {
    const errors = [{ field: 'targetDate', text: 'The target date must be a real date', href: '#targetDate-day' }];
    const vm = newPlanPage('Exampleshire Council', filled({ serviceArea: 'send', target: parts('31', '2', '2027') }), errors);
    expect(vm.serviceAreaItems.filter((i) => i.checked).map((i) => i.value)).toEqual(['send']);
    expect(vm.targetItems.map((i) => i.value)).toEqual(['31', '2', '2027']);
    expect(vm.targetItems.every((i) => i.classes.endsWith(' govuk-input--error'))).toBe(true);
    expect(vm.errors).toBe(errors);
  });
});

describe('planStartedFlash', () => {
  it('says what was started and links what comes next: people’s roles, then its inspection', () => {
    expect(planStartedFlash({ id: PLAN_ID, title: 'SEND improvement plan' })).toEqual({
      kind: 'success',
      title: 'The plan has been started',
      text: 'SEND improvement plan. Next, give people their roles in it and record the inspection it answers.',
      links: [
        { text: 'Give people roles in this plan', href: '/admin/users' },
        { text: 'Add an inspection to this plan', href: `/plans/${PLAN_ID}/inspections/new` },
      ],
    });
  });
});
