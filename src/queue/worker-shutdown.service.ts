import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { stopWorker, type StopOutcome } from './worker-shutdown';

/**
 * The worker process's BullMQ workers, for stopping them before anything else (see worker-shutdown.ts;
 * src/worker.ts calls `stop` on SIGTERM and SIGINT). @nestjs/bullmq makes one worker per @Processor
 * when the modules initialise and hands it to the processor, a WorkerHost, as `.worker`.
 */
@Injectable()
export class WorkerShutdownService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkerShutdownService.name);
  /** `<queue>:<job id>` of the jobs this process is running. */
  private readonly active = new Set<string>();

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const worker of this.workers()) {
      const key = (job: Job | undefined) => `${worker.name}:${job?.id ?? ''}`;
      worker.on('active', (job) => this.active.add(key(job)));
      worker.on('completed', (job) => this.active.delete(key(job)));
      worker.on('failed', (job) => this.active.delete(key(job)));
    }
  }

  /** Closes every worker (waiting for their active jobs, at most WORKER_SHUTDOWN_GRACE_MS), then runs `closeApp`. */
  stop(signal: string, closeApp: () => Promise<void>): Promise<StopOutcome> {
    return stopWorker({ signal, workers: this.workers(), activeJobs: this.active.size, graceMs: this.config.WORKER_SHUTDOWN_GRACE_MS, closeApp, logger: this.logger });
  }

  private workers(): Worker[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
  }
}
