import { addDays } from '../common/dates/calendar-date';
import {
  addWorkingDays,
  englandAndWalesCalendar,
  isWeekend,
  isWorkingDay,
  nextWorkingDay,
  nonWorkingReason,
  previousWorkingDay,
  workingDaysBetween,
  defaultWorkingDayCalendar,
} from './working-days';

/**
 * Weekday bank holidays in England and Wales as GOV.UK publishes them ("UK bank holidays",
 * england-and-wales division). A holiday that falls at a weekend is listed by GOV.UK only as its
 * substitute weekday, so this list has weekdays only.
 */
const GOV_UK_WEEKDAY_BANK_HOLIDAYS: Record<number, string[]> = {
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: [
    '2022-01-03',
    '2022-04-15',
    '2022-04-18',
    '2022-05-02',
    '2022-06-02',
    '2022-06-03', // Platinum Jubilee
    '2022-08-29',
    '2022-09-19', // State Funeral of Queen Elizabeth II
    '2022-12-26',
    '2022-12-27',
  ],
  2023: [
    '2023-01-02',
    '2023-04-07',
    '2023-04-10',
    '2023-05-01',
    '2023-05-08', // Coronation of King Charles III
    '2023-05-29',
    '2023-08-28',
    '2023-12-25',
    '2023-12-26',
  ],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
};

