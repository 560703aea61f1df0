import type { InspectionDto } from '../../inspections/dto/inspection.dto';
import { NOTICE_STATUSES } from '../../notices/dto/notice.dto';
import { NOTICE_KIND_INFO, NOTICE_KINDS } from '../../vocabulary/notice-kind';
import { dateItems, dateParts, parseDateInput, planFormFrame, type ActionFormPage, type DateParts, type PlanContext } from '../actions/action-forms.view-model';
import { serviceMessageWords } from '../actions/add-action.view-model';
import { serviceFieldErrors, type FieldLabel } from '../admin/service-errors';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { formValue } from '../common/forms/form-errors';
import { govukDate } from '../common/nunjucks/filters';
import { planPaths } from '../common/web-paths';
import { NOTICE_STATUS_WORDS } from './notice-words';

/** What the form offers: the plan's inspections, one of which the notice may follow. */
export interface NewNoticeChoices {
  inspections: Pick<InspectionDto, 'id' | 'title' | 'startDate'>[];
}

/** The form's fields as sent (dates as their three boxes). */
export interface NewNoticeValues {
  kind: string;
  title: string;
  inspectionId: string;
  issued: DateParts;
  deadline: DateParts;
  failings: string;
  requirements: string;
  status: string;
  statusChanged: DateParts;
  statusNote: string;
}

const NO_DATE: DateParts = Object.freeze({ day: '', month: '', year: '' });

export const EMPTY_NEW_NOTICE: NewNoticeValues = Object.freeze({
  kind: '',
  title: '',
  inspectionId: '',
  issued: NO_DATE,
  deadline: NO_DATE,
  failings: '',
  requirements: '',
  status: 'open',
  statusChanged: NO_DATE,
  statusNote: '',
});

const text = (body: unknown, field: string) => formValue(body, field).replace(/\r\n/g, '\n');

export function submittedNewNotice(body: unknown): NewNoticeValues {
  return {
    kind: formValue(body, 'kind'),
    title: formValue(body, 'title').trim(),
    inspectionId: formValue(body, 'inspectionId'),
    issued: dateParts(body, 'issuedOn'),
    deadline: dateParts(body, 'deadline'),
    failings: text(body, 'failings'),
    requirements: text(body, 'requirements'),
    status: formValue(body, 'status'),
    statusChanged: dateParts(body, 'statusChangedOn'),
    statusNote: text(body, 'statusNote'),
  };
}

/** The body `POST /api/v1/plans/:planId/notices` would take (checked next by the API's own DTO). */
export interface NewNoticeBody {
  kind: string;
  title: string;
  inspectionId?: string;
  issuedOn: string;
  deadline?: string;
  failings?: string;
  requirements?: string;
  status?: string;
  statusChangedOn?: string;
  statusNote?: string;
}

const given = (parts: DateParts) => [parts.day, parts.month, parts.year].some((p) => p !== '');

/** A notice's own fields, as the add and change forms both send them (the change form has no status fields). */
export type NoticeDetailsValues = Pick<NewNoticeValues, 'kind' | 'title' | 'inspectionId' | 'issued' | 'deadline' | 'failings' | 'requirements'>;

/** The notice's own fields, checked: dates as ISO dates, an answer left blank as null or ''. */
export interface NoticeDetails {
  kind: string;
  title: string;
  inspectionId: string | null;
  issuedOn: string;
  deadline: string | null;
  failings: string;
  requirements: string;
}

/**
 * What the form itself asks of the notice's own fields, in GOV.UK's words and the order of the
 * fields: a kind, a title and real dates (the add and change forms alike).
 */
export function checkNoticeDetails(values: NoticeDetailsValues): { errors: FieldError[]; details: NoticeDetails | null } {
  const errors: FieldError[] = [];
  if (!values.kind) errors.push({ field: 'kind', text: 'Select the kind of notice' });
  if (!values.title) errors.push({ field: 'title', text: 'Enter a title' });
  const issued = parseDateInput(values.issued, 'issuedOn', 'The date it was issued', 'Enter the date on the notice or letter');
  if ('error' in issued) errors.push(issued.error);
  const deadline = given(values.deadline) ? parseDateInput(values.deadline, 'deadline', 'The deadline', '') : null;
  if (deadline && 'error' in deadline) errors.push(deadline.error);
  if (errors.length > 0 || 'error' in issued || (deadline && 'error' in deadline)) return { errors, details: null };
  return {
    errors,
    details: {
      kind: values.kind,
      title: values.title,
      inspectionId: values.inspectionId || null,
      issuedOn: issued.date,
      deadline: deadline ? deadline.date : null,
      failings: values.failings.trim() ? values.failings : '',
      requirements: values.requirements.trim() ? values.requirements : '',
    },
  };
}

/**
 * What the form itself asks, in GOV.UK's words and the order of the fields: the required answers and
 * real dates. Lengths, an inspection of this plan, a deadline not before the issue date and a status
 * date between the issue date and today are the API's DTO's and the notices service's; their
 * refusals come back through `newNoticeServiceErrors`.
 */
