import { addWorkingDays, defaultWorkingDayCalendar, type WorkingDayCalendar } from '../../calendar/working-days';
import { addDays, daysBetween, type CalendarDate } from '../../common/dates/calendar-date';
import type { MessageKind } from '../notification-kinds';

/**
 * When the nightly scan writes which message: the rules in words, as plain functions of the day
 * (a calendar date in Europe/London). No Nest, no database. Each rule answers for one day only, and
 * the outbox's unique key makes a second run of the same day write nothing new.
 */

/** Days before a due date on which the owner is reminded. */
export const DUE_REMINDER_DAYS = [14, 7, 1] as const;
export type DueReminderDays = (typeof DUE_REMINDER_DAYS)[number];

/** How far ahead the weekly digest lists what falls due. */
export const DIGEST_HORIZON_DAYS = 14;

/** Overrides are announced to the board once, when they come within this many days of expiring. */
export const OVERRIDE_NOTICE_DAYS = 7;

const DUE_KINDS: Record<'milestone' | 'action', Record<DueReminderDays, MessageKind>> = {
  milestone: { 14: 'milestone_due_14d', 7: 'milestone_due_7d', 1: 'milestone_due_1d' },
  action: { 14: 'action_due_14d', 7: 'action_due_7d', 1: 'action_due_1d' },
};

/** The due reminder to send today for something due on `dueDate`, if today is 14, 7 or 1 days before. */
export function dueReminderKind(what: 'milestone' | 'action', today: CalendarDate, dueDate: CalendarDate): MessageKind | null {
  const days = daysBetween(today, dueDate);
  return (DUE_REMINDER_DAYS as readonly number[]).includes(days) ? DUE_KINDS[what][days as DueReminderDays] : null;
}

/**
 * Overdue: the first message the day after the due date, then one every 7 days while it stays
 * open ("once, then weekly until resolved"). `reminder` counts them (1, 2, 3, ...).
 */
export function overdueReminder(today: CalendarDate, dueDate: CalendarDate): { daysOverdue: number; reminder: number } | null {
  const daysOverdue = daysBetween(dueDate, today);
  if (daysOverdue < 1 || (daysOverdue - 1) % 7 !== 0) return null;
  return { daysOverdue, reminder: (daysOverdue - 1) / 7 + 1 };
}

/**
 * "Update due": owners are asked from `workingDaysBefore` working days before the papers deadline
 * until the deadline itself. The message's key is the meeting, so it goes once in that window; a
 * scan missed on the first day of the window (a worker down) still sends it on a later one.
 */
export function updateDueWindow(papersDeadline: CalendarDate, workingDaysBefore: number, calendar: WorkingDayCalendar = defaultWorkingDayCalendar()): { from: CalendarDate; to: CalendarDate } {
  return { from: addWorkingDays(papersDeadline, -workingDaysBefore, calendar), to: papersDeadline };
}

export function inWindow(today: CalendarDate, window: { from: CalendarDate; to: CalendarDate }): boolean {
  return today >= window.from && today <= window.to;
}

/** The owner's weekly digest goes on Mondays (London); its period is the ISO week. */
export function isDigestDay(today: CalendarDate): boolean {
  return new Date(`${today}T12:00:00Z`).getUTCDay() === 1;
}

/** '2026-W49' for any day of that ISO week. */
export function isoWeek(date: CalendarDate): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dayNumber = d.getUTCDay() || 7; // Monday 1 ... Sunday 7
  d.setUTCDate(d.getUTCDate() + 4 - dayNumber); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Whether an override expiring on `expiresOn` is within its notice period today (and not yet expired). */
export function overrideNoticeDue(today: CalendarDate, expiresOn: CalendarDate): boolean {
  const days = daysBetween(today, expiresOn);
  return days >= 0 && days <= OVERRIDE_NOTICE_DAYS;
}

/** The last day the weekly digest's "due soon" list reaches. */
export function digestHorizon(today: CalendarDate): CalendarDate {
  return addDays(today, DIGEST_HORIZON_DAYS);
}
