import {
  addDays,
  compareDates,
  daysBetween,
  formatLongDate,
  isCalendarDate,
  londonFilterInstant,
  londonMidnightUtc,
  londonToday,
  maxDate,
  minDate,
} from './calendar-date';

describe('calendar dates (Europe/London)', () => {
  describe('isCalendarDate', () => {
    it.each([
      ['2026-03-31', true],
      ['2026-02-28', true],
      ['2026-02-29', false], // 2026 is not a leap year
      ['2028-02-29', true],
      ['2100-02-29', false], // century, not divisible by 400
      ['2000-02-29', true],
      ['2026-04-31', false],
      ['2026-13-01', false],
      ['2026-00-10', false],
      ['0000-01-01', false], // PostgreSQL has no year 0
      ['0001-01-01', true],
      ['2026-01-00', false],
      ['2026-1-5', false],
      ['2026-01-05T00:00:00Z', false],
      [' 2026-01-05', false],
      ['', false],
      [20260105, false],
      [null, false],
      [undefined, false],
      [new Date('2026-01-05'), false],
    ])('%p -> %p', (value, expected) => {
      expect(isCalendarDate(value)).toBe(expected);
    });
  });

  describe('londonToday', () => {
    it.each([
      // GMT in winter: London date is the UTC date.
      ['2026-01-15T00:00:00Z', '2026-01-15'],
      ['2026-01-15T23:59:59Z', '2026-01-15'],
      // The evening before the clocks go forward (still GMT).
      ['2026-03-28T23:30:00Z', '2026-03-28'],
      // The clocks go forward at 01:00 UTC on 29 March 2026.
      ['2026-03-29T00:59:59Z', '2026-03-29'],
      ['2026-03-29T01:00:00Z', '2026-03-29'],
      ['2026-03-29T22:59:59Z', '2026-03-29'],
      ['2026-03-29T23:00:00Z', '2026-03-30'], // 00:00 BST
      // BST in summer: from 23:00 UTC it is already tomorrow in London.
      ['2026-06-30T22:59:59Z', '2026-06-30'],
      ['2026-06-30T23:30:00Z', '2026-07-01'],
      // The clocks go back at 01:00 UTC on 25 October 2026.
      ['2026-10-24T23:00:00Z', '2026-10-25'], // 00:00 BST
      ['2026-10-25T00:30:00Z', '2026-10-25'], // 01:30 BST
      ['2026-10-25T01:30:00Z', '2026-10-25'], // 01:30 GMT, the repeated hour
      ['2026-10-25T23:30:00Z', '2026-10-25'], // GMT again
      // New Year and a leap day.
      ['2026-12-31T23:59:59Z', '2026-12-31'],
      ['2028-02-29T12:00:00Z', '2028-02-29'],
    ])('%s is %s in London', (instant, expected) => {
      expect(londonToday(new Date(instant))).toBe(expected);
    });

    it('rejects an invalid Date rather than returning nonsense', () => {
      expect(() => londonToday(new Date('not a date'))).toThrow(RangeError);
    });
  });

  describe('daysBetween', () => {
    it.each([
      ['2026-03-31', '2026-03-31', 0],
      ['2026-03-31', '2026-04-01', 1],
      ['2026-04-01', '2026-03-31', -1],
      ['2026-01-01', '2026-12-31', 364],
      ['2026-01-01', '2027-01-01', 365],
      // Across the clocks going forward (29 March 2026) and back (25 October 2026): whole days.
      ['2026-03-28', '2026-03-29', 1],
      ['2026-03-29', '2026-03-30', 1],
      ['2026-03-28', '2026-03-30', 2],
      ['2026-03-01', '2026-04-01', 31],
      ['2026-10-24', '2026-10-25', 1],
      ['2026-10-25', '2026-10-26', 1],
      ['2026-10-24', '2026-10-26', 2],
      ['2026-10-01', '2026-11-01', 31],
      ['2026-03-01', '2026-11-01', 245],
      // Leap day 2028.
      ['2028-02-28', '2028-03-01', 2],
      ['2028-02-28', '2028-02-29', 1],
      ['2028-02-29', '2028-03-01', 1],
      ['2027-02-28', '2027-03-01', 1],
      ['2028-01-01', '2029-01-01', 366],
    ])('%s -> %s is %i days', (from, to, expected) => {
      expect(daysBetween(from, to)).toBe(expected);
    });

    it.each(['2026-02-29', '31/03/2026', ''])('refuses %p', (bad) => {
      expect(() => daysBetween(bad, '2026-03-31')).toThrow(RangeError);
    });
  });

  describe('addDays', () => {
    it.each([
      ['2026-03-31', 1, '2026-04-01'],
      ['2026-03-31', 0, '2026-03-31'],
      ['2026-03-01', -1, '2026-02-28'],
      ['2028-03-01', -1, '2028-02-29'],
      ['2028-02-28', 2, '2028-03-01'],
      ['2026-03-28', 1, '2026-03-29'],
      ['2026-03-28', 2, '2026-03-30'],
      ['2026-10-24', 2, '2026-10-26'],
      ['2026-12-31', 1, '2027-01-01'],
      ['2026-01-01', 365, '2027-01-01'],
    ])('%s + %i is %s', (date, n, expected) => {
      expect(addDays(date, n)).toBe(expected);
    });

    it('refuses part days', () => {
      expect(() => addDays('2026-03-31', 0.5)).toThrow(RangeError);
    });
  });

  describe('compareDates, maxDate, minDate', () => {
    it.each([
      ['2026-03-30', '2026-03-31', -1],
      ['2026-03-31', '2026-03-31', 0],
      ['2026-04-01', '2026-03-31', 1],
      ['2025-12-31', '2026-01-01', -1],
    ])('compareDates(%s, %s) is %i', (a, b, expected) => {
      expect(compareDates(a, b)).toBe(expected);
    });

    it('sorts dates into calendar order', () => {
      expect(['2026-10-25', '2026-03-29', '2028-02-29', '2026-03-28'].sort(compareDates)).toEqual([
        '2026-03-28',
        '2026-03-29',
        '2026-10-25',
        '2028-02-29',
      ]);
    });

    it.each([
      [['2026-03-31'], '2026-03-31', '2026-03-31'],
      [['2026-03-31', '2026-04-01'], '2026-04-01', '2026-03-31'],
      [['2027-01-01', '2026-12-31', '2028-02-29'], '2028-02-29', '2026-12-31'],
    ])('of %p the latest is %s and the earliest %s', (dates, latest, earliest) => {
      expect(maxDate(...dates)).toBe(latest);
      expect(minDate(...dates)).toBe(earliest);
    });

    it('needs at least one date', () => {
      expect(() => maxDate()).toThrow(RangeError);
      expect(() => minDate()).toThrow(RangeError);
    });
  });

  describe('londonMidnightUtc', () => {
    it.each([
      ['2026-01-15', '2026-01-15T00:00:00.000Z'], // GMT
      ['2026-03-29', '2026-03-29T00:00:00.000Z'], // clocks go forward later that night: still GMT at midnight
      ['2026-03-30', '2026-03-29T23:00:00.000Z'], // first BST midnight
      ['2026-07-01', '2026-06-30T23:00:00.000Z'], // BST
      ['2026-10-25', '2026-10-24T23:00:00.000Z'], // clocks go back at 02:00 BST: midnight was BST
      ['2026-10-26', '2026-10-26T00:00:00.000Z'], // first GMT midnight
      ['2028-02-29', '2028-02-29T00:00:00.000Z'],
    ])('London midnight starting %s is %s', (date, instant) => {
      expect(londonMidnightUtc(date).toISOString()).toBe(instant);
    });

    it.each(['2026-01-15', '2026-03-29', '2026-03-30', '2026-10-25', '2026-10-26', '2028-03-01'])(
      'is the first instant of %s in London',
      (date) => {
        const midnight = londonMidnightUtc(date);
        expect(londonToday(midnight)).toBe(date);
        expect(londonToday(new Date(midnight.getTime() - 1))).toBe(addDays(date, -1));
      },
    );
  });

  describe('londonFilterInstant', () => {
    it.each([
      ['2026-07-01', '2026-06-30T23:00:00.000Z'], // a date: London midnight at its start (BST)
      ['2026-12-01', '2026-12-01T00:00:00.000Z'], // GMT
      ['2026-07-01T09:30', '2026-07-01T08:30:00.000Z'], // no offset: London wall time
      ['2026-07-01T09:30:15.25', '2026-07-01T08:30:15.250Z'],
      ['2026-12-01T09:30:00', '2026-12-01T09:30:00.000Z'],
      ['2026-03-29T01:30', '2026-03-29T01:30:00.000Z'], // skipped by the spring change: read as GMT
      ['2026-03-29T02:30', '2026-03-29T01:30:00.000Z'], // the first BST hour
      ['2026-10-25T00:30', '2026-10-24T23:30:00.000Z'], // still BST
      ['2026-10-25T01:30', '2026-10-25T01:30:00.000Z'], // shown twice by the autumn change: its GMT showing
      ['2026-07-01T09:30:00Z', '2026-07-01T09:30:00Z'], // an offset: that instant, unchanged (microseconds kept)
      ['2026-07-01T09:30:00.123456+01:00', '2026-07-01T09:30:00.123456+01:00'],
    ])('%s is %s', (value, instant) => {
      expect(londonFilterInstant(value)).toBe(instant);
    });

    it.each(['2026-02-30', '01/07/2026', '2026-07-01 09:30', '', '2026-07-01T09:30:00+1'])('%j is not one', (value) => {
      expect(londonFilterInstant(value)).toBeNull();
    });
  });

  describe('formatLongDate', () => {
    it.each([
      ['2026-03-31', '31 March 2026'],
      ['2026-01-05', '5 January 2026'],
      ['2028-02-29', '29 February 2028'],
      ['2026-12-01', '1 December 2026'],
    ])('%s is written %s', (date, expected) => {
      expect(formatLongDate(date)).toBe(expected);
    });
  });

  describe('whatever time zone the process runs in', () => {
    const original = process.env.TZ;
    afterAll(() => {
      process.env.TZ = original;
    });

    it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC'])('gives the same answers in %s', (zone) => {
      process.env.TZ = zone;
      expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
      expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
      expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
      expect(londonMidnightUtc('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    });
  });
});
