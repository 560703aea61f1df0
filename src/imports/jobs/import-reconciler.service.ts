import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { ImportsRepository } from '../imports.repository';
import { ImportJobsService } from './import-jobs.service';

/** A run untouched this long while a job should be working on it is looked at (a fresh request may not have written its job id yet). */
const QUIET_MS = 2 * 60_000;
/** At most this many runs per pass, oldest first; the next pass takes the rest. */
const BATCH = 200;

export interface ImportReconcileReport {
  checked: number;
  /** Previews queued again: their job was lost with Redis, or never queued (Redis down after the upload committed). */
  requeued: string[];
  /** Marked failed, so the board can check the file again: a commit whose job was lost, or a job that ended without finishing the run. */
  failed: string[];
}

/** What the board reads on a run whose job was lost or died without telling it; nothing was written to the plan. */
export const IMPORT_JOB_LOST = {
  code: 'import_job_lost',
  message: 'The import was not finished (the service stopped or restarted before it could): nothing was written to the plan. Check the file again, then import it.',
} as const;

/**
 * Makes the imports queue agree with the import runs (PostgreSQL is the system of record), as
 * PackReconciler does for packs: a run left `previewing` or `committing` with no live job would
 * otherwise say "Being read" or "Being imported" for ever, and refuse every retry (409).
 * - A preview with no job is queued again (a preview writes nothing to the plan).
 * - A commit with no job is marked failed, not run again on someone's behalf: whoever confirmed
 *   it checks the file again and confirms it (its job re-checks the plan under locks either way).
 * - A job that failed for good (attempts used up, or stalled too often) or completed without
 *   finishing the run: the run is marked failed.
 * A waiting, delayed or active job is left to BullMQ.
 */
@Injectable()
export class ImportReconciler {
  private readonly logger = new Logger(ImportReconciler.name);

  constructor(
    private readonly runs: ImportsRepository,
    private readonly jobs: ImportJobsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async reconcile(): Promise<ImportReconcileReport> {
    const report: ImportReconcileReport = { checked: 0, requeued: [], failed: [] };
    const before = new Date(this.clock.now().getTime() - QUIET_MS);
    for (const run of await this.runs.findStuckRuns(before, BATCH)) {
      report.checked++;
      const { state } = await this.jobs.inspect(run.jobId);
      const context = { importRunId: run.id, organisationId: run.organisationId, runStatus: run.status, jobId: run.jobId, jobState: state };
      if (state === 'missing' && run.status === 'previewing') {
        const jobId = await this.jobs.enqueue('preview', run, run.createdById);
        await this.runs.updateRun(run.id, { jobId });
        report.requeued.push(run.id);
        this.logger.warn(context, 'import preview had no job in Redis; queued again');
      } else if (state === 'missing' || state === 'failed' || state === 'completed') {
        await this.runs.updateRun(run.id, { status: 'failed', error: { ...IMPORT_JOB_LOST } });
        report.failed.push(run.id);
        this.logger.warn(context, 'import job lost or ended without finishing the run; marked failed');
      }
    }
    return report;
  }
}
