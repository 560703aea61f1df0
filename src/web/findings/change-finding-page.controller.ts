import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import type { FindingDto } from '../../findings/dto/finding.dto';
import { UpdateFindingDto } from '../../findings/dto/finding.dto';
import { FindingsService } from '../../findings/findings.service';
import { InspectionsService } from '../../inspections/inspections.service';
import { RegulatorsService } from '../../inspections/regulators.service';
import { NoticesService } from '../../notices/notices.service';
import { PlansService } from '../../plans/plans.service';
import type { PlanContext } from '../actions/action-forms.view-model';
import { managedPlanContext } from '../actions/managed-plan-context';
import { WebController } from '../common/auth/web.decorators';
import { asApiBody } from '../common/forms/api-body';
import { formVersion, isStaleVersion, type FormErrors } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { FINDING_ROUTE, planPaths } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { findingName, newFindingServiceErrors, submittedNewFinding, type NewFindingChoices, type NewFindingValues } from './add-finding.view-model';
import { changeFindingPage, checkFindingChange, STALE_FINDING_ERROR } from './change-finding.view-model';
import { findingChoices } from './finding-choices';

const VIEW = 'findings/change-finding';

interface Loaded {
  ctx: PlanContext;
  choices: NewFindingChoices;
  finding: FindingDto;
}

/**
 * "Change the finding": its inspection, notice (or none: how a notice is emptied before it is
 * deleted), reference, title, text, type, theme and score, as `PATCH /api/v1/findings/:id` with its
 * version check: a form gone stale answers 409 with what the finding says now. The same rules as the
 * notice's change page: owners and scrutiny 403 (the `@Roles` of `PATCH /findings/:id`); a finding
 * the user may not read 404; an owner of the finding's plan on another plan's board 403
 * (assertPlanManager); a closed plan 409.
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class ChangeFindingPageController {
  constructor(
    private readonly findings: FindingsService,
    private readonly inspections: InspectionsService,
    private readonly regulators: RegulatorsService,
    private readonly notices: NoticesService,
    private readonly plans: PlansService,
  ) {}

  private async load(user: AuthUser, findingId: string): Promise<Loaded> {
    const { planId, finding } = await this.findings.getInPlan(user, findingId);
    const ctx = await managedPlanContext(this.plans, user, planId);
    const choices = await findingChoices({ inspections: this.inspections, regulators: this.regulators, notices: this.notices }, user, planId);
    return { ctx, choices, finding };
  }

  private render(res: Response, status: number, { ctx, choices, finding }: Loaded, values?: NewFindingValues, errors?: FormErrors): void {
    res.status(status).render(VIEW, changeFindingPage(ctx, choices, finding, values, errors));
  }

  @Get(FINDING_ROUTE.edit)
  async form(@CurrentUser() user: AuthUser, @Param('findingId', UuidParam) findingId: string, @Res() res: Response): Promise<void> {
    this.render(res, 200, await this.load(user, findingId));
  }

  @Post(FINDING_ROUTE.edit)
  async change(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('findingId', UuidParam) findingId: string, @Body() body: unknown): Promise<void> {
    const loaded = await this.load(user, findingId);
    const values = submittedNewFinding(body);
    const version = formVersion(body);
    // Someone saved since the form was made: the form shows what the finding says now.
    if (version !== loaded.finding.version) return this.render(res, 409, loaded, values, [STALE_FINDING_ERROR]);
    const checked = checkFindingChange(values);
    if (!checked.body) return this.render(res, 400, loaded, values, checked.errors);
    let changed: FindingDto;
    try {
      changed = await this.findings.update(user, findingId, await asApiBody(UpdateFindingDto, { ...checked.body, version }));
    } catch (err) {
      if (isStaleVersion(err)) return this.render(res, 409, await this.load(user, findingId), values, [STALE_FINDING_ERROR]);
      const errors = newFindingServiceErrors(err, values);
      if (!errors) throw err;
      return this.render(res, (err as AppException).status, loaded, values, errors);
    }
    // To the top of the plan page, where the banner is, with a link down to the finding.
    await redirectWithFlash(
      req,
      res,
      { kind: 'success', title: 'The finding has been changed', text: findingName(changed), link: { text: 'Go to the finding on this page', href: `#finding-${changed.id}` } },
      planPaths(loaded.ctx.plan.id).plan,
    );
  }
}
