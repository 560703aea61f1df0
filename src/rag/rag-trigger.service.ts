import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { jobStatusUrl, newRagJobId, nightlyJobId } from '../queue/job-ids';
import type { JobAcceptedDto } from '../queue/jobs/dto/job.dto';
import { JOB_SCHEDULERS, QUEUES, RAG_JOBS } from '../queue/queues';
import { TypedQueue } from '../queue/typed-queue';

/** The BullMQ job scheduler that starts the nightly recompute. */
export const RAG_NIGHTLY_SCHEDULER = JOB_SCHEDULERS.ragNightly.id;

/**
 * The RAG queue's one producer: everything that puts a job on the RAG queue goes through here.
 * It only enqueues; nothing here waits for the worker.
 */
@Injectable()
export class RagTriggerService {
  private readonly logger = new Logger(RagTriggerService.name);
  private readonly queue: TypedQueue<typeof QUEUES.rag>;

  constructor(@InjectQueue(QUEUES.rag) queue: Queue) {
    this.queue = new TypedQueue(QUEUES.rag, queue);
  }

  /**
   * Called by every feature after a change that can affect an action's colour (milestone, status,
   * progress update, evidence upload or review, override). Enqueues a recompute of that action,
   * deduplicated by action id: while one is waiting, a burst of further edits adds nothing (the job
   * reads the state when it runs, so it sees them all). An edit that arrives while that action's job
   * is already running (it may have read the state before the edit) queues exactly one more job,
   * started when the running one ends (`keepLastIfActive`), so no edit is ever left uncoloured.
   *
   * Call it AFTER the transaction commits, so the worker never reads the state before the change.
   * A failure to enqueue is logged, not thrown: the change is saved, and the nightly run recomputes.
   */
  async actionChanged(organisationId: string, actionId: string): Promise<void> {
    try {
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
    } catch (err) {
      this.logger.error({ err, organisationId, actionId }, 'could not enqueue RAG recompute; the nightly run will catch up');
    }
  }

  /** Queues a recompute of every action of an organisation (on demand, or after a policy change); answered 202 with the job to poll. */
  async recomputeOrganisation(organisationId: string, asOf?: string, requestedById?: string, planId?: string): Promise<JobAcceptedDto> {
    const payload = { organisationId, ...(planId ? { planId } : {}), ...(asOf ? { asOf } : {}), ...(requestedById ? { requestedById } : {}) };
    const job = await this.queue.add(RAG_JOBS.recomputeOrganisation, payload, { jobId: newRagJobId() });
    const jobId = job.id ?? '';
    return { jobId, statusUrl: jobStatusUrl(jobId) };
  }

  /**
   * One recompute per active plan for a London day, each its own job so they retry on their own and
   * spread over worker replicas. The job ids name the day and plan, so queueing a day twice
   * queues nothing new. Returns the job ids.
   */
  async recomputeOrganisationsForDay(asOf: string, plans: readonly { organisationId: string; planId: string }[]): Promise<string[]> {
    const jobs = await this.queue.addBulk(
      plans.map(({ organisationId, planId }) => ({
        name: RAG_JOBS.recomputeOrganisation,
        data: { organisationId, planId, asOf },
        opts: { jobId: nightlyJobId(asOf, planId) },
      })),
    );
    return jobs.map((j) => j.id ?? '');
  }

  /**
   * The nightly recompute (at `pattern`, Europe/London), as a BullMQ job scheduler: it lives in
   * Redis, so several worker replicas upserting it still run it once a night.
   */
  async scheduleNightly(pattern: string): Promise<void> {
    await this.queue.upsertJobScheduler(RAG_NIGHTLY_SCHEDULER, { pattern, tz: 'Europe/London' }, { name: RAG_JOBS.nightly, data: {} });
  }
}
