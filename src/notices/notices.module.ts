import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { InspectionsModule } from '../inspections/inspections.module';
import { NoticeStatusChangeEntity } from './entities/notice-status-change.entity';
import { NoticeEntity } from './entities/notice.entity';
import { NoticesController } from './notices.controller';
import { NoticesRepository } from './notices.repository';
import { NoticesService } from './notices.service';

/** Formal notices (Section 50, DfE improvement notice, ...) and their status history. */
@Module({
  imports: [TypeOrmModule.forFeature([NoticeEntity, NoticeStatusChangeEntity]), InspectionsModule, DeadlinesModule],
  controllers: [NoticesController],
  providers: [NoticesService, NoticesRepository],
  exports: [NoticesService],
})
export class NoticesModule {}
