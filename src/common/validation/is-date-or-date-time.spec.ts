import { isDateOrDateTime } from './is-calendar-date';

describe('isDateOrDateTime (audit filters)', () => {
  it.each([
    ['2026-01-01', true],
    ['2026-01-01T10:30', true],
    ['2026-01-01T10:30:59Z', true],
    ['2026-01-01T10:30:59.123456+01:00', true],
    ['2026-02-30', false],
    ['0000-01-01', false],
    ['2026-W05', false],
    ['2026-123', false],
    ['2026-01-01T24:00', false],
    ['2026-01-01T10:60', false],
    ['2026-01-01T10:30+15:00', false],
    ['2026-01-01 10:30', false],
    [20260101, false],
  ])('%p -> %p', (value, expected) => {
    expect(isDateOrDateTime(value)).toBe(expected);
  });
});
