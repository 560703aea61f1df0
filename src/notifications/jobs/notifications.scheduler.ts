import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { JobSchedulesRegistry } from '../../queue/job-schedules.registry';
import { QUEUES } from '../../queue/queues';
import { OutboxSender } from '../outbox/outbox-sender.service';
import { OUTBOX_DELIVERY_SCHEDULER, OutboxTrigger } from '../outbox/outbox-trigger.service';

/** At worker start: makes sure the every-minute delivery is scheduled, and says whether mail is on. */
@Injectable()
export class NotificationsScheduler implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsScheduler.name);

  constructor(
    private readonly trigger: OutboxTrigger,
    private readonly sender: OutboxSender,
    private readonly schedules: JobSchedulesRegistry,
  ) {}

  /** Registered, so the reconciler re-creates it when Redis has lost it. */
  onModuleInit(): void {
    this.schedules.register({ id: OUTBOX_DELIVERY_SCHEDULER, queue: QUEUES.notifications, ensure: () => this.trigger.scheduleDelivery() });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.trigger.scheduleDelivery();
    if (this.sender.enabled) {
      this.logger.log({ queue: QUEUES.notifications, every: '1 minute' }, 'e-mail delivery scheduled');
    } else {
      this.logger.log({ queue: QUEUES.notifications }, 'e-mail sender idle: mail is disabled (SMTP_HOST is not set); the outbox keeps its messages pending');
    }
  }
}
