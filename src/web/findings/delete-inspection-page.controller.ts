import { Get, Param, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { InspectionsService } from '../../inspections/inspections.service';
import { PlansService } from '../../plans/plans.service';
import { managedPlanContext } from '../actions/managed-plan-context';
import { WebController } from '../common/auth/web.decorators';
import { INSPECTION_ROUTE } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { deleteFromPlan } from '../plan/delete-from-plan';
import { deleteInspectionPage } from './delete-inspection.view-model';

const VIEW = 'plan/delete-row';

/**
 * "Delete the inspection", as `DELETE /api/v1/inspections/:id` (audited; the regulator deadlines it
 * set go with it). While findings or notices belong to it the service refuses (409 HasDependents):
 * the page says so on opening, with no button, and a send that meets the refusal anyway answers 409
 * with the same page. The same rules as "Change the inspection": owners and scrutiny 403; an
 * inspection the user may not read 404; an owner of its plan on another plan's board 403; a closed
 * plan 409.
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class DeleteInspectionPageController {
  constructor(
    private readonly inspections: InspectionsService,
    private readonly plans: PlansService,
  ) {}

  private async render(res: Response, status: number, user: AuthUser, inspectionId: string): Promise<void> {
    const { planId, inspection } = await this.inspections.getInPlan(user, inspectionId);
    const ctx = await managedPlanContext(this.plans, user, planId);
    res.status(status).render(VIEW, deleteInspectionPage(ctx, inspection, await this.inspections.dependents(user, inspectionId)));
  }

  @Get(INSPECTION_ROUTE.delete)
  async page(@CurrentUser() user: AuthUser, @Param('inspectionId', UuidParam) inspectionId: string, @Res() res: Response): Promise<void> {
    await this.render(res, 200, user, inspectionId);
  }

  @Post(INSPECTION_ROUTE.delete)
  async delete(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('inspectionId', UuidParam) inspectionId: string): Promise<void> {
    const { planId, inspection } = await this.inspections.getInPlan(user, inspectionId);
    await managedPlanContext(this.plans, user, planId);
    await deleteFromPlan(req, res, {
      planId,
      remove: () => this.inspections.remove(user, inspectionId),
      refused: () => this.render(res, 409, user, inspectionId),
      deleted: `Inspection ‘${inspection.title}’ has been deleted`,
    });
  }
}
