import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StorageModule } from '../storage/storage.module';
import { ImportMappingEntity } from './entities/import-mapping.entity';
import { ImportRunEntity } from './entities/import-run.entity';
import { ImportedActionEntity } from './entities/imported-action.entity';
import { ImportsController, PlanImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';
import { ImportJobsService } from './jobs/import-jobs.service';

/** The API side of importing a tracker (the web pages use ImportsService too). */
@Module({
  imports: [TypeOrmModule.forFeature([ImportRunEntity, ImportMappingEntity, ImportedActionEntity]), StorageModule],
  controllers: [PlanImportsController, ImportsController],
  providers: [ImportsService, ImportsRepository, ImportJobsService],
  exports: [ImportsService],
})
export class ImportsModule {}
