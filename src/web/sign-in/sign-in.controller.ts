import { Body, Get, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { AuthService } from '../../auth/auth.service';
import { AppException } from '../../common/errors/app.exception';
import { PublicPage, WebController } from '../common/auth/web.decorators';
import { formValue } from '../common/forms/form-errors';
import { SESSION_COOKIE } from '../common/session/session-data';
import { WebSessionService } from '../common/session/web-session.service';
import { safeReturnTo, WEB_PATHS } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';
import { SIGN_IN_EMAIL_MAX, signInFormErrors, signInPage, tooManyAttempts, WRONG_CREDENTIALS } from './sign-in.view-model';

const VIEW = 'sign-in/sign-in';

/**
 * Sign in and out with the API's users, password hashes and login rate limit (AuthService), into
 * a server-side session.
 */
@WebController()
export class SignInController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: WebSessionService,
  ) {}

  @Get(WEB_PATHS.signIn)
  @PublicPage()
  signInForm(@Req() req: WebRequest, @Res() res: Response, @Query('returnTo') returnTo?: string, @Query('signedOut') signedOut?: string): void {
    if (req.user) return res.redirect(303, safeReturnTo(returnTo) ?? WEB_PATHS.home);
    res.render(VIEW, signInPage({ returnTo: safeReturnTo(returnTo), signedOut: signedOut === '1' }));
  }

  @Post(WEB_PATHS.signIn)
  @PublicPage()
  async signIn(@Req() req: WebRequest, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const form = { email: formValue(body, 'email'), password: formValue(body, 'password') };
    const returnTo = safeReturnTo(formValue(body, 'returnTo'));
    const errors = signInFormErrors(form);
    // The page shows the address back, never more of it than an address can be.
    if (errors.length > 0) return res.status(400).render(VIEW, signInPage({ email: form.email.slice(0, SIGN_IN_EMAIL_MAX), returnTo, errors }));
    try {
      const user = await this.auth.verifyCredentials(form.email, form.password, req.ip ?? 'unknown');
      await this.sessions.signIn(req, user);
    } catch (err) {
      if (err instanceof AppException && err.status === HttpStatus.UNAUTHORIZED) {
        return res.status(400).render(VIEW, signInPage({ email: form.email, returnTo, errors: [WRONG_CREDENTIALS] }));
      }
      if (err instanceof AppException && err.status === HttpStatus.TOO_MANY_REQUESTS) {
        const wait = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60;
        res.setHeader('Retry-After', String(wait));
        return res.status(429).render(VIEW, signInPage({ email: form.email, returnTo, errors: [tooManyAttempts(wait)] }));
      }
      throw err;
    }
    res.redirect(303, returnTo ?? WEB_PATHS.home);
  }

  /** Reached by typing the address: signing out itself is a POST (the header's button). */
  @Get(WEB_PATHS.signOut)
  @PublicPage()
  signOutForm(@Req() req: WebRequest, @Res() res: Response): void {
    if (!req.user) return res.redirect(303, WEB_PATHS.signIn);
    res.render('sign-in/sign-out', { pageTitle: 'Sign out' });
  }

  @Post(WEB_PATHS.signOut)
  @PublicPage()
  async signOut(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.sessions.signOut(req);
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax' });
    res.redirect(303, `${WEB_PATHS.signIn}?signedOut=1`);
  }
}
