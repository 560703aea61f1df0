import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ImportMappingEntity } from './entities/import-mapping.entity';
import { ImportRunEntity } from './entities/import-run.entity';
import { ImportsRepository } from './imports.repository';
import { ImportJobsService } from './jobs/import-jobs.service';
import { ImportReconciler } from './jobs/import-reconciler.service';

/** Imports: what the worker's maintenance needs of them (the reconciler of runs whose job was lost). */
@Module({
  imports: [TypeOrmModule.forFeature([ImportRunEntity, ImportMappingEntity])],
  providers: [ImportsRepository, ImportJobsService, ImportReconciler],
  exports: [ImportReconciler],
})
export class ImportsReconcilerModule {}
