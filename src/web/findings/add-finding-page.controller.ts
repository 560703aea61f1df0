import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { assertPlanOpen, PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { PlanId } from '../../common/auth/plan-route';
import type { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { CreateFindingDto } from '../../findings/dto/finding.dto';
import { FindingsService } from '../../findings/findings.service';
import { InspectionsService } from '../../inspections/inspections.service';
import { RegulatorsService } from '../../inspections/regulators.service';
import { NoticesService } from '../../notices/notices.service';
import { PlansService } from '../../plans/plans.service';
import type { PlanContext } from '../actions/action-forms.view-model';
import { addPageContext } from '../actions/managed-plan-context';
import { WebController } from '../common/auth/web.decorators';
import { asApiBody } from '../common/forms/api-body';
import type { FormErrors } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { PLAN_PAGE, planPaths } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { findingChoices } from './finding-choices';
import { addFindingPage, checkNewFinding, findingName, newFindingFor, newFindingServiceErrors, submittedNewFinding, type NewFindingChoices, type NewFindingValues } from './add-finding.view-model';

const VIEW = 'findings/add-finding';

/**
 * "Add a finding" to one of a plan's inspections: the plan's board members and administrators, as
 * `POST /api/v1/plans/:planId/findings` (the same `@Roles` on the plan in the path: owners and scrutiny
 * 403, a plan the user holds no role in 404; a closed plan 409). The body is checked by the API's own
 * DTO, then `FindingsService.create` writes it (inspection and notice of this plan, theme and score
 * against the regulator, a reference free within the inspection, audit).
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class AddFindingPageController {
  constructor(
    private readonly findings: FindingsService,
    private readonly inspections: InspectionsService,
    private readonly regulators: RegulatorsService,
    private readonly notices: NoticesService,
    private readonly plans: PlansService,
  ) {}

  private context(user: AuthUser, planId: string): Promise<{ ctx: PlanContext; choices: NewFindingChoices }> {
    return addPageContext(this.plans, user, planId, () => findingChoices({ inspections: this.inspections, regulators: this.regulators, notices: this.notices }, user, planId));
  }

  @Get(PLAN_PAGE.newFinding)
  async form(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query('inspection') inspection: unknown, @Res() res: Response): Promise<void> {
    const { ctx, choices } = await this.context(user, planId);
    res.render(VIEW, addFindingPage(ctx, choices, newFindingFor(choices, inspection)));
  }

  private async renderRefused(res: Response, user: AuthUser, planId: string, status: number, values: NewFindingValues, errors: FormErrors): Promise<void> {
    const { ctx, choices } = await this.context(user, planId);
    res.status(status).render(VIEW, addFindingPage(ctx, choices, values, errors));
  }

  @Post(PLAN_PAGE.newFinding)
  async add(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() body: unknown): Promise<void> {
    assertPlanOpen(user, { organisationId: user.organisationId, planId });
    const values = submittedNewFinding(body);
    const checked = checkNewFinding(values);
    if (!checked.body) return this.renderRefused(res, user, planId, 400, values, checked.errors);
    let created: { id: string; reference: string; title: string };
    try {
      created = await this.findings.create(user, planId, await asApiBody(CreateFindingDto, checked.body));
    } catch (err) {
      const errors = newFindingServiceErrors(err, values);
      if (!errors) throw err;
      return this.renderRefused(res, user, planId, (err as AppException).status, values, errors);
    }
    // To the top of the plan page, where the banner is (an anchor would scroll past it), with a link down to the finding.
    await redirectWithFlash(
      req,
      res,
      { kind: 'success', title: 'The finding has been added', text: findingName(created), link: { text: 'Go to the finding on this page', href: `#finding-${created.id}` } },
      planPaths(planId).plan,
    );
  }
}
