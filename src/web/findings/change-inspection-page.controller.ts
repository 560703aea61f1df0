import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import type { InspectionDto } from '../../inspections/dto/inspection.dto';
import { UpdateInspectionDto } from '../../inspections/dto/inspection.dto';
import { InspectionsService } from '../../inspections/inspections.service';
import { RegulatorsService } from '../../inspections/regulators.service';
import { PlansService } from '../../plans/plans.service';
import type { PlanContext } from '../actions/action-forms.view-model';
import { managedPlanContext } from '../actions/managed-plan-context';
import { WebController } from '../common/auth/web.decorators';
import { asApiBody } from '../common/forms/api-body';
import { formVersion, isStaleVersion, type FormErrors } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { INSPECTION_ROUTE, planPaths } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { newInspectionServiceErrors, submittedNewInspection, type NewInspectionChoices, type NewInspectionValues } from './add-inspection.view-model';
import { changeInspectionPage, checkInspectionChange, STALE_INSPECTION_ERROR } from './change-inspection.view-model';
import { inspectionChoices } from './inspection-choices';

const VIEW = 'findings/change-inspection';

interface Loaded {
  ctx: PlanContext;
  choices: NewInspectionChoices;
  inspection: InspectionDto;
}

/**
 * "Change the inspection": its regulator, kind, title, dates, report and overall judgement, as
 * `PATCH /api/v1/inspections/:id` with its version check: a form gone stale answers 409 with what
 * the inspection says now. The same rules as the finding's change page: owners and scrutiny 403 (the
 * `@Roles` of `PATCH /inspections/:id`); an inspection the user may not read 404; an owner of its
 * plan on another plan's board 403 (assertPlanManager); a closed plan 409.
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class ChangeInspectionPageController {
  constructor(
    private readonly inspections: InspectionsService,
    private readonly regulators: RegulatorsService,
    private readonly plans: PlansService,
  ) {}

  private async load(user: AuthUser, inspectionId: string): Promise<Loaded> {
    const { planId, inspection } = await this.inspections.getInPlan(user, inspectionId);
    const ctx = await managedPlanContext(this.plans, user, planId);
    return { ctx, choices: await inspectionChoices(this.regulators, user), inspection };
  }

  private render(res: Response, status: number, { ctx, choices, inspection }: Loaded, values?: NewInspectionValues, errors?: FormErrors): void {
    res.status(status).render(VIEW, changeInspectionPage(ctx, choices, inspection, values, errors));
  }

  @Get(INSPECTION_ROUTE.edit)
  async form(@CurrentUser() user: AuthUser, @Param('inspectionId', UuidParam) inspectionId: string, @Res() res: Response): Promise<void> {
    this.render(res, 200, await this.load(user, inspectionId));
  }

  @Post(INSPECTION_ROUTE.edit)
  async change(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('inspectionId', UuidParam) inspectionId: string, @Body() body: unknown): Promise<void> {
    const loaded = await this.load(user, inspectionId);
    const values = submittedNewInspection(body);
    const version = formVersion(body);
    // Someone saved since the form was made: the form shows what the inspection says now.
    if (version !== loaded.inspection.version) return this.render(res, 409, loaded, values, [STALE_INSPECTION_ERROR]);
    const checked = checkInspectionChange(values);
    if (!checked.body) return this.render(res, 400, loaded, values, checked.errors);
    let changed: InspectionDto;
    try {
      changed = await this.inspections.update(user, inspectionId, await asApiBody(UpdateInspectionDto, { ...checked.body, version }));
    } catch (err) {
      if (isStaleVersion(err)) return this.render(res, 409, await this.load(user, inspectionId), values, [STALE_INSPECTION_ERROR]);
      const errors = newInspectionServiceErrors(err);
      if (!errors) throw err;
      return this.render(res, (err as AppException).status, loaded, values, errors);
    }
    // To the top of the plan page, where the banner is, with a link down to the inspection.
    await redirectWithFlash(
      req,
      res,
      { kind: 'success', title: 'The inspection has been changed', text: changed.title, link: { text: 'Go to the inspection on this page', href: `#inspection-${changed.id}` } },
      planPaths(loaded.ctx.plan.id).plan,
    );
  }
}
