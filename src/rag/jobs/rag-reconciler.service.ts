import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { addDays, type CalendarDate } from '../../common/dates/calendar-date';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { todayOnceRunPassed } from '../../queue/schedule-times';
import { RagPendingRepository } from '../pending/rag-pending.repository';
import { type CatchUpOutcome, RagTriggerService } from '../rag-trigger.service';
import { type LostPlanDay, SnapshotCoverageRepository } from './snapshot-coverage.repository';

/**
 * How long after today's nightly time the catch-up starts looking: the run queues one job per plan
 * and a 100,000-action plan takes seconds, so a plan still without snapshots half an hour on was
 * lost, not slow. (A catch-up could not duplicate a late run anyway: both are the same job id.)
 */
export const NIGHTLY_GRACE_MS = 30 * 60_000;

/**
 * A plan's completed job for the day is sent round again at most this often by one worker. A run
 * covers every action that exists when it reads them, so a plan still short of snapshots just after
 * one completed points to something a re-run will not mend; without a limit, each reconcile (every
 * RECONCILE_INTERVAL_SECONDS) would recompute the whole plan again, all day.
 */
export const RERUN_COMPLETED_EVERY_MS = 60 * 60_000;

/**
 * Recorded recomputes left in rag_plan_recompute_pending and rag_recompute_pending (not queued when
 * their change committed) queued per reconcile, oldest first: at the default five minutes, 12,000 an
 * hour; more wait for the next round.
 */
export const PENDING_PER_ROUND = 1_000;

/**
 * A record younger than this is left to its own change: that change queues it and deletes it just
 * after its commit (within the enqueue deadline, 2 s, when Redis is slow), so a reconcile reaching
 * it in that moment would queue the recompute a second time (an action's is deduplicated, a plan's
 * would run twice). Older, it was not queued: Redis refused, or the process died.
 */
export const PENDING_GRACE_MS = 30_000;

/**
 * How far back the reconciler looks for whole days lost: the 14 days before today. A weekend outage
 * (the worker down from Friday evening until Monday) loses two or three days, a holiday one a week or
 * more; two weeks covers both with room, while the board still has the days in front of it (a
 * monthly pack is generated about a week before its meeting). Older days are left to an
 * administrator's recompute with the date (POST /plans/:planId/rag/recompute, asOf): a gap that old
 * is a decision to make, not a night to catch up, and the window keeps the reconciler's read bounded.
 */
export const BACKFILL_WINDOW_DAYS = 14;

/**
 * Lost days queued per reconcile, oldest first across every plan. Each is a whole plan's recompute
 * (seconds at 100,000 actions, and a worker runs plan recomputes one at a time), so a long outage of
 * many plans is spread over rounds: days whose job is still waiting or running are found again and
 * left to it, so the RAG queue holds at most this many backfills at a time, behind today's run.
 */
export const BACKFILL_PER_ROUND = 50;

/** The days the reconciler backfills for `today`: from BACKFILL_WINDOW_DAYS before it to yesterday, both included. */
export function backfillWindow(today: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  return { from: addDays(today, -BACKFILL_WINDOW_DAYS), to: addDays(today, -1) };
}

/** A plan's lost days whose recompute a reconcile queued, oldest first. */
export interface RagBackfillReport {
  organisationId: string;
  planId: string;
  dates: CalendarDate[];
}

/** What requeuePending did: the plans whose whole recompute, and the actions whose recompute, it queued. */
export interface RagPendingReport {
  plans: string[];
  actions: string[];
}

export interface RagReconcileReport {
  /** Today (London), once its nightly time and the grace have passed; null before (nothing is checked). */
  day: CalendarDate | null;
  /** Active plans with actions looked at. */
  checked: number;
  /** Plans whose recompute for `day` was queued (again): some of their actions had no snapshot of it. */
  requeued: string[];
  /** Whole days lost before `day` (no snapshot of the plan at all) whose recompute was queued (again), by plan. */
  backfilled: RagBackfillReport[];
}

