import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { packJobId } from '../../queue/job-ids';
import { PACK_JOBS, QUEUES } from '../../queue/queues';
import { TypedQueue } from '../../queue/typed-queue';

/** The packs queue's one producer. It only enqueues: the worker (PacksProcessor) builds the pack. */
@Injectable()
export class PackJobsService {
  private readonly queue: TypedQueue<typeof QUEUES.packs>;

  constructor(@InjectQueue(QUEUES.packs) queue: Queue) {
    this.queue = new TypedQueue(QUEUES.packs, queue);
  }

  /** Queues the generation of a pack whose row is committed; its job id is `packJobId(packId)`, so queueing twice queues once. */
  async generate(organisationId: string, packId: string): Promise<void> {
    await this.queue.add(PACK_JOBS.generate, { organisationId, packId }, { jobId: packJobId(packId) });
  }
}
