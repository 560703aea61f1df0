import { Body, Get, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { assertPlanOpen, PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { PlanId } from '../../common/auth/plan-route';
import type { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { CreateInspectionDto } from '../../inspections/dto/inspection.dto';
import { InspectionsService } from '../../inspections/inspections.service';
import { RegulatorsService } from '../../inspections/regulators.service';
import { PlansService } from '../../plans/plans.service';
import { addPageContext } from '../actions/managed-plan-context';
import { WebController } from '../common/auth/web.decorators';
import { asApiBody } from '../common/forms/api-body';
import type { FormErrors } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { PLAN_PAGE, planPaths } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { addInspectionPage, checkNewInspection, newInspectionServiceErrors, submittedNewInspection, type NewInspectionValues } from './add-inspection.view-model';
import { inspectionChoices } from './inspection-choices';

const VIEW = 'findings/add-inspection';

/**
 * "Add an inspection" to a plan: the plan's board members and administrators, as `POST
 * /api/v1/plans/:planId/inspections` (the same `@Roles` on the plan in the path: owners and scrutiny
 * 403, a plan the user holds no role in 404; a closed plan 409). The body is checked by the API's own
 * DTO, then `InspectionsService.create` writes it (the kind and judgement against the regulator, the
 * regulator's deadlines as milestones, audit) in one transaction.
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class AddInspectionPageController {
  constructor(
    private readonly inspections: InspectionsService,
    private readonly regulators: RegulatorsService,
    private readonly plans: PlansService,
  ) {}

  private async renderForm(res: Response, user: AuthUser, planId: string, status: number, values?: NewInspectionValues, errors?: FormErrors): Promise<void> {
    const { ctx, choices } = await addPageContext(this.plans, user, planId, () => inspectionChoices(this.regulators, user));
    res.status(status).render(VIEW, addInspectionPage(ctx, choices, values, errors));
  }

  @Get(PLAN_PAGE.newInspection)
  async form(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Res() res: Response): Promise<void> {
    await this.renderForm(res, user, planId, 200);
  }

  @Post(PLAN_PAGE.newInspection)
  async add(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() body: unknown): Promise<void> {
    assertPlanOpen(user, { organisationId: user.organisationId, planId });
    const values = submittedNewInspection(body);
    const checked = checkNewInspection(values);
    if (!checked.body) return this.renderForm(res, user, planId, 400, values, checked.errors);
    let created: { id: string; title: string };
    try {
      created = await this.inspections.create(user, planId, await asApiBody(CreateInspectionDto, checked.body));
    } catch (err) {
      const errors = newInspectionServiceErrors(err);
      if (!errors) throw err;
      return this.renderForm(res, user, planId, (err as AppException).status, values, errors);
    }
    // To the top of the plan page, where the banner is (an anchor would scroll past it), with a link down to the inspection.
    await redirectWithFlash(
      req,
      res,
      { kind: 'success', title: 'The inspection has been added', text: created.title, link: { text: 'Go to the inspection on this page', href: `#inspection-${created.id}` } },
      planPaths(planId).plan,
    );
  }
}
