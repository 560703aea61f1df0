import { Body, Get, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { CreatePlanDto, type PlanDto } from '../../plans/dto/plan.dto';
import { PlansService } from '../../plans/plans.service';
import { CurrentUserView } from '../common/auth/current-user-view.decorator';
import { WebController } from '../common/auth/web.decorators';
import { asApiBody } from '../common/forms/api-body';
import type { FormErrors } from '../common/forms/form-errors';
import type { CurrentUserView as CurrentUserViewModel } from '../common/session/session-data';
import { redirectWithFlash } from '../common/session/flash';
import { planPaths, WEB_PATHS } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { checkNewPlan, newPlanPage, newPlanServiceErrors, planStartedFlash, submittedNewPlan, type NewPlanValues } from './new-plan.view-model';

const VIEW = 'plans-admin/new-plan';

/**
 * "Start a new plan": the organisation's administrators, as `POST /api/v1/plans` (the same
 * `@Roles('admin')`: everyone else 403). The body is checked by the API's own DTO, then
 * `PlansService.create` writes the plan and its audit line in one transaction. The new plan opens on
 * its plan page, whose banner says what comes next: people's roles in it, and its inspection.
 */
@WebController()
@Roles('admin')
export class NewPlanPageController {
  constructor(private readonly plans: PlansService) {}

  private renderForm(res: Response, signedIn: CurrentUserViewModel, status: number, values?: NewPlanValues, errors?: FormErrors): void {
    res.status(status).render(VIEW, newPlanPage(signedIn.organisationName, values, errors));
  }

  @Get(WEB_PATHS.newPlan)
  form(@CurrentUserView() signedIn: CurrentUserViewModel, @Res() res: Response): void {
    this.renderForm(res, signedIn, 200);
  }

  @Post(WEB_PATHS.newPlan)
  async start(
    @Req() req: WebRequest,
    @Res() res: Response,
    @CurrentUser() user: AuthUser,
    @CurrentUserView() signedIn: CurrentUserViewModel,
    @Body() body: unknown,
  ): Promise<void> {
    const values = submittedNewPlan(body);
    const checked = checkNewPlan(values);
    if (!checked.body) return this.renderForm(res, signedIn, 400, values, checked.errors);
    let created: PlanDto;
    try {
      created = await this.plans.create(user, await asApiBody(CreatePlanDto, checked.body));
    } catch (err) {
      const errors = newPlanServiceErrors(err);
      if (!errors) throw err;
      return this.renderForm(res, signedIn, (err as AppException).status, values, errors);
    }
    // The plan page, where an administrator goes on (its intro links 'Add an inspection').
    await redirectWithFlash(req, res, planStartedFlash(created), planPaths(created.id).plan);
  }
}
