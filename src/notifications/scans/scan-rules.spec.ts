import { digestWeekStart, dueReminder, dueReminderKind, inWindow, isoWeek, overdueReminder, overrideNoticeDue, updateDueWindow } from './scan-rules';

describe('notification scan rules', () => {
  it('reminds 14, 7 and 1 days before a due date, on time', () => {
    expect(dueReminder('milestone', '2026-11-16', '2026-11-30')).toEqual({ kind: 'milestone_due_14d', daysBefore: 14, daysLeft: 14 });
    expect(dueReminder('milestone', '2026-11-23', '2026-11-30')).toEqual({ kind: 'milestone_due_7d', daysBefore: 7, daysLeft: 7 });
    expect(dueReminder('action', '2026-11-29', '2026-11-30')).toEqual({ kind: 'action_due_1d', daysBefore: 1, daysLeft: 1 });
    // Before the 14 days, and from the due date on (overdue takes over): nothing.
    for (const today of ['2026-11-01', '2026-11-15', '2026-12-01', '2027-01-30']) expect(dueReminderKind('action', today, '2026-11-30')).toBeNull();
  });

  it('catches up a missed threshold with the nearest one reached, saying the days really left (never two at once)', () => {
    // Due in 6 days, the scan did not run on the 14th or 7th day before: the 7-day reminder, "in 6 days".
    expect(dueReminder('milestone', '2026-11-24', '2026-11-30')).toEqual({ kind: 'milestone_due_7d', daysBefore: 7, daysLeft: 6 });
    // Due in 10 days: the 14-day one.
    expect(dueReminder('action', '2026-11-20', '2026-11-30')).toEqual({ kind: 'action_due_14d', daysBefore: 14, daysLeft: 10 });
    // The 1-day one missed: due today.
    expect(dueReminder('action', '2026-11-30', '2026-11-30')).toEqual({ kind: 'action_due_1d', daysBefore: 1, daysLeft: 0 });
    // Every day between two thresholds names the same one (its key, with the due date, makes it once):
    // the days after a missed 7-day reminder all give the 7-day kind, until the 1-day one's own day.
    const kinds = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'].map((d) => dueReminderKind('milestone', d, '2026-11-30'));
    expect(kinds).toEqual(['milestone_due_7d', 'milestone_due_7d', 'milestone_due_7d', 'milestone_due_7d', 'milestone_due_7d', 'milestone_due_7d', 'milestone_due_1d']);
  });

  it('says overdue the first day after, then every 7 days after the last one, counting the reminders', () => {
    const due = '2026-11-30';
    expect(overdueReminder('2026-11-30', due)).toBeNull();
    expect(overdueReminder('2026-12-01', due)).toEqual({ daysOverdue: 1, reminder: 1 });
    expect(overdueReminder('2026-12-01', due, { lastOn: '2026-12-01', count: 1 })).toBeNull(); // the same day again
    expect(overdueReminder('2026-12-02', due, { lastOn: '2026-12-01', count: 1 })).toBeNull(); // the next day
    expect(overdueReminder('2026-12-07', due, { lastOn: '2026-12-01', count: 1 })).toBeNull();
    expect(overdueReminder('2026-12-08', due, { lastOn: '2026-12-01', count: 1 })).toEqual({ daysOverdue: 8, reminder: 2 });
    expect(overdueReminder('2026-12-15', due, { lastOn: '2026-12-08', count: 2 })).toEqual({ daysOverdue: 15, reminder: 3 });
  });

  it('catches up a missed overdue reminder once, and counts the next week from it', () => {
    const due = '2026-11-30';
    // The scan did not run from 1 to 3 December: the first overdue message on the 4th ...
    expect(overdueReminder('2026-12-04', due)).toEqual({ daysOverdue: 4, reminder: 1 });
    // ... and not again until a week after it (not on the 8th, its nominal day).
    expect(overdueReminder('2026-12-08', due, { lastOn: '2026-12-04', count: 1 })).toBeNull();
    expect(overdueReminder('2026-12-11', due, { lastOn: '2026-12-04', count: 1 })).toEqual({ daysOverdue: 11, reminder: 2 });
    // A weekly one missed (down from the 18th to the 20th): sent on the 21st, once.
    expect(overdueReminder('2026-12-21', due, { lastOn: '2026-12-11', count: 2 })).toEqual({ daysOverdue: 21, reminder: 3 });
    expect(overdueReminder('2026-12-22', due, { lastOn: '2026-12-21', count: 3 })).toBeNull();
    // Reminders from before a due date moved later do not count: the new date's series starts again.
    expect(overdueReminder('2027-01-02', '2027-01-01', { lastOn: '2026-12-21', count: 3 })).toEqual({ daysOverdue: 1, reminder: 1 });
  });

  it('asks for updates from N working days before the papers deadline, counting over bank holidays', () => {
    // Papers due Thursday 24 December 2026: 3 working days before is Monday 21 December.
    expect(updateDueWindow('2026-12-24', 3)).toEqual({ from: '2026-12-21', to: '2026-12-24' });
    // Papers due Tuesday 29 December 2026 (after Christmas Day and the Boxing Day substitute on the 28th).
    expect(updateDueWindow('2026-12-29', 2)).toEqual({ from: '2026-12-23', to: '2026-12-29' });
    expect(inWindow('2026-12-22', { from: '2026-12-21', to: '2026-12-24' })).toBe(true);
    expect(inWindow('2026-12-25', { from: '2026-12-21', to: '2026-12-24' })).toBe(false);
  });

  it('digests go on Mondays, keyed by ISO week (across a year end)', () => {
    // The digest's week starts on its Monday, whichever day of it the scan (or its catch-up) runs.
    expect(digestWeekStart('2026-11-30')).toBe('2026-11-30');
    expect(digestWeekStart('2026-12-01')).toBe('2026-11-30');
    expect(digestWeekStart('2026-12-06')).toBe('2026-11-30');
    expect(digestWeekStart('2027-01-01')).toBe('2026-12-28');
    expect(isoWeek(digestWeekStart('2027-01-01'))).toBe(isoWeek('2027-01-01'));
    expect(isoWeek('2026-11-30')).toBe('2026-W49');
    expect(isoWeek('2026-12-06')).toBe('2026-W49');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
  });

  it('announces an override from 7 days before it expires to the day itself', () => {
    expect(overrideNoticeDue('2026-11-23', '2026-11-30')).toBe(true);
    expect(overrideNoticeDue('2026-11-23', '2026-12-01')).toBe(false);
    expect(overrideNoticeDue('2026-11-23', '2026-11-22')).toBe(false);
  });
});
