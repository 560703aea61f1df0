import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionsModule } from '../actions/actions.module';
import { MilestoneEntity } from '../actions/entities/milestone.entity';
import { StorageModule } from '../storage/storage.module';
import { UserEntity } from '../users/entities/user.entity';
import { ActionEvidenceController } from './action-evidence.controller';
import { EvidenceReviewEntity } from './entities/evidence-review.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceUploadService } from './evidence-upload.service';
import { EvidenceController } from './evidence.controller';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';
import { malwareScannerProvider } from './scanning/malware-scanner.factory';

/**
 * Evidence: uploads (streamed to local disk or S3), reads and downloads, review and withdrawal.
 * The action is loaded for the access policy by the actions feature (`ActionsRepository.findAccessScope`);
 * milestone links and people's names are read through this feature's own repository.
 */
@Module({
  imports: [TypeOrmModule.forFeature([EvidenceEntity, EvidenceReviewEntity, MilestoneEntity, UserEntity]), ActionsModule, StorageModule],
  controllers: [ActionEvidenceController, EvidenceController],
  providers: [EvidenceService, EvidenceUploadService, EvidenceRepository, malwareScannerProvider],
  exports: [EvidenceService, EvidenceUploadService],
})
export class EvidenceModule {}
