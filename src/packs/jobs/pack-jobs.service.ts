import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { withinDeadline } from '../../common/errors/dependency-unavailable.error';
import { packJobId } from '../../queue/job-ids';
import { PACK_JOBS, QUEUES } from '../../queue/queues';
import { TypedQueue } from '../../queue/typed-queue';

/** What Redis knows of a pack's job: BullMQ's state, or `missing`. */
export interface PackJobView {
  state: 'missing' | 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'other';
  failedReason?: string;
  attemptsMade?: number;
}

/** The packs queue's one producer. It only enqueues: the worker (PacksProcessor) builds the pack. */
@Injectable()
export class PackJobsService {
  private readonly queue: TypedQueue<typeof QUEUES.packs>;

  constructor(@InjectQueue(QUEUES.packs) private readonly raw: Queue) {
    this.queue = new TypedQueue(QUEUES.packs, raw);
  }

  /** Queues the generation of a pack whose row is committed; its job id is `packJobId(packId)`, so queueing twice queues once. */
  async generate(organisationId: string, packId: string): Promise<void> {
    await this.queue.add(PACK_JOBS.generate, { organisationId, packId }, { jobId: packJobId(packId) });
  }

  /** The state of a pack's job in Redis (for the reconciler). */
  async inspect(packId: string): Promise<PackJobView> {
    const job = await withinDeadline(this.raw.getJob(packJobId(packId)), 5000, 'reading a pack job');
    if (!job) return { state: 'missing' };
    const state = await job.getState();
    const known = ['waiting', 'delayed', 'active', 'completed', 'failed'] as const;
    const view: PackJobView = { state: (known as readonly string[]).includes(state) ? (state as PackJobView['state']) : state === 'unknown' ? 'missing' : 'other' };
    if (job.failedReason) view.failedReason = job.failedReason;
    view.attemptsMade = job.attemptsMade;
    return view;
  }

  /** Queues a pack again after its job finished without finishing the pack: the old job goes, a fresh one with all its attempts comes. */
  async requeue(organisationId: string, packId: string): Promise<void> {
    await this.raw.remove(packJobId(packId));
    await this.generate(organisationId, packId);
  }
}
