import { Get, Param, Post, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { PLAN_EDITORS } from '../../common/auth/access-policy';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { NoticesService } from '../../notices/notices.service';
import { PlansService } from '../../plans/plans.service';
import { managedPlanContext } from '../actions/managed-plan-context';
import { WebController } from '../common/auth/web.decorators';
import { NOTICE_ROUTE } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { deleteFromPlan } from '../plan/delete-from-plan';
import { deleteNoticePage } from './delete-notice.view-model';

const VIEW = 'plan/delete-row';

/**
 * "Delete the notice", as `DELETE /api/v1/notices/:id` (its status history and regulator deadlines go
 * with it; audited). While findings are under it the service refuses: the page says so on opening,
 * with no button, and a send that meets the refusal anyway answers 409 with the same page. The same
 * rules as the notice's change pages: owners and scrutiny 403; a notice the user may not read 404;
 * an owner of its plan on another plan's board 403; a closed plan 409.
 */
@WebController()
@Roles(...PLAN_EDITORS)
export class DeleteNoticePageController {
  constructor(
    private readonly notices: NoticesService,
    private readonly plans: PlansService,
  ) {}

  private async render(res: Response, status: number, user: AuthUser, noticeId: string): Promise<void> {
    const { planId, notice } = await this.notices.getInPlan(user, noticeId);
    const ctx = await managedPlanContext(this.plans, user, planId);
    res.status(status).render(VIEW, deleteNoticePage(ctx, notice, await this.notices.dependents(user, noticeId)));
  }

  @Get(NOTICE_ROUTE.delete)
  async page(@CurrentUser() user: AuthUser, @Param('noticeId', UuidParam) noticeId: string, @Res() res: Response): Promise<void> {
    await this.render(res, 200, user, noticeId);
  }

  @Post(NOTICE_ROUTE.delete)
  async delete(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('noticeId', UuidParam) noticeId: string): Promise<void> {
    const { planId, notice } = await this.notices.getInPlan(user, noticeId);
    await managedPlanContext(this.plans, user, planId);
    await deleteFromPlan(req, res, { planId, remove: () => this.notices.remove(user, noticeId), refused: () => this.render(res, 409, user, noticeId), deleted: `Notice ‘${notice.title}’ has been deleted` });
  }
}
