import { Body, Get, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { assertPlanOpen, PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { PlanId } from '../../common/auth/plan-route';
import type { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { InspectionQueryDto } from '../../inspections/dto/inspection.dto';
import { InspectionsService } from '../../inspections/inspections.service';
import { CreateNoticeDto } from '../../notices/dto/notice.dto';
import { NoticesService } from '../../notices/notices.service';
import { PlansService } from '../../plans/plans.service';
import { addPageContext } from '../actions/managed-plan-context';
import { allPages } from '../common/all-pages';
import { WebController } from '../common/auth/web.decorators';
import { asApiBody } from '../common/forms/api-body';
import type { FormErrors } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { PLAN_PAGE, planPaths } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { addNoticePage, checkNewNotice, newNoticeServiceErrors, submittedNewNotice, type NewNoticeChoices, type NewNoticeValues } from './add-notice.view-model';

const VIEW = 'notices/add-notice';

/**
 * "Add a notice" to a plan (a Section 50 notification, a DfE improvement notice, ...): the plan's
 * board members and administrators, as `POST /api/v1/plans/:planId/notices` (the same `@Roles` on the
 * plan in the path: owners and scrutiny 403, a plan the user holds no role in 404; a closed plan
 * 409). The body is checked by the API's own DTO, then `NoticesService.create` writes it (the
 * inspection of this plan, the first line of its status history, its deadline, audit).
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class AddNoticePageController {
  constructor(
    private readonly notices: NoticesService,
    private readonly inspections: InspectionsService,
    private readonly plans: PlansService,
  ) {}

  private async choices(user: AuthUser, planId: string): Promise<NewNoticeChoices> {
    return { inspections: await allPages(() => new InspectionQueryDto(), (q) => this.inspections.list(user, planId, q)) };
  }

  private async renderForm(res: Response, user: AuthUser, planId: string, status: number, values?: NewNoticeValues, errors?: FormErrors): Promise<void> {
    const { ctx, choices } = await addPageContext(this.plans, user, planId, () => this.choices(user, planId));
    res.status(status).render(VIEW, addNoticePage(ctx, choices, values, errors));
  }

  @Get(PLAN_PAGE.newNotice)
  async form(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Res() res: Response): Promise<void> {
    await this.renderForm(res, user, planId, 200);
  }

  @Post(PLAN_PAGE.newNotice)
  async add(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() body: unknown): Promise<void> {
    assertPlanOpen(user, { organisationId: user.organisationId, planId });
    const values = submittedNewNotice(body);
    const checked = checkNewNotice(values);
    if (!checked.body) return this.renderForm(res, user, planId, 400, values, checked.errors);
    let created: { id: string; title: string; kindLabel: string };
    try {
      created = await this.notices.create(user, planId, await asApiBody(CreateNoticeDto, checked.body));
    } catch (err) {
      const errors = newNoticeServiceErrors(err);
      if (!errors) throw err;
      return this.renderForm(res, user, planId, (err as AppException).status, values, errors);
    }
    // To the top of the plan page, where the banner is (an anchor would scroll past it), with a link down to the notice.
    await redirectWithFlash(
      req,
      res,
      { kind: 'success', title: 'The notice has been added', text: created.title, link: { text: 'Go to the notice on this page', href: `#notice-${created.id}` } },
      planPaths(planId).plan,
    );
  }
}
