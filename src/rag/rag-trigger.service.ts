import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { isRedisUnavailable, withinDeadline } from '../common/errors/dependency-unavailable.error';
import { jobStatusUrl, newRagJobId, nightlyJobId, planDayDeduplicationId } from '../queue/job-ids';
import type { JobAcceptedDto } from '../queue/jobs/dto/job.dto';
import { inspectJob } from '../queue/job-view';
import { JOB_SCHEDULERS, QUEUES, RAG_JOBS } from '../queue/queues';
import { SCHEDULE_TIME_ZONE } from '../queue/schedule-times';
import { TypedQueue } from '../queue/typed-queue';
import { type PendingRecompute, RagPendingRepository } from './pending/rag-pending.repository';

/** The BullMQ job scheduler that starts the nightly recompute. */
export const RAG_NIGHTLY_SCHEDULER = JOB_SCHEDULERS.ragNightly.id;

/**
 * What `catchUpPlanDay` did: added the day's job, sent a failed one (`retried`) or a completed one
 * (`rerun`) round again, found one still waiting or running (`pending`), or left a completed one as it
 * is because the caller did not allow a re-run (`held`).
 */
export type CatchUpOutcome = 'added' | 'retried' | 'rerun' | 'pending' | 'held';

/**
 * The RAG queue's one producer: everything that puts a job on the RAG queue goes through here.
 * It only enqueues; nothing here waits for the worker.
 */
@Injectable()
export class RagTriggerService {
  private readonly logger = new Logger(RagTriggerService.name);
  private readonly queue: TypedQueue<typeof QUEUES.rag>;

  constructor(
    @InjectQueue(QUEUES.rag) private readonly bullQueue: Queue,
    private readonly pending: RagPendingRepository,
  ) {
    this.queue = new TypedQueue(QUEUES.rag, bullQueue);
  }

  /**
   * The recomputes one transaction asks for, every feature's way to have an action recoloured after
   * a change that can affect its colour (milestone, status, progress update, evidence upload or
   * review, override, regulator deadline, import): `action`/`actions` in the transaction, after its
   * audit record, then `queue()` once it has committed. So a recompute is saved with the change that
   * asks for it: a process killed between the commit and the queueing, or Redis not answering, leaves
   * the record for the worker's reconciler (RagReconciler.requeuePending), never a lost recompute.
   */
  changes(): RagChanges {
    return new RagChanges(this, this.pending);
  }

  /**
   * For a change already committed without a recorded recompute (tools and tests; a feature records
   * it in its transaction with `changes()`): records it, then queues it. Never throws.
   */
  async actionChanged(organisationId: string, actionId: string): Promise<void> {
    const recompute = this.changes();
    try {
      await recompute.action(undefined, organisationId, actionId);
    } catch (err) {
      this.logger.error({ err, organisationId, actionId }, 'could not record the RAG recompute; queueing it without a record');
      await this.queueAction(organisationId, actionId).catch((queueErr: unknown) => {
        this.logger.error({ err: queueErr, organisationId, actionId }, 'could not enqueue the RAG recompute either; the nightly run will catch up');
      });
      return;
    }
    await recompute.queue();
  }

  /**
   * Queues a recorded action's recompute and deletes the record; never throws. Deduplicated by action
   * id: while one is waiting, a burst of further edits adds nothing (the job reads the state when it
   * runs, so it sees them all). An edit that arrives while that action's job is already running (it
   * may have read the state before the edit) queues exactly one more job, started when the running
   * one ends (`keepLastIfActive`), so no edit is ever left uncoloured. When Redis does not take the
   * job (down or not answering), the record stays for the reconciler; should deleting it fail, the
   * reconciler queues it once more (one extra recompute of one action).
   */
  async queueRecorded(recorded: PendingRecompute): Promise<void> {
    const { organisationId, actionId } = recorded;
    if (!actionId) return;
    try {
      await this.queueAction(organisationId, actionId);
    } catch (err) {
      this.logger.error({ err, organisationId, actionId }, "could not enqueue RAG recompute; recorded for the worker's reconciler to queue");
      return;
    }
    await this.forgetQueued(recorded);
  }

