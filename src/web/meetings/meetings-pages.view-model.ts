import { formatLongDate, isCalendarDate, type CalendarDate } from '../../common/dates/calendar-date';
import type { Role } from '../../common/request-context/request-context';
import { DEFAULT_PAPERS_WORKING_DAYS_BEFORE } from '../../deadlines/papers-deadline';
import type { CommitteeDto } from '../../meetings/dto/committee.dto';
import type { MeetingDto } from '../../meetings/dto/meeting.dto';
import { PACK_AUDIENCES, type PackAudience } from '../../vocabulary/pack-audience';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { planNavigation, type PlanNavigation } from '../common/view/plan-navigation';
import { PLAN_PAGE, planPaths, ROW_PAGE, ROW_ROUTE } from '../common/web-paths';

/** The committees and meetings pages' own addresses. */
export const MEETING_PAGES_ROUTE = Object.freeze({
  committees: `${PLAN_PAGE.meetings}/committees`,
  committee: `${PLAN_PAGE.meetings}/committees/:committeeId`,
  deleteCommittee: `${PLAN_PAGE.meetings}/committees/:committeeId/delete`,
  newMeeting: `${PLAN_PAGE.meetings}/new`,
  meeting: ROW_ROUTE.meeting,
  deleteMeeting: `${ROW_ROUTE.meeting}/delete`,
});

export const meetingPagePaths = (planId: string) => {
  const meetings = planPaths(planId).meetings;
  return {
    meetings,
    committees: `${meetings}/committees`,
    committee: (id: string) => `${meetings}/committees/${encodeURIComponent(id)}`,
    deleteCommittee: (id: string) => `${meetings}/committees/${encodeURIComponent(id)}/delete`,
    newMeeting: (committeeId?: string) => (committeeId ? `${meetings}/new?committeeId=${encodeURIComponent(committeeId)}` : `${meetings}/new`),
  };
};

const AUDIENCE_WORDS: Readonly<Record<PackAudience, { text: string; hint: string }>> = Object.freeze({
  board: { text: 'Improvement board', hint: 'Receives the board pack: the programme lead’s progress and exception report. Never published.' },
  scrutiny: { text: 'Scrutiny committee', hint: 'Receives the scrutiny report once a board member publishes it. Its members see its meetings.' },
});

export const audienceWords = (audience: PackAudience): string => AUDIENCE_WORDS[audience].text;

const audienceItems = (selected: string) => PACK_AUDIENCES.map((a) => ({ value: a, text: AUDIENCE_WORDS[a].text, hint: { text: AUDIENCE_WORDS[a].hint }, checked: a === selected }));

// ---- Dates and times as typed ---------------------------------------------------------------------

/** A GOV.UK date input as typed: three boxes. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const EMPTY_DATE: DateParts = Object.freeze({ day: '', month: '', year: '' });

export function datePartsOf(date: CalendarDate | null): DateParts {
  if (!date) return EMPTY_DATE;
  const [year, month, day] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

export type DateResult = { kind: 'date'; date: CalendarDate } | { kind: 'empty' } | { kind: 'error'; error: FieldError };

/**
 * A date from the three boxes, with GOV.UK's error messages: "Enter the date of the meeting",
 * "The date of the meeting must include a month", "... must be a real date".
 */
export function parseDateInput(field: string, parts: DateParts, what: string): DateResult {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  const error = (text: string, part: 'day' | 'month' | 'year' = 'day'): DateResult => ({ kind: 'error', error: { field, text, href: `#${field}-${part}` } });
  if (!day && !month && !year) return { kind: 'empty' };
  const missing = (['day', 'month', 'year'] as const).filter((p) => !{ day, month, year }[p]);
  if (missing.length > 0) return error(`${capitalise(what)} must include a ${missing.join(' and a ')}`, missing[0]);
  if (![day, month, year].every((p) => /^\d+$/.test(p))) return error(`${capitalise(what)} must be a real date`);
  if (year.length !== 4) return error(`${capitalise(what)} must include a year with 4 numbers, like 2027`, 'year');
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isCalendarDate(date)) return error(`${capitalise(what)} must be a real date`);
  return { kind: 'date', date };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "18:30", "9:05", "0930" as HH:MM; null for an empty box; undefined when it is not a time. */
