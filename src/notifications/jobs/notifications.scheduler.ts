import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { JobSchedulesRegistry } from '../../queue/job-schedules.registry';
import { QUEUES } from '../../queue/queues';
import { OutboxSender } from '../outbox/outbox-sender.service';
import { NOTIFICATION_SCAN_SCHEDULER, OUTBOX_DELIVERY_SCHEDULER, OutboxTrigger } from '../outbox/outbox-trigger.service';

/** At worker start: makes sure the every-minute delivery and the daily reminder scan are scheduled, and says whether mail is on. */
@Injectable()
export class NotificationsScheduler implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsScheduler.name);

  constructor(
    private readonly trigger: OutboxTrigger,
    private readonly sender: OutboxSender,
    private readonly schedules: JobSchedulesRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Registered, so the reconciler re-creates them when Redis has lost them. */
  onModuleInit(): void {
    this.schedules.register({ id: OUTBOX_DELIVERY_SCHEDULER, queue: QUEUES.notifications, ensure: () => this.trigger.scheduleDelivery() });
    this.schedules.register({ id: NOTIFICATION_SCAN_SCHEDULER, queue: QUEUES.notifications, ensure: () => this.trigger.scheduleScan(this.config.NOTIFICATIONS_SCAN_CRON) });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.trigger.scheduleDelivery();
    await this.trigger.scheduleScan(this.config.NOTIFICATIONS_SCAN_CRON);
    this.logger.log({ queue: QUEUES.notifications, pattern: this.config.NOTIFICATIONS_SCAN_CRON, tz: 'Europe/London' }, 'reminder scan scheduled');
    if (this.sender.enabled) {
      this.logger.log({ queue: QUEUES.notifications, every: '1 minute' }, 'e-mail delivery scheduled');
    } else {
      this.logger.log({ queue: QUEUES.notifications }, 'e-mail sender idle: mail is disabled (SMTP_HOST is not set); the outbox keeps its messages pending');
    }
  }
}
