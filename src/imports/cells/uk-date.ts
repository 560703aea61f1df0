import { isCalendarDate, type CalendarDate, daysBetween } from '../../common/dates/calendar-date';
import type { RawCell } from '../read/raw-workbook';
import { excelSerialToDate } from './excel-serial';

/**
 * Reading the dates people type into trackers. The rules (also in src/imports/README.md):
 * - Day first, always: 03/04/2026 is 3 April 2026. A date that is only valid month first
 *   (03/31/2026) is not read as one: it becomes a warning with the month-first reading suggested.
 * - Accepted as dates: 31/03/2026, 31/3/26, 31.03.2026, 31-03-2026, 31-Mar-26, 31 Mar 2026,
 *   31st March 2026, Tuesday 31 March 2026, March 31, 2026, 2026-03-31, 2026/03/31, 20260331, a time
 *   after the date, harmless words before it ("by", "due", "target", "w/c"), Excel date cells and
 *   Excel serial numbers (1990 to 2100 when typed as text).
 * - Two-digit years are 20xx below 70 and 19xx from 70.
 * - Text that is not a date gives a suggestion, never a date: see suggestDate below.
 */
export type DateReading =
  | { kind: 'empty' }
  | { kind: 'date'; date: CalendarDate; how: 'date_cell' | 'serial' | 'text'; dayMonthAmbiguous?: boolean }
  | { kind: 'suggestion'; suggestion: CalendarDate; rule: string }
  | { kind: 'invalid'; reason: string; suggestion?: CalendarDate; rule?: string; monthFirst?: boolean }
  | { kind: 'not_a_date'; reason: string };

export interface DateContext {
  /** Today, for text without a year ("end of March"): the suggestion takes the first such date from three months ago. Without it there is no suggestion. */
  today?: CalendarDate;
  /** The workbook counts days from 1904 (number cells are then 1904 serials). */
  date1904?: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Serials accepted when a number is typed as text or sits in a number cell of a date column: 1 January 1990 to 31 December 2100. */
const MIN_PLAUSIBLE_SERIAL = 32_874;
const MAX_PLAUSIBLE_SERIAL = 73_415;

/** Words that say "there is no date" (with the reason shown to the user). */
const NO_DATE_WORDS: Array<[RegExp, string]> = [
  [/^(on\s?going|continuous|continual|constant|rolling|throughout)$/, 'it is ongoing work with no end date'],
  [/^(tbc|tba|tbd|to be (confirmed|agreed|decided|determined|set)|not (yet )?(known|set|agreed))$/, 'the date is still to be confirmed'],
  [/^(n\/?a|na|not applicable|none|nil|-+|\?+)$/, 'it says there is no date'],
  [/^(as (and when )?(required|needed|appropriate)|when (required|needed))$/, 'it says "as required"'],
  [/^(daily|weekly|fortnightly|monthly|bi-?monthly|quarterly|six[- ]monthly|half[- ]yearly|annually|annual|yearly|termly)$/, 'it is a frequency, not a date'],
  [/^(bau|business as usual|in place|embedded)$/, 'it describes ongoing practice, not a date'],
  [/^(complete|completed|done|achieved|met|closed|finished)$/, 'it says the work is complete rather than giving a date'],
];

interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function readDateCell(cell: RawCell | undefined, context: DateContext = {}): DateReading {
  if (!cell) return { kind: 'empty' };
  if (cell.kind === 'date' && cell.number !== undefined) {
    const reading = excelSerialToDate(cell.number, false);
    if (!reading.ok) return { kind: 'invalid', reason: serialProblem(reading.reason) };
    return { kind: 'date', date: reading.date, how: 'date_cell' };
  }
  if (cell.kind === 'number' && cell.number !== undefined) {
    // A date typed into a cell formatted as General or Number shows as its serial.
    if (cell.number >= MIN_PLAUSIBLE_SERIAL - (context.date1904 ? 1462 : 0) && cell.number <= MAX_PLAUSIBLE_SERIAL) {
      const reading = excelSerialToDate(cell.number, context.date1904 ?? false);
      if (reading.ok) return { kind: 'date', date: reading.date, how: 'serial' };
    }
    return readDateText(cell.text, context);
  }
  if (cell.kind === 'error' || cell.kind === 'boolean') return { kind: 'not_a_date', reason: `it shows ${cell.text}` };
  return readDateText(cell.text, context);
}

/** Day-first parsing of a date typed as text, or a suggestion when the text is not a date. */
export function readDateText(input: string, context: DateContext = {}): DateReading {
  const text = normalise(input);
  if (text === '') return { kind: 'empty' };

  const exact = readExactDate(text);
  if (exact) return exact;

  for (const [pattern, reason] of NO_DATE_WORDS) {
    if (pattern.test(text)) return { kind: 'not_a_date', reason };
  }

  const suggested = suggestDate(text, context);
  if (suggested) return suggested;

  // A real date somewhere in longer text ("31/03/2026 (revised from 28/02/2026)").
  const found = findDatesIn(text);
  if (found.length === 1) return { kind: 'suggestion', suggestion: found[0], rule: 'the date written in the cell' };
  if (found.length > 1) {
    return { kind: 'suggestion', suggestion: found[found.length - 1], rule: 'the last of the dates written in the cell (usually the revised one)' };
  }
  return { kind: 'not_a_date', reason: 'it is not a date we recognise' };
}

function serialProblem(reason: 'phantom_leap_day' | 'out_of_range'): string {
  return reason === 'phantom_leap_day'
    ? 'it is Excel day 60, the 29 February 1900 that Excel counts but that never existed'
    : 'it is outside the dates Excel can hold';
}

function normalise(input: string): string {
  let text = input
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[.,;:]+$/, '')
    .trim();
  // Ordinals: 31st, 1st, 2nd, 3rd.
  text = text.replace(/\b(\d{1,2})(st|nd|rd|th)\b/g, '$1');
  // A time after the date (CSV exports of date-times), ISO or spoken.
  text = text.replace(/t\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$/, '');
  text = text.replace(/\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(am|pm)?$/, '');
  // Harmless words in front of a date, and a weekday.
  let previous: string;
  do {
    previous = text;
    text = text
      .replace(/^(to be completed by|complete by|completed by|no later than|target date|due date|due by|deadline|target|due|by|before|on|for|w\/[ec]|we|wc|week (ending|commencing))\s*[:-]?\s+/, '')
      .replace(/^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+/, '');
  } while (text !== previous);
  return text.trim();
}

