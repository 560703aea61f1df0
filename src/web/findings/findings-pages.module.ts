import { Module } from '@nestjs/common';
import { FindingsModule } from '../../findings/findings.module';
import { InspectionsModule } from '../../inspections/inspections.module';
import { NoticesModule } from '../../notices/notices.module';
import { PlansModule } from '../../plans/plans.module';
import { AddFindingPageController } from './add-finding-page.controller';
import { AddInspectionPageController } from './add-inspection-page.controller';
import { ChangeFindingPageController } from './change-finding-page.controller';
import { ChangeInspectionPageController } from './change-inspection-page.controller';
import { DeleteFindingPageController } from './delete-finding-page.controller';
import { DeleteInspectionPageController } from './delete-inspection-page.controller';

/**
 * Web pages: recording what the regulator found, as the plan's board builds it: adding an inspection
 * (`/plans/:planId/inspections/new`), changing it (`/inspections/:inspectionId/edit`) and deleting it
 * (`/inspections/:inspectionId/delete`), adding a finding of one (`/plans/:planId/findings/new`), changing a
 * finding (`/findings/:findingId/edit`) and deleting it (`/findings/:findingId/delete`).
 * Controllers use `@WebController()`; templates live in `views/findings/` (the delete page shares
 * `views/plan/delete-row.njk` with the notices' and workstreams').
 */
@Module({
  imports: [PlansModule, InspectionsModule, NoticesModule, FindingsModule],
  controllers: [AddInspectionPageController, ChangeInspectionPageController, DeleteInspectionPageController, AddFindingPageController, ChangeFindingPageController, DeleteFindingPageController],
  providers: [],
})
export class FindingPagesModule {}
