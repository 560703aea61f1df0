import { Body, Get, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { assertPlanOpen, PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { PlanId } from '../../common/auth/plan-route';
import type { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { PlansService } from '../../plans/plans.service';
import { CreateWorkstreamDto, WorkstreamQueryDto } from '../../workstreams/dto/workstream.dto';
import { WorkstreamsService } from '../../workstreams/workstreams.service';
import { addPageContext } from '../actions/managed-plan-context';
import { allPages } from '../common/all-pages';
import { WebController } from '../common/auth/web.decorators';
import { asApiBody } from '../common/forms/api-body';
import type { FormErrors } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { PLAN_PAGE, planPaths } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { addWorkstreamPage, checkNewWorkstream, newWorkstreamServiceErrors, submittedNewWorkstream, type NewWorkstreamValues } from './add-workstream.view-model';

const VIEW = 'workstreams/add-workstream';

/**
 * "Add a workstream" (a priority, a key outcome) to a plan: the plan's board members and
 * administrators, as `POST /api/v1/plans/:planId/workstreams` (the same `@Roles` on the plan in the
 * path: owners and scrutiny 403, a plan the user holds no role in 404; a closed plan 409). The body is
 * checked by the API's own DTO, then `WorkstreamsService.create` writes it (a code free in the plan,
 * its place after the last one unless given, audit).
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class AddWorkstreamPageController {
  constructor(
    private readonly workstreams: WorkstreamsService,
    private readonly plans: PlansService,
  ) {}

  private async renderForm(res: Response, user: AuthUser, planId: string, status: number, values?: NewWorkstreamValues, errors?: FormErrors): Promise<void> {
    const { ctx, choices: existing } = await addPageContext(this.plans, user, planId, () => allPages(() => new WorkstreamQueryDto(), (q) => this.workstreams.list(user, planId, q)));
    res.status(status).render(VIEW, addWorkstreamPage(ctx, existing, values, errors));
  }

  @Get(PLAN_PAGE.newWorkstream)
  async form(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Res() res: Response): Promise<void> {
    await this.renderForm(res, user, planId, 200);
  }

  @Post(PLAN_PAGE.newWorkstream)
  async add(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() body: unknown): Promise<void> {
    assertPlanOpen(user, { organisationId: user.organisationId, planId });
    const values = submittedNewWorkstream(body);
    const checked = checkNewWorkstream(values);
    if (!checked.body) return this.renderForm(res, user, planId, 400, values, checked.errors);
    let created: { id: string; code: string; title: string };
    try {
      created = await this.workstreams.create(user, planId, await asApiBody(CreateWorkstreamDto, checked.body));
    } catch (err) {
      const errors = newWorkstreamServiceErrors(err);
      if (!errors) throw err;
      return this.renderForm(res, user, planId, (err as AppException).status, values, errors);
    }
    // To the top of the plan page, where the banner is (an anchor would scroll past it), with a link down to the workstream.
    await redirectWithFlash(
      req,
      res,
      { kind: 'success', title: 'The workstream has been added', text: `${created.code}: ${created.title}`, link: { text: 'Go to the workstream on this page', href: `#workstream-${created.id}` } },
      planPaths(planId).plan,
    );
  }
}
