import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule, CoreOptions } from './core/core.module';
import { WORKER_FEATURE_MODULES } from './feature-modules';
import { MaintenanceWorkerModule } from './maintenance/maintenance-worker.module';

/** The worker process: queue processors and schedulers only, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(options: CoreOptions): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot({ ...options, queueRole: 'worker' }), MaintenanceWorkerModule, ...WORKER_FEATURE_MODULES] };
  }
}
