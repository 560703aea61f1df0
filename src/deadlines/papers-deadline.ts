/**
 * The papers deadline of a meeting: the last day papers (the board or scrutiny pack) can be sent
 * so that members have them in time. By default 5 working days before the meeting, settable per
 * committee or meeting; counted on the England and Wales working-day calendar, so a meeting on
 * Tuesday 5 January 2027 has its papers due on Thursday 24 December 2026 (4 January, 31, 30 and
 * 29 December, then back over the Monday substitute day and Christmas Day to the 24th).
 *
 * This is the council's own rule of practice, not a regulator's: the statutory minimum for
 * publishing a committee agenda (five clear days, Local Government Act 1972, section 100B) is a
 * different thing and counted differently; a committee that wants it can set its own number.
 *
 * Pure function; no clock, no Nest, no database.
 */
import { formatLongDate, isCalendarDate, type CalendarDate } from '../common/dates/calendar-date';
import { addWorkingDays, defaultWorkingDayCalendar, type WorkingDayCalendar } from '../calendar/working-days';

export const DEFAULT_PAPERS_WORKING_DAYS_BEFORE = 5;
/** A longer lead time than two months of working days is a typing error, not a practice. */
export const MAX_PAPERS_WORKING_DAYS_BEFORE = 40;

export interface PapersDeadline {
  meetingOn: CalendarDate;
  workingDaysBefore: number;
  dueOn: CalendarDate;
  /** 'Papers are due on 24 December 2026, 5 working days before the meeting on 5 January 2027.' */
  description: string;
}

/** Throws RangeError for a bad date or a number of days outside 0-40 (the caller turns it into a 400). */
export function papersDeadline(
  meetingOn: CalendarDate,
  workingDaysBefore: number = DEFAULT_PAPERS_WORKING_DAYS_BEFORE,
  calendar: WorkingDayCalendar = defaultWorkingDayCalendar(),
): PapersDeadline {
  if (!isCalendarDate(meetingOn)) throw new RangeError(`meetingOn is not a calendar date (YYYY-MM-DD): '${String(meetingOn)}'`);
  if (!Number.isInteger(workingDaysBefore) || workingDaysBefore < 0 || workingDaysBefore > MAX_PAPERS_WORKING_DAYS_BEFORE) {
    throw new RangeError(`workingDaysBefore must be a whole number from 0 to ${MAX_PAPERS_WORKING_DAYS_BEFORE}, got ${workingDaysBefore}`);
  }
  const dueOn = addWorkingDays(meetingOn, -workingDaysBefore, calendar);
  const meetingWords = formatLongDate(meetingOn);
  const description =
    workingDaysBefore === 0
      ? `Papers are due on the day of the meeting, ${meetingWords}.`
      : `Papers are due on ${formatLongDate(dueOn)}, ${workingDaysBefore} working day${workingDaysBefore === 1 ? '' : 's'} before the meeting on ${meetingWords}.`;
  return { meetingOn, workingDaysBefore, dueOn, description };
}
