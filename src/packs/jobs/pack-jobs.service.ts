import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { packJobId } from '../../queue/job-ids';
import { PACK_JOBS, QUEUES } from '../../queue/queues';
import { inspectJob, type JobView } from '../../queue/job-view';
import { TypedQueue } from '../../queue/typed-queue';

/** What Redis knows of a pack's job: BullMQ's state, or `missing`. */
export type PackJobView = JobView;

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
    return inspectJob(this.raw, packJobId(packId), 'reading a pack job');
  }

  /** Queues a pack again after its job finished without finishing the pack: the old job goes, a fresh one with all its attempts comes. */
  async requeue(organisationId: string, packId: string): Promise<void> {
    await this.raw.remove(packJobId(packId));
    await this.generate(organisationId, packId);
  }
}
