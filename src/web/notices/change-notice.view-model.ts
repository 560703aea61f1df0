import type { NoticeDetailDto } from '../../notices/dto/notice.dto';
import type { ActionFormPage, DateParts, PlanContext } from '../actions/action-forms.view-model';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { govukDate } from '../common/nunjucks/filters';
import { planNavigation } from '../common/view/plan-navigation';
import { NOTICE_PAGE, planPaths } from '../common/web-paths';
import { checkNoticeDetails, noticeFieldItems, submittedNewNotice, type NewNoticeChoices, type NoticeDetails, type NoticeDetailsValues, type NoticeFieldItems } from './add-notice.view-model';
import { noticeStatusWords } from './notice-words';
import { summaryRow } from '../common/view/summary-row';

const NO_DATE: DateParts = Object.freeze({ day: '', month: '', year: '' });

/** An ISO date as the three boxes of a date input (unpadded, as people type them). */
function isoParts(date: string | null): DateParts {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : NO_DATE;
}

/** The form's fields as the notice has them now (the form opened). */
export function noticeDetailsValues(notice: NoticeDetailDto): NoticeDetailsValues {
  return {
    kind: notice.kind,
    title: notice.title,
    inspectionId: notice.inspectionId ?? '',
    issued: isoParts(notice.issuedOn),
    deadline: isoParts(notice.deadline),
    failings: notice.failings,
    requirements: notice.requirements,
  };
}

/** The form's fields as sent. */
export function submittedNoticeDetails(body: unknown): NoticeDetailsValues {
  const { kind, title, inspectionId, issued, deadline, failings, requirements } = submittedNewNotice(body);
  return { kind, title, inspectionId, issued, deadline, failings, requirements };
}

/** The body `PATCH /api/v1/notices/:id` takes for the notice's own fields (the version is the form's): a blank inspection or deadline clears it. */
export type NoticeDetailsBody = NoticeDetails;

/**
 * What the form itself asks (a kind, a title, real dates), as "Add a notice" does. An inspection of
 * the plan, findings from it, a deadline not before the issue date and the lengths are the API's DTO's
 * and the notices service's: their refusals come back through `newNoticeServiceErrors`.
 */
export function checkNoticeChange(values: NoticeDetailsValues): { errors: FieldError[]; body: NoticeDetailsBody | null } {
  const { errors, details } = checkNoticeDetails(values);
  return { errors, body: details };
}

/** The error a form gone stale comes back with (409), linking to what the notice says now. */
export const STALE_NOTICE_DETAILS_ERROR: FieldError = Object.freeze({
  field: 'version',
  href: '#notice-now',
  text: 'Someone else changed this notice after you opened the form: check what it says now, then make your change again',
});

export interface ChangeNoticeViewModel extends ActionFormPage, NoticeFieldItems {
  values: NoticeDetailsValues;
  version: number;
  /** What the notice says now, shown above the form after a stale send; null otherwise. */
  now: { key: { text: string }; value: { text: string } }[] | null;
  /** "Delete this notice", at the foot of the page. */
  deleteHref: string;
}

/**
 * The "Change the notice" page: its own fields (not its status, which has its page), prefilled with
 * what it says, or as sent with their errors. `notice` is the notice as just read: after a stale
 * send, its version and what `now` shows are what someone else saved.
 */
export function changeNoticePage(ctx: PlanContext, choices: NewNoticeChoices, notice: NoticeDetailDto, values: NoticeDetailsValues = noticeDetailsValues(notice), errors: FormErrors = []): ChangeNoticeViewModel {
  const stale = errors.some((e) => e.field === STALE_NOTICE_DETAILS_ERROR.field);
  const inspection = choices.inspections.find((i) => i.id === notice.inspectionId);
  return {
    pageTitle: 'Change the notice',
    planNav: planNavigation(ctx.plan, ctx.role, 'plan'),
    backLink: `${planPaths(ctx.plan.id).plan}#notice-${notice.id}`,
    caption: notice.title,
    action: NOTICE_PAGE.edit(notice.id),
    deleteHref: NOTICE_PAGE.delete(notice.id),
    errors,
    values,
    version: notice.version,
    ...noticeFieldItems(choices, values, errors),
    now: stale
      ? [
          summaryRow('Kind', notice.kindLabel),
          summaryRow('Title', notice.title),
          summaryRow('Inspection', inspection ? inspection.title : 'None'),
          summaryRow('Issued', govukDate(notice.issuedOn)),
          summaryRow('Deadline', notice.deadline ? govukDate(notice.deadline) : 'None'),
          summaryRow('What is failing', notice.failings || 'Not given'),
          summaryRow('What must be done', notice.requirements || 'Not given'),
          summaryRow('Status', noticeStatusWords(notice.status)),
        ]
      : null,
  };
}
