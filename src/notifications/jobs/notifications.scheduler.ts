import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NOTIFICATION_JOBS, QUEUES, type DeliverOutboxPayload } from '../../queue/queues';
import { OutboxSender } from '../outbox/outbox-sender.service';

export const OUTBOX_DELIVERY_SCHEDULER = 'notifications-deliver';

/**
 * Delivers the outbox every minute (retries come due, a kick may have been missed). A BullMQ job
 * scheduler lives in Redis, so several worker replicas upserting it still run it once a minute.
 */
@Injectable()
export class NotificationsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsScheduler.name);

  constructor(
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
    private readonly sender: OutboxSender,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      OUTBOX_DELIVERY_SCHEDULER,
      { every: 60_000 },
      {
        name: NOTIFICATION_JOBS.deliver,
        data: { reason: 'scheduler' } satisfies DeliverOutboxPayload,
        opts: { attempts: 1, removeOnComplete: { age: 3600, count: 100 }, removeOnFail: { age: 7 * 24 * 3600, count: 1000 } },
      },
    );
    if (this.sender.enabled) {
      this.logger.log({ queue: QUEUES.notifications, every: '1 minute' }, 'e-mail delivery scheduled');
    } else {
      this.logger.log({ queue: QUEUES.notifications }, 'e-mail sender idle: mail is disabled (SMTP_HOST is not set); the outbox keeps its messages pending');
    }
  }
}
