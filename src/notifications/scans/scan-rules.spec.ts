import { dueReminderKind, inWindow, isDigestDay, isoWeek, overdueReminder, overrideNoticeDue, updateDueWindow } from './scan-rules';

describe('notification scan rules', () => {
  it('reminds 14, 7 and 1 days before a due date, and on no other day', () => {
    expect(dueReminderKind('milestone', '2026-11-16', '2026-11-30')).toBe('milestone_due_14d');
    expect(dueReminderKind('milestone', '2026-11-23', '2026-11-30')).toBe('milestone_due_7d');
    expect(dueReminderKind('action', '2026-11-29', '2026-11-30')).toBe('action_due_1d');
    for (const today of ['2026-11-15', '2026-11-17', '2026-11-24', '2026-11-30', '2026-12-01']) {
      expect(dueReminderKind('action', today, '2026-11-30')).toBeNull();
    }
  });

  it('says overdue the day after, then every 7 days, counting the reminders', () => {
    expect(overdueReminder('2026-11-30', '2026-11-30')).toBeNull();
    expect(overdueReminder('2026-12-01', '2026-11-30')).toEqual({ daysOverdue: 1, reminder: 1 });
    expect(overdueReminder('2026-12-02', '2026-11-30')).toBeNull();
    expect(overdueReminder('2026-12-08', '2026-11-30')).toEqual({ daysOverdue: 8, reminder: 2 });
    expect(overdueReminder('2026-12-15', '2026-11-30')).toEqual({ daysOverdue: 15, reminder: 3 });
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
    expect(isDigestDay('2026-11-30')).toBe(true);
    expect(isDigestDay('2026-12-01')).toBe(false);
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
