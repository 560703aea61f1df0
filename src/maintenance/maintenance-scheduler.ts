import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobSchedulesRegistry } from '../queue/job-schedules.registry';
import { JOB_SCHEDULERS, MAINTENANCE_JOBS, QUEUES } from '../queue/queues';
import { TypedQueue } from '../queue/typed-queue';

const KEEP = { removeOnComplete: { age: 3600, count: 100 }, removeOnFail: { age: 7 * 24 * 3600, count: 1000 } } as const;

/**
 * The maintenance queue's one producer (worker side): the heartbeat (every minute), the reconciler
 * (every RECONCILE_INTERVAL_SECONDS, and once at start) and the orphan sweeper (every SWEEP_INTERVAL_MINUTES). Job schedulers live in Redis, so
 * several worker replicas upserting the same one run it once; all are registered, so the reconciler
 * re-creates any that Redis loses.
 */
@Injectable()
export class MaintenanceScheduler implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceScheduler.name);
  private readonly queue: TypedQueue<typeof QUEUES.maintenance>;
  private watchdog: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    @InjectQueue(QUEUES.maintenance) queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedules: JobSchedulesRegistry,
  ) {
    this.queue = new TypedQueue(QUEUES.maintenance, queue);
  }

  onModuleInit(): void {
    const { heartbeat, reconcile, sweep } = JOB_SCHEDULERS;
    this.schedules.register({
      ...heartbeat,
      ensure: () => this.queue.upsertJobScheduler(heartbeat.id, { every: 60_000 }, { name: MAINTENANCE_JOBS.heartbeat, data: { scheduledBy: 'scheduler' }, opts: KEEP }),
    });
    this.schedules.register({
      ...reconcile,
      ensure: () =>
        this.queue.upsertJobScheduler(reconcile.id, { every: this.config.RECONCILE_INTERVAL_SECONDS * 1000 }, { name: MAINTENANCE_JOBS.reconcile, data: { reason: 'scheduler' }, opts: { attempts: 1, ...KEEP } }),
    });
    this.schedules.register({
      ...sweep,
      ensure: () => this.queue.upsertJobScheduler(sweep.id, { every: this.config.SWEEP_INTERVAL_MINUTES * 60_000 }, { name: MAINTENANCE_JOBS.sweep, data: { reason: 'scheduler' }, opts: { attempts: 1, ...KEEP } }),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.ensureAll();
    // Once at start, after every module has registered its schedulers: a job, so it runs in the
    // processor like the scheduled ones (and replicas starting together each run it once, harmlessly).
    try {
      await this.queue.add(MAINTENANCE_JOBS.reconcile, { reason: 'startup' }, { attempts: 1, ...KEEP });
    } catch (err) {
      this.logger.error({ err }, 'could not queue the start-up reconcile; the scheduled one will run');
    }
    this.logger.log({ schedulers: this.schedules.registered(), reconcileEverySeconds: this.config.RECONCILE_INTERVAL_SECONDS }, 'maintenance scheduled; reconciling once now');
    // The reconciler is itself a job scheduler kept in Redis: a Redis that restarts empty loses it
    // with the others. This process-local watchdog re-creates what is missing and reconciles at once.
    this.watchdog = setInterval(() => void this.checkSchedules(), this.config.RECONCILE_INTERVAL_SECONDS * 1000);
    this.watchdog.unref();
  }

  onApplicationShutdown(): void {
    if (this.watchdog) clearInterval(this.watchdog);
  }

  private async checkSchedules(): Promise<void> {
    // With Redis down the worker's commands wait for it: never stack a second check on a waiting one.
    if (this.checking) return;
    this.checking = true;
    try {
      const repaired = await this.schedules.repairMissing();
      if (repaired.length > 0) await this.queue.add(MAINTENANCE_JOBS.reconcile, { reason: 'watchdog' }, { attempts: 1, ...KEEP });
    } catch (err) {
      // Redis down: the next tick tries again.
      this.logger.debug({ err: { message: (err as Error).message } }, 'schedule watchdog could not reach Redis');
    } finally {
      this.checking = false;
    }
  }
}
