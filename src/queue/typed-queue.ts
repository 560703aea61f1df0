import type { BulkJobOptions, Job, JobSchedulerTemplateOptions, JobsOptions, Queue, RepeatOptions } from 'bullmq';
import type { JobData, JobName, QueueName } from './queues';

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
    return this.queue.add(name, data, opts) as Promise<Job<JobData<Q, N>, unknown, N>>;
  }

  async addBulk(jobs: BulkJob<Q>[]): Promise<Job[]> {
    return this.queue.addBulk(jobs);
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
