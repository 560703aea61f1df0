import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionEntity } from '../actions/entities/action.entity';
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
 * Actions and milestones are read (for access rules and links) through this feature's own repository.
 */
@Module({
  imports: [TypeOrmModule.forFeature([EvidenceEntity, EvidenceReviewEntity, ActionEntity, MilestoneEntity, UserEntity]), StorageModule],
  controllers: [ActionEvidenceController, EvidenceController],
  providers: [EvidenceService, EvidenceUploadService, EvidenceRepository, malwareScannerProvider],
})
export class EvidenceModule {}
