import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule, CoreOptions } from './core/core.module';
import { workerFeatureModules } from './feature-modules';
import { MaintenanceWorkerModule } from './maintenance/maintenance-worker.module';

/** The worker process: queue processors and schedulers only, no HTTP; the queues named by WORKER_QUEUES, and maintenance. */
@Module({})
export class WorkerModule {
  static forRoot(options: CoreOptions): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot({ ...options, queueRole: 'worker' }), MaintenanceWorkerModule, ...workerFeatureModules(options.config.WORKER_QUEUES)] };
  }
}