export function checkNewNotice(values: NewNoticeValues): { errors: FieldError[]; body: NewNoticeBody | null } {
  const { errors, details } = checkNoticeDetails(values);
  if (!values.status) errors.push({ field: 'status', text: 'Select the notice’s status' });
  const changed = given(values.statusChanged) ? parseDateInput(values.statusChanged, 'statusChangedOn', 'The date of its status', '') : null;
  if (changed && 'error' in changed) errors.push(changed.error);
  if (!details || errors.length > 0 || (changed && 'error' in changed)) return { errors, body: null };
  const body: NewNoticeBody = { kind: details.kind, title: details.title, issuedOn: details.issuedOn, status: values.status };
  if (details.inspectionId) body.inspectionId = details.inspectionId;
  if (details.deadline) body.deadline = details.deadline;
  if (details.failings) body.failings = details.failings;
  if (details.requirements) body.requirements = details.requirements;
  if (changed) body.statusChangedOn = changed.date;
  if (values.statusNote.trim()) body.statusNote = values.statusNote;
  return { errors, body };
}

/** The API's field names, as the form names and labels them. */
const SERVICE_FIELDS: Readonly<Record<string, FieldLabel>> = Object.freeze({
  kind: { field: 'kind', label: 'Kind of notice' },
  title: { field: 'title', label: 'Title' },
  inspectionId: { field: 'inspectionId', label: 'Inspection' },
  issuedOn: { field: 'issuedOn', label: 'The date it was issued', href: '#issuedOn-day' },
  deadline: { field: 'deadline', label: 'The deadline', href: '#deadline-day' },
  failings: { field: 'failings', label: 'What is failing' },
  requirements: { field: 'requirements', label: 'What must be done' },
  status: { field: 'status', label: 'Status' },
  statusChangedOn: { field: 'statusChangedOn', label: 'The date of its status', href: '#statusChangedOn-day' },
  statusNote: { field: 'statusNote', label: 'The note' },
});

/** One message of the DTO or the notices service in the form's words. */
export function noticeMessageWords(apiField: string, message: string): string {
  const own = message.startsWith(`${apiField} `) ? message.slice(apiField.length + 1) : message;
  if (apiField === 'kind' || apiField === 'status') return 'must be one from the list';
  if (apiField === 'inspectionId') return 'must be one of this plan’s inspections, from the list';
  if (/^must not be before issuedOn\b/.test(own)) return 'must be the same as or after the date it was issued';
  if (/^must not be in the future\b/.test(own)) return 'must be today or in the past';
  return serviceMessageWords(apiField, message);
}

/**
 * The refusal of the DTO or the notices service (400) on the form's fields, in the form's words;
 * null when it is another error, or a problem names no field of the form (the usual error page answers).
 */
export function newNoticeServiceErrors(err: unknown): FieldError[] | null {
  return serviceFieldErrors(err, SERVICE_FIELDS, { words: noticeMessageWords });
}

type Item = { value: string; text: string };

/** The items of the notice's own fields (the shared partial `notices/notice-fields.njk`), add and change forms alike. */
export interface NoticeFieldItems {
  kindItems: (Item & { hint: { text: string }; checked: boolean })[];
  /** The plan's inspections, or null when it has none (no field). */
  inspectionItems: (Item & { selected: boolean })[] | null;
  issuedItems: ReturnType<typeof dateItems>;
  deadlineItems: ReturnType<typeof dateItems>;
}

export interface AddNoticeViewModel extends ActionFormPage, NoticeFieldItems {
  values: NewNoticeValues;
  statusItems: (Item & { checked: boolean })[];
  statusChangedItems: ReturnType<typeof dateItems>;
}

const sentence = (words: string) => words.replace(/^./, (c) => c.toUpperCase());

/** The kinds, the plan's inspections (oldest first) and the dates of the notice's own fields. */
export function noticeFieldItems(choices: NewNoticeChoices, values: NoticeDetailsValues, errors: FormErrors): NoticeFieldItems {
  const hasError = (field: string) => errors.some((e) => e.field === field);
  const inspections = [...choices.inspections].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.title.localeCompare(b.title)));
  return {
    kindItems: NOTICE_KINDS.map((kind) => ({ value: kind, text: NOTICE_KIND_INFO[kind].label, hint: { text: sentence(NOTICE_KIND_INFO[kind].description) }, checked: values.kind === kind })),
    inspectionItems: inspections.length
      ? [
          { value: '', text: 'None', selected: values.inspectionId === '' },
          ...inspections.map((i) => ({ value: i.id, text: `${i.title} (${govukDate(i.startDate)})`, selected: i.id === values.inspectionId })),
        ]
      : null,
    issuedItems: dateItems(values.issued, hasError('issuedOn')),
    deadlineItems: dateItems(values.deadline, hasError('deadline')),
  };
}

/** The "Add a notice" page of a plan: its form, blank or as sent with its errors. */
export function addNoticePage(ctx: PlanContext, choices: NewNoticeChoices, values: NewNoticeValues = EMPTY_NEW_NOTICE, errors: FormErrors = []): AddNoticeViewModel {
  return {
    ...planFormFrame(ctx, 'Add a notice', planPaths(ctx.plan.id).newNotice),
    errors,
    values,
    ...noticeFieldItems(choices, values, errors),
    statusItems: NOTICE_STATUSES.map((s) => ({ value: s, text: NOTICE_STATUS_WORDS[s], checked: values.status === s })),
    statusChangedItems: dateItems(values.statusChanged, errors.some((e) => e.field === 'statusChangedOn')),
  };
}
