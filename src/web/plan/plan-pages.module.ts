import { Module } from '@nestjs/common';
import { ActionsModule } from '../../actions/actions.module';
import { FindingsModule } from '../../findings/findings.module';
import { InspectionsModule } from '../../inspections/inspections.module';
import { MeetingsModule } from '../../meetings/meetings.module';
import { NoticesModule } from '../../notices/notices.module';
import { PlansModule } from '../../plans/plans.module';
import { WorkstreamsModule } from '../../workstreams/workstreams.module';
import { PlanOutlineRepository } from './plan-outline.repository';
import { PlanPagesController } from './plan-pages.controller';

/**
 * Web pages: The plan: inspections and notices, their findings, the actions answering each; the actions list (filters, sort, search) and "My actions".
 * Controllers use `@WebController()`; templates live in `views/plan/`.
 */
@Module({
  imports: [PlansModule, ActionsModule, InspectionsModule, NoticesModule, FindingsModule, WorkstreamsModule, MeetingsModule],
  controllers: [PlanPagesController],
  providers: [PlanOutlineRepository],
})
export class PlanPagesModule {}