/**
 * Catches up lost nightly RAG runs. The run is a job scheduler in Redis: with Redis down or emptied
 * at the nightly time, PostgreSQL down until the jobs used their attempts, or no worker on the RAG
 * queue all night, nothing recomputes until the next night, so for a day overdue actions keep
 * yesterday's colour and the dashboard, trend and packs find no snapshots of today.
 *
 * Once today's first scheduled run (RAG_NIGHTLY_CRON, read as BullMQ reads it) is NIGHTLY_GRACE_MS
 * behind, every active plan whose actions coloured on its last coloured day before today (yesterday,
 * unless yesterday was lost as well) lack a snapshot of today gets its
 * recompute for today, as the nightly fan-out queues it (RagTriggerService.catchUpPlanDay): a plan
 * whose run is still waiting or running is left to it. The kept counts find the plans short of
 * snapshots at the cost of two key lookups a plan; only those are then read action by action.
 * Actions with no snapshot of that day are not counted: created since (a plan just imported or
 * seeded), their own recompute is queued on create and may still be waiting, and a catch-up beside it
 * would recompute the plan twice at once. An action created or changed while Redis was down has its
 * recompute recorded in PostgreSQL instead, and requeuePending queues it.
 *
 * Whole days lost before today (the worker, or Redis, down from before one night until after the
 * next midnight: a weekend outage) are backfilled in the same reconcile, after today's catch-up so
 * today's colours come first: every day of the BACKFILL_WINDOW_DAYS before today on which an active
 * plan has no snapshot at all, though it was coloured on an earlier date (a plan created or first
 * coloured after a date is not missing it), found from the kept counts in one statement for every
 * organisation (SnapshotCoverageRepository.lostDays), oldest first, BACKFILL_PER_ROUND a round. Each
 * day's recompute is that night's own job (catchUpPlanDay, `nightlyJobId` of the day), so a second
 * reconcile, or another worker's, adds nothing while it waits, and it is the recompute an
 * administrator's POST /plans/:planId/rag/recompute with that asOf runs: the facts and the policy
 * version as they stood at the end of that date (true history), writing only that date's snapshots.
 * Closed plans are frozen and left alone. An administrator's recompute of the date waiting or running
 * under its own id stands for it (one deduplication id per plan and date: planDayDeduplicationId).
 *
 * Partial days are not backfilled: a past date on which some but not all of the plan's actions have
 * a snapshot is left as it is, since the counts of a past date legitimately differ from today's (its
 * recompute leaves out actions created since, so "fewer snapshots than actions" does not mean lost).
 * Such a day, and a day older than the window, is recorded by a recompute with its date
 * (POST /plans/:planId/rag/recompute, asOf).
 *
 * Queued whatever this worker's WORKER_QUEUES: the RAG queue's worker, wherever it runs, does it.
 */
@Injectable()
export class RagReconciler {
  private readonly logger = new Logger(RagReconciler.name);
  /** `<date> <plan>` -> when this worker last sent that plan's completed job of the date round again (the application's clock). */
  private readonly reruns = new Map<string, number>();

