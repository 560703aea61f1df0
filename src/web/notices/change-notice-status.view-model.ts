import type { NoticeDetailDto } from '../../notices/dto/notice.dto';
import { NOTICE_STATUSES } from '../../notices/dto/notice.dto';
import { dateItems, dateParts, parseDateInput, type ActionFormPage, type DateParts, type PlanContext } from '../actions/action-forms.view-model';
import { serviceFieldErrors, type FieldLabel } from '../admin/service-errors';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { formValue } from '../common/forms/form-errors';
import { govukDate } from '../common/nunjucks/filters';
import { planNavigation } from '../common/view/plan-navigation';
import { NOTICE_PAGE, planPaths } from '../common/web-paths';
import { noticeMessageWords } from './add-notice.view-model';
import { NOTICE_STATUS_WORDS, noticeStatusWords } from './notice-words';

/** The form's fields as sent. */
export interface NoticeStatusValues {
  status: string;
  changed: DateParts;
  note: string;
}

export const EMPTY_NOTICE_STATUS: NoticeStatusValues = Object.freeze({ status: '', changed: Object.freeze({ day: '', month: '', year: '' }), note: '' });

export function submittedNoticeStatus(body: unknown): NoticeStatusValues {
  return { status: formValue(body, 'status'), changed: dateParts(body, 'statusChangedOn'), note: formValue(body, 'statusNote').replace(/\r\n/g, '\n') };
}

/** The body `PATCH /api/v1/notices/:id` takes for a change of status (the version is the form's). */
export interface NoticeStatusBody {
  status: string;
  statusChangedOn: string;
  statusNote?: string;
}

/**
 * What the form itself asks: a status other than the one the notice has (the API writes no history
 * for the same status, and refuses its date), and the real date it changed. A date before the notice
 * was issued or after today is the notices service's to refuse, on the date.
 */
export function checkNoticeStatus(values: NoticeStatusValues, current: string): { errors: FieldError[]; body: NoticeStatusBody | null } {
  const errors: FieldError[] = [];
  if (!values.status || values.status === current) errors.push({ field: 'status', text: 'Select the notice’s new status' });
  const changed = parseDateInput(values.changed, 'statusChangedOn', 'The date the status changed', 'Enter the date the status changed');
  if ('error' in changed) errors.push(changed.error);
  if (errors.length > 0 || 'error' in changed) return { errors, body: null };
  const body: NoticeStatusBody = { status: values.status, statusChangedOn: changed.date };
  if (values.note.trim()) body.statusNote = values.note;
  return { errors, body };
}

const SERVICE_FIELDS: Readonly<Record<string, FieldLabel>> = Object.freeze({
  status: { field: 'status', label: 'Status' },
  statusChangedOn: { field: 'statusChangedOn', label: 'The date the status changed', href: '#statusChangedOn-day' },
  statusNote: { field: 'statusNote', label: 'The note' },
});

/** The refusal of the DTO or the notices service on the form's fields, in the form's words; null for any other error. */
export function noticeStatusServiceErrors(err: unknown): FieldError[] | null {
  return serviceFieldErrors(err, SERVICE_FIELDS, { words: noticeMessageWords });
}

/** The error a form gone stale comes back with (409), above what the notice says now. */
export const STALE_NOTICE_ERROR: FieldError = Object.freeze({
  field: 'status',
  text: 'Someone else changed this notice after you opened the form: check its status now, then make your change again',
});

type Item = { value: string; text: string };

export interface ChangeNoticeStatusViewModel extends ActionFormPage {
  notice: { title: string; kind: string; issuedOn: string };
  /** "Open since 1 July 2025", or the status alone when its history does not say since when */
  current: string;
  values: NoticeStatusValues;
  version: number;
  statusItems: (Item & { checked: boolean })[];
  changedItems: ReturnType<typeof dateItems>;
}

/**
 * When the notice took its current status: the date of the history line that set it; the issue date
 * for an open notice with no history (a row written before history was kept); else unknown (null),
 * rather than a date the history does not show.
 */
function currentSince(notice: NoticeDetailDto): string | null {
  const last = notice.statusHistory[notice.statusHistory.length - 1];
  if (last) return last.toStatus === notice.status ? last.changedOn : null;
  return notice.status === 'open' ? notice.issuedOn : null;
}

/**
 * The "Change a notice's status" page: the notice, its status now (and since when), and the other
 * statuses a notice has to choose from. `notice` is the notice as just read: after a stale send, its
 * status and version are what someone else saved.
 */
export function changeNoticeStatusPage(ctx: PlanContext, notice: NoticeDetailDto, values: NoticeStatusValues = EMPTY_NOTICE_STATUS, errors: FormErrors = []): ChangeNoticeStatusViewModel {
  return {
    pageTitle: 'Change the notice’s status',
    planNav: planNavigation(ctx.plan, ctx.role, 'plan'),
    backLink: `${planPaths(ctx.plan.id).plan}#notice-${notice.id}`,
    caption: notice.title,
    action: NOTICE_PAGE.changeStatus(notice.id),
    errors,
    notice: { title: notice.title, kind: notice.kindLabel, issuedOn: notice.issuedOn },
    current: ((since) => (since ? `${noticeStatusWords(notice.status)} since ${govukDate(since)}` : noticeStatusWords(notice.status)))(currentSince(notice)),
    values,
    version: notice.version,
    statusItems: NOTICE_STATUSES.filter((s) => s !== notice.status).map((s) => ({ value: s, text: NOTICE_STATUS_WORDS[s], checked: values.status === s })),
    changedItems: dateItems(values.changed, errors.some((e) => e.field === 'statusChangedOn')),
  };
}
