import { Get, Param, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { PlansService } from '../../plans/plans.service';
import { WorkstreamsService } from '../../workstreams/workstreams.service';
import { managedPlanContext } from '../actions/managed-plan-context';
import { WebController } from '../common/auth/web.decorators';
import { WORKSTREAM_ROUTE } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { deleteFromPlan } from '../plan/delete-from-plan';
import { deleteWorkstreamPage, workstreamName } from './delete-workstream.view-model';

const VIEW = 'plan/delete-row';

/**
 * "Delete the workstream", as `DELETE /api/v1/workstreams/:id` (audited). While actions are in it
 * the service refuses: the page says so on opening, with no button, and a send that meets the
 * refusal anyway answers 409 with the same page. The same rules as "Change the workstream": owners
 * and scrutiny 403; a workstream the user may not read 404; an owner of its plan on another plan's
 * board 403; a closed plan 409.
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class DeleteWorkstreamPageController {
  constructor(
    private readonly workstreams: WorkstreamsService,
    private readonly plans: PlansService,
  ) {}

  private async render(res: Response, status: number, user: AuthUser, workstreamId: string): Promise<void> {
    const { planId, workstream } = await this.workstreams.getInPlan(user, workstreamId);
    const ctx = await managedPlanContext(this.plans, user, planId);
    res.status(status).render(VIEW, deleteWorkstreamPage(ctx, workstream, await this.workstreams.dependents(user, workstreamId)));
  }

  @Get(WORKSTREAM_ROUTE.delete)
  async page(@CurrentUser() user: AuthUser, @Param('workstreamId', UuidParam) workstreamId: string, @Res() res: Response): Promise<void> {
    await this.render(res, 200, user, workstreamId);
  }

  @Post(WORKSTREAM_ROUTE.delete)
  async delete(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('workstreamId', UuidParam) workstreamId: string): Promise<void> {
    const { planId, workstream } = await this.workstreams.getInPlan(user, workstreamId);
    await managedPlanContext(this.plans, user, planId);
    await deleteFromPlan(req, res, { planId, remove: () => this.workstreams.remove(user, workstreamId), refused: () => this.render(res, 409, user, workstreamId), deleted: `Workstream ‘${workstreamName(workstream)}’ has been deleted` });
  }
}
