import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NOTIFICATION_JOBS, QUEUES, type DeliverOutboxPayload } from '../../queue/queues';

/**
 * Call after the transaction that wrote outbox messages commits: asks the worker to deliver now
 * rather than at the next minute. Deduplicated: while a delivery job waits, more calls add nothing;
 * one that arrives while a delivery runs queues exactly one more (`keepLastIfActive`), so a message
 * written just after a run's last claim is not left for the minute job. A failure to enqueue is
 * logged, not thrown: the messages are safe in PostgreSQL and the minute job sends them.
 */
@Injectable()
export class OutboxTrigger {
  private readonly logger = new Logger(OutboxTrigger.name);

  constructor(@InjectQueue(QUEUES.notifications) private readonly queue: Queue) {}

  async messagesWritten(): Promise<void> {
    try {
      await this.queue.add(NOTIFICATION_JOBS.deliver, { reason: 'written' } satisfies DeliverOutboxPayload, {
        deduplication: { id: 'deliver', keepLastIfActive: true },
        attempts: 1,
        removeOnComplete: { age: 3600, count: 100 },
        removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
      });
    } catch (err) {
      this.logger.error({ err, queue: QUEUES.notifications }, 'could not enqueue e-mail delivery; the every-minute run will send');
    }
  }
}
