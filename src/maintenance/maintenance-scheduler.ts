import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { MAINTENANCE_JOBS, QUEUES } from '../queue/queues';
import { TypedQueue } from '../queue/typed-queue';

/**
 * The maintenance queue's one producer (worker side): schedules the heartbeat when the worker starts.
 * Job schedulers live in Redis, so several worker replicas upserting the same one run it once.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceScheduler.name);
  private readonly queue: TypedQueue<typeof QUEUES.maintenance>;

  constructor(@InjectQueue(QUEUES.maintenance) queue: Queue) {
    this.queue = new TypedQueue(QUEUES.maintenance, queue);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('heartbeat', { every: 60_000 }, { name: MAINTENANCE_JOBS.heartbeat, data: { scheduledBy: 'scheduler' } });
    this.logger.log('heartbeat scheduled every minute');
  }
}
