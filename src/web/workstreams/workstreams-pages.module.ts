import { Module } from '@nestjs/common';
import { PlansModule } from '../../plans/plans.module';
import { WorkstreamsModule } from '../../workstreams/workstreams.module';
import { AddWorkstreamPageController } from './add-workstream-page.controller';

/**
 * Web pages: a plan's workstreams (priorities, key outcomes), as the plan's board builds it: adding
 * one (`/plans/:planId/workstreams/new`). Controllers use `@WebController()`; templates live in
 * `views/workstreams/`.
 */
@Module({
  imports: [PlansModule, WorkstreamsModule],
  controllers: [AddWorkstreamPageController],
  providers: [],
})
export class WorkstreamPagesModule {}
