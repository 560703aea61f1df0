import { Module } from '@nestjs/common';
import { FindingsModule } from '../../findings/findings.module';
import { InspectionsModule } from '../../inspections/inspections.module';
import { NoticesModule } from '../../notices/notices.module';
import { PlansModule } from '../../plans/plans.module';
import { AddFindingPageController } from './add-finding-page.controller';
import { AddInspectionPageController } from './add-inspection-page.controller';

/**
 * Web pages: recording what the regulator found, as the plan's board builds it: adding an inspection
 * (`/plans/:planId/inspections/new`) and a finding of one (`/plans/:planId/findings/new`).
 * Controllers use `@WebController()`; templates live in `views/findings/`.
 */
@Module({
  imports: [PlansModule, InspectionsModule, NoticesModule, FindingsModule],
  controllers: [AddInspectionPageController, AddFindingPageController],
  providers: [],
})
export class FindingPagesModule {}
