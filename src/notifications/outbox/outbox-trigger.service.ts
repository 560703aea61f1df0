import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { CalendarDate } from '../../common/dates/calendar-date';
import { jobStatusUrl, newScanJobId } from '../../queue/job-ids';
import type { JobAcceptedDto } from '../../queue/jobs/dto/job.dto';
import { JOB_SCHEDULERS, NOTIFICATION_JOBS, QUEUES } from '../../queue/queues';
import { TypedQueue } from '../../queue/typed-queue';

export const OUTBOX_DELIVERY_SCHEDULER = JOB_SCHEDULERS.notificationsDelivery.id;
export const NOTIFICATION_SCAN_SCHEDULER = JOB_SCHEDULERS.notificationsScan.id;

const KEEP = { removeOnComplete: { age: 3600, count: 100 }, removeOnFail: { age: 7 * 24 * 3600, count: 1000 } } as const;

/**
 * The notifications queue's one producer.
 * - `messagesWritten()`: call after the transaction that wrote outbox messages commits; asks the
 *   worker to deliver now rather than at the next minute. Deduplicated: while a delivery job waits,
 *   more calls add nothing; one that arrives while a delivery runs queues exactly one more
 *   (`keepLastIfActive`), so a message written just after a run's last claim is not left for the
 *   minute job. A failure to enqueue is logged, not thrown: the messages are safe in PostgreSQL and
 *   the minute job sends them.
 * - `requestScan()`: an administrator's reminder scan of their organisation, answered 202 with the
 *   job to poll (`scan-<uuid>`, read through GET /jobs/:id by that organisation's administrators).
 * - `scheduleDelivery()`: the every-minute delivery (retries come due, a kick may have been missed),
 *   a BullMQ job scheduler kept in Redis, so several worker replicas upserting it still run it once.
 */
@Injectable()
export class OutboxTrigger {
  private readonly logger = new Logger(OutboxTrigger.name);
  private readonly queue: TypedQueue<typeof QUEUES.notifications>;

  constructor(@InjectQueue(QUEUES.notifications) queue: Queue) {
    this.queue = new TypedQueue(QUEUES.notifications, queue);
  }

  async messagesWritten(): Promise<void> {
    try {
      await this.queue.add(NOTIFICATION_JOBS.deliver, { reason: 'written' }, { deduplication: { id: 'deliver', keepLastIfActive: true }, attempts: 1, ...KEEP });
    } catch (err) {
      this.logger.error({ err, queue: QUEUES.notifications }, 'could not enqueue e-mail delivery; the every-minute run will send');
    }
  }

  /**
   * Queues the reminder scan of `day` for one organisation, asked for by its administrator. The day
   * is fixed when asked (the request's London today), not when the worker reaches the job. Redis
   * refusing the job is the caller's 503: nothing was written, and asking again is safe.
   */
  async requestScan(organisationId: string, requestedById: string, day: CalendarDate): Promise<JobAcceptedDto> {
    const job = await this.queue.add(
      NOTIFICATION_JOBS.scan,
      { reason: 'manual', day, organisationId, requestedById },
      { jobId: newScanJobId(), attempts: 3, backoff: { type: 'exponential', delay: 5000 }, ...KEEP },
    );
    const jobId = job.id ?? '';
    return { jobId, statusUrl: jobStatusUrl(jobId) };
  }

  async scheduleDelivery(): Promise<void> {
    await this.queue.upsertJobScheduler(
      OUTBOX_DELIVERY_SCHEDULER,
      { every: 60_000 },
      { name: NOTIFICATION_JOBS.deliver, data: { reason: 'scheduler' }, opts: { attempts: 1, ...KEEP } },
    );
  }

  /**
   * The daily reminder scan at `pattern` in Europe/London, a job scheduler in Redis: run once
   * whatever the number of workers (and a second run of a day writes nothing new anyway).
   */
  async scheduleScan(pattern: string): Promise<void> {
    await this.queue.upsertJobScheduler(
      NOTIFICATION_SCAN_SCHEDULER,
      { pattern, tz: 'Europe/London' },
      { name: NOTIFICATION_JOBS.scan, data: { reason: 'scheduler' }, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, ...KEEP } },
    );
  }
}
