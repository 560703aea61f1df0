/**
 * Calendar dates: the days users mean (a due date, a reporting date), as 'YYYY-MM-DD' strings
 * in Europe/London. They are kept apart from instants (Date) because a due date is a day, not a
 * moment: storing it as a timestamp shifts it by an hour across the clocks changing.
 *
 * Arithmetic is done on Date.UTC of the parts, where every day is exactly 24 hours, so day
 * counts are whole numbers whatever the process time zone and across BST/GMT changes.
 */

/** A calendar day as 'YYYY-MM-DD' (Europe/London), e.g. '2026-03-31'. */
export type CalendarDate = string;

const LONDON = 'Europe/London';
const MS_PER_DAY = 86_400_000;
const CALENDAR_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

interface DateParts {
  year: number;
  month: number; // 1-12
  day: number;
}

// Built once: constructing Intl formatters is comparatively slow and these are used per action.
const londonDateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Date.UTC, except that years 0-99 stay themselves instead of becoming 1900-1999. */
function utcMs(year: number, monthIndex: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d.getTime();
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(utcMs(year, month, 0)).getUTCDate();
}

function partsOf(value: string): DateParts | null {
  const match = CALENDAR_DATE_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // PostgreSQL has no year 0 (a date of it is an error there, not a 400 here).
  if (year < 1) return null;
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function requireParts(date: CalendarDate): DateParts {
  const parts = partsOf(date);
  if (!parts) throw new RangeError(`Not a calendar date (YYYY-MM-DD): '${date}'`);
  return parts;
}

/** Milliseconds of UTC midnight on that date: a day-number scale with no DST in it. */
function utcDayStart(date: CalendarDate): number {
  const { year, month, day } = requireParts(date);
  return utcMs(year, month - 1, day);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function fromUtcDayStart(ms: number): CalendarDate {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** London wall-clock time of an instant, as if it were UTC (so differences give the offset). */
function londonWallClockAsUtc(instant: Date): number {
  const fields: Record<string, number> = {};
  for (const part of londonDateTimeFormat.formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return utcMs(fields.year, fields.month - 1, fields.day) + ((fields.hour * 60 + fields.minute) * 60 + fields.second) * 1000;
}

/** True only for a real date written 'YYYY-MM-DD' ('2026-02-29' is false, '2028-02-29' true). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && partsOf(value) !== null;
}

/** The London calendar date an instant falls on (after 23:00 UTC in summer it is already tomorrow). */
export function londonToday(now: Date): CalendarDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('londonToday needs a valid Date');
  // fromUtcDayStart reads only the year, month and day, so the time of day drops away.
  return fromUtcDayStart(londonWallClockAsUtc(now));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((utcDayStart(to) - utcDayStart(from)) / MS_PER_DAY);
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`addDays needs a whole number of days, got ${days}`);
  return fromUtcDayStart(utcDayStart(date) + days * MS_PER_DAY);
}

/** Sort comparator: negative when a is earlier, 0 when the same day, positive when later. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return Math.sign(utcDayStart(a) - utcDayStart(b));
}

/** The latest of the dates given; at least one is required. */
export function maxDate(...dates: CalendarDate[]): CalendarDate {
  return pickDate(dates, 'maxDate', (candidate, best) => compareDates(candidate, best) > 0);
}

/** The earliest of the dates given; at least one is required. */
export function minDate(...dates: CalendarDate[]): CalendarDate {
  return pickDate(dates, 'minDate', (candidate, best) => compareDates(candidate, best) < 0);
}

function pickDate(
  dates: CalendarDate[],
  name: string,
  isBetter: (candidate: CalendarDate, best: CalendarDate) => boolean,
): CalendarDate {
  if (dates.length === 0) throw new RangeError(`${name} needs at least one date`);
  let best = dates[0];
  requireParts(best);
  for (const candidate of dates.slice(1)) {
    if (isBetter(candidate, best)) best = candidate;
  }
  return best;
}

/**
 * The UTC instant of London midnight at the start of `date`: 23:00 UTC the day before in
 * summer (BST), 00:00 UTC in winter (GMT). London changes clocks at 01:00 UTC, so midnight
 * always exists and is never ambiguous.
 */
export function londonMidnightUtc(date: CalendarDate): Date {
  return londonWallTimeUtc(date, 0);
}

/**
 * The instant London's clocks show `msIntoDay` milliseconds after midnight of `date`. A time the
 * spring change skips (01:00-02:00) is read as GMT (01:30 is 01:30 UTC, which London shows as
 * 02:30); one the autumn change repeats (01:00-02:00), as GMT too (its second showing).
 */
export function londonWallTimeUtc(date: CalendarDate, msIntoDay: number): Date {
  // London's offset is whole minutes, and the wall clock is read to the second: work in whole seconds.
  const subSecond = msIntoDay % 1000;
  const wall = utcDayStart(date) + msIntoDay - subSecond;
  // First guess the offset at the wall time read as UTC, then re-check it at the candidate instant:
  // on the days the clocks change the two can differ.
  let candidate = wall - (londonWallClockAsUtc(new Date(wall)) - wall);
  const offsetAtCandidate = londonWallClockAsUtc(new Date(candidate)) - candidate;
  candidate = wall - offsetAtCandidate;
  return new Date(candidate + subSecond);
}

/** A date as people write it in committee papers: '31 March 2026'. */
export function formatLongDate(date: CalendarDate): string {
  const { year, month, day } = requireParts(date);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

const DATE_TIME_PARTS = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A filter's bound as PostgreSQL should compare it with a timestamp, read as a London user means it:
 * a date 'YYYY-MM-DD' is London midnight at its start, a date-time without an offset is London wall
 * time, and one with an offset ('Z', '+01:00') is that instant, handed back unchanged (PostgreSQL
 * keeps its microseconds). Left to PostgreSQL, the first two would be read in the session's time
 * zone (UTC on most servers), an hour off London in summer. Null for anything else (validated first).
 */
export function londonFilterInstant(value: string): string | null {
  const m = DATE_TIME_PARTS.exec(value);
  if (!m || !isCalendarDate(m[1])) return null;
  const [, date, hour, minute, second, fraction, offset] = m;
  if (offset) return value;
  const msIntoDay = ((Number(hour ?? 0) * 60 + Number(minute ?? 0)) * 60 + Number(second ?? 0)) * 1000 + Math.floor(Number(`0.${fraction ?? 0}`) * 1000);
  return londonWallTimeUtc(date, msIntoDay).toISOString();
}
