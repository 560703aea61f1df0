import type { BulkJobOptions, Job, JobSchedulerTemplateOptions, JobsOptions, Queue, RepeatOptions } from 'bullmq';
import { withinDeadline } from '../common/errors/dependency-unavailable.error';
import type { JobData, JobName, QueueName } from './queues';

/**
 * How long adding a job may take before the caller gets a DependencyUnavailableError. Producers in
 * HTTP requests call after their transaction commits: with Redis down, the answer must still come
 * promptly, and the reconciler or the nightly run repairs what was not queued.
 */
export const ENQUEUE_DEADLINE_MS = 2000;

/** One job for `addBulk`: a union over the queue's job names, so each payload is checked against its name. */
export type BulkJob<Q extends QueueName> = { [N in JobName<Q>]: { name: N; data: JobData<Q, N>; opts?: BulkJobOptions } }[JobName<Q>];

/**
 * A BullMQ queue that only takes the jobs `QueueJobs` declares for it: `add('recompute-action', ...)`
 * does not compile with another job's payload. Producers (one service per queue) wrap the queue
 * they inject: `new TypedQueue(QUEUES.rag, queue)`.
 */
export class TypedQueue<Q extends QueueName> {
  constructor(
    readonly name: Q,
    private readonly queue: Queue,
  ) {}

  add<N extends JobName<Q>>(name: N, data: JobData<Q, N>, opts?: JobsOptions): Promise<Job<JobData<Q, N>, unknown, N>> {
    return withinDeadline(this.queue.add(name, data, opts) as Promise<Job<JobData<Q, N>, unknown, N>>, ENQUEUE_DEADLINE_MS, `adding ${this.name}/${name}`);
  }

  async addBulk(jobs: BulkJob<Q>[]): Promise<Job[]> {
    return withinDeadline(this.queue.addBulk(jobs), ENQUEUE_DEADLINE_MS, `adding ${jobs.length} jobs to ${this.name}`);
  }

  /** Creates or updates a job scheduler (kept in Redis, so several workers upserting it still run it once). */
  async upsertJobScheduler<N extends JobName<Q>>(
    schedulerId: string,
    repeat: Omit<RepeatOptions, 'key'>,
    template: { name: N; data: JobData<Q, N>; opts?: JobSchedulerTemplateOptions },
  ): Promise<void> {
    await this.queue.upsertJobScheduler(schedulerId, repeat, template);
  }
}
