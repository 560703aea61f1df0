import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingsModule } from '../meetings/meetings.module';
import { PlansModule } from '../plans/plans.module';
import { StorageModule } from '../storage/storage.module';
import { PackFileEntity } from './entities/pack-file.entity';
import { PackEntity } from './entities/pack.entity';
import { PackJobsService } from './jobs/pack-jobs.service';
import { PacksController } from './packs.controller';
import { PacksRepository } from './packs.repository';
import { PacksService } from './packs.service';

/**
 * Packs: HTTP API side. Requests a pack (a row and a job on the packs queue, answered 202), lists,
 * shows, downloads and publishes. Nothing here renders: the worker (PacksWorkerModule) builds packs.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PackEntity, PackFileEntity]), PlansModule, MeetingsModule, StorageModule],
  controllers: [PacksController],
  providers: [PacksService, PacksRepository, PackJobsService],
  exports: [PacksService],
})
export class PacksModule {}
