import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { InspectionQueryDto } from '../../inspections/dto/inspection.dto';
import { InspectionsService } from '../../inspections/inspections.service';
import type { NoticeDetailDto } from '../../notices/dto/notice.dto';
import { UpdateNoticeDto } from '../../notices/dto/notice.dto';
import { NoticesService } from '../../notices/notices.service';
import { PlansService } from '../../plans/plans.service';
import type { PlanContext } from '../actions/action-forms.view-model';
import { managedPlanContext } from '../actions/managed-plan-context';
import { allPages } from '../common/all-pages';
import { WebController } from '../common/auth/web.decorators';
import { asApiBody } from '../common/forms/api-body';
import { formVersion, isStaleVersion, type FormErrors } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { NOTICE_ROUTE, planPaths } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { newNoticeServiceErrors, type NewNoticeChoices, type NoticeDetailsValues } from './add-notice.view-model';
import { changeNoticePage, checkNoticeChange, STALE_NOTICE_DETAILS_ERROR, submittedNoticeDetails } from './change-notice.view-model';

const VIEW = 'notices/change-notice';

interface Loaded {
  ctx: PlanContext;
  choices: NewNoticeChoices;
  notice: NoticeDetailDto;
}

/**
 * "Change the notice": its kind, title, inspection, dates, failings and requirements (its status has
 * its own page), as `PATCH /api/v1/notices/:id` with its version check: a form gone stale answers 409
 * with what the notice says now. The same rules as the status page: owners and scrutiny 403 (the
 * `@Roles` of `PATCH /notices/:id`); a notice the user may not read 404; an owner of the notice's
 * plan on another plan's board 403 (assertPlanManager); a closed plan 409.
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class ChangeNoticePageController {
  constructor(
    private readonly notices: NoticesService,
    private readonly inspections: InspectionsService,
    private readonly plans: PlansService,
  ) {}

  private async load(user: AuthUser, noticeId: string): Promise<Loaded> {
    const { planId, notice } = await this.notices.getInPlan(user, noticeId);
    const ctx = await managedPlanContext(this.plans, user, planId);
    const inspections = await allPages(() => new InspectionQueryDto(), (q) => this.inspections.list(user, planId, q));
    return { ctx, choices: { inspections }, notice };
  }

  private render(res: Response, status: number, { ctx, choices, notice }: Loaded, values?: NoticeDetailsValues, errors?: FormErrors): void {
    res.status(status).render(VIEW, changeNoticePage(ctx, choices, notice, values, errors));
  }

  @Get(NOTICE_ROUTE.edit)
  async form(@CurrentUser() user: AuthUser, @Param('noticeId', UuidParam) noticeId: string, @Res() res: Response): Promise<void> {
    this.render(res, 200, await this.load(user, noticeId));
  }

  @Post(NOTICE_ROUTE.edit)
  async change(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('noticeId', UuidParam) noticeId: string, @Body() body: unknown): Promise<void> {
    const loaded = await this.load(user, noticeId);
    const values = submittedNoticeDetails(body);
    const version = formVersion(body);
    // Someone saved since the form was made: the form shows what the notice says now.
    if (version !== loaded.notice.version) return this.render(res, 409, loaded, values, [STALE_NOTICE_DETAILS_ERROR]);
    const checked = checkNoticeChange(values);
    if (!checked.body) return this.render(res, 400, loaded, values, checked.errors);
    let changed: NoticeDetailDto;
    try {
      changed = await this.notices.update(user, noticeId, await asApiBody(UpdateNoticeDto, { ...checked.body, version }));
    } catch (err) {
      if (isStaleVersion(err)) return this.render(res, 409, await this.load(user, noticeId), values, [STALE_NOTICE_DETAILS_ERROR]);
      const errors = newNoticeServiceErrors(err);
      if (!errors) throw err;
      return this.render(res, (err as AppException).status, loaded, values, errors);
    }
    // To the top of the plan page, where the banner is, with a link down to the notice.
    await redirectWithFlash(
      req,
      res,
      { kind: 'success', title: 'The notice has been changed', text: changed.title, link: { text: 'Go to the notice on this page', href: `#notice-${changed.id}` } },
      planPaths(loaded.ctx.plan.id).plan,
    );
  }
}
