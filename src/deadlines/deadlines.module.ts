import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegulatorDeadlineEntity } from './entities/regulator-deadline.entity';
import { RegulatorDeadlinesController } from './regulator-deadlines.controller';
import { RegulatorDeadlinesService } from './regulator-deadlines.service';

/** Regulator deadlines kept as milestones; inspections and notices call the service when they change. */
@Module({
  imports: [TypeOrmModule.forFeature([RegulatorDeadlineEntity])],
  controllers: [RegulatorDeadlinesController],
  providers: [RegulatorDeadlinesService],
  exports: [RegulatorDeadlinesService],
})
export class DeadlinesModule {}
