import { getNextMillis } from 'bullmq';
import { addDays, type CalendarDate, londonMidnightUtc, londonToday } from '../common/dates/calendar-date';

/** The time zone of every cron job scheduler of the system (RAG_NIGHTLY_CRON, NOTIFICATIONS_SCAN_CRON). */
export const SCHEDULE_TIME_ZONE = 'Europe/London';

/**
 * Why a cron pattern cannot be scheduled, or null when it can. Read by BullMQ's own function, so the
 * check is exactly what upsertJobScheduler will accept at worker start.
 */
export function cronPatternProblem(pattern: string): string | null {
  try {
    getNextMillis(0, { pattern, tz: SCHEDULE_TIME_ZONE });
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * The first time a job scheduler on `pattern` (Europe/London) fires during the London day `day`, or
 * null when it does not fire that day (a weekly pattern on another weekday). Computed by BullMQ's
 * own next-run function (`getNextMillis`, cron-parser underneath), the one its job schedulers use,
 * so the clocks changing, `@daily` or a seconds field mean here what they mean to the scheduler.
 */
export function firstRunOn(pattern: string, day: CalendarDate): Date | null {
  const start = londonMidnightUtc(day).getTime();
  const end = londonMidnightUtc(addDays(day, 1)).getTime();
  // The next run strictly after the last millisecond of the day before: midnight itself counts.
  const next = getNextMillis(start - 1, { pattern, tz: SCHEDULE_TIME_ZONE });
  return next !== undefined && next < end ? new Date(next) : null;
}

/**
 * Today's London date once the schedule's first run of today is at least `graceMs` behind `now`;
 * null before then (that run may still be to come, or still going), and on a day the schedule does
 * not run at all.
 */
export function todayOnceRunPassed(pattern: string, now: Date, graceMs: number): CalendarDate | null {
  const today = londonToday(now);
  const first = firstRunOn(pattern, today);
  return first !== null && first.getTime() + graceMs <= now.getTime() ? today : null;
}
