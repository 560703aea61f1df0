import { boundedMemo } from '../../common/memo/bounded-memo';
import { compareDates as compareDatesUncached, daysBetween as daysBetweenUncached, type CalendarDate } from '../../common/dates/calendar-date';

/**
 * daysBetween and compareDates with each date's day number remembered. A full recompute evaluates
 * 100,000 actions with about fifteen date comparisons each, over a few thousand distinct dates;
 * parsing every date again was most of the policy's time (and its garbage). Results are exactly
 * those of calendar-date: a date is first parsed there, so a malformed one still throws.
 */
const EPOCH: CalendarDate = '1970-01-01';
/** Dates seen by one process are bounded (a plan spans a few years); the cap only guards against abuse. */
const MAX_REMEMBERED = 50_000;
const dayNumber = boundedMemo((date: CalendarDate): number => daysBetweenUncached(EPOCH, date), MAX_REMEMBERED);

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Sort comparator: negative when a is earlier, 0 when the same day, positive when later. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return Math.sign(dayNumber(a) - dayNumber(b));
}

/** For the tests: the uncached functions the cached ones must agree with. */
export const uncached = { daysBetween: daysBetweenUncached, compareDates: compareDatesUncached };
