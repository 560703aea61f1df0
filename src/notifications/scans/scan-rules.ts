import { addWorkingDays, defaultWorkingDayCalendar, type WorkingDayCalendar } from '../../calendar/working-days';
import { addDays, daysBetween, type CalendarDate } from '../../common/dates/calendar-date';
import type { MessageKind } from '../notification-kinds';

/**
 * When the nightly scan writes which message: the rules in words, as plain functions of the day
 * (a calendar date in Europe/London). No Nest, no database. A rule that finds its day missed (the
 * scan did not run: a worker down) catches up on the next run, once; the outbox's unique key makes a
 * second run of the same day, or of the next, write nothing new.
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

/** A due reminder to write today: its kind, the threshold it stands for, and how many days are left. */
export interface DueReminder {
  kind: MessageKind;
  /** The threshold (14, 7 or 1 days before) this reminder is: with the due date, its outbox key. */
  daysBefore: DueReminderDays;
  /** Days from today to the due date (0: due today); smaller than `daysBefore` when the scan catches up. */
  daysLeft: number;
}

/**
 * The due reminder for something due on `dueDate`, on `today`: the nearest threshold (14, 7 or 1
 * days before) that has been reached. On the threshold's own day that is the on-time reminder; on a
 * later day (the scan did not run that day: a worker down) it is the catch-up, saying the real
 * number of days left (due in 6 days, neither 14 nor 7 sent: the 7-day reminder, "in 6 days"; never
 * both). Whether it was sent already is the outbox key's business (recipient, kind, subject, the due
 * date as period): writing it again the next day adds nothing, and the next threshold still comes on
 * its own day. Null before the 14 days and from the due date on (overdue takes over).
 */
export function dueReminder(what: 'milestone' | 'action', today: CalendarDate, dueDate: CalendarDate): DueReminder | null {
  const daysLeft = daysBetween(today, dueDate);
  if (daysLeft < 0) return null;
  // DUE_REMINDER_DAYS is in decreasing order: the last one reached is the nearest.
  const reached = DUE_REMINDER_DAYS.filter((d) => d >= daysLeft);
  if (reached.length === 0) return null;
  const daysBefore = reached[reached.length - 1];
  return { kind: DUE_KINDS[what][daysBefore], daysBefore, daysLeft };
}

/** The kind of today's due reminder (on time or catching up), if any. */
export function dueReminderKind(what: 'milestone' | 'action', today: CalendarDate, dueDate: CalendarDate): MessageKind | null {
  return dueReminder(what, today, dueDate)?.kind ?? null;
}

/** The overdue reminders already written for one item since it fell due (from the outbox). */
export interface OverdueHistory {
  /** The newest one's day (its period), or null when none was written since the due date. */
  lastOn: CalendarDate | null;
  /** How many were written since the due date. */
  count: number;
}

export const OVERDUE_REPEAT_DAYS = 7;

/**
 * Overdue: the first message the first scan after the due date (the day after, normally), then one
 * every 7 days after the last one while it stays open ("once, then weekly until resolved").
 * Catching up: a scan that did not run on a reminder's day sends it on the next run, and the week
 * counts from then (never two in a row to make up for a missed week). `history` is what the outbox
 * holds for the item since its due date; the message's period is today, so a second run of the day
 * writes nothing (the key), and the next day's run finds the one written (the rule). `reminder`
 * counts them (1, 2, 3, ...).
 */
export function overdueReminder(today: CalendarDate, dueDate: CalendarDate, history: OverdueHistory = { lastOn: null, count: 0 }): { daysOverdue: number; reminder: number } | null {
  const daysOverdue = daysBetween(dueDate, today);
  if (daysOverdue < 1) return null;
  // Only what was written after the due date counts (a due date moved later starts again).
  const last = history.lastOn !== null && history.lastOn > dueDate ? history.lastOn : null;
  if (last === null) return { daysOverdue, reminder: 1 };
  if (last === today) return null;
  return daysBetween(last, today) >= OVERDUE_REPEAT_DAYS ? { daysOverdue, reminder: history.count + 1 } : null;
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

/**
 * The owner's weekly digest: its period is the ISO week (Monday to Sunday, London), and it goes
 * once per owner, plan and week, from the first scan on or after the Monday that has something to
 * list for them (normally Monday's; a missed Monday, a worker down, is made up by the next run).
 * The outbox holds the week's digests: the runs after it write nothing (see weeklyDigestsWritten).
 */
export function digestWeekStart(today: CalendarDate): CalendarDate {
  const dayNumber = new Date(`${today}T12:00:00Z`).getUTCDay() || 7; // Monday 1 ... Sunday 7
  return addDays(today, 1 - dayNumber);
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
