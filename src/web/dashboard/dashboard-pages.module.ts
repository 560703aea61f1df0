import { Module } from '@nestjs/common';
import { ActionsModule } from '../../actions/actions.module';
import { MeetingsModule } from '../../meetings/meetings.module';
import { PlansModule } from '../../plans/plans.module';
import { RagModule } from '../../rag/rag.module';
import { PlanDashboardController } from './plan-dashboard.controller';

/**
 * Web pages: The plan dashboard: colour counts, trend with its data table, exceptions, overdue milestones, evidence waiting, next meetings.
 * Controllers use `@WebController()`; templates live in `views/dashboard/`.
 */
@Module({
  imports: [PlansModule, RagModule, ActionsModule, MeetingsModule],
  controllers: [PlanDashboardController],
  providers: [],
})
export class DashboardPagesModule {}
