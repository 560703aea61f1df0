import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteesController } from './committees.controller';
import { CommitteesService } from './committees.service';
import { CommitteeEntity } from './entities/committee.entity';
import { MeetingEntity } from './entities/meeting.entity';
import { MeetingsController } from './meetings.controller';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';

/** The plan's committees and their meeting calendar (papers deadlines, the packs' "next meeting"). */
@Module({
  imports: [TypeOrmModule.forFeature([CommitteeEntity, MeetingEntity])],
  controllers: [CommitteesController, MeetingsController],
  providers: [CommitteesService, MeetingsService, MeetingsRepository],
  exports: [MeetingsRepository, CommitteesService, MeetingsService],
})
export class MeetingsModule {}