describe('working days in England and Wales', () => {
  const calendar = defaultWorkingDayCalendar();

  describe('the bank holidays are the ones GOV.UK lists, substitute and one-off days included', () => {
    it.each(Object.entries(GOV_UK_WEEKDAY_BANK_HOLIDAYS))('%s', (year, expected) => {
      const weekdays = calendar
        .bankHolidaysIn(Number(year))
        .map((h) => h.date)
        .filter((date) => !isWeekend(date));
      expect(weekdays).toEqual(expected);
    });

    it.each([
      ['2026-12-28', /Boxing Day/, 'Boxing Day (Sat 26 Dec 2026) moves to Monday'],
      ['2027-12-27', /Christmas Day/, 'Christmas Day (Sat 25 Dec 2027) moves to Monday'],
      ['2027-12-28', /Boxing Day/, 'Boxing Day (Sun 26 Dec 2027) moves to Tuesday'],
      ['2028-01-03', /New Year/, "New Year's Day (Sat 1 Jan 2028) moves to Monday"],
      ['2022-09-19', /Funeral/, 'one-off: State Funeral'],
      ['2023-05-08', /Coronation/, 'one-off: Coronation'],
      ['2022-06-03', /Jubilee/, 'one-off: Platinum Jubilee'],
    ])('%s is a bank holiday (%s): %s', (date, name) => {
      expect(isWorkingDay(date)).toBe(false);
      expect(nonWorkingReason(date)).toMatch(name);
    });

    it('2020: the early May bank holiday moved to Friday 8 May (VE Day), so Monday 4 May was a working day', () => {
      expect(isWorkingDay('2020-05-04')).toBe(true);
      expect(isWorkingDay('2020-05-08')).toBe(false);
    });

    it("observances are not holidays: Easter Sunday is a Sunday, Mother's Day too, nothing more", () => {
      expect(nonWorkingReason('2026-04-05')).toBe('Sunday');
      expect(nonWorkingReason('2026-03-15')).toBe('Sunday');
      expect(nonWorkingReason('2026-04-07')).toBeNull();
    });
  });

  describe('isWorkingDay', () => {
    it.each([
      ['2026-12-24', true, 'Christmas Eve is a working day'],
      ['2026-12-25', false, 'Christmas Day (Friday)'],
      ['2026-12-26', false, 'Saturday'],
      ['2026-12-29', true, 'Tuesday after the substitute day'],
      ['2026-12-31', true, "New Year's Eve"],
      ['2027-01-01', false, "New Year's Day (Friday)"],
      ['2027-01-04', true, 'first Monday of 2027'],
      ['2026-04-02', true, 'Maundy Thursday'],
      ['2026-04-03', false, 'Good Friday'],
      ['2026-04-06', false, 'Easter Monday'],
      ['2026-05-04', false, 'early May bank holiday'],
      ['2026-05-25', false, 'spring bank holiday'],
      ['2026-08-31', false, 'summer bank holiday'],
      ['2026-09-01', true, 'Tuesday after it'],
      ['2027-03-26', false, 'Good Friday 2027 (in March)'],
      ['2028-04-17', false, 'Easter Monday 2028'],
      ['2028-02-29', true, 'leap day, a Tuesday'],
    ])('%s -> %s (%s)', (date, expected) => {
      expect(isWorkingDay(date)).toBe(expected);
    });
  });

  describe('addWorkingDays, counted by hand', () => {
    it.each([
      // Christmas 2025: Thu 25 and Fri 26 are holidays, then the weekend.
      ['2025-12-23', 1, '2025-12-24', 'Wed 24'],
      ['2025-12-23', 2, '2025-12-29', '24 (1), skip 25-28, Mon 29 (2)'],
      ['2025-12-23', 5, '2026-01-02', '24, 29, 30, 31 (4), skip Thu 1 Jan, Fri 2 (5)'],
      // Christmas 2026: Fri 25, Sat 26, Sun 27, Mon 28 substitute for Boxing Day; Fri 1 Jan.
      ['2026-12-23', 2, '2026-12-29', '24 (1), skip 25-28, Tue 29 (2)'],
      ['2026-12-23', 5, '2027-01-04', '24, 29, 30, 31 (4), skip 1-3 Jan, Mon 4 (5)'],
      // Christmas 2027: Sat 25 and Sun 26, so Mon 27 and Tue 28 are substitutes; Sat 1 Jan 2028 -> Mon 3.
      ['2027-12-23', 1, '2027-12-24', 'Fri 24'],
      ['2027-12-23', 2, '2027-12-29', '24 (1), skip 25-28, Wed 29 (2)'],
      ['2027-12-23', 5, '2028-01-04', '24, 29, 30, 31 (4), skip 1-3 Jan, Tue 4 (5)'],
      // Christmas 2028: Mon 25, Tue 26; Mon 1 Jan 2029.
      ['2028-12-22', 4, '2029-01-02', 'Wed 27, Thu 28, Fri 29 (3), skip Mon 1 Jan, Tue 2 (4)'],
      // Easter.
      ['2025-04-17', 1, '2025-04-22', 'Good Friday 18 and Easter Monday 21 skipped'],
      ['2026-04-02', 1, '2026-04-07', 'Good Friday 3 and Easter Monday 6 skipped'],
      ['2027-03-25', 1, '2027-03-30', 'Good Friday 26 March and Easter Monday 29 skipped'],
      ['2028-04-13', 1, '2028-04-18', 'Good Friday 14 and Easter Monday 17 skipped'],
      ['2026-03-31', 6, '2026-04-10', 'Apr 1, 2 (2), skip 3-6, 7, 8, 9, 10 (6)'],
      // May and August.
      ['2026-05-01', 1, '2026-05-05', 'early May bank holiday Mon 4 skipped'],
      ['2026-05-22', 1, '2026-05-26', 'spring bank holiday Mon 25 skipped'],
      ['2026-08-28', 1, '2026-09-01', 'summer bank holiday Mon 31 skipped'],
      ['2027-04-30', 1, '2027-05-04', 'early May bank holiday Mon 3 skipped'],
      ['2027-05-28', 1, '2027-06-01', 'spring bank holiday Mon 31 skipped'],
      ['2027-08-27', 1, '2027-08-31', 'summer bank holiday Mon 30 skipped'],
      ['2028-04-28', 1, '2028-05-02', 'early May bank holiday Mon 1 skipped'],
      ['2028-05-26', 1, '2028-05-30', 'spring bank holiday Mon 29 skipped'],
      ['2028-08-25', 1, '2028-08-29', 'summer bank holiday Mon 28 skipped'],
      ['2025-08-22', 1, '2025-08-26', 'summer bank holiday Mon 25 skipped'],
      // Backwards.
      ['2026-04-07', -1, '2026-04-02', 'back over Easter Monday and Good Friday'],
      ['2027-01-05', -5, '2026-12-24', 'Mon 4 Jan, Thu 31, Wed 30, Tue 29 (4), skip 28-25, Thu 24 (5)'],
      ['2028-01-04', -1, '2027-12-31', 'back over the New Year substitute day and the weekend'],
      // From a non-working day: the start is not counted.
      ['2026-12-26', 1, '2026-12-29', 'Saturday -> first working day after'],
      ['2026-12-26', -1, '2026-12-24', 'Saturday -> last working day before'],
      ['2026-12-25', 0, '2026-12-25', 'n = 0 returns the date itself'],
    ])('%s + %i working days -> %s (%s)', (date, n, expected) => {
      expect(addWorkingDays(date, n)).toBe(expected);
    });
  });

  describe('workingDaysBetween, counted by hand', () => {
    it.each([
      ['2026-03-31', '2026-04-10', 6, 'Apr 1, 2, 7, 8, 9, 10'],
      ['2026-12-24', '2027-01-04', 4, 'Dec 29, 30, 31, Jan 4'],
      ['2027-12-24', '2028-01-04', 4, 'Dec 29, 30, 31, Jan 4'],
      ['2026-12-25', '2026-12-28', 0, 'Christmas to the substitute day: none'],
      ['2026-04-10', '2026-03-31', -6, 'the same span backwards'],
      ['2026-06-01', '2026-06-01', 0, 'same day'],
      ['2026-12-26', '2026-12-29', 1, 'from a Saturday: Tue 29'],
      ['2026-12-26', '2026-12-24', -1, 'back from a Saturday: Thu 24 (as addWorkingDays(26 Dec, -1))'],
      // Whole years: weekdays minus weekday bank holidays (8 each year).
      ['2024-12-31', '2025-12-31', 253, '261 weekdays - 8'],
      ['2025-12-31', '2026-12-31', 253, '261 weekdays - 8'],
      ['2026-12-31', '2027-12-31', 253, '261 weekdays - 8'],
      ['2027-12-31', '2028-12-31', 252, 'leap year starting on a Saturday: 260 weekdays - 8'],
    ])('%s -> %s = %i (%s)', (from, to, expected) => {
      expect(workingDaysBetween(from, to)).toBe(expected);
    });

    it('is the inverse of addWorkingDays for every start date in 2025-2028', () => {
      for (let date = '2025-01-01'; date < '2029-01-01'; date = addDays(date, 3)) {
        for (const n of [-25, -7, -1, 1, 5, 20, 70]) {
          const target = addWorkingDays(date, n);
          expect(isWorkingDay(target)).toBe(true);
          expect(workingDaysBetween(date, target)).toBe(n);
        }
      }
    });
  });

  describe('previousWorkingDay and nextWorkingDay', () => {
    it.each([
      ['2026-12-29', '2026-12-24', '2026-12-30'],
      ['2026-12-28', '2026-12-24', '2026-12-29'],
      ['2027-01-04', '2026-12-31', '2027-01-05'],
      ['2026-04-07', '2026-04-02', '2026-04-08'],
      ['2026-04-02', '2026-04-01', '2026-04-07'],
      ['2026-06-01', '2026-05-29', '2026-06-02'],
      ['2027-12-31', '2027-12-30', '2028-01-04'],
    ])('%s: previous %s, next %s', (date, previous, next) => {
      expect(previousWorkingDay(date)).toBe(previous);
      expect(nextWorkingDay(date)).toBe(next);
    });
  });

  describe('local corrections and failures', () => {
    it('an extra (newly proclaimed) bank holiday and a cancelled one change only that calendar', () => {
      const local = englandAndWalesCalendar({
        extraBankHolidays: [{ date: '2027-06-07', name: 'Proclaimed one-off holiday' }],
        cancelledBankHolidays: ['2027-08-30'],
      });
      expect(isWorkingDay('2027-06-07', local)).toBe(false);
      expect(nonWorkingReason('2027-06-07', local)).toBe('Proclaimed one-off holiday');
      expect(isWorkingDay('2027-08-30', local)).toBe(true);
      expect(addWorkingDays('2027-06-04', 1, local)).toBe('2027-06-08');
      // The default calendar is untouched.
      expect(isWorkingDay('2027-06-07')).toBe(true);
      expect(isWorkingDay('2027-08-30')).toBe(false);
    });

    it.each([
      [() => isWorkingDay('1970-06-01'), /1971-2099 only; asked about 1970/],
      [() => addWorkingDays('2099-12-30', 5), /asked about 2100/],
      [() => isWorkingDay('2026-02-30'), /Not a calendar date/],
      [() => addWorkingDays('2026-01-05', 1.5), /whole number/],
      [() => englandAndWalesCalendar({ extraBankHolidays: [{ date: '2026-13-01', name: 'x' }] }), /Not a calendar date/],
    ])('throws a RangeError with a clear message (%#)', (call, message) => {
      expect(call).toThrow(RangeError);
      expect(call).toThrow(message);
    });

    it('refuses to loop for ever on a calendar with no working days', () => {
      const broken = { bankHoliday: (date: string) => ({ date, name: 'closed' }), bankHolidaysIn: () => [] };
      expect(() => nextWorkingDay('2026-01-05', broken)).toThrow(/No working day within 14 days/);
    });
  });
});
