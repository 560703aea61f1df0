import { Module } from '@nestjs/common';
import { RagCoreModule } from '../rag/rag-core.module';
import { StorageModule } from '../storage/storage.module';
import { PackGenerationService } from './jobs/pack-generation.service';
import { PackRenderThreadService } from './jobs/pack-render-thread.service';
import { PacksProcessor } from './jobs/packs.processor';
import { PacksReconcilerModule } from './packs-reconciler.module';
import { PackSourceLoader } from './source/pack-source.loader';
import { PackSourceRepository } from './source/pack-source.repository';

/**
 * Packs: worker side. The packs queue's processor and the service that builds a pack; RagCoreModule
 * provides the recompute that records a reporting date's snapshots when a pack needs them, and
 * PacksReconcilerModule the pack rows (PacksRepository) and the queue (PackJobsService).
 */
@Module({
  imports: [PacksReconcilerModule, RagCoreModule, StorageModule],
  providers: [PacksProcessor, PackGenerationService, PackRenderThreadService, PackSourceLoader, PackSourceRepository],
})
export class PacksWorkerModule {}
