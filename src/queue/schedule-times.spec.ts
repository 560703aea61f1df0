import { cronPatternProblem, firstRunOn, todayOnceRunPassed } from './schedule-times';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const HALF_HOUR = 30 * 60_000;

describe('firstRunOn', () => {
  it('finds 02:00 London on a winter day (GMT) and on a summer day (BST, 01:00 UTC)', () => {
    expect(iso(firstRunOn('0 2 * * *', '2026-11-23'))).toBe('2026-11-23T02:00:00.000Z');
    expect(iso(firstRunOn('0 2 * * *', '2026-06-23'))).toBe('2026-06-23T01:00:00.000Z');
  });

  it('counts a run at midnight as the day it starts, not the day before', () => {
    expect(iso(firstRunOn('0 0 * * *', '2026-11-23'))).toBe('2026-11-23T00:00:00.000Z');
    expect(iso(firstRunOn('@daily', '2026-06-23'))).toBe('2026-06-22T23:00:00.000Z');
  });

  it('takes the first of several runs in a day', () => {
    expect(iso(firstRunOn('15 6,18 * * *', '2026-11-23'))).toBe('2026-11-23T06:15:00.000Z');
  });

  it('is null on a day the schedule does not run', () => {
    // 23 November 2026 is a Monday.
    expect(iso(firstRunOn('0 2 * * 1', '2026-11-23'))).toBe('2026-11-23T02:00:00.000Z');
    expect(firstRunOn('0 2 * * 2', '2026-11-23')).toBeNull();
  });

  it('follows the scheduler across the clocks changing', () => {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST, so 01:30 London never happens; BullMQ runs at 02:30 BST.
    expect(iso(firstRunOn('30 1 * * *', '2026-03-29'))).toBe('2026-03-29T01:30:00.000Z');
    // 25 October 2026: the day is 25 hours long and 02:00 London is after the change (GMT).
    expect(iso(firstRunOn('0 2 * * *', '2026-10-25'))).toBe('2026-10-25T02:00:00.000Z');
  });
});

describe('todayOnceRunPassed', () => {
  it('is null before the run and within the grace after it, and today from then on', () => {
    expect(todayOnceRunPassed('0 2 * * *', new Date('2026-11-23T01:00:00Z'), HALF_HOUR)).toBeNull();
    expect(todayOnceRunPassed('0 2 * * *', new Date('2026-11-23T02:29:59.999Z'), HALF_HOUR)).toBeNull();
    expect(todayOnceRunPassed('0 2 * * *', new Date('2026-11-23T02:30:00Z'), HALF_HOUR)).toBe('2026-11-23');
    expect(todayOnceRunPassed('0 2 * * *', new Date('2026-11-23T23:59:59Z'), HALF_HOUR)).toBe('2026-11-23');
  });

  it("takes today in London: at 23:30 UTC in summer it is already tomorrow there, before that day's run", () => {
    expect(todayOnceRunPassed('0 2 * * *', new Date('2026-06-23T23:30:00Z'), HALF_HOUR)).toBeNull();
    expect(todayOnceRunPassed('0 2 * * *', new Date('2026-06-24T01:30:00Z'), HALF_HOUR)).toBe('2026-06-24');
  });

  it('is null all day on a day the schedule does not run', () => {
    expect(todayOnceRunPassed('0 2 * * 2', new Date('2026-11-23T20:00:00Z'), HALF_HOUR)).toBeNull();
  });
});

describe('cronPatternProblem', () => {
  it('takes what BullMQ schedules and names what it would refuse', () => {
    expect(cronPatternProblem('0 2 * * *')).toBeNull();
    expect(cronPatternProblem('@daily')).toBeNull();
    expect(cronPatternProblem('0 25 * * *')).toMatch(/expected range 0-23/);
    expect(cronPatternProblem('nightly')).toEqual(expect.any(String));
  });
});
