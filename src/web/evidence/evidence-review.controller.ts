import { Body, Get, Headers, Inject, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { PlanId } from '../../common/auth/plan-route';
import { isPlanClosed, isPlanManager } from '../../common/auth/access-policy';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { sendEvidenceContent } from '../../evidence/download/send-evidence-content';
import { EvidenceService } from '../../evidence/evidence.service';
import { WebController } from '../common/auth/web.decorators';
import { formValue, formVersion, type FieldError } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { PLAN_PAGE, planPaths, ROW_ROUTE } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { PlanPageContext } from '../packs/plan-page-context';
import { evidenceQueuePage, evidenceReviewErrors, evidenceReviewPage, type EvidenceQueueViewModel, type EvidenceReviewForm } from './evidence-review.view-model';

const REVIEW_VIEW = 'evidence/review';

/**
 * Evidence to review (board and admin of the plan): the queue, one item with its file, accept or
 * reject with a comment. Every decision goes through EvidenceService.review, as
 * POST /api/v1/evidence/:id/review does (never one's own upload; a comment to reject).
 */
@WebController()
export class EvidenceReviewController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly context: PlanPageContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(PLAN_PAGE.evidenceReview)
  @Roles('admin', 'board')
  @Render('evidence/queue')
  async queue(@CurrentUser() user: AuthUser, @PlanId() planId: string): Promise<EvidenceQueueViewModel> {
    const [planNav, items] = await Promise.all([this.context.planNav(user, planId, 'evidenceReview'), this.evidence.reviewQueue(user, planId)]);
    return evidenceQueuePage(planNav, items, this.clock.now());
  }

  @Get(ROW_ROUTE.evidence)
  async item(@CurrentUser() user: AuthUser, @Param('evidenceId', UuidParam) id: string, @Res() res: Response): Promise<void> {
    const item = await this.reviewable(user, id);
    res.render(REVIEW_VIEW, evidenceReviewPage(await this.context.planNav(user, item.action.planId, 'evidenceReview'), item, user.id));
  }

  /** The item, for the plan's board and admins (owners see their evidence on the action's page: 403 here). */
  private async reviewable(user: AuthUser, id: string) {
    const item = await this.evidence.getWithAction(user, id);
    const plan = { organisationId: user.organisationId, planId: item.action.planId };
    if (!isPlanManager(user, plan)) throw AppException.forbidden('Only board members and admins review evidence');
    return { ...item, planClosed: isPlanClosed(user, plan) };
  }

  /** The file, streamed by the same service as GET /api/v1/evidence/:id/content (always an attachment). */
  @Get(`${ROW_ROUTE.evidence}/download`)
  async download(
    @CurrentUser() user: AuthUser,
    @Param('evidenceId', UuidParam) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    await sendEvidenceContent(this.evidence, user, id, { ifNoneMatch }, res);
  }

  @Post(ROW_ROUTE.evidence)
  async review(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Param('evidenceId', UuidParam) id: string, @Body() body: unknown): Promise<void> {
    const form: EvidenceReviewForm = { decision: formValue(body, 'decision'), comment: formValue(body, 'comment') };
    const version = formVersion(body);
    const item = await this.reviewable(user, id);
    const again = async (errors: FieldError[]) =>
      res.status(400).render(REVIEW_VIEW, evidenceReviewPage(await this.context.planNav(user, item.action.planId, 'evidenceReview'), item, user.id, form, errors));
    const errors = evidenceReviewErrors(form);
    if (errors.length > 0) return again(errors);
    // Refusals (your own upload: 403; already reviewed or a stale version: 409) are the API's, as error pages.
    await this.evidence.review(user, id, {
      decision: form.decision as 'accepted' | 'rejected',
      comment: form.comment.trim() === '' ? undefined : form.comment.trim(),
      version: version > 0 ? version : undefined,
    });
    const title = form.decision === 'accepted' ? `Evidence accepted: ${item.evidence.title}` : `Evidence rejected: ${item.evidence.title}`;
    const text = form.decision === 'rejected' ? 'The owner will see your comment.' : undefined;
    await redirectWithFlash(req, res, { kind: 'success', title, text }, planPaths(item.action.planId).evidenceReview);
  }
}
