import { Body, Get, Post, Render, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { CurrentUser } from '../../common/auth/auth.decorators';
import { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { PlansService } from '../../plans/plans.service';
import { UsersService } from '../../users/users.service';
import { CurrentUserView } from '../common/auth/current-user-view.decorator';
import { WebController } from '../common/auth/web.decorators';
import { formValue } from '../common/forms/form-errors';
import { redirectWithFlash } from '../common/session/flash';
import type { CurrentUserView as CurrentUserViewModel } from '../common/session/session-data';
import { WebSessionService } from '../common/session/web-session.service';
import { WEB_PATHS } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { accountPage, AccountViewModel, changePasswordFormErrors, changePasswordPage, changePasswordServiceError, ChangePasswordViewModel } from './account.view-model';

const CHANGE_PASSWORD_VIEW = 'account/change-password';

/** "Your account" and changing one's own password (every role). */
@WebController()
export class AccountController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: WebSessionService,
    private readonly plans: PlansService,
  ) {}

  @Get(WEB_PATHS.account)
  @Render('account/account')
  async account(@CurrentUser() user: AuthUser, @CurrentUserView() signedIn?: CurrentUserViewModel): Promise<AccountViewModel> {
    const [me, plans] = await Promise.all([this.users.get(user, user.id), this.plans.list(user)]);
    return accountPage(me, signedIn, plans);
  }

  @Get(WEB_PATHS.changePassword)
  @Render(CHANGE_PASSWORD_VIEW)
  changePasswordForm(): ChangePasswordViewModel {
    return changePasswordPage();
  }

  /**
   * A changed password ends every other session and bearer token of the user (the token version
   * moves on); this browser gets a new session with the new version.
   */
  @Post(WEB_PATHS.changePassword)
  async changePassword(@Req() req: WebRequest, @Res() res: Response, @CurrentUser() user: AuthUser, @Body() body: unknown): Promise<void> {
    const form = { currentPassword: formValue(body, 'currentPassword'), newPassword: formValue(body, 'newPassword'), confirmPassword: formValue(body, 'confirmPassword') };
    const errors = changePasswordFormErrors(form);
    if (errors.length > 0) return res.status(400).render(CHANGE_PASSWORD_VIEW, changePasswordPage(errors));
    try {
      const updated = await this.users.changeOwnPassword(user, form.currentPassword, form.newPassword);
      await this.sessions.signIn(req, updated);
    } catch (err) {
      const fieldError = err instanceof AppException ? changePasswordServiceError(err.code) : null;
      if (fieldError) return res.status(400).render(CHANGE_PASSWORD_VIEW, changePasswordPage([fieldError]));
      throw err;
    }
    await redirectWithFlash(req, res, { kind: 'success', title: 'Your password has been changed', text: 'You have been signed out on every other device.' }, WEB_PATHS.account);
  }
}