  constructor(
    private readonly coverage: SnapshotCoverageRepository,
    private readonly pending: RagPendingRepository,
    private readonly trigger: RagTriggerService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Queues the recomputes whose records are still there PENDING_GRACE_MS after they were written
   * (RagTriggerService.changes and recordPlan record each with its change; a record left is one
   * Redis did not take, or whose process died between the commit and the queueing), whole plans first,
   * then actions, oldest first, PENDING_PER_ROUND at a time, as the change itself would have: an
   * action's deduplicated by action, so one already waiting adds nothing. A record is deleted once its
   * job is queued, unless it was asked for again meanwhile (then the next round queues it again).
   * Redis still down: the add throws, and this reconcile fails as a whole (it runs again on the
   * maintenance schedule).
   */
  async requeuePending(): Promise<RagPendingReport> {
    const report: RagPendingReport = { plans: [], actions: [] };
    for (const row of await this.pending.oldest(PENDING_PER_ROUND, PENDING_GRACE_MS)) {
      if (row.actionId) {
        await this.trigger.queueAction(row.organisationId, row.actionId);
        report.actions.push(row.actionId);
      } else if (row.planId) {
        await this.trigger.recomputeOrganisation(row.organisationId, undefined, row.requestedById ?? undefined, row.planId);
        report.plans.push(row.planId);
      }
      await this.pending.forget(row);
    }
    if (report.plans.length + report.actions.length > 0) {
      this.logger.warn({ plans: report.plans.length, actions: report.actions.length }, 'queued RAG recomputes left recorded (not queued when their change committed)');
    }
    return report;
  }

  async reconcile(): Promise<RagReconcileReport> {
    const day = todayOnceRunPassed(this.config.RAG_NIGHTLY_CRON, this.clock.now(), NIGHTLY_GRACE_MS);
    const report: RagReconcileReport = { day, checked: 0, requeued: [], backfilled: [] };
    if (!day) return report;
    const now = this.clock.now().getTime();
    const window = backfillWindow(day);
    for (const key of this.reruns.keys()) if (key.slice(0, 10) < window.from) this.reruns.delete(key);
    for (const plan of await this.coverage.activePlanCoverage(day)) {
      report.checked++;
      if (plan.snapshots >= plan.actions) continue;
      // Short: but only actions the lost run would have recorded count (see missingSinceLastColouredDay).
      const missing = await this.coverage.missingSinceLastColouredDay(plan.organisationId, plan.planId, day);
      if (missing === 0) continue;
      const outcome = await this.catchUp(day, plan.organisationId, plan.planId, now);
      const context = { asOf: day, organisationId: plan.organisationId, planId: plan.planId, actions: plan.actions, snapshots: plan.snapshots, missing, outcome };
      if (outcome === 'pending') continue;
      if (outcome === 'held') {
        this.logger.warn(context, "actions of the plan still have no RAG snapshot of today although its nightly job, re-run within the hour, completed; not re-run until the hour is out");
        continue;
      }
      report.requeued.push(plan.planId);
      this.logger.warn(
        context,
        outcome === 'added'
          ? "actions of the plan have no RAG snapshot of today and its nightly job is not in Redis; queued"
          : "actions of the plan have no RAG snapshot of today and its nightly job had ended (failed, or completed without them); queued again",
      );
    }
    report.backfilled = await this.backfill(window.from, window.to, now);
    return report;
  }

  /** Queues the recompute of each whole day lost in the window (see the class), and logs each plan's dates. */
  private async backfill(from: CalendarDate, to: CalendarDate, now: number): Promise<RagBackfillReport[]> {
    const queued = new Map<string, RagBackfillReport>();
    const held: LostPlanDay[] = [];
    for (const lost of await this.coverage.lostDays(from, to, BACKFILL_PER_ROUND)) {
      const outcome = await this.catchUp(lost.asOf, lost.organisationId, lost.planId, now);
      if (outcome === 'pending') continue;
      if (outcome === 'held') {
        held.push(lost);
        continue;
      }
      const plan = queued.get(lost.planId) ?? { organisationId: lost.organisationId, planId: lost.planId, dates: [] };
      plan.dates.push(lost.asOf);
      queued.set(lost.planId, plan);
    }
    for (const plan of queued.values()) {
      this.logger.warn(plan, 'the plan has no RAG snapshot at all of these past days (their nightly runs were lost); their recomputes as of each date queued');
    }
    for (const lost of held) {
      this.logger.warn(lost, "the plan still has no RAG snapshot of this past day although its recompute, re-run within the hour, completed; not re-run until the hour is out");
    }
    return [...queued.values()];
  }

  /** The day's nightly job of the plan (catchUpPlanDay), a completed one sent round again at most every RERUN_COMPLETED_EVERY_MS by this worker. */
  private async catchUp(asOf: CalendarDate, organisationId: string, planId: string, now: number): Promise<CatchUpOutcome> {
    const key = `${asOf} ${planId}`;
    const last = this.reruns.get(key);
    const outcome = await this.trigger.catchUpPlanDay(asOf, organisationId, planId, last === undefined || now - last >= RERUN_COMPLETED_EVERY_MS);
    if (outcome === 'rerun') this.reruns.set(key, now);
    return outcome;
  }
}
