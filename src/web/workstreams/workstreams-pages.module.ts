import { Module } from '@nestjs/common';
import { PlansModule } from '../../plans/plans.module';
import { WorkstreamsModule } from '../../workstreams/workstreams.module';
import { AddWorkstreamPageController } from './add-workstream-page.controller';
import { ChangeWorkstreamPageController } from './change-workstream-page.controller';
import { DeleteWorkstreamPageController } from './delete-workstream-page.controller';

/**
 * Web pages: a plan's workstreams (priorities, key outcomes), as the plan's board builds it: adding
 * one (`/plans/:planId/workstreams/new`), changing one (`/workstreams/:workstreamId/edit`) and
 * deleting one (`/workstreams/:workstreamId/delete`). Controllers use `@WebController()`; templates
 * live in `views/workstreams/` (the delete page shares `views/plan/delete-row.njk` with the notices').
 */
@Module({
  imports: [PlansModule, WorkstreamsModule],
  controllers: [AddWorkstreamPageController, ChangeWorkstreamPageController, DeleteWorkstreamPageController],
  providers: [],
})
export class WorkstreamPagesModule {}
