import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RagTriggerModule } from '../rag/rag-trigger.module';
import { StorageModule } from '../storage/storage.module';
import { ImportMappingEntity } from './entities/import-mapping.entity';
import { ImportRunEntity } from './entities/import-run.entity';
import { ImportedActionEntity } from './entities/imported-action.entity';
import { ImportsRepository } from './imports.repository';
import { ImportProcessingService } from './jobs/import-processing.service';
import { ImportsProcessor } from './jobs/imports.processor';

/** The worker side: the imports queue's processor (preview and commit). */
@Module({
  imports: [TypeOrmModule.forFeature([ImportRunEntity, ImportMappingEntity, ImportedActionEntity]), StorageModule, RagTriggerModule],
  providers: [ImportsProcessor, ImportProcessingService, ImportsRepository],
})
export class ImportsWorkerModule {}
