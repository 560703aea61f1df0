import { AppException } from '../../common/errors/app.exception';
import type { NoticeDetailDto } from '../../notices/dto/notice.dto';
import { changeNoticeStatusPage, checkNoticeStatus, EMPTY_NOTICE_STATUS, noticeStatusServiceErrors, STALE_NOTICE_ERROR, submittedNoticeStatus } from './change-notice-status.view-model';

const parts = (day: string, month: string, year: string) => ({ day, month, year });
const ctx = { plan: { id: 'p1', title: 'Children’s services improvement plan' }, role: 'board' as const };
const change = (toStatus: string, changedOn: string) => ({ fromStatus: null, toStatus, changedOn, changedById: null, changedByName: null, note: '', recordedAt: '' });
const notice = (status: string, history = [change('open', '2025-07-15')]) =>
  ({ id: 'n1', kindLabel: 'DfE improvement notice', title: 'Improvement notice: children’s services', issuedOn: '2025-07-15', status, version: 3, statusHistory: history }) as unknown as NoticeDetailDto;

describe('submittedNoticeStatus', () => {
  it('reads the status, the date’s boxes and the note', () => {
    expect(submittedNoticeStatus({ status: 'closed', 'statusChangedOn-day': '1', 'statusChangedOn-month': '12', 'statusChangedOn-year': '2026', statusNote: 'a\r\nb' })).toEqual({
      status: 'closed',
      changed: parts('1', '12', '2026'),
      note: 'a\nb',
    });
  });
});

describe('checkNoticeStatus', () => {
  it('gives the PATCH body (the note only when given)', () => {
    expect(checkNoticeStatus({ status: 'downgraded', changed: parts('20', '11', '2026'), note: '' }, 'open')).toEqual({ errors: [], body: { status: 'downgraded', statusChangedOn: '2026-11-20' } });
    expect(checkNoticeStatus({ status: 'closed', changed: parts('20', '11', '2026'), note: 'Lifted' }, 'open').body).toMatchObject({ statusNote: 'Lifted' });
  });

  it('asks for a status other than the one it has, and the real date it changed', () => {
    expect(checkNoticeStatus(EMPTY_NOTICE_STATUS, 'open').errors).toEqual([
      { field: 'status', text: 'Select the notice’s new status' },
      { field: 'statusChangedOn', text: 'Enter the date the status changed', href: '#statusChangedOn-day' },
    ]);
    expect(checkNoticeStatus({ status: 'open', changed: parts('31', '2', '2026'), note: '' }, 'open')).toEqual({
      errors: [
        { field: 'status', text: 'Select the notice’s new status' },
        { field: 'statusChangedOn', text: 'The date the status changed must be a real date', href: '#statusChangedOn-day' },
      ],
      body: null,
    });
  });
});

describe('noticeStatusServiceErrors', () => {
  it('puts the service’s date rules on the date, in the form’s words', () => {
    expect(noticeStatusServiceErrors(AppException.invalidField('statusChangedOn', 'must not be before issuedOn'))).toEqual([
      { field: 'statusChangedOn', text: 'The date the status changed must be the same as or after the date it was issued', href: '#statusChangedOn-day' },
    ]);
    expect(noticeStatusServiceErrors(AppException.invalidField('statusChangedOn', 'must not be in the future'))).toEqual([
      { field: 'statusChangedOn', text: 'The date the status changed must be today or in the past', href: '#statusChangedOn-day' },
    ]);
    expect(noticeStatusServiceErrors(AppException.invalidField('title', 'must not be empty'))).toBeNull();
    expect(noticeStatusServiceErrors(AppException.staleVersion('Notice', 4))).toBeNull();
  });
});

describe('changeNoticeStatusPage', () => {
  it('shows the notice’s status now and since when, and offers the other statuses', () => {
    const vm = changeNoticeStatusPage(ctx, notice('open'));
    expect(vm).toMatchObject({
      pageTitle: 'Change the notice’s status',
      caption: 'Improvement notice: children’s services',
      action: '/notices/n1/status',
      backLink: '/plans/p1/plan#notice-n1',
      current: 'Open since 15 July 2025',
      version: 3,
      notice: { kind: 'DfE improvement notice', issuedOn: '2025-07-15' },
    });
    expect(vm.statusItems).toEqual([
      { value: 'downgraded', text: 'Downgraded', checked: false },
      { value: 'closed', text: 'Closed', checked: false },
    ]);
  });

  it('after a stale send: what it says now (its status, since its last change, its version), what was typed, and the error', () => {
    const fresh = notice('downgraded', [change('open', '2025-07-15'), change('downgraded', '2026-11-02')]);
    const vm = changeNoticeStatusPage(ctx, fresh, { status: 'downgraded', changed: parts('20', '11', '2026'), note: 'x' }, [STALE_NOTICE_ERROR]);
    expect(vm.current).toBe('Downgraded since 2 November 2026');
    expect(vm.statusItems.map((s) => s.value)).toEqual(['open', 'closed']);
    expect(vm.statusItems.some((s) => s.checked)).toBe(false);
    expect(vm.changedItems[0]).toMatchObject({ value: '20', classes: 'govuk-input--width-2' });
    expect(vm.errors).toEqual([STALE_NOTICE_ERROR]);
  });

  it('says since when only where the history says it (an open notice with none: since it was issued)', () => {
    expect(changeNoticeStatusPage(ctx, notice('open', [])).current).toBe('Open since 15 July 2025');
    expect(changeNoticeStatusPage(ctx, notice('closed', [])).current).toBe('Closed');
    expect(changeNoticeStatusPage(ctx, notice('downgraded')).current).toBe('Downgraded');
  });
});
