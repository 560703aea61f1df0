import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { publicFailureReason } from '../../queue/jobs/jobs.service';
import { PacksRepository } from '../packs.repository';
import { PackJobsService } from './pack-jobs.service';

/** At most this many unfinished packs are looked at per run (oldest first); the next run takes the rest. */
const BATCH = 500;

export interface PackReconcileReport {
  checked: number;
  /** Queued again: no job in Redis (lost with Redis, or never queued), or a job that ended without finishing the pack. */
  requeued: string[];
  /** Marked failed: their job failed for good (attempts used up, or stalled too often) but the row never heard. */
  failed: string[];
}

/** What the board member reads on a pack whose job died without telling its row. */
export function deadJobReason(failedReason: string | undefined): string {
  if (!failedReason || /stalled/i.test(failedReason)) {
    return 'The worker building this pack stopped more than once (for example it ran out of memory or was restarted); request the pack again.';
  }
  return `Generation failed: ${publicFailureReason(failedReason)}`;
}

/**
 * Makes the packs queue agree with the pack rows (PostgreSQL is the system of record):
 * - a `queued` or `generating` pack whose job is gone from Redis is queued again (a Redis restart, an
 *   API that could not reach Redis when the pack was requested);
 * - one whose job failed for good (its attempts used up, or killed mid-build more often than BullMQ's
 *   stall limit allows) is marked `failed` with a reason the user sees;
 * - one whose job completed without the pack being ready is queued afresh.
 * A waiting, delayed or active job is left to BullMQ (its stall detection re-runs a job whose worker died).
 */
@Injectable()
export class PackReconciler {
  private readonly logger = new Logger(PackReconciler.name);

  constructor(
    private readonly packs: PacksRepository,
    private readonly jobs: PackJobsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async reconcile(): Promise<PackReconcileReport> {
    const report: PackReconcileReport = { checked: 0, requeued: [], failed: [] };
    for (const pack of await this.packs.findUnfinished(BATCH)) {
      report.checked++;
      const job = await this.jobs.inspect(pack.id);
      const context = { packId: pack.id, organisationId: pack.organisationId, packState: pack.state, jobState: job.state };
      if (job.state === 'missing') {
        await this.jobs.generate(pack.organisationId, pack.id);
        report.requeued.push(pack.id);
        this.logger.warn(context, 'pack had no job in Redis; queued again');
      } else if (job.state === 'failed') {
        await this.packs.markAttemptFailed(pack.organisationId, pack.id, deadJobReason(job.failedReason), true, this.clock.now());
        report.failed.push(pack.id);
        this.logger.warn({ ...context, failedReason: job.failedReason, attemptsMade: job.attemptsMade }, 'pack job failed for good without updating the pack; marked failed');
      } else if (job.state === 'completed') {
        await this.jobs.requeue(pack.organisationId, pack.id);
        report.requeued.push(pack.id);
        this.logger.warn(context, 'pack job completed but the pack is not ready; queued afresh');
      }
    }
    return report;
  }
}
