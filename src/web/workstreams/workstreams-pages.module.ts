import { Module } from '@nestjs/common';
import { PlansModule } from '../../plans/plans.module';
import { WorkstreamsModule } from '../../workstreams/workstreams.module';
import { AddWorkstreamPageController } from './add-workstream-page.controller';
import { ChangeWorkstreamPageController } from './change-workstream-page.controller';

/**
 * Web pages: a plan's workstreams (priorities, key outcomes), as the plan's board builds it: adding
 * one (`/plans/:planId/workstreams/new`) and changing one
 * (`/workstreams/:workstreamId/edit`). Controllers use `@WebController()`; templates live in
 * `views/workstreams/`.
 */
@Module({
  imports: [PlansModule, WorkstreamsModule],
  controllers: [AddWorkstreamPageController, ChangeWorkstreamPageController],
  providers: [],
})
export class WorkstreamPagesModule {}
