import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReportWordingEntity } from './entities/report-wording.entity';
import { ReportWordingController } from './report-wording.controller';
import { ReportWordingRepository } from './report-wording.repository';
import { ReportWordingService } from './report-wording.service';

/** The organisation's wording of its scrutiny committee reports (the packs read the table directly). */
@Module({
  imports: [TypeOrmModule.forFeature([ReportWordingEntity])],
  controllers: [ReportWordingController],
  providers: [ReportWordingService, ReportWordingRepository],
  exports: [ReportWordingService],
})
export class ReportWordingModule {}
