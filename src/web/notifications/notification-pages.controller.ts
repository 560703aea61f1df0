import { Body, Get, HttpStatus, Post, Query, Render, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { planRoleOf } from '../../common/auth/access-policy';
import { PlanId } from '../../common/auth/plan-route';
import { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { OutboxQueryDto } from '../../notifications/dto/outbox-message.dto';
import { OutboxService } from '../../notifications/outbox/outbox.service';
import { PreferencesService } from '../../notifications/preferences/preferences.service';
import { PlansService } from '../../plans/plans.service';
import { PublicPage, WebController } from '../common/auth/web.decorators';
import { formValue } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import { PLAN_PAGE, WEB_PATHS } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { audiencesOf, emailPreferencesPage, messagesSentPage, modeField, preferenceChanges, unsubscribePage, type EmailPreferencesViewModel, type MessagesSentViewModel, type UnsubscribeViewModel } from './notifications.view-model';

const PREFERENCES_VIEW = 'notifications/email-preferences';
const UNSUBSCRIBE_VIEW = 'notifications/unsubscribe';

/** The e-mail pages: your preferences, the unsubscribe landing page, and the plan's messages sent (board). */
@WebController()
export class NotificationPagesController {
  constructor(
    private readonly preferences: PreferencesService,
    private readonly outbox: OutboxService,
    private readonly plans: PlansService,
  ) {}

  @Get(WEB_PATHS.emailPreferences)
  @Render(PREFERENCES_VIEW)
  async preferencesForm(@CurrentUser() user: AuthUser): Promise<EmailPreferencesViewModel> {
    return emailPreferencesPage(await this.preferences.list(user), this.audiences(user));
  }

  @Post(WEB_PATHS.emailPreferences)
  async savePreferences(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Body() body: unknown): Promise<void> {
    const current = await this.preferences.list(user);
    const audiences = this.audiences(user);
    const fields = Object.fromEntries(current.map((p) => [modeField(p.kind), formValue(body, modeField(p.kind))]));
    const { changes, errors, submitted } = preferenceChanges(current, audiences, fields);
    if (errors.length > 0) return res.status(400).render(PREFERENCES_VIEW, emailPreferencesPage(current, audiences, errors, submitted));
    for (const change of changes) await this.preferences.set(user, change.kind, change.mode);
    await redirectWithFlash(req, res, { kind: 'success', title: changes.length > 0 ? 'Your email preferences have been saved' : 'Nothing changed' }, WEB_PATHS.emailPreferences);
  }

  /** The link in an e-mail's footer: a page with one button (GET never changes anything: link scanners follow links). */
  @Get(WEB_PATHS.unsubscribe)
  @PublicPage()
  @Render(UNSUBSCRIBE_VIEW)
  unsubscribeForm(@Query('token') token: unknown): UnsubscribeViewModel {
    return typeof token === 'string' && token !== '' ? unsubscribePage('confirm', token) : unsubscribePage('invalid', '', 'The link has no token. Use the whole link from the e-mail.');
  }

  /**
   * The button on that page, and the one-click POST mail clients send to the List-Unsubscribe link
   * (RFC 8058: body `List-Unsubscribe=One-Click`, no cookie, no CSRF token; exempted from CSRF in
   * csrf.ts because the signed token, not the session, is the authority here).
   */
  @Post(WEB_PATHS.unsubscribe)
  @PublicPage()
  async unsubscribe(@Res() res: Response, @Query('token') queryToken: unknown, @Body() body: unknown): Promise<void> {
    const token = typeof queryToken === 'string' && queryToken !== '' ? queryToken : formValue(body, 'token');
    try {
      const result = await this.preferences.unsubscribe(token);
      res.status(200).render(UNSUBSCRIBE_VIEW, unsubscribePage('done', token, result));
    } catch (err) {
      if (err instanceof AppException && err.status === HttpStatus.BAD_REQUEST) return res.status(400).render(UNSUBSCRIBE_VIEW, unsubscribePage('invalid', '', err.message));
      throw err;
    }
  }

  @Get(PLAN_PAGE.notifications)
  @Roles('admin', 'board')
  @Render('notifications/messages-sent')
  async messagesSent(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: OutboxQueryDto): Promise<MessagesSentViewModel> {
    const [plan, page] = await Promise.all([this.plans.get(user, planId), this.outbox.list(user.organisationId, planId, query)]);
    return messagesSentPage(plan, planRoleOf(user, { organisationId: user.organisationId, planId }) ?? 'board', page, query);
  }

  private audiences(user: AuthUser) {
    return audiencesOf(
      Object.values(user.plans).map((p) => p.role),
      user.role === 'admin',
    );
  }
}
