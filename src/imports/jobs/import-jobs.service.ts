import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { IMPORT_JOBS, QUEUES } from '../../queue/queues';
import { inspectJob, type JobView } from '../../queue/job-view';
import { TypedQueue } from '../../queue/typed-queue';

export const IMPORT_JOB_PREFIX = 'import-';

/** The imports queue's one producer. */
@Injectable()
export class ImportJobsService {
  private readonly queue: TypedQueue<typeof QUEUES.imports>;

  constructor(@InjectQueue(QUEUES.imports) private readonly raw: Queue) {
    this.queue = new TypedQueue(QUEUES.imports, raw);
  }

  /** A run's job as Redis has it ('missing': never queued, or lost with Redis). */
  inspect(jobId: string | null): Promise<JobView> {
    return inspectJob(this.raw, jobId, 'reading an import job');
  }

  /**
   * A job per request. A commit runs once because the run moves previewed -> committing under a lock
   * and the job commits only a run still `committing`; its id is new each time so that a run whose
   * commit failed (an owner who left the plan, say) can be previewed and committed again.
   */
  async enqueue(kind: 'preview' | 'commit', run: { id: string; organisationId: string; planId: string }, requestedById: string): Promise<string> {
    const jobId = `${IMPORT_JOB_PREFIX}${run.id}-${kind}-${randomUUID()}`;
    await this.queue.add(IMPORT_JOBS[kind], { organisationId: run.organisationId, planId: run.planId, importRunId: run.id, requestedById }, { jobId, attempts: 3, backoff: { type: 'exponential', delay: 1000 } });
    return jobId;
  }
}
