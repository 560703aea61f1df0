import { Get, Param, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { FindingsService } from '../../findings/findings.service';
import { PlansService } from '../../plans/plans.service';
import { managedPlanContext } from '../actions/managed-plan-context';
import { WebController } from '../common/auth/web.decorators';
import { FINDING_ROUTE } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { deleteFromPlan } from '../plan/delete-from-plan';
import { deleteFindingPage } from './delete-finding.view-model';

const VIEW = 'plan/delete-row';

/**
 * "Delete the finding", as `DELETE /api/v1/findings/:id` (audited). While actions answer it the
 * service refuses: the page says so on opening, with no button, and a send that meets the refusal
 * anyway answers 409 with the same page. The same rules as "Change the finding": owners and scrutiny
 * 403; a finding the user may not read 404; an owner of its plan on another plan's board 403; a
 * closed plan 409.
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class DeleteFindingPageController {
  constructor(
    private readonly findings: FindingsService,
    private readonly plans: PlansService,
  ) {}

  private async render(res: Response, status: number, user: AuthUser, findingId: string): Promise<void> {
    const { planId, finding } = await this.findings.getInPlan(user, findingId);
    const ctx = await managedPlanContext(this.plans, user, planId);
    res.status(status).render(VIEW, deleteFindingPage(ctx, finding, await this.findings.dependents(user, findingId)));
  }

  @Get(FINDING_ROUTE.delete)
  async page(@CurrentUser() user: AuthUser, @Param('findingId', UuidParam) findingId: string, @Res() res: Response): Promise<void> {
    await this.render(res, 200, user, findingId);
  }

  @Post(FINDING_ROUTE.delete)
  async delete(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('findingId', UuidParam) findingId: string): Promise<void> {
    const { planId, finding } = await this.findings.getInPlan(user, findingId);
    await managedPlanContext(this.plans, user, planId);
    await deleteFromPlan(req, res, { planId, remove: () => this.findings.remove(user, findingId), refused: () => this.render(res, 409, user, findingId), deleted: `Finding ‘${finding.reference}’ has been deleted` });
  }
}
