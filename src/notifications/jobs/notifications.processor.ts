import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { isJobOf, NOTIFICATION_JOBS, QUEUES } from '../../queue/queues';
import { OutboxSender, type DeliveryRun } from '../outbox/outbox-sender.service';
import { NotificationScanService, type ScanResult } from '../scans/notification-scan.service';

/**
 * The notifications queue's consumer, in the worker. Thin: OutboxSender delivers and
 * NotificationScanService writes the day's reminders. Safe to run on every replica at once (claims
 * skip each other's rows; the outbox key makes a scan's second run write nothing); one job at a
 * time per worker, since a job already delivers with MAIL_MAX_CONNECTIONS connections in parallel.
 */
@Processor(QUEUES.notifications, { concurrency: 1 })
export class NotificationsProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    private readonly sender: OutboxSender,
    private readonly scans: NotificationScanService,
  ) {
    super();
  }

  async process(job: Job): Promise<DeliveryRun | ScanResult> {
    if (!isJobOf(QUEUES.notifications, job)) throw new Error(`unknown notifications job '${job.name}'`);
    const context = { jobId: job.id, queue: QUEUES.notifications, job: job.name, reason: job.data.reason };
    const started = Date.now();
    try {
      switch (job.name) {
        case NOTIFICATION_JOBS.deliver: {
          const run = await this.sender.deliverDue();
          // The every-minute run with nothing to do stays quiet.
          if (run.claimed > 0) this.logger.log({ ...context, durationMs: Date.now() - started, ...run }, 'E-mail delivery finished');
          else this.logger.debug({ ...context, ...run }, 'E-mail delivery: nothing due');
          return run;
        }
        case NOTIFICATION_JOBS.scan: {
          // An administrator's scan covers their organisation; the 06:00 run, every one.
          const { organisationId, requestedById } = job.data;
          const result = await this.scans.scanDay(job.data.day, organisationId ? { organisationId } : {});
          this.logger.log(
            { ...context, organisationId, requestedById, durationMs: Date.now() - started, day: result.day, requested: result.requested, written: result.written },
            'Reminder scan finished',
          );
          return result;
        }
      }
    } catch (err) {
      this.logger.error({ ...context, durationMs: Date.now() - started, err }, job.name === NOTIFICATION_JOBS.scan ? 'Reminder scan failed' : 'E-mail delivery failed');
      throw err;
    }
  }
}
