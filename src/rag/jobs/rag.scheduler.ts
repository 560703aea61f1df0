import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { QUEUES } from '../../queue/queues';
import { RagTriggerService } from '../rag-trigger.service';

/** Worker side: schedules the nightly recompute (RAG_NIGHTLY_CRON, 02:00 Europe/London by default) when the worker starts. */
@Injectable()
export class RagScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(RagScheduler.name);

  constructor(
    private readonly trigger: RagTriggerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.trigger.scheduleNightly(this.config.RAG_NIGHTLY_CRON);
    this.logger.log({ queue: QUEUES.rag, pattern: this.config.RAG_NIGHTLY_CRON, tz: 'Europe/London' }, 'RAG nightly recompute scheduled');
  }
}
