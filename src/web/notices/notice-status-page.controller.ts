import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import type { NoticeDetailDto } from '../../notices/dto/notice.dto';
import { UpdateNoticeDto } from '../../notices/dto/notice.dto';
import { NoticesService } from '../../notices/notices.service';
import { PlansService } from '../../plans/plans.service';
import type { PlanContext } from '../actions/action-forms.view-model';
import { managedPlanContext } from '../actions/managed-plan-context';
import { WebController } from '../common/auth/web.decorators';
import { asApiBody } from '../common/forms/api-body';
import { formVersion, isStaleVersion } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { NOTICE_ROUTE, planPaths } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { changeNoticeStatusPage, checkNoticeStatus, noticeStatusServiceErrors, STALE_NOTICE_ERROR, submittedNoticeStatus } from './change-notice-status.view-model';
import { noticeStatusWords } from './notice-words';

const VIEW = 'notices/change-status';

/**
 * "Change the notice's status" (open, downgraded, closed) and the date it changed, as `PATCH
 * /api/v1/notices/:id` with its version check: a form gone stale answers 409 with what the notice
 * says now. The same rules as the API (the same `@Roles` as `PATCH /notices/:id`): a user who
 * builds no plan (owners, scrutiny) gets 403; a notice the user may not read (another
 * organisation's, a plan they hold no role in) is a 404; an owner of the notice's plan who is on
 * another plan's board 403 (assertPlanManager); a closed plan 409.
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class NoticeStatusPageController {
  constructor(
    private readonly notices: NoticesService,
    private readonly plans: PlansService,
  ) {}

  private async load(user: AuthUser, noticeId: string): Promise<{ ctx: PlanContext; notice: NoticeDetailDto }> {
    const { planId, notice } = await this.notices.getInPlan(user, noticeId);
    return { ctx: await managedPlanContext(this.plans, user, planId), notice };
  }

  @Get(NOTICE_ROUTE.changeStatus)
  async form(@CurrentUser() user: AuthUser, @Param('noticeId', UuidParam) noticeId: string, @Res() res: Response): Promise<void> {
    const { ctx, notice } = await this.load(user, noticeId);
    res.render(VIEW, changeNoticeStatusPage(ctx, notice));
  }

  @Post(NOTICE_ROUTE.changeStatus)
  async change(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('noticeId', UuidParam) noticeId: string, @Body() body: unknown): Promise<void> {
    const { ctx, notice } = await this.load(user, noticeId);
    const values = submittedNoticeStatus(body);
    const version = formVersion(body);
    // Someone saved since the form was made: its choices (the other statuses) may no longer be.
    if (version !== notice.version) return void res.status(409).render(VIEW, changeNoticeStatusPage(ctx, notice, values, [STALE_NOTICE_ERROR]));
    const checked = checkNoticeStatus(values, notice.status);
    if (!checked.body) return void res.status(400).render(VIEW, changeNoticeStatusPage(ctx, notice, values, checked.errors));
    let changed: NoticeDetailDto;
    try {
      changed = await this.notices.update(user, noticeId, await asApiBody(UpdateNoticeDto, { ...checked.body, version }));
    } catch (err) {
      if (isStaleVersion(err)) {
        const fresh = await this.load(user, noticeId);
        return void res.status(409).render(VIEW, changeNoticeStatusPage(fresh.ctx, fresh.notice, values, [STALE_NOTICE_ERROR]));
      }
      const errors = noticeStatusServiceErrors(err);
      if (!errors) throw err;
      return void res.status((err as AppException).status).render(VIEW, changeNoticeStatusPage(ctx, notice, values, errors));
    }
    await redirectWithFlash(
      req,
      res,
      {
        kind: 'success',
        title: 'The notice’s status has been changed',
        text: `${changed.title}: ${noticeStatusWords(changed.status)}`,
        link: { text: 'Go to the notice on this page', href: `#notice-${changed.id}` },
      },
      planPaths(ctx.plan.id).plan,
    );
  }
}
