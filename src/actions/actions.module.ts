import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { ActionAccess } from './action-access.service';
import { ActionsController } from './actions.controller';
import { ActionsRepository } from './actions.repository';
import { ActionsService } from './actions.service';
import { ActionFindingEntity } from './entities/action-finding.entity';
import { ActionEntity } from './entities/action.entity';
import { MilestoneEntity } from './entities/milestone.entity';
import { ProgressUpdateEntity } from './entities/progress-update.entity';
import { MilestonesController } from './milestones.controller';
import { MilestonesRepository } from './milestones.repository';
import { MilestonesService } from './milestones.service';
import { ProgressUpdatesController } from './progress-updates.controller';
import { ProgressUpdatesRepository } from './progress-updates.repository';
import { ProgressUpdatesService } from './progress-updates.service';

/**
 * Actions, their milestones and progress updates. Exports `ActionAccess` (find an action for a
 * user, 404 across organisations and for scrutiny; assert they may contribute) and `ActionsService`
 * for the features that hang things off actions (evidence, RAG overrides).
 */
@Module({
  imports: [TypeOrmModule.forFeature([ActionEntity, ActionFindingEntity, MilestoneEntity, ProgressUpdateEntity]), UsersModule],
  controllers: [ActionsController, MilestonesController, ProgressUpdatesController],
  providers: [ActionsRepository, MilestonesRepository, ProgressUpdatesRepository, ActionAccess, ActionsService, MilestonesService, ProgressUpdatesService],
  exports: [ActionAccess, ActionsService, ActionsRepository, MilestonesRepository],
})
export class ActionsModule {}
