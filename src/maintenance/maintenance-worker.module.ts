import { Module } from '@nestjs/common';
import { ImportsReconcilerModule } from '../imports/imports-reconciler.module';
import { PacksReconcilerModule } from '../packs/packs-reconciler.module';
import { RagReconcilerModule } from '../rag/rag-reconciler.module';
import { StorageModule } from '../storage/storage.module';
import { HeartbeatService } from './heartbeat.service';
import { MaintenanceProcessor } from './maintenance.processor';
import { MaintenanceScheduler } from './maintenance-scheduler';
import { OrphanSweeper } from './orphan-sweeper.service';
import { ReconcilerService } from './reconciler.service';
import { StoredKeysRepository } from './stored-keys.repository';

/** Worker side: the heartbeat, the reconciler that makes Redis agree with PostgreSQL (and catches up a lost nightly RAG run), and the orphan sweeper. */
@Module({
  imports: [PacksReconcilerModule, ImportsReconcilerModule, RagReconcilerModule, StorageModule],
  providers: [MaintenanceProcessor, MaintenanceScheduler, HeartbeatService, ReconcilerService, OrphanSweeper, StoredKeysRepository],
})
export class MaintenanceWorkerModule {}
