import type { CalendarDate } from '../../common/dates/calendar-date';

/**
 * Excel stores a date as a count of days. In the 1900 date system (Windows Excel, the default)
 * day 1 is 1 January 1900, and Excel, copying Lotus 1-2-3, counts a 29 February 1900 that never
 * existed as day 60. So days 1-59 are one day later than a plain count from 31 December 1899
 * would give, day 60 is not a real date, and from day 61 (1 March 1900) a count from
 * 30 December 1899 is right. In the 1904 system (old Mac Excel) day 0 is 1 January 1904.
 * A fraction is the time of day; the date is the day it falls in (after rounding to the second,
 * so 45382.99999999 is not pushed to the previous day by floating-point noise).
 */
export type SerialReading = { ok: true; date: CalendarDate } | { ok: false; reason: 'phantom_leap_day' | 'out_of_range' };

const MS_PER_DAY = 86_400_000;
const EPOCH_1900_FROM_DAY_61 = Date.UTC(1899, 11, 30);
const EPOCH_1900_BEFORE_DAY_60 = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 31 December 9999, Excel's last date. */
const MAX_SERIAL = 2_958_465;

export function excelSerialToDate(serial: number, date1904 = false): SerialReading {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial > MAX_SERIAL) return { ok: false, reason: 'out_of_range' };
  const seconds = Math.round(serial * 86_400);
  const day = Math.floor(seconds / 86_400);
  let ms: number;
  if (date1904) {
    ms = EPOCH_1904 + day * MS_PER_DAY;
  } else if (day === 60) {
    return { ok: false, reason: 'phantom_leap_day' };
  } else if (day < 60) {
    ms = EPOCH_1900_BEFORE_DAY_60 + day * MS_PER_DAY;
  } else {
    ms = EPOCH_1900_FROM_DAY_61 + day * MS_PER_DAY;
  }
  return { ok: true, date: new Date(ms).toISOString().slice(0, 10) };
}

/**
 * The 1900-system serial of a JavaScript Date that exceljs made from a date cell. exceljs converts
 * serial s to the instant (s - 25569) days after 1 January 1970 (and from 1904 serials to the same
 * true instant), so this gives back the serial exactly, and excelSerialToDate then applies the
 * leap-year rule that exceljs leaves out for the first two months of 1900.
 */
export function dateCellToSerial(value: Date): number {
  return value.getTime() / MS_PER_DAY + 25_569;
}

/** The serial of a calendar date in the 1900 system (for tests and fixtures). */
export function dateToExcelSerial(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number);
  const ms = Date.UTC(y, m - 1, d);
  const day = Math.round((ms - EPOCH_1900_FROM_DAY_61) / MS_PER_DAY);
  return day >= 61 ? day : Math.round((ms - EPOCH_1900_BEFORE_DAY_60) / MS_PER_DAY);
}
