import type { NoticeDetailDto } from '../../notices/dto/notice.dto';
import { changeNoticePage, checkNoticeChange, noticeDetailsValues, STALE_NOTICE_DETAILS_ERROR, submittedNoticeDetails } from './change-notice.view-model';

const parts = (day: string, month: string, year: string) => ({ day, month, year });
const ctx = { plan: { id: 'p1', title: 'Children’s services improvement plan' }, role: 'board' as const };
const notice = {
  id: 'n1',
  kind: 'dfe_improvement_notice',
  kindLabel: 'DfE improvement notice',
  title: 'Improvement notice: children’s services',
  inspectionId: 'i1',
  issuedOn: '2025-07-05',
  deadline: null,
  failings: 'Referrals are late.',
  requirements: '',
  status: 'downgraded',
  version: 4,
  statusHistory: [],
} as unknown as NoticeDetailDto;
const choices = { inspections: [{ id: 'i1', title: 'ILACS inspection', startDate: '2025-05-01' }] };

describe('noticeDetailsValues / submittedNoticeDetails', () => {
  it('prefills the form with what the notice says: dates in their boxes, no deadline blank', () => {
    expect(noticeDetailsValues(notice)).toEqual({
      kind: 'dfe_improvement_notice',
      title: 'Improvement notice: children’s services',
      inspectionId: 'i1',
      issued: parts('5', '7', '2025'),
      deadline: parts('', '', ''),
      failings: 'Referrals are late.',
      requirements: '',
    });
    expect(noticeDetailsValues({ ...notice, inspectionId: null, deadline: '2026-12-31' })).toMatchObject({ inspectionId: '', deadline: parts('31', '12', '2026') });
  });

  it('reads the notice’s own fields as sent, not its status', () => {
    const values = submittedNoticeDetails({ kind: 'section_50', title: ' T ', inspectionId: '', 'issuedOn-day': '1', 'issuedOn-month': '2', 'issuedOn-year': '2025', failings: 'a\r\nb', status: 'closed' });
    expect(values).toEqual({ kind: 'section_50', title: 'T', inspectionId: '', issued: parts('1', '2', '2025'), deadline: parts('', '', ''), failings: 'a\nb', requirements: '' });
  });
});

describe('checkNoticeChange', () => {
  it('gives the PATCH body with every field: a blank inspection or deadline clears it', () => {
    expect(checkNoticeChange({ ...noticeDetailsValues(notice), inspectionId: '', deadline: parts('', '', ''), failings: '  ' })).toEqual({
      errors: [],
      body: { kind: 'dfe_improvement_notice', title: 'Improvement notice: children’s services', inspectionId: null, issuedOn: '2025-07-05', deadline: null, failings: '', requirements: '' },
    });
    expect(checkNoticeChange({ ...noticeDetailsValues(notice), deadline: parts('31', '7', '2026') }).body).toMatchObject({ inspectionId: 'i1', deadline: '2026-07-31' });
  });

  it('asks for a kind, a title and real dates, as the add form does', () => {
    expect(checkNoticeChange({ ...noticeDetailsValues(notice), kind: '', title: '', issued: parts('31', '2', '2025') })).toEqual({
      errors: [
        { field: 'kind', text: 'Select the kind of notice' },
        { field: 'title', text: 'Enter a title' },
        { field: 'issuedOn', text: 'The date it was issued must be a real date', href: '#issuedOn-day' },
      ],
      body: null,
    });
  });
});

describe('changeNoticePage', () => {
  it('is the notice’s form, prefilled, with its version and the plan’s inspections; no summary of it', () => {
    const page = changeNoticePage(ctx, choices, notice);
    expect(page).toMatchObject({
      pageTitle: 'Change the notice',
      caption: 'Improvement notice: children’s services',
      action: '/notices/n1/edit',
      backLink: '/plans/p1/plan#notice-n1',
      deleteHref: '/notices/n1/delete',
      version: 4,
      values: noticeDetailsValues(notice),
      now: null,
      inspectionItems: [{ value: '', selected: false }, { value: 'i1', selected: true }],
    });
    expect(page.kindItems.find((k) => k.checked)?.value).toBe('dfe_improvement_notice');
    expect(page.issuedItems.map((i) => i.value)).toEqual(['5', '7', '2025']);
  });

  it('after a stale send, keeps what was sent and shows what the notice says now', () => {
    const sent = { ...noticeDetailsValues(notice), title: 'My title' };
    const page = changeNoticePage(ctx, choices, { ...notice, title: 'Their title', version: 5 }, sent, [STALE_NOTICE_DETAILS_ERROR]);
    expect(page.values.title).toBe('My title');
    expect(page.version).toBe(5);
    expect(page.now).toEqual(
      expect.arrayContaining([
        { key: { text: 'Title' }, value: { text: 'Their title' } },
        { key: { text: 'Inspection' }, value: { text: 'ILACS inspection' } },
        { key: { text: 'Issued' }, value: { text: '5 July 2025' } },
        { key: { text: 'Deadline' }, value: { text: 'None' } },
        { key: { text: 'Status' }, value: { text: 'Downgraded' } },
      ]),
    );
  });
});
