import { addDays, CalendarDate, compareDates } from '../common/dates/calendar-date';
import { AppException } from '../common/errors/app.exception';
import { isDoneStatus, type ActionStatus } from '../vocabulary/action-status';

/** How long after completion the effectiveness check falls, unless the board names a date. */
export const EFFECTIVENESS_CHECK_AFTER_DAYS = 90;

/** The part of an action that its status drives. */
export interface ActionStatusState {
  status: ActionStatus;
  progressPercent: number;
  completedOn: CalendarDate | null;
  effectivenessCheckDue: CalendarDate | null;
  embeddedOn: CalendarDate | null;
}

export interface ActionStatusChange {
  status?: ActionStatus;
  progressPercent?: number;
  effectivenessCheckDue?: CalendarDate;
}

/** A new action starts from here; creating one "complete" is a move to complete. */
export const NEW_ACTION_STATE: Readonly<ActionStatusState> = Object.freeze({
  status: 'not_started',
  progressPercent: 0,
  completedOn: null,
  effectivenessCheckDue: null,
  embeddedOn: null,
});

/**
 * The status rules, as one pure function (the API, progress updates and tests all share it):
 * - moving to complete stamps completedOn (today) and effectivenessCheckDue (given, or completedOn
 *   + 90 days), and progress becomes 100;
 * - embedded (the effectiveness check confirmed the change is sustained) only from complete;
 *   it stamps embeddedOn;
 * - leaving complete/embedded (reopening) clears those dates, so they never describe a state the
 *   action is no longer in.
 * Returns the full resulting state; throws a 400 naming the field when a rule is broken.
 */
export function applyStatusChange(current: ActionStatusState, change: ActionStatusChange, today: CalendarDate): ActionStatusState {
  const target = change.status ?? current.status;
  // Only the status-driven fields: callers pass whole entities and spread the result into an UPDATE.
  const next: ActionStatusState = {
    status: target,
    progressPercent: current.progressPercent,
    completedOn: current.completedOn,
    effectivenessCheckDue: current.effectivenessCheckDue,
    embeddedOn: current.embeddedOn,
  };
  if (change.progressPercent !== undefined) next.progressPercent = change.progressPercent;

  if (target === 'embedded' && !isDoneStatus(current.status)) {
    throw AppException.invalidField('status', 'an action can become embedded only once it is complete');
  }

  if (isDoneStatus(target)) {
    if (change.progressPercent !== undefined && change.progressPercent !== 100) {
      throw AppException.invalidField('progressPercent', `must be 100 when the action is ${target}`);
    }
    next.progressPercent = 100;
    if (!isDoneStatus(current.status)) {
      // Becoming complete now (an embedded target from a not-done state was refused above).
      next.completedOn = today;
      next.effectivenessCheckDue = change.effectivenessCheckDue ?? addDays(today, EFFECTIVENESS_CHECK_AFTER_DAYS);
    } else if (change.effectivenessCheckDue !== undefined) {
      next.effectivenessCheckDue = change.effectivenessCheckDue;
    }
    if (target === 'embedded' && current.status === 'complete') next.embeddedOn = today;
    if (target === 'complete') next.embeddedOn = null;
    if (next.completedOn && next.effectivenessCheckDue && compareDates(next.effectivenessCheckDue, next.completedOn) < 0) {
      throw AppException.invalidField('effectivenessCheckDue', `must not be before the completion date ${next.completedOn}`);
    }
    return next;
  }

  if (change.effectivenessCheckDue !== undefined) {
    throw AppException.invalidField('effectivenessCheckDue', 'can be set only when the action is complete');
  }
  next.completedOn = null;
  next.effectivenessCheckDue = null;
  next.embeddedOn = null;
  return next;
}

/**
 * A status change is stamped with when (the clock) and by whom it was recorded; a trigger copies
 * it into action_status_history in the same statement (see ActionStatusHistoryEntity). No change,
 * no stamp: the row keeps the time its current status was recorded.
 */
export function statusRecorded(before: ActionStatus, after: ActionStatus, now: Date, userId: string): { statusRecordedAt?: Date; statusRecordedById?: string } {
  return before === after ? {} : { statusRecordedAt: now, statusRecordedById: userId };
}

/** What action_dates_history keeps of an action (start, due, progress). */
export interface ActionDates {
  startDate: string | null;
  dueDate: string;
  progressPercent: number;
}

/**
 * A change to an action's start date, due date or progress percent is stamped with when it was
 * recorded (the clock); a trigger copies the values it replaces, with that time, into
 * action_dates_history (see ActionDatesHistoryEntity). No change, no stamp.
 */
export function datesRecorded(before: ActionDates, after: ActionDates, now: Date): { datesRecordedAt?: Date } {
  const same = before.startDate === after.startDate && before.dueDate === after.dueDate && before.progressPercent === after.progressPercent;
  return same ? {} : { datesRecordedAt: now };
}
