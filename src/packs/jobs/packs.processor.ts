import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, Optional } from '@nestjs/common';
import { Job } from 'bullmq';
import { NotificationEventsService } from '../../notifications/events/notification-events.service';
import { isJobOf, QUEUES } from '../../queue/queues';
import { PackGenerationService, type PackGenerationResult } from './pack-generation.service';

/**
 * The packs queue's consumer, in the worker process. Thin: PackGenerationService does the work.
 * One pack at a time per worker: rendering is CPU- and memory-heavy, and one at a time keeps the
 * worker's peak memory to one document. The lock is long because a 5,000-action render keeps the
 * event loop busy for seconds at a time; a lost lock would run the same pack twice (harmless, but
 * wasted).
 */
@Processor(QUEUES.packs, { concurrency: 1, lockDuration: 120_000 })
export class PacksProcessor extends WorkerHost {
  private readonly logger = new Logger(PacksProcessor.name);

  constructor(
    private readonly generation: PackGenerationService,
    // Optional: benchmarks run the packs worker module without notifications.
    @Optional() private readonly notifications?: NotificationEventsService,
  ) {
    super();
  }

  async process(job: Job): Promise<PackGenerationResult> {
    if (!isJobOf(QUEUES.packs, job)) throw new Error(`unknown packs job '${job.name}'`);
    const started = Date.now();
    const attempts = job.opts.attempts ?? 1;
    const context = {
      jobId: job.id,
      queue: QUEUES.packs,
      packId: job.data.packId,
      organisationId: job.data.organisationId,
      attempt: job.attemptsMade + 1,
      attempts,
    };
    this.logger.log(context, 'Pack job started');
    try {
      const result = await this.generation.generate(job.data, {
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
        maxAttempts: attempts,
        reportProgress: (percent) => job.updateProgress(percent),
      });
      if (result.outcome === 'generated') {
        const { files, timings, contentHash, actions, recomputed, asOf, audience } = result;
        const sizes = Object.fromEntries(files.map((f) => [`${f.format}Bytes`, f.sizeBytes]));
        const renders = Object.fromEntries(files.map((f) => [`${f.format}Ms`, f.renderMs]));
        this.logger.log({ ...context, durationMs: Date.now() - started, asOf, audience, actions, recomputed, contentHash, ...sizes, ...renders, ...timings }, 'Pack job finished');
      } else {
        this.logger.warn({ ...context, durationMs: Date.now() - started, reason: result.reason }, 'Pack job skipped');
      }
      // "Pack ready" to the board; also after an 'already-ready' retry (the key makes it once).
      if (result.outcome === 'generated' || result.reason === 'already-ready') await this.notifications?.packReady(job.data.organisationId, job.data.packId);
      return result;
    } catch (err) {
      this.logger.error({ ...context, durationMs: Date.now() - started, err, willRetry: job.attemptsMade + 1 < attempts }, 'Pack job failed');
      throw err;
    }
  }
}
