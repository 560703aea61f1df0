import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
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
 * Actions, their milestones and progress updates. Exports `ActionsRepository`, whose
 * `findAccessScope` is how the features that hang things off actions (evidence, RAG overrides and
 * history) load an action for the access policy (`common/auth/access-policy.ts`).
 */
@Module({
  imports: [TypeOrmModule.forFeature([ActionEntity, ActionFindingEntity, MilestoneEntity, ProgressUpdateEntity]), UsersModule],
  controllers: [ActionsController, MilestonesController, ProgressUpdatesController],
  providers: [ActionsRepository, MilestonesRepository, ProgressUpdatesRepository, ActionsService, MilestonesService, ProgressUpdatesService],
  // ActionsService: the web pages list the plan's actions with the API's own query.
  exports: [ActionsRepository, ActionsService, MilestonesService, ProgressUpdatesService],
})
export class ActionsModule {}
