import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkstreamEntity } from './entities/workstream.entity';
import { WorkstreamsController } from './workstreams.controller';
import { WorkstreamsRepository } from './workstreams.repository';
import { WorkstreamsService } from './workstreams.service';

/** The plan's priorities / key outcomes, which group its actions. */
@Module({
  imports: [TypeOrmModule.forFeature([WorkstreamEntity])],
  controllers: [WorkstreamsController],
  providers: [WorkstreamsService, WorkstreamsRepository],
  exports: [WorkstreamsService],
})
export class WorkstreamsModule {}
