/**
 * Working days in England and Wales: Monday to Friday, except bank holidays. Used for papers
 * deadlines ("5 working days before the meeting") and regulator deadlines ("70 working days
 * after the report is published").
 *
 * Where the bank holidays come from, and how they stay current
 * -------------------------------------------------------------
 * From the `date-holidays` package (region GB-ENG; England and Wales share one list), not from a
 * table typed into this repository. Reasons:
 * - It computes every year from rules (fixed dates, Easter, "first Monday in May") and applies the
 *   substitute-day rule itself: when 25 or 26 December or 1 January fall at a weekend the next
 *   free weekday is a bank holiday (27 and 28 December 2027, 3 January 2028 are checked in the
 *   tests). A shipped table of GOV.UK's `bank-holidays.json` only reaches the end of next year,
 *   so a 70-working-day deadline in late autumn would run off its end.
 * - It carries the one-off holidays by royal proclamation: the 2020 early May holiday moved to
 *   Friday 8 May (VE Day), 3 June 2022 (Platinum Jubilee), 19 September 2022 (the State Funeral)
 *   and 8 May 2023 (the Coronation), all checked in the tests.
 * - It is maintained (frequent releases). A future one-off holiday is usually proclaimed about a
 *   year ahead; it reaches us when the package releases it and we update the dependency. Until
 *   then, or if the package is ever wrong, pass it as an extra holiday to
 *   `englandAndWalesCalendar({ extraBankHolidays })`; that is also how a test pins a calendar.
 * Only 'public' and 'bank' entries of the package count; its observances (Mother's Day, Easter
 * Sunday) do not. The package's holiday data is licensed CC-BY-3.0 (code ISC); see its LICENSE.
 *
 * Counting rules (the same as statutory deadlines in the regulations we cite, where "working
 * day" means any day other than a Saturday, Sunday, Christmas Day, Good Friday or a bank holiday
 * in England and Wales):
 * - `addWorkingDays(date, n)`: the n-th working day after `date` (before it when n is negative).
 *   The start date is never counted, whether or not it is itself a working day; n = 0 returns it.
 * - `workingDaysBetween(from, to)`: the n for which `addWorkingDays(from, n) === to` whenever `to`
 *   is a working day: forwards, the working days after `from` up to and including `to`; backwards,
 *   minus the working days from `to` (included) up to `from` (excluded).
 *
 * Pure functions over calendar dates ('YYYY-MM-DD'); no clock, no Nest, no database.
 */
import Holidays from 'date-holidays';
import { addDays, compareDates, isCalendarDate, type CalendarDate } from '../common/dates/calendar-date';

export interface BankHoliday {
  date: CalendarDate;
  /** As the package names it: 'Boxing Day (substitute day)', 'Queen Elizabeth's Funeral Day'. */
  name: string;
}

/** A calendar of non-working weekdays. Weekends are never working days, whatever the calendar. */
export interface WorkingDayCalendar {
  /** The bank holiday on that date, or null. Throws RangeError outside the supported years. */
  bankHoliday(date: CalendarDate): BankHoliday | null;
  /** Every bank holiday of the year, in date order (including any that fall at a weekend). */
  bankHolidaysIn(year: number): BankHoliday[];
}

export interface EnglandAndWalesCalendarOptions {
  /** Holidays the package does not know yet (a newly proclaimed one-off). */
  extraBankHolidays?: readonly BankHoliday[];
  /** Dates the package lists that are not bank holidays after all (a cancelled or moved one). */
  cancelledBankHolidays?: readonly CalendarDate[];
}

/**
 * The years answered. Before 1971 the Banking and Financial Dealings Act did not apply; after
 * 2099 nobody should be planning. A year outside is a programming error, not a guess.
 */
export const FIRST_SUPPORTED_YEAR = 1971;
export const LAST_SUPPORTED_YEAR = 2099;

/** Longest run of consecutive non-working days we accept before suspecting a broken calendar. */
const MAX_NON_WORKING_RUN = 14;

