import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { IMPORT_JOBS, isJobOf, QUEUES } from '../../queue/queues';
import { ImportProcessingService, type ImportJobOutcome } from './import-processing.service';

/** The imports queue's consumer, in the worker process. Thin: ImportProcessingService does the work. */
@Processor(QUEUES.imports, { concurrency: 1, lockDuration: 120_000 })
export class ImportsProcessor extends WorkerHost {
  private readonly logger = new Logger(ImportsProcessor.name);

  constructor(private readonly processing: ImportProcessingService) {
    super();
  }

  async process(job: Job): Promise<ImportJobOutcome> {
    if (!isJobOf(QUEUES.imports, job)) throw new Error(`unknown imports job '${job.name}'`);
    const started = Date.now();
    const context = { jobId: job.id, queue: QUEUES.imports, job: job.name, importRunId: job.data.importRunId, organisationId: job.data.organisationId, attempt: job.attemptsMade + 1 };
    this.logger.log(context, 'Import job started');
    try {
      const result = job.name === IMPORT_JOBS.commit ? await this.processing.commit(job.data, job.id ?? '') : await this.processing.preview(job.data, job.id ?? '');
      this.logger.log({ ...context, durationMs: Date.now() - started, ...result }, 'Import job finished');
      return result;
    } catch (err) {
      this.logger.error({ ...context, durationMs: Date.now() - started, err }, 'Import job failed');
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.processing.markFailed(job.data, err);
      throw err;
    }
  }
}
