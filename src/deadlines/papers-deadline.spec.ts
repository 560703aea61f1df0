import { DEFAULT_PAPERS_WORKING_DAYS_BEFORE, papersDeadline } from './papers-deadline';

describe('papersDeadline', () => {
  it('defaults to 5 working days before the meeting', () => {
    expect(DEFAULT_PAPERS_WORKING_DAYS_BEFORE).toBe(5);
    expect(papersDeadline('2026-09-16').dueOn).toBe('2026-09-09');
  });

  it.each([
    // Counted back by hand; the meeting day itself is never counted.
    ['2027-01-05', 5, '2026-12-24', 'Jan 4 (1), Dec 31 (2), 30 (3), 29 (4), [28 substitute, 25 Christmas], 24 (5)'],
    ['2026-04-09', 5, '2026-03-31', 'Apr 8 (1), 7 (2), [6 Easter Monday, 3 Good Friday], 2 (3), 1 (4), Mar 31 (5)'],
    ['2026-09-16', 5, '2026-09-09', 'Sep 15, 14, 11, 10, 9'],
    ['2026-09-01', 3, '2026-08-26', '[Aug 31 summer bank holiday], 28 (1), 27 (2), 26 (3)'],
    ['2027-01-04', 10, '2026-12-16', 'Dec 31, 30, 29, 24, 23, 22, 21, 18, 17, 16'],
    ['2026-05-26', 1, '2026-05-22', 'back over the spring bank holiday to Friday'],
    ['2026-12-29', 0, '2026-12-29', 'zero: the meeting day itself'],
  ])('meeting %s, %i working days before -> %s (%s)', (meetingOn, days, dueOn) => {
    const deadline = papersDeadline(meetingOn, days);
    expect(deadline).toMatchObject({ meetingOn, workingDaysBefore: days, dueOn });
  });

  it('describes itself in words', () => {
    expect(papersDeadline('2027-01-05').description).toBe(
      'Papers are due on 24 December 2026, 5 working days before the meeting on 5 January 2027.',
    );
    expect(papersDeadline('2026-05-26', 1).description).toBe(
      'Papers are due on 22 May 2026, 1 working day before the meeting on 26 May 2026.',
    );
    expect(papersDeadline('2026-05-26', 0).description).toBe('Papers are due on the day of the meeting, 26 May 2026.');
  });

  it.each([
    ['2026-02-30', 5, /meetingOn is not a calendar date/],
    ['2026-09-16', -1, /0 to 40/],
    ['2026-09-16', 41, /0 to 40/],
    ['2026-09-16', 2.5, /whole number/],
  ])('%s, %p -> RangeError', (meetingOn, days, message) => {
    expect(() => papersDeadline(meetingOn, days)).toThrow(RangeError);
    expect(() => papersDeadline(meetingOn, days)).toThrow(message);
  });
});
