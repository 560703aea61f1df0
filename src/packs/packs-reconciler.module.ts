import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PackFileEntity } from './entities/pack-file.entity';
import { PackEntity } from './entities/pack.entity';
import { PackJobsService } from './jobs/pack-jobs.service';
import { PackReconciler } from './jobs/pack-reconciler.service';
import { PacksRepository } from './packs.repository';

/**
 * Packs: what the worker's maintenance needs of them (the reconciler that re-queues lost pack jobs
 * and ends dead ones), without the renderers. Every worker runs maintenance; only those that run the
 * packs queue load PacksWorkerModule, whose renderers (PDFKit, docx, exceljs, echarts and the
 * render thread) hold about 40 MB.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PackEntity, PackFileEntity])],
  providers: [PacksRepository, PackJobsService, PackReconciler],
  exports: [PacksRepository, PackJobsService, PackReconciler],
})
export class PacksReconcilerModule {}