export function parseTime(text: string): string | null | undefined {
  const t = text.trim().replace('.', ':');
  if (!t) return null;
  const match = /^(\d{1,2}):?(\d{2})$/.exec(t);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

// ---- Committees --------------------------------------------------------------------------------------

export interface CommitteeForm {
  name: string;
  audience: string;
}

export const EMPTY_COMMITTEE: CommitteeForm = Object.freeze({ name: '', audience: '' });

export function committeeFormErrors(form: CommitteeForm): FieldError[] {
  const errors: FieldError[] = [];
  if (!form.name.trim()) errors.push({ field: 'name', text: 'Enter the committee’s name' });
  else if (form.name.trim().length > 200) errors.push({ field: 'name', text: 'The committee’s name must be 200 characters or fewer' });
  if (!(PACK_AUDIENCES as readonly string[]).includes(form.audience)) errors.push({ field: 'audience', text: 'Select what the committee receives', href: '#audience' });
  return errors;
}

export const COMMITTEE_SERVICE_FIELDS = Object.freeze({ name: { field: 'name', label: 'The name' }, audience: { field: 'audience', label: 'What it receives' } });

// ---- Meetings ----------------------------------------------------------------------------------------

export interface MeetingForm {
  committeeId: string;
  meetsOn: DateParts;
  startsAt: string;
  venue: string;
  papersDeadline: DateParts;
  cancelled: boolean;
}

export const emptyMeetingForm = (committeeId = ''): MeetingForm => ({ committeeId, meetsOn: EMPTY_DATE, startsAt: '', venue: '', papersDeadline: EMPTY_DATE, cancelled: false });

export function meetingFormFrom(meeting: MeetingDto): MeetingForm {
  return {
    committeeId: meeting.committee.id,
    meetsOn: datePartsOf(meeting.meetsOn),
    startsAt: meeting.startsAt ?? '',
    venue: meeting.venue ?? '',
    // A deadline that follows the rule is left blank: it moves with the meeting.
    papersDeadline: meeting.papersDeadlineSet ? datePartsOf(meeting.papersDeadline) : EMPTY_DATE,
    cancelled: meeting.cancelled,
  };
}

/** What the services take from the form: null papersDeadline means "follow the rule". */
export interface CheckedMeeting {
  committeeId: string;
  meetsOn: CalendarDate;
  startsAt: string | null;
  venue: string | null;
  papersDeadline: CalendarDate | null;
  cancelled: boolean;
}

export type MeetingFormResult = { ok: true; meeting: CheckedMeeting } | { ok: false; errors: FieldError[] };

export function checkMeetingForm(form: MeetingForm, committees: readonly { id: string }[] | null): MeetingFormResult {
  const errors: FieldError[] = [];
  if (committees && !committees.some((c) => c.id === form.committeeId)) errors.push({ field: 'committeeId', text: 'Select the committee' });
  const meetsOn = parseDateInput('meetsOn', form.meetsOn, 'the date of the meeting');
  if (meetsOn.kind === 'empty') errors.push({ field: 'meetsOn', text: 'Enter the date of the meeting', href: '#meetsOn-day' });
  else if (meetsOn.kind === 'error') errors.push(meetsOn.error);
  const startsAt = parseTime(form.startsAt);
  if (startsAt === undefined) errors.push({ field: 'startsAt', text: 'Enter the start time as hours and minutes on the 24-hour clock, like 18:30' });
  if (form.venue.trim().length > 300) errors.push({ field: 'venue', text: 'The venue must be 300 characters or fewer' });
  const deadline = parseDateInput('papersDeadline', form.papersDeadline, 'the papers deadline');
  if (deadline.kind === 'error') errors.push(deadline.error);
  else if (deadline.kind === 'date' && meetsOn.kind === 'date' && deadline.date > meetsOn.date) {
    errors.push({ field: 'papersDeadline', text: 'The papers deadline must be on or before the day of the meeting', href: '#papersDeadline-day' });
  }
  if (errors.length > 0 || meetsOn.kind !== 'date') return { ok: false, errors };
  return {
    ok: true,
    meeting: {
      committeeId: form.committeeId,
      meetsOn: meetsOn.date,
      startsAt: startsAt ?? null,
      venue: form.venue.trim() || null,
      papersDeadline: deadline.kind === 'date' ? deadline.date : null,
      cancelled: form.cancelled,
    },
  };
}

export const MEETING_SERVICE_FIELDS = Object.freeze({
  meetsOn: { field: 'meetsOn', label: 'The date of the meeting' },
  papersDeadline: { field: 'papersDeadline', label: 'The papers deadline' },
  committeeId: { field: 'committeeId', label: 'The committee' },
  startsAt: { field: 'startsAt', label: 'The start time' },
  venue: { field: 'venue', label: 'The venue' },
});

/** "Papers due 24 December 2026 (5 working days before)" or "(set by hand)". */
export function papersDeadlineWords(meeting: Pick<MeetingDto, 'papersDeadline' | 'papersDeadlineSet'>): string {
  return `${formatLongDate(meeting.papersDeadline)} ${meeting.papersDeadlineSet ? '(set by hand)' : `(${DEFAULT_PAPERS_WORKING_DAYS_BEFORE} working days before)`}`;
}

// ---- The meetings page -------------------------------------------------------------------------------

export interface MeetingRow {
  meetsOn: string;
  time: string;
  venue: string;
  papersDeadline: string;
  cancelled: boolean;
  href: string;
}

export interface CommitteeSection {
  id: string;
  name: string;
  audience: string;
  editHref: string;
  addMeetingHref: string;
  meetings: MeetingRow[];
}

export interface MeetingsViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  errors: FormErrors;
  canEdit: boolean;
  committees: CommitteeSection[];
  addCommitteeAction: string;
  committeeForm: CommitteeForm;
  audienceItems: ReturnType<typeof audienceItems>;
}

