import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule, type ProcessOptions } from './core/core.module';
import { workerFeatureModules } from './feature-modules';
import { MaintenanceWorkerModule } from './maintenance/maintenance-worker.module';
import { WorkerShutdownService } from './queue/worker-shutdown.service';

/** The worker process: queue processors and schedulers only, no HTTP; the queues named by WORKER_QUEUES, and maintenance. */
@Module({})
export class WorkerModule {
  static forRoot(options: ProcessOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot({ ...options, queueRole: 'worker', databaseClient: 'worker' }), DiscoveryModule, MaintenanceWorkerModule, ...workerFeatureModules(options.config.WORKER_QUEUES)],
      // Stops the queue workers before the rest on SIGTERM (src/worker.ts).
      providers: [WorkerShutdownService],
    };
  }
}
