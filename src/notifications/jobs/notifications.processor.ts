import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { isJobOf, NOTIFICATION_JOBS, QUEUES } from '../../queue/queues';
import { OutboxSender, type DeliveryRun } from '../outbox/outbox-sender.service';

/**
 * The notifications queue's consumer, in the worker. Thin: OutboxSender does the work. Safe to run
 * on every replica at once (claims skip each other's rows); one job at a time per worker, since a
 * job already delivers with MAIL_MAX_CONNECTIONS connections in parallel.
 */
@Processor(QUEUES.notifications, { concurrency: 1 })
export class NotificationsProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(private readonly sender: OutboxSender) {
    super();
  }

  async process(job: Job): Promise<DeliveryRun> {
    if (!isJobOf(QUEUES.notifications, job) || job.name !== NOTIFICATION_JOBS.deliver) throw new Error(`unknown notifications job '${job.name}'`);
    const context = { jobId: job.id, queue: QUEUES.notifications, job: job.name, reason: job.data.reason };
    const started = Date.now();
    try {
      const run = await this.sender.deliverDue();
      // The every-minute run with nothing to do stays quiet.
      if (run.claimed > 0) this.logger.log({ ...context, durationMs: Date.now() - started, ...run }, 'E-mail delivery finished');
      else this.logger.debug({ ...context, ...run }, 'E-mail delivery: nothing due');
      return run;
    } catch (err) {
      this.logger.error({ ...context, durationMs: Date.now() - started, err }, 'E-mail delivery failed');
      throw err;
    }
  }
}
