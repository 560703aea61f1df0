import { AppException } from '../../common/errors/app.exception';
import { addNoticePage, checkNewNotice, EMPTY_NEW_NOTICE, newNoticeServiceErrors, noticeMessageWords, submittedNewNotice, type NewNoticeValues } from './add-notice.view-model';

const parts = (day: string, month: string, year: string) => ({ day, month, year });
const ctx = { plan: { id: 'p1', title: 'Adult social care improvement plan' }, role: 'board' as const };

const filled = (extra: Partial<NewNoticeValues> = {}): NewNoticeValues => ({
  ...EMPTY_NEW_NOTICE,
  kind: 'dfe_improvement_notice',
  title: 'Improvement notice: children’s services',
  issued: parts('15', '7', '2025'),
  ...extra,
});

describe('submittedNewNotice', () => {
  it('trims the title, keeps the date inputs and the text boxes’ lines', () => {
    const v = submittedNewNotice({ kind: 'section_50', title: ' T ', 'issuedOn-day': ' 1', 'issuedOn-month': '7', 'issuedOn-year': '2025', failings: 'a\r\nb', status: 'open' });
    expect(v).toMatchObject({ kind: 'section_50', title: 'T', issued: parts('1', '7', '2025'), deadline: parts('', '', ''), failings: 'a\nb', status: 'open' });
    expect(submittedNewNotice(undefined)).toEqual({ ...EMPTY_NEW_NOTICE, status: '' });
  });
});

describe('checkNewNotice', () => {
  it('gives the API body: the optional fields only when given', () => {
    expect(checkNewNotice(filled())).toEqual({
      errors: [],
      body: { kind: 'dfe_improvement_notice', title: 'Improvement notice: children’s services', issuedOn: '2025-07-15', status: 'open' },
    });
    const full = filled({ inspectionId: 'i1', deadline: parts('31', '7', '2026'), failings: 'F', requirements: 'R', status: 'downgraded', statusChanged: parts('1', '3', '2026'), statusNote: 'N' });
    expect(checkNewNotice(full).body).toEqual({
      kind: 'dfe_improvement_notice',
      title: 'Improvement notice: children’s services',
      inspectionId: 'i1',
      issuedOn: '2025-07-15',
      deadline: '2026-07-31',
      failings: 'F',
      requirements: 'R',
      status: 'downgraded',
      statusChangedOn: '2026-03-01',
      statusNote: 'N',
    });
  });

  it('names every missing answer and date that is not one, in the order of the form', () => {
    const { errors, body } = checkNewNotice({ ...EMPTY_NEW_NOTICE, status: '', deadline: parts('31', '2', '2026'), statusChanged: parts('1', '', '2026') });
    expect(body).toBeNull();
    expect(errors).toEqual([
      { field: 'kind', text: 'Select the kind of notice' },
      { field: 'title', text: 'Enter a title' },
      { field: 'issuedOn', text: 'Enter the date on the notice or letter', href: '#issuedOn-day' },
      { field: 'deadline', text: 'The deadline must be a real date', href: '#deadline-day' },
      { field: 'status', text: 'Select the notice’s status' },
      { field: 'statusChangedOn', text: 'The date of its status must include a month', href: '#statusChangedOn-month' },
    ]);
  });
});

describe('the service’s refusals in the form’s words', () => {
  it('puts the notices service’s date rules on their date inputs', () => {
    expect(newNoticeServiceErrors(AppException.invalidField('deadline', 'must not be before issuedOn'))).toEqual([
      { field: 'deadline', text: 'The deadline must be the same as or after the date it was issued', href: '#deadline-day' },
    ]);
    expect(newNoticeServiceErrors(AppException.invalidField('statusChangedOn', 'must not be in the future'))).toEqual([
      { field: 'statusChangedOn', text: 'The date of its status must be today or in the past', href: '#statusChangedOn-day' },
    ]);
    expect(newNoticeServiceErrors(AppException.invalidField('inspectionId', 'no such inspection in this plan'))).toEqual([
      { field: 'inspectionId', text: 'Inspection must be one of this plan’s inspections, from the list' },
    ]);
  });

  it('words the DTO’s messages and leaves other errors to the error pages', () => {
    expect(noticeMessageWords('title', 'title must be shorter than or equal to 300 characters')).toBe('must be 300 characters or fewer');
    expect(noticeMessageWords('kind', 'kind must be one of the following values: section_50, ...')).toBe('must be one from the list');
    expect(newNoticeServiceErrors(AppException.notFound('Plan', 'p1'))).toBeNull();
    expect(newNoticeServiceErrors(new Error('boom'))).toBeNull();
  });
});

describe('addNoticePage', () => {
  it('offers the kinds with what each is, the plan’s inspections by date, the statuses with Open chosen', () => {
    const vm = addNoticePage(ctx, {
      inspections: [
        { id: 'i2', title: 'Ofsted visit', startDate: '2026-02-10' },
        { id: 'i1', title: 'CQC assessment', startDate: '2025-03-03' },
      ],
    });
    expect(vm).toMatchObject({ pageTitle: 'Add a notice', action: '/plans/p1/notices/new', backLink: '/plans/p1/plan', caption: 'The plan' });
    expect(vm.kindItems.map((k) => k.text)).toEqual(['Section 50 notification', 'DfE improvement notice', 'Statutory direction', 'Ministerial letter']);
    expect(vm.kindItems[0].hint.text).toMatch(/^CQC notified the Secretary of State/);
    expect(vm.inspectionItems?.map((i) => i.text)).toEqual(['None', 'CQC assessment (3 March 2025)', 'Ofsted visit (10 February 2026)']);
    expect(vm.statusItems).toEqual([
      { value: 'open', text: 'Open', checked: true },
      { value: 'downgraded', text: 'Downgraded', checked: false },
      { value: 'closed', text: 'Closed', checked: false },
    ]);
    expect(addNoticePage(ctx, { inspections: [] }).inspectionItems).toBeNull();
  });

  it('keeps what was sent and marks the wrong date’s boxes', () => {
    const vm = addNoticePage(ctx, { inspections: [{ id: 'i1', title: 'CQC assessment', startDate: '2025-03-03' }] }, filled({ inspectionId: 'i1', deadline: parts('31', '2', '2026') }), [
      { field: 'deadline', text: 'The deadline must be a real date', href: '#deadline-day' },
    ]);
    expect(vm.kindItems.find((k) => k.checked)?.value).toBe('dfe_improvement_notice');
    expect(vm.inspectionItems?.find((i) => i.selected)?.value).toBe('i1');
    expect(vm.deadlineItems[0]).toMatchObject({ value: '31', classes: 'govuk-input--width-2 govuk-input--error' });
    expect(vm.issuedItems[0].classes).toBe('govuk-input--width-2');
  });
});