export interface MeetingsPageInput {
  plan: { id: string; title: string; status: string };
  role: Role;
  committees: readonly CommitteeDto[];
  meetings: readonly MeetingDto[];
  errors?: FormErrors;
  committeeForm?: CommitteeForm;
}

export function meetingsPage(input: MeetingsPageInput): MeetingsViewModel {
  const paths = meetingPagePaths(input.plan.id);
  const form = input.committeeForm ?? EMPTY_COMMITTEE;
  return {
    pageTitle: 'Committees and meetings',
    planNav: planNavigation(input.plan, input.role, 'meetings'),
    errors: input.errors ?? [],
    canEdit: input.plan.status !== 'closed' && (input.role === 'admin' || input.role === 'board'),
    committees: input.committees.map((c) => ({
      id: c.id,
      name: c.name,
      audience: audienceWords(c.audience),
      editHref: paths.committee(c.id),
      addMeetingHref: paths.newMeeting(c.id),
      meetings: input.meetings
        .filter((m) => m.committee.id === c.id)
        .map((m) => ({
          meetsOn: formatLongDate(m.meetsOn),
          time: m.startsAt ?? '',
          venue: m.venue ?? '',
          papersDeadline: papersDeadlineWords(m),
          cancelled: m.cancelled,
          href: ROW_PAGE.meeting(m.id),
        })),
    })),
    addCommitteeAction: paths.committees,
    committeeForm: form,
    audienceItems: audienceItems(form.audience),
  };
}

// ---- A committee's page --------------------------------------------------------------------------------

export interface CommitteeViewModel {
  pageTitle: string;
  /** A closed plan is read-only. */
  canEdit: boolean;
  planNav: PlanNavigation;
  backLink: string;
  errors: FormErrors;
  committee: { id: string; name: string; version: number; meetingCount: number };
  form: CommitteeForm;
  audienceItems: ReturnType<typeof audienceItems>;
  action: string;
  deleteAction: string;
}

