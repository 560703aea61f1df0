import { Module } from '@nestjs/common';
import { PacksWorkerModule } from '../packs/packs-worker.module';
import { HeartbeatService } from './heartbeat.service';
import { MaintenanceProcessor } from './maintenance.processor';
import { MaintenanceScheduler } from './maintenance-scheduler';
import { ReconcilerService } from './reconciler.service';

/** Worker side: the heartbeat and the reconciler that makes Redis agree with PostgreSQL. */
@Module({
  imports: [PacksWorkerModule],
  providers: [MaintenanceProcessor, MaintenanceScheduler, HeartbeatService, ReconcilerService],
})
export class MaintenanceWorkerModule {}
