import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobSchedulesRegistry } from '../../queue/job-schedules.registry';
import { QUEUES } from '../../queue/queues';
import { RAG_NIGHTLY_SCHEDULER, RagTriggerService } from '../rag-trigger.service';

/** Worker side: schedules the nightly recompute (RAG_NIGHTLY_CRON, 02:00 Europe/London by default) when the worker starts. */
@Injectable()
export class RagScheduler implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(RagScheduler.name);

  constructor(
    private readonly trigger: RagTriggerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedules: JobSchedulesRegistry,
  ) {}

  /** Registered, so the reconciler re-creates it when Redis has lost it. */
  onModuleInit(): void {
    this.schedules.register({ id: RAG_NIGHTLY_SCHEDULER, queue: QUEUES.rag, ensure: () => this.trigger.scheduleNightly(this.config.RAG_NIGHTLY_CRON) });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.trigger.scheduleNightly(this.config.RAG_NIGHTLY_CRON);
    this.logger.log({ queue: QUEUES.rag, pattern: this.config.RAG_NIGHTLY_CRON, tz: 'Europe/London' }, 'RAG nightly recompute scheduled');
  }
}
