import { addDays, type CalendarDate, londonMidnightUtc } from '../../common/dates/calendar-date';

/**
 * The first instant after the London calendar date `asOf` (London midnight starting the next day):
 * "recorded by the end of asOf" means recorded strictly before this. "End of D" is 23:59:59.999
 * London; the bound is exclusive so no millisecond is lost or counted twice.
 */
export function endOfLondonDay(asOf: CalendarDate): Date {
  return londonMidnightUtc(addDays(asOf, 1));
}
