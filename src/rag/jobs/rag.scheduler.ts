import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { QUEUES, RAG_JOBS } from '../../queue/queues';

export const RAG_NIGHTLY_SCHEDULER = 'rag-nightly';

/**
 * The nightly recompute (RAG_NIGHTLY_CRON, 02:00 Europe/London by default), as a BullMQ job
 * scheduler: it lives in Redis, so several worker replicas upserting it still run it once a night.
 */
@Injectable()
export class RagScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(RagScheduler.name);

  constructor(
    @InjectQueue(QUEUES.rag) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RAG_NIGHTLY_SCHEDULER,
      { pattern: this.config.RAG_NIGHTLY_CRON, tz: 'Europe/London' },
      { name: RAG_JOBS.nightly, data: {} },
    );
    this.logger.log({ queue: QUEUES.rag, pattern: this.config.RAG_NIGHTLY_CRON, tz: 'Europe/London' }, 'RAG nightly recompute scheduled');
  }
}
