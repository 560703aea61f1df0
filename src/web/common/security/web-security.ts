import { randomBytes } from 'node:crypto';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { isAssetPath } from '../web-paths';

/**
 * Security headers of the web pages (the API keeps its own, looser set for the OpenAPI UI):
 * a Content-Security-Policy with a fresh nonce per response and no inline script or style
 * allowed without it (the pages have none: GOV.UK Frontend starts from a module script file),
 * `frame-ancestors 'none'` (and X-Frame-Options DENY for old browsers), helmet's other headers,
 * and `Cache-Control: no-store` on every page, so a signed-in page is never kept by a browser or
 * a proxy (static files are cached by the assets middleware instead).
 */
export function webSecurityHeaders(): RequestHandler {
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce as string}'`;
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", nonce],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", nonce],
        'style-src-attr': ["'none'"],
        'img-src': ["'self'"],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
        'manifest-src': ["'self'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    if (!isAssetPath(req.path)) res.setHeader('Cache-Control', 'no-store');
    headers(req, res, next);
  };
}