  /** Queues an action's recompute as `actionChanged` does, but throws when Redis does not take it. */
  async queueAction(organisationId: string, actionId: string): Promise<void> {
    await this.queue.add(
      RAG_JOBS.recomputeAction,
      { organisationId, actionId },
      {
        deduplication: { id: `action:${actionId}`, keepLastIfActive: true },
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 3600, count: 1000 },
      },
    );
  }

  /**
   * Queues a recompute of every action of an organisation (on demand, or after a policy change); answered 202 with the job to poll.
   * A plan's recompute for a date given (asOf) is deduplicated by plan and date (planDayDeduplicationId): while one of that
   * date is waiting or running (another request's, or the reconciler's catch-up or backfill of the day), the answer is that
   * job. It reads the facts of the date when it runs, and a change since queues its own actions' recomputes, so a second
   * run would give the same.
   */
  async recomputeOrganisation(organisationId: string, asOf?: string, requestedById?: string, planId?: string): Promise<JobAcceptedDto> {
    const payload = { organisationId, ...(planId ? { planId } : {}), ...(asOf ? { asOf } : {}), ...(requestedById ? { requestedById } : {}) };
    const deduplication = asOf && planId ? { deduplication: { id: planDayDeduplicationId(asOf, planId) } } : {};
    const job = await this.queue.add(RAG_JOBS.recomputeOrganisation, payload, { jobId: newRagJobId(), ...deduplication });
    const jobId = job.id ?? '';
    return { jobId, statusUrl: jobStatusUrl(jobId) };
  }

  /**
   * In the transaction of a change that can move every colour of a plan, after its audit record:
   * records the plan's recompute, to hand to `planChanged` once the transaction commits.
   */
  async recordPlan(manager: EntityManager, organisationId: string, planId: string, requestedById: string | null): Promise<PendingRecompute> {
    const recorded = await this.pending.recordPlan(manager, organisationId, planId, requestedById);
    if (!recorded) throw new Error(`plan ${planId} is not organisation ${organisationId}'s`);
    return recorded;
  }

  /**
   * After a change that can move every colour of a plan (its RAG policy, a large import), once
   * committed, with the recompute recorded in its transaction (RagPendingRepository.recordPlan):
   * queues the plan's recompute and deletes the record, answered with the job to poll. When Redis
   * does not take it, the record stays for the worker's reconciler to queue once Redis answers, and
   * the answer is null when Redis was unavailable (the change stands; the caller says no job was
   * queued); any other failure is thrown.
   */
  async planChanged(recorded: PendingRecompute): Promise<JobAcceptedDto | null> {
    const { organisationId, planId, requestedById } = recorded;
    if (!planId) throw new Error('planChanged needs a recorded plan recompute');
    let accepted: JobAcceptedDto;
    try {
      accepted = await this.recomputeOrganisation(organisationId, undefined, requestedById ?? undefined, planId);
    } catch (err) {
      this.logger.error({ err, organisationId, planId }, "could not enqueue the plan's RAG recompute; recorded for the worker's reconciler to queue");
      if (isRedisUnavailable(err)) return null;
      throw err;
    }
    await this.forgetQueued(recorded);
    return accepted;
  }

  /** Deletes the record of a recompute now queued; a failure only means the reconciler queues it once more. */
  private async forgetQueued(recorded: PendingRecompute): Promise<void> {
    await this.pending.forget(recorded).catch((err: unknown) => {
      const { organisationId, planId, actionId } = recorded;
      this.logger.warn({ err, organisationId, planId, actionId }, 'queued the RAG recompute but could not delete its record; the reconciler will queue it once more');
    });
  }

  /**
   * One recompute per active plan for a London day, each its own job so they retry on their own and
   * spread over worker replicas. The job ids name the day and plan, so queueing a day twice
   * queues nothing new; and each carries the plan and day's deduplication id, as an administrator's
   * recompute of that date does, so a plan whose recompute of the day is already waiting or running
   * (asked for with that `asOf` before the nightly time) gets no second one: its id is that job's.
   * Returns the job ids.
   */
  async recomputeOrganisationsForDay(asOf: string, plans: readonly { organisationId: string; planId: string }[]): Promise<string[]> {
    const jobs = await this.queue.addBulk(
      plans.map(({ organisationId, planId }) => ({
        name: RAG_JOBS.recomputeOrganisation,
        data: { organisationId, planId, asOf },
        opts: { jobId: nightlyJobId(asOf, planId), deduplication: { id: planDayDeduplicationId(asOf, planId) } },
      })),
    );
    return jobs.map((j) => j.id ?? '');
  }

  /**
   * The reconciler's catch-up of one plan's recompute for a London day, when the day's snapshots are
   * missing (that night's run was lost). It is the nightly fan-out's own job (same name, payload and
   * id, `nightlyJobId`), so a nightly run that comes late (a worker back after a night down runs the
   * overdue scheduler job) and the catch-up are one job: whichever is added first, BullMQ ignores the
   * other. By the state of that job:
   * - none (never queued: Redis down or emptied at the nightly time; or its record since trimmed): added, unless a recompute
   *   of the plan for the day asked for by an administrator is waiting or running ('pending': one deduplication id);
   * - waiting, delayed or running: left alone ('pending');
   * - failed (its attempts used up, e.g. PostgreSQL down at night) or completed (yet snapshots of
   *   actions coloured the day before are missing again: removed since): BullMQ keeps a finished
   *   job for days and ignores an add with its id, so the job itself is sent back to waiting with its
   *   attempts reset (`retry`), keeping the one id. A retry refused because another worker's
   *   reconciler did it first is 'pending'. A completed job is sent round only when `rerunCompleted`
   *   (RagReconciler limits how often: see there).
   */
  async catchUpPlanDay(asOf: string, organisationId: string, planId: string, rerunCompleted = true): Promise<CatchUpOutcome> {
    const jobId = nightlyJobId(asOf, planId);
    const add = async (): Promise<CatchUpOutcome> => {
      const added = await this.queue.add(RAG_JOBS.recomputeOrganisation, { organisationId, planId, asOf }, { jobId, deduplication: { id: planDayDeduplicationId(asOf, planId) } });
      // Another id: an administrator's recompute of the day (recomputeOrganisation) is waiting or running, and BullMQ added nothing.
      return added.id === jobId ? 'added' : 'pending';
    };
    const job = await inspectJob(this.bullQueue, jobId, `reading RAG job ${jobId}`);
    if (job.state === 'missing' || !job.job) return add();
    if (job.state !== 'failed' && job.state !== 'completed') return 'pending';
    if (job.state === 'completed' && !rerunCompleted) return 'held';
    try {
      await withinDeadline(job.job.retry(job.state, { resetAttemptsMade: true, resetAttemptsStarted: true }), 5000, `retrying RAG job ${jobId}`);
      return job.state === 'failed' ? 'retried' : 'rerun';
    } catch (err) {
      // Refused because the job moved meanwhile (another reconciler retried it): fine if it is on its way.
      const now = await inspectJob(this.bullQueue, jobId, `reading RAG job ${jobId}`);
      if (now.state === 'waiting' || now.state === 'delayed' || now.state === 'active') return 'pending';
      throw err;
    }
  }

  /**
   * The nightly recompute (at `pattern`, Europe/London), as a BullMQ job scheduler: it lives in
   * Redis, so several worker replicas upserting it still run it once a night.
   */
  async scheduleNightly(pattern: string): Promise<void> {
    await this.queue.upsertJobScheduler(RAG_NIGHTLY_SCHEDULER, { pattern, tz: SCHEDULE_TIME_ZONE }, { name: RAG_JOBS.nightly, data: {} });
  }
}

/**
 * The RAG recomputes one transaction asks for (RagTriggerService.changes): recorded in it, queued
 * after it commits. Not shared between transactions.
 */
export class RagChanges {
  private readonly recorded = new Map<string, PendingRecompute>();

  constructor(
    private readonly trigger: RagTriggerService,
    private readonly pending: RagPendingRepository,
  ) {}

  /** In the transaction, after its audit record: records the action's recompute (`manager` undefined: in a transaction of its own). */
  action(manager: EntityManager | undefined, organisationId: string, actionId: string): Promise<void> {
    return this.actions(manager, organisationId, [actionId]);
  }

  /** In the transaction, after its audit record: records each action's recompute (one statement). */
  async actions(manager: EntityManager | undefined, organisationId: string, actionIds: readonly string[]): Promise<void> {
    for (const row of await this.pending.recordActions(manager, organisationId, actionIds)) this.recorded.set(row.actionId ?? '', row);
  }

  /** Once the transaction has committed: queues each recorded recompute (RagTriggerService.queueRecorded); never throws. */
  async queue(): Promise<void> {
    const rows = [...this.recorded.values()];
    this.recorded.clear();
    for (const row of rows) await this.trigger.queueRecorded(row);
  }
}
