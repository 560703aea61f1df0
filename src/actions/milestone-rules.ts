import { CalendarDate, compareDates } from '../common/dates/calendar-date';
import { AppException } from '../common/errors/app.exception';

/** A milestone may fall after its action's due date only when someone said so explicitly. */
export function assertMilestoneWithinAction(
  milestoneDue: CalendarDate,
  allowAfterActionDue: boolean,
  actionDue: CalendarDate,
  field = 'dueDate',
): void {
  if (!allowAfterActionDue && compareDates(milestoneDue, actionDue) > 0) {
    throw AppException.invalidField(field, `must not be after the action's due date ${actionDue} (send allowAfterActionDue: true to allow it)`);
  }
}

/** Completion is a fact about a day that has happened (London time). */
export function assertNotInFuture(date: CalendarDate, today: CalendarDate, field: string): void {
  if (compareDates(date, today) > 0) throw AppException.invalidField(field, `must not be in the future (today is ${today})`);
}
