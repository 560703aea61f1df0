import { NextFunction, Request, RequestHandler, Response } from 'express';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { AuthUser } from '../common/request-context/request-context';
import { assetsMiddleware } from './common/assets/assets.middleware';
import { buildAssetBundle, webAssetSources } from './common/assets/asset-bundle';
import { setUpNunjucks } from './common/nunjucks/nunjucks-setup';
import { csrfProtection } from './common/security/csrf';
import { takeFlash } from './common/session/flash';
import { WebSessionService } from './common/session/web-session.service';
import { isApiPath } from './common/web-paths';

/** Runs `handler` for web requests only; the API never sees sessions, CSRF or templates. */
function webOnly(handler: RequestHandler): RequestHandler {
  return (req, res, next) => (isApiPath(req.path) ? next() : handler(req, res, next));
}

/**
 * The signed-in user of the session (or none) as `req.user`, for WebAuthGuard and the roles guard,
 * and what the layout shows of them; then any flash message for this page.
 */
function currentUser(sessions: WebSessionService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    sessions.resolveUser(req).then((signedIn) => {
      if (signedIn) {
        (req as Request & { user?: AuthUser }).user = signedIn.user;
        res.locals.currentUser = signedIn.view;
      }
      res.locals.flash = takeFlash(req);
      next();
    }, next);
  };
}

/**
 * The web pages' Express middleware, after the security headers and body parsers and before Nest's
 * routes: fingerprinted static files (before the session, so they never touch the database), the
 * PostgreSQL-backed session, the signed-in user, and CSRF protection. Then Nunjucks.
 */
export function configureWeb(app: NestExpressApplication): void {
  const assets = buildAssetBundle(webAssetSources());
  const sessions = app.get(WebSessionService);
  app.use(webOnly(assetsMiddleware(assets)));
  app.use(webOnly(sessions.middleware()));
  app.use(webOnly(currentUser(sessions)));
  app.use(webOnly(csrfProtection()));
  setUpNunjucks(app, assets);
}
