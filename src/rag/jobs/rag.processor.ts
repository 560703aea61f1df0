import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { isCalendarDate } from '../../common/dates/calendar-date';
import { QUEUES, RAG_JOBS, type RecomputeActionPayload, type RecomputeOrganisationPayload } from '../../queue/queues';
import { RagComputeService } from '../compute/rag-compute.service';
import { RagFactsRepository } from '../compute/rag-facts.repository';
import { nightlyJobId } from './rag-job-ids';

/** What the nightly job returns: the organisation jobs it queued for the new day. */
export interface NightlyResult {
  asOf: string;
  organisations: number;
  jobIds: string[];
}

type RagJob = Job<RecomputeActionPayload | RecomputeOrganisationPayload | Record<string, never>>;

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
    @InjectQueue(QUEUES.rag) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: RagJob): Promise<unknown> {
    const started = Date.now();
    const context = {
      jobId: job.id,
      queue: QUEUES.rag,
      job: job.name,
      organisationId: 'organisationId' in job.data ? job.data.organisationId : undefined,
      attempt: job.attemptsMade + 1,
    };
    this.logger.log(context, 'RAG job started');
    try {
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
        const { organisationId, actionId } = job.data as RecomputeActionPayload;
        const result = await this.compute.recomputeAction(organisationId, actionId);
        if (!result) return { result: { actionId, found: false }, summary: { actionId, found: false } };
        const summary = { actionId, asOf: result.asOf, colour: result.colour, policyVersion: result.policyVersion, colourWritten: result.colourWritten, snapshotWritten: result.snapshotWritten };
        return { result: { ...summary, found: true }, summary };
      }
      case RAG_JOBS.recomputeOrganisation: {
        const { organisationId, asOf } = job.data as RecomputeOrganisationPayload;
        // A malformed date would fail every retry the same way: give up at once.
        if (asOf !== undefined && !isCalendarDate(asOf)) throw new UnrecoverableError(`asOf '${String(asOf)}' is not a calendar date`);
        const result = await this.compute.recomputeOrganisation(organisationId, asOf ?? this.compute.today(), (percent) => job.updateProgress(percent));
        const { counts, timings, ...rest } = result;
        return { result, summary: { ...rest, ...counts, ...timings } };
      }
      case RAG_JOBS.nightly: {
        const result = await this.queueNightly();
        return { result, summary: { asOf: result.asOf, organisations: result.organisations } };
      }
      default:
        throw new Error(`unknown RAG job '${job.name}'`);
    }
  }

  /**
   * One recompute per organisation for the new London day, each its own job so they retry on
   * their own and spread over worker replicas. The job ids name the day and organisation, so
   * running the nightly twice for a day queues nothing new.
   */
  private async queueNightly(): Promise<NightlyResult> {
    const asOf = this.compute.today();
    const organisations = await this.facts.organisationIds();
    const jobs = await this.queue.addBulk(
      organisations.map((organisationId) => ({
        name: RAG_JOBS.recomputeOrganisation,
        data: { organisationId, asOf } satisfies RecomputeOrganisationPayload,
        opts: { jobId: nightlyJobId(asOf, organisationId) },
      })),
    );
    return { asOf, organisations: organisations.length, jobIds: jobs.map((j) => j.id ?? '') };
  }
}
