import { Module } from '@nestjs/common';
import { PlansModule } from '../../plans/plans.module';
import { NewPlanPageController } from './new-plan-page.controller';

/**
 * Web pages: the organisation's plans, as its administrators run them: starting a new plan
 * (`/plans/new`). Controllers use `@WebController()`; templates live in `views/plans-admin/`.
 * Imported before the plan's own pages, so `/plans/new` is this page and not a plan called 'new'.
 */
@Module({
  imports: [PlansModule],
  controllers: [NewPlanPageController],
  providers: [],
})
export class PlansAdminPagesModule {}
