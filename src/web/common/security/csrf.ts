import { timingSafeEqual } from 'node:crypto';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { WebException } from '../errors/web.exception';

/** The form field (and, for scripts, the header) that carries the token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A file upload's form (multipart/form-data) is streamed to storage by the handler, never parsed
 * before it, so its token rides in the form's address instead (`action="...?_csrf=..."`), as
 * csurf documents for multipart forms. Only for multipart bodies: every other form sends it in the body.
 */
function multipartQueryToken(req: Request): string | undefined {
  if (!req.is('multipart/form-data')) return undefined;
  const value = (req.query as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Synchronizer-token CSRF protection (csrf-sync: the token lives in the server-side session).
 * Every form renders `{{ csrfToken() }}` in a hidden `_csrf` field; every request that is not
 * GET/HEAD/OPTIONS must send the session's token, or it is refused with the 403 page. There is no
 * switch to turn it off: tests sign in and post forms with the token like a browser does.
 * Token generation is lazy, so a page without a form stores no session.
 */
export function csrfProtection(): RequestHandler {
  const { generateToken, getTokenFromState } = csrfSync({ size: 32 });
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.csrfToken = () => generateToken(req);
    if (SAFE_METHODS.has(req.method)) return next();
    const expected = req.session ? getTokenFromState(req) : undefined;
    const body = req.body as Record<string, unknown> | undefined;
    const fromBody = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
    const given = typeof fromBody === 'string' ? fromBody : (req.get(CSRF_HEADER) ?? multipartQueryToken(req));
    if (!expected || !given || !sameToken(expected, given)) return next(WebException.csrfTokenInvalid());
    next();
  };
}
