import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { assertUnreachable } from '../common/errors/error-code';
import { isJobOf, MAINTENANCE_JOBS, QUEUES } from '../queue/queues';
import { HeartbeatService } from './heartbeat.service';
import { OrphanSweeper } from './orphan-sweeper.service';
import { ReconcilerService } from './reconciler.service';

/** The maintenance queue's consumer: heartbeat, reconciler, orphan sweeper. Thin: each job is one service call. */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly heartbeat: HeartbeatService,
    private readonly reconciler: ReconcilerService,
    private readonly sweeper: OrphanSweeper,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (!isJobOf(QUEUES.maintenance, job)) throw new Error(`unknown maintenance job '${job.name}'`);
    const context = { jobId: job.id, queue: QUEUES.maintenance, job: job.name };
    switch (job.name) {
      case MAINTENANCE_JOBS.heartbeat: {
        const result = await this.heartbeat.beat();
        this.logger.log(context, 'heartbeat recorded');
        return result;
      }
      case MAINTENANCE_JOBS.reconcile:
        return this.reconciler.reconcile();
      case MAINTENANCE_JOBS.sweep:
        return this.sweeper.sweep();
      default:
        return assertUnreachable(job);
    }
  }
}
