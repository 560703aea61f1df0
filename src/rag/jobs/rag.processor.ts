import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { isCalendarDate } from '../../common/dates/calendar-date';
import { isJobOf, QUEUES, RAG_JOBS, type QueueJob } from '../../queue/queues';
import { RagComputeService } from '../compute/rag-compute.service';
import { RagFactsRepository } from '../compute/rag-facts.repository';
import { RagTriggerService } from '../rag-trigger.service';

/** What the nightly job returns: the organisation jobs it queued for the new day. */
export interface NightlyResult {
  asOf: string;
  organisations: number;
  plans: number;
  jobIds: string[];
}

type RagJob = QueueJob<typeof QUEUES.rag>;

/**
 * The RAG queue's consumer, in the worker process. Thin: each job calls RagComputeService.
 * Every job is idempotent (it reads the state when it runs and upserts), so BullMQ's retries with
 * exponential backoff are safe. Start, end (duration and counts) and failure are logged with the
 * job id, queue and organisation. Several jobs run at once so one organisation's recompute does
 * not hold up single-action jobs; organisation recomputes themselves take turns (see the service).
 */
@Processor(QUEUES.rag, { concurrency: 4 })
export class RagProcessor extends WorkerHost {
  private readonly logger = new Logger(RagProcessor.name);

  constructor(
    private readonly compute: RagComputeService,
    private readonly facts: RagFactsRepository,
    private readonly trigger: RagTriggerService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const started = Date.now();
    const known = isJobOf(QUEUES.rag, job);
    const context = {
      jobId: job.id,
      queue: QUEUES.rag,
      job: job.name,
      organisationId: known && 'organisationId' in job.data ? job.data.organisationId : undefined,
      attempt: job.attemptsMade + 1,
    };
    this.logger.log(context, 'RAG job started');
    try {
      // A job name this worker does not know (an older or newer producer) fails, and is logged.
      if (!known) throw new Error(`unknown RAG job '${job.name}'`);
      const { result, summary } = await this.run(job);
      this.logger.log({ ...context, durationMs: Date.now() - started, ...summary }, 'RAG job finished');
      return result;
    } catch (err) {
      const attempts = job.opts.attempts ?? 1;
      this.logger.error(
        { ...context, durationMs: Date.now() - started, err, willRetry: job.attemptsMade + 1 < attempts, attempts },
        'RAG job failed',
      );
      throw err;
    }
  }

  private async run(job: RagJob): Promise<{ result: unknown; summary: Record<string, unknown> }> {
    switch (job.name) {
      case RAG_JOBS.recomputeAction: {
        const { organisationId, actionId } = job.data;
        const result = await this.compute.recomputeAction(organisationId, actionId);
        if (!result) return { result: { actionId, found: false }, summary: { actionId, found: false } };
        const summary = { actionId, asOf: result.asOf, colour: result.colour, policyVersion: result.policyVersion, colourWritten: result.colourWritten, snapshotWritten: result.snapshotWritten };
        return { result: { ...summary, found: true }, summary };
      }
      case RAG_JOBS.recomputeOrganisation: {
        const { organisationId, planId, asOf } = job.data;
        // A malformed date would fail every retry the same way: give up at once.
        if (asOf !== undefined && !isCalendarDate(asOf)) throw new UnrecoverableError(`asOf '${String(asOf)}' is not a calendar date`);
        const day = asOf ?? this.compute.today();
        const progress = (percent: number) => job.updateProgress(percent);
        const result = planId
          ? await this.compute.recomputePlan(organisationId, planId, day, progress)
          : await this.compute.recomputeOrganisation(organisationId, day, progress);
        const { counts, timings, ...rest } = result;
        return { result, summary: { ...rest, ...counts, ...timings } };
      }
      case RAG_JOBS.nightly: {
        const result = await this.queueNightly();
        return { result, summary: { asOf: result.asOf, organisations: result.organisations } };
      }
    }
  }

  /** One recompute per organisation for the new London day; running the nightly twice for a day queues nothing new. */
  private async queueNightly(): Promise<NightlyResult> {
    const asOf = this.compute.today();
    const plans = await this.facts.activePlans();
    const jobIds = await this.trigger.recomputeOrganisationsForDay(asOf, plans);
    return { asOf, organisations: new Set(plans.map((p) => p.organisationId)).size, plans: plans.length, jobIds };
  }
}
