import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InspectionsModule } from '../inspections/inspections.module';
import { NoticesModule } from '../notices/notices.module';
import { FindingEntity } from './entities/finding.entity';
import { FindingsController } from './findings.controller';
import { FindingsRepository } from './findings.repository';
import { FindingsService } from './findings.service';

/** What the regulator found, each under its inspection (and notice, if any). */
@Module({
  imports: [TypeOrmModule.forFeature([FindingEntity]), InspectionsModule, NoticesModule],
  controllers: [FindingsController],
  providers: [FindingsService, FindingsRepository],
  exports: [FindingsService],
})
export class FindingsModule {}