export function committeePage(input: { plan: { id: string; title: string; status: string }; role: Role; committee: CommitteeDto; meetingCount: number; errors?: FormErrors; form?: CommitteeForm }): CommitteeViewModel {
  const paths = meetingPagePaths(input.plan.id);
  const form = input.form ?? { name: input.committee.name, audience: input.committee.audience };
  return {
    pageTitle: `Change ${input.committee.name}`,
    canEdit: input.plan.status !== 'closed',
    planNav: planNavigation(input.plan, input.role, 'meetings'),
    backLink: paths.meetings,
    errors: input.errors ?? [],
    committee: { id: input.committee.id, name: input.committee.name, version: input.committee.version, meetingCount: input.meetingCount },
    form,
    audienceItems: audienceItems(form.audience),
    action: paths.committee(input.committee.id),
    deleteAction: paths.deleteCommittee(input.committee.id),
  };
}

// ---- A meeting: adding one, and its own page -------------------------------------------------------------

export interface MeetingFormViewModel {
  pageTitle: string;
  /** A closed plan is read-only. */
  canEdit: boolean;
  planNav: PlanNavigation;
  backLink: string;
  errors: FormErrors;
  /** Null when adding. */
  meeting: { id: string; version: number; committeeName: string; papersDeadline: string; papersDeadlineRule: string } | null;
  form: MeetingForm;
  committeeItems: { value: string; text: string; selected: boolean }[] | null;
  deadlineHint: string;
  action: string;
  deleteAction: string | null;
}

const ruleHintFor = (rule: string) => `Leave it blank for the usual deadline, ${DEFAULT_PAPERS_WORKING_DAYS_BEFORE} working days before the meeting: for this date, ${rule}.`;

const RULE_HINT = `Leave it blank for the usual deadline: ${DEFAULT_PAPERS_WORKING_DAYS_BEFORE} working days before the meeting, not counting weekends and bank holidays in England and Wales.`;

/** Adding a meeting; `ruleDeadline` once the date is known ("Show the papers deadline"). */
export function newMeetingPage(input: {
  plan: { id: string; title: string; status: string };
  role: Role;
  committees: readonly CommitteeDto[];
  form?: MeetingForm;
  errors?: FormErrors;
  ruleDeadline?: CalendarDate | null;
}): MeetingFormViewModel {
  const paths = meetingPagePaths(input.plan.id);
  const form = input.form ?? emptyMeetingForm();
  const rule = input.ruleDeadline ? formatLongDate(input.ruleDeadline) : '';
  return {
    pageTitle: 'Add a meeting',
    canEdit: input.plan.status !== 'closed',
    planNav: planNavigation(input.plan, input.role, 'meetings'),
    backLink: paths.meetings,
    errors: input.errors ?? [],
    meeting: null,
    form,
    committeeItems: [{ value: '', text: 'Choose a committee', selected: form.committeeId === '' }, ...input.committees.map((c) => ({ value: c.id, text: c.name, selected: c.id === form.committeeId }))],
    deadlineHint: rule ? ruleHintFor(rule) : RULE_HINT,
    action: paths.newMeeting(),
    deleteAction: null,
  };
}

/**
 * A meeting's page: its details to change, and the deadline the rule gives for its date (shown
 * whether or not a deadline was set by hand).
 */
export function meetingPage(input: { plan: { id: string; title: string; status: string }; role: Role; meeting: MeetingDto; ruleDeadline: CalendarDate | null; form?: MeetingForm; errors?: FormErrors }): MeetingFormViewModel {
  const { meeting } = input;
  const paths = meetingPagePaths(input.plan.id);
  const rule = input.ruleDeadline ? formatLongDate(input.ruleDeadline) : '';
  return {
    pageTitle: `${meeting.committee.name}, ${formatLongDate(meeting.meetsOn)}`,
    canEdit: input.plan.status !== 'closed',
    planNav: planNavigation(input.plan, input.role, 'meetings'),
    backLink: paths.meetings,
    errors: input.errors ?? [],
    meeting: { id: meeting.id, version: meeting.version, committeeName: meeting.committee.name, papersDeadline: papersDeadlineWords(meeting), papersDeadlineRule: rule },
    form: input.form ?? meetingFormFrom(meeting),
    committeeItems: null,
    deadlineHint: rule ? ruleHintFor(rule) : RULE_HINT,
    action: ROW_PAGE.meeting(meeting.id),
    deleteAction: `${ROW_PAGE.meeting(meeting.id)}/delete`,
  };
}