function year(token: string): number {
  const n = Number(token);
  if (token.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function validYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= lastDay(y, m);
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function iso({ y, m, d }: Ymd): CalendarDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function month(token: string): number {
  return MONTHS[token] ?? MONTHS[token.slice(0, 3)];
}

const NUMERIC_DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;
const NUMERIC_YMD = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/;
const COMPACT_YMD = /^(\d{4})(\d{2})(\d{2})$/;
const WORDS_DMY = new RegExp(`^(\\d{1,2})[\\s/.-]*${MONTH}[\\s/.,'-]*(\\d{4}|\\d{2})$`);
const WORDS_MDY = new RegExp(`^${MONTH}[\\s.-]*(\\d{1,2}),?\\s+(\\d{4})$`);
const SERIAL = /^\d{5}(\.\d+)?$/;

function readExactDate(text: string): DateReading | null {
  let match = NUMERIC_DMY.exec(text);
  if (match) {
    const d = Number(match[1]);
    const m = Number(match[2]);
    const y = year(match[3]);
    if (validYmd(y, m, d)) return { kind: 'date', date: iso({ y, m, d }), how: 'text', dayMonthAmbiguous: d <= 12 && m <= 12 && d !== m };
    if (validYmd(y, d, m)) {
      const suggestion = iso({ y, m: d, d: m });
      return {
        kind: 'invalid',
        reason: `dates are read day first, and there is no month ${m}; it looks like a date written month first`,
        suggestion,
        rule: 'the month-first reading',
        monthFirst: true,
      };
    }
    return { kind: 'invalid', reason: `there is no day ${d} in month ${m} of ${y}` };
  }
  match = NUMERIC_YMD.exec(text) ?? COMPACT_YMD.exec(text);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (validYmd(y, m, d)) return { kind: 'date', date: iso({ y, m, d }), how: 'text' };
    return { kind: 'invalid', reason: `there is no day ${d} in month ${m} of ${y}` };
  }
  match = WORDS_DMY.exec(text);
  if (match) {
    const [d, m, y] = [Number(match[1]), month(match[2]), year(match[3])];
    if (validYmd(y, m, d)) return { kind: 'date', date: iso({ y, m, d }), how: 'text' };
    return { kind: 'invalid', reason: `there is no ${d} ${MONTH_NAMES[m - 1]} in ${y}` };
  }
  match = WORDS_MDY.exec(text);
  if (match) {
    const [m, d, y] = [month(match[1]), Number(match[2]), Number(match[3])];
    if (validYmd(y, m, d)) return { kind: 'date', date: iso({ y, m, d }), how: 'text' };
    return { kind: 'invalid', reason: `there is no ${d} ${MONTH_NAMES[m - 1]} in ${y}` };
  }
  if (SERIAL.test(text)) {
    const serial = Number(text);
    if (serial >= MIN_PLAUSIBLE_SERIAL && serial <= MAX_PLAUSIBLE_SERIAL) {
      const reading = excelSerialToDate(serial);
      if (reading.ok) return { kind: 'date', date: reading.date, how: 'serial' };
    }
    return { kind: 'not_a_date', reason: 'it is a number, not a date' };
  }
  return null;
}

const DATES_INSIDE = new RegExp(`\\b(\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[\\s-]*${MONTH}[\\s,-]*(?:\\d{4}|\\d{2}))\\b`, 'g');

/** Every exact date written somewhere inside longer text, in order. */
function findDatesIn(text: string): CalendarDate[] {
  const dates: CalendarDate[] = [];
  for (const match of text.matchAll(DATES_INSIDE)) {
    const reading = readExactDate(normalise(match[1]));
    if (reading?.kind === 'date') dates.push(reading.date);
  }
  return dates;
}

// ----------------------------------------------------------------------------------------------
// Suggestions for text that is not a date. Each gives the date and the rule in words.

const PART = '(end of|the end of|end|late|mid|middle of|early|beginning of|start of)';
const PART_OF_MONTH_YEAR = new RegExp(`^(?:${PART}\\s+)?${MONTH}[\\s/.,'-]*(\\d{4}|\\d{2})$`);
const PART_OF_MONTH = new RegExp(`^(?:${PART}\\s+)?${MONTH}$`);
const DAY_MONTH = new RegExp(`^(\\d{1,2})[\\s/.-]*${MONTH}$`);
const MONTH_DAY = new RegExp(`^${MONTH}\\s+(\\d{1,2})$`);

const SEASON_END: Record<string, { m: number; label: string; nextYear?: boolean }> = {
  spring: { m: 5, label: 'the end of spring' },
  summer: { m: 8, label: 'the end of summer' },
  autumn: { m: 11, label: 'the end of autumn' },
  fall: { m: 11, label: 'the end of autumn' },
  winter: { m: 2, label: 'the end of winter (which ends in February of the following year)', nextYear: true },
};
const TERM_END: Record<string, { m: number; label: string }> = {
  autumn: { m: 12, label: 'the end of the autumn term' },
  spring: { m: 4, label: 'the end of the spring term' },
  summer: { m: 7, label: 'the end of the summer term' },
};

/** A financial year written 2026/27, 2026-27, 2026/2027, 26/27 or FY26/27: the year it starts. */
const FINANCIAL_YEAR = /\b(?:fy\s?)?(\d{4}|\d{2})\s?[/-]\s?(\d{4}|\d{2})\b/;

function financialYearStart(text: string): number | null {
  const match = FINANCIAL_YEAR.exec(text);
  if (!match) return null;
  const start = year(match[1]);
  const end = year(match[2]);
  return end === start + 1 ? start : null;
}

function singleYear(text: string): number | null {
  const match = /\b(20\d{2}|19\d{2})\b/.exec(text);
  if (match) return Number(match[1]);
  const short = /(?:^|\s|')(\d{2})$/.exec(text);
  return short ? year(short[1]) : null;
}

function suggestion(ymd: Ymd, rule: string): DateReading {
  return { kind: 'suggestion', suggestion: iso(ymd), rule };
}

function endOfMonth(y: number, m: number): Ymd {
  return { y, m, d: lastDay(y, m) };
}

/**
 * The suggested-date rules, in the order tried:
 * - a month and year ("March 2026", "Mar-26", "03/2026"): the last day of that month;
 * - "end of / late / mid / early March 2026": the last day / the 15th / the 10th;
 * - a season: spring 31 May, summer 31 August, autumn 30 November, winter the end of February of
 *   the next year ("winter 2026" and "winter 2026/27" end in February 2027);
 * - a school term: autumn term 31 December, spring term 30 April, summer term 31 July;
 * - a quarter of a financial year ("Q3 2026/27", "Quarter 3 26/27", "2026-27 Q3"): financial
 *   quarters run April-June, July-September, October-December, January-March, so Q1 ends 30 June,
 *   Q2 30 September, Q3 31 December, Q4 31 March of the later year;
 * - a quarter of a calendar year ("Q3 2026"): the end of that calendar quarter (30 September);
 * - a half year: H1/H2 of a financial year end 30 September / 31 March; of a calendar year 30 June / 31 December;
 * - a financial year alone ("2026/27", "end of financial year 2026/27"): 31 March 2027;
 * - a year alone ("2026", "end of 2026"): 31 December 2026;
 * - a day and month without a year ("31 March", "end of March"): only when today is known, the
 *   first such date from three months before today;
 * - several dates in the text: the last one (a revised date usually follows the original).
 * Anything else ("ongoing", "TBC", "within 6 months") gets no suggestion.
 */
export function suggestDate(input: string, context: DateContext = {}): DateReading | null {
  const text = input === normalise(input) ? input : normalise(input);

  // Month and year.
  let match = PART_OF_MONTH_YEAR.exec(text);
  if (match) {
    const m = month(match[2]);
    const y = year(match[3]);
    return partOfMonth(match[1], y, m);
  }
  match = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match && Number(match[1]) >= 1 && Number(match[1]) <= 12) {
    const y = Number(match[2]);
    const m = Number(match[1]);
    return suggestion(endOfMonth(y, m), `the last day of ${MONTH_NAMES[m - 1]} ${y}`);
  }

  // A month (with a part of it) or a day and month, without a year.
  match = PART_OF_MONTH.exec(text);
  if (match) return withoutYear(context, (y) => partOfMonth(match![1], y, month(match![2])));
  match = DAY_MONTH.exec(text) ?? MONTH_DAY.exec(text);
  if (match) {
    const dayFirst = /^\d/.test(match[1]);
    const d = Number(dayFirst ? match[1] : match[2]);
    const m = month(dayFirst ? match[2] : match[1]);
    return withoutYear(context, (y) => (validYmd(y, m, d) ? suggestion({ y, m, d }, `${d} ${MONTH_NAMES[m - 1]}`) : null));
  }

  // Seasons and school terms.
  match = /\b(spring|summer|autumn|fall|winter)(\s+term)?\b/.exec(text);
  if (match) {
    const fy = financialYearStart(text);
    const y = fy ?? singleYear(text);
    if (y === null) return null;
    if (match[2]) {
      const term = TERM_END[match[1] === 'fall' ? 'autumn' : match[1]];
      if (!term) return null;
      // In an academic year 2026/27 the autumn term is in 2026, the spring and summer terms in 2027.
      const termYear = fy !== null && term.m !== 12 ? fy + 1 : y;
      return suggestion(endOfMonth(termYear, term.m), term.label);
    }
    const season = SEASON_END[match[1]];
    const seasonYear = season.nextYear ? (fy !== null ? fy + 1 : y + 1) : fy !== null ? fy : y;
    return suggestion(endOfMonth(seasonYear, season.m), season.label);
  }

  // Quarters.
  match = /\b(?:q|quarter\s?)([1-4]|one|two|three|four)\b/.exec(text);
  if (match) {
    const q = ['1', '2', '3', '4'].indexOf(match[1]) + 1 || ['one', 'two', 'three', 'four'].indexOf(match[1]) + 1;
    const rest = text.replace(match[0], ' ');
    const fy = financialYearStart(rest);
    if (fy !== null) {
      const [y, m] = q === 4 ? [fy + 1, 3] : [fy, 3 + q * 3];
      const months = ['April to June', 'July to September', 'October to December', 'January to March'][q - 1];
      return suggestion(endOfMonth(y, m), `the end of Q${q} of the financial year ${fy}/${String(fy + 1).slice(2)}, ${months}`);
    }
    const y = singleYear(rest);
    if (y === null) return null;
    return suggestion(
      endOfMonth(y, q * 3),
      `the end of calendar quarter ${q} of ${y}; for a financial-year quarter write it like Q${q} ${y}/${String(y + 1).slice(2)}`,
    );
  }

  // Half years.
  match = /\b(?:h([12])|(first|second|1st|2nd) half(?: of(?: the)?(?: year)?)?)\b/.exec(text);
  if (match) {
    const h = match[1] ? Number(match[1]) : /^(first|1st)$/.test(match[2]) ? 1 : 2;
    const rest = text.replace(match[0], ' ');
    const fy = financialYearStart(rest);
    if (fy !== null) return suggestion(h === 1 ? endOfMonth(fy, 9) : endOfMonth(fy + 1, 3), `the end of half ${h} of the financial year ${fy}/${String(fy + 1).slice(2)}`);
    const y = singleYear(rest);
    if (y === null) return null;
    return suggestion(endOfMonth(y, h === 1 ? 6 : 12), `the end of half ${h} of ${y}`);
  }

  // A financial year alone, or a year alone, after filler words ("by the end of financial year 2026/27").
  const bare = text.replace(/^(?:(?:by|the|end|of|financial|year|year-end|fy|eoy|during|in|within|calendar)\s+)+/, '').replace(/\s+(?:financial year|year end|fy)$/, '');
  match = /^(?:fy\s?)?(\d{4}|\d{2})\s?[/-]\s?(\d{4}|\d{2})$/.exec(bare);
  if (match) {
    const start = year(match[1]);
    if (year(match[2]) === start + 1) return suggestion({ y: start + 1, m: 3, d: 31 }, `the end of the financial year ${start}/${String(start + 1).slice(2)}`);
  }
  match = /^(\d{4})$/.exec(bare);
  if (match) {
    const y = Number(match[1]);
    if (y >= 1990 && y <= 2100) return suggestion({ y, m: 12, d: 31 }, `the end of ${y}`);
  }
  // A day and month as numbers, without a year ("31/03").
  match = /^(\d{1,2})[/.](\d{1,2})$/.exec(text);
  if (match) {
    const d = Number(match[1]);
    const m = Number(match[2]);
    return withoutYear(context, (y) => (validYmd(y, m, d) ? suggestion({ y, m, d }, `${d} ${MONTH_NAMES[m - 1]}`) : null));
  }
  return null;
}

function partOfMonth(part: string | undefined, y: number, m: number): DateReading {
  const name = `${MONTH_NAMES[m - 1]} ${y}`;
  if (part && /^(mid|middle of)$/.test(part)) return suggestion({ y, m, d: 15 }, `the middle of ${name} (the 15th)`);
  if (part && /^(early|beginning of|start of)$/.test(part)) return suggestion({ y, m, d: 10 }, `early ${name} (the 10th)`);
  return suggestion(endOfMonth(y, m), `the last day of ${name}`);
}

/**
 * For a date without a year: the first such date on or after three months before today (a plan's
 * dates are mostly ahead, and a recent one may be overdue), so with today 15 January 2026
 * "end of October" is 31 October 2025 and "end of August" is 31 August 2026.
 */
function withoutYear(context: DateContext, make: (y: number) => DateReading | null): DateReading | null {
  if (!context.today || !isCalendarDate(context.today)) return null;
  const thisYear = Number(context.today.slice(0, 4));
  for (const y of [thisYear - 1, thisYear, thisYear + 1]) {
    const reading = make(y);
    if (reading?.kind !== 'suggestion') continue;
    if (daysBetween(context.today, reading.suggestion) < -WITHOUT_YEAR_LOOKBACK_DAYS) continue;
    return {
      ...reading,
      rule: `${reading.rule}; no year was given, so we took ${y} (a date without a year is taken to fall between three months ago and nine months ahead)`,
    };
  }
  return null;
}

const WITHOUT_YEAR_LOOKBACK_DAYS = 92;
