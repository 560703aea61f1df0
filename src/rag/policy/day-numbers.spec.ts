import { compareDates, daysBetween, uncached } from './day-numbers';

describe('day-numbers (remembered day numbers for the policy)', () => {
  const dates = ['2024-02-28', '2024-02-29', '2024-03-01', '2026-03-28', '2026-03-29', '2026-03-30', '2026-10-25', '2026-12-31', '2027-01-01', '1999-12-31', '0099-01-01'];

  it.each(dates.flatMap((a) => dates.map((b) => [a, b])))('agrees with calendar-date for %s and %s', (a, b) => {
    expect(daysBetween(a, b)).toBe(uncached.daysBetween(a, b));
    expect(compareDates(a, b)).toBe(uncached.compareDates(a, b));
    // And again, now that both are remembered.
    expect(daysBetween(a, b)).toBe(uncached.daysBetween(a, b));
  });

  it('still refuses malformed dates, every time', () => {
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => compareDates('2026-13-01', '2026-03-01')).toThrow(RangeError);
  });
});