function yearOf(date: CalendarDate): number {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): '${String(date)}'`);
  return Number(date.slice(0, 4));
}

function requireSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(
      `Working days are known for ${FIRST_SUPPORTED_YEAR}-${LAST_SUPPORTED_YEAR} only; asked about ${year}`,
    );
  }
}

/** 0 = Sunday ... 6 = Saturday, from the date's own parts (no time zone involved). */
function dayOfWeek(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWeekend(date: CalendarDate): boolean {
  yearOf(date);
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/**
 * England and Wales from `date-holidays`, memoised per year. Cheap to call more than once; the
 * package's data is loaded once per process (about half a second on a busy machine).
 */
export function englandAndWalesCalendar(options: EnglandAndWalesCalendarOptions = {}): WorkingDayCalendar {
  const extra = [...(options.extraBankHolidays ?? [])];
  for (const holiday of extra) requireSupportedYear(yearOf(holiday.date));
  const cancelled = new Set(options.cancelledBankHolidays ?? []);
  for (const date of cancelled) yearOf(date);
  const byYear = new Map<number, Map<CalendarDate, BankHoliday>>();

  function yearTable(year: number): Map<CalendarDate, BankHoliday> {
    requireSupportedYear(year);
    let table = byYear.get(year);
    if (table) return table;
    table = new Map();
    for (const holiday of packageHolidays(year)) {
      if (!cancelled.has(holiday.date) && !table.has(holiday.date)) table.set(holiday.date, holiday);
    }
    for (const holiday of extra) {
      if (yearOf(holiday.date) === year && !cancelled.has(holiday.date)) table.set(holiday.date, holiday);
    }
    table = new Map([...table.entries()].sort(([a], [b]) => compareDates(a, b)));
    byYear.set(year, table);
    return table;
  }

  return {
    bankHoliday: (date) => yearTable(yearOf(date)).get(date) ?? null,
    bankHolidaysIn: (year) => [...yearTable(year).values()],
  };
}

let packageCalendar: Holidays | null = null;

function packageHolidays(year: number): BankHoliday[] {
  // English names whatever the process locale; Europe/London is GB's own zone in the package.
  packageCalendar ??= new Holidays('GB', 'ENG', { languages: ['en'], types: ['public', 'bank'] });
  return packageCalendar
    .getHolidays(year, 'en')
    .filter((h) => h.type === 'public' || h.type === 'bank')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
}

let defaultCalendar: WorkingDayCalendar | null = null;

/** The England and Wales calendar with no local corrections (built on first use). */
export function defaultWorkingDayCalendar(): WorkingDayCalendar {
  defaultCalendar ??= englandAndWalesCalendar();
  return defaultCalendar;
}

/** A weekday that is not a bank holiday in England and Wales. */
export function isWorkingDay(date: CalendarDate, calendar: WorkingDayCalendar = defaultWorkingDayCalendar()): boolean {
  return !isWeekend(date) && calendar.bankHoliday(date) === null;
}

/** Why a date is not a working day, in words ('Saturday', 'Boxing Day (substitute day)'), or null. */
export function nonWorkingReason(date: CalendarDate, calendar: WorkingDayCalendar = defaultWorkingDayCalendar()): string | null {
  const holiday = calendar.bankHoliday(date);
  if (holiday) return holiday.name;
  const day = dayOfWeek(date);
  if (day === 6) return 'Saturday';
  if (day === 0) return 'Sunday';
  return null;
}

/** The next working day in `step` direction (+1 or -1), never `date` itself. */
function stepToWorkingDay(date: CalendarDate, step: 1 | -1, calendar: WorkingDayCalendar): CalendarDate {
  let current = date;
  for (let i = 0; i < MAX_NON_WORKING_RUN + 1; i++) {
    current = addDays(current, step);
    if (isWorkingDay(current, calendar)) return current;
  }
  throw new RangeError(`No working day within ${MAX_NON_WORKING_RUN} days of ${date}: is the calendar right?`);
}

/** The latest working day strictly before `date` (Friday for a Monday; 24 December 2026 for the 29th). */
export function previousWorkingDay(date: CalendarDate, calendar: WorkingDayCalendar = defaultWorkingDayCalendar()): CalendarDate {
  return stepToWorkingDay(date, -1, calendar);
}

/** The earliest working day strictly after `date`. */
export function nextWorkingDay(date: CalendarDate, calendar: WorkingDayCalendar = defaultWorkingDayCalendar()): CalendarDate {
  return stepToWorkingDay(date, 1, calendar);
}

/**
 * The n-th working day after `date` (n > 0) or before it (n < 0); `date` itself is not counted.
 * `addWorkingDays('2026-12-23', 2)` is 29 December 2026 (24th, then 29th: the 25th is Christmas,
 * the 28th the substitute for Boxing Day on a Saturday).
 */
export function addWorkingDays(
  date: CalendarDate,
  n: number,
  calendar: WorkingDayCalendar = defaultWorkingDayCalendar(),
): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs a whole number of days, got ${n}`);
  yearOf(date);
  const step: 1 | -1 = n < 0 ? -1 : 1;
  let current = date;
  for (let remaining = Math.abs(n); remaining > 0; remaining--) current = stepToWorkingDay(current, step, calendar);
  return current;
}

/**
 * How many working days `to` is from `from`: the n for which `addWorkingDays(from, n) === to`
 * whenever `to` is a working day. Forwards it counts the working days after `from` up to and
 * including `to`; backwards, minus those from `to` (included) up to `from` (excluded); 0 for the
 * same day.
 */
export function workingDaysBetween(
  from: CalendarDate,
  to: CalendarDate,
  calendar: WorkingDayCalendar = defaultWorkingDayCalendar(),
): number {
  const order = compareDates(from, to);
  if (order === 0) return 0;
  // Count the half-open span (first, last]: forwards (from, to], backwards [to, from) shifted by a day.
  const [first, last, sign] = order < 0 ? [from, to, 1] : [addDays(to, -1), addDays(from, -1), -1];
  let count = 0;
  for (let current = addDays(first, 1); compareDates(current, last) <= 0; current = addDays(current, 1)) {
    if (isWorkingDay(current, calendar)) count++;
  }
  return sign * count;
}
