import { CommonErrorCode } from '../../../common/errors/error-code';
import { signInUrl } from '../web-paths';
import { WebErrorCode } from './web.exception';

export type WebErrorResponse =
  | { kind: 'redirect'; url: string }
  | { kind: 'page'; status: number; view: string; pageTitle: string; heading: string; message: string };

const page = (status: number, view: string, heading: string, message = ''): WebErrorResponse => ({ kind: 'page', status, view, pageTitle: heading, heading, message });

const PROBLEMS: Readonly<Record<number, [string, string]>> = Object.freeze({
  400: ['Sorry, there is a problem with your request', 'Go back and try again.'],
  405: ['Sorry, that cannot be done on this page', 'Go back and try again.'],
  409: ['Sorry, someone else changed this at the same time', 'Go back, reload the page and try again.'],
  413: ['Sorry, what you sent is too large', 'Go back and send something smaller.'],
  415: ['Sorry, there is a problem with what you sent', 'Go back and try again.'],
  429: ['Sorry, there have been too many requests', 'Wait a minute, then try again.'],
});

/** The form field a refusal's `details` names first ("title", "rules[0]" -> "rules"), in words ("success measures"), or null. */
function fieldInWords(details: unknown): string | null {
  const field = Array.isArray(details) ? (details[0] as { field?: unknown } | undefined)?.field : undefined;
  if (typeof field !== 'string') return null;
  const name = /^[A-Za-z][A-Za-z0-9]*/.exec(field)?.[0];
  if (!name || name.startsWith('_')) return null;
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * What a web page shows for an error (the API answers JSON instead): the sign-in page when the
 * session is missing or ended, GOV.UK's 403, 404 and 500 pages, an expired-form page for a CSRF
 * refusal, and a plain "there is a problem" page for the rest. A bad id in a page's address
 * (400 on a GET) is a page that does not exist.
 */
export function webErrorResponse(status: number, code: string | undefined, method: string, originalUrl: string, details?: unknown): WebErrorResponse {
  if (status === 401) return { kind: 'redirect', url: signInUrl(method === 'GET' ? originalUrl : undefined) };
  if (status === 403 && code === WebErrorCode.CsrfTokenInvalid) {
    return page(403, 'errors/form-expired', 'Sorry, your form could not be sent');
  }
  if (status === 403) return page(403, 'errors/403', 'You do not have permission to see this page');
  if (status === 404 || (status === 400 && (method === 'GET' || method === 'HEAD'))) return page(404, 'errors/404', 'Page not found');
  // A database timeout stays a 503 (its Retry-After says when to try again); the page is the 500's: "Try again later".
  if (status === 503 && code === CommonErrorCode.DatabaseTimeout) return page(503, 'errors/500', 'Sorry, there is a problem with the service');
  if (status >= 500) return page(500, 'errors/500', 'Sorry, there is a problem with the service');
  // Text the app refuses for every route before any form reads it (a NUL byte, a broken character):
  // the page names the field, so the user knows what to retype.
  const field = code === CommonErrorCode.InvalidText ? fieldInWords(details) : null;
  if (field) {
    return page(400, 'errors/problem', 'Sorry, there is a problem with what you typed', `The ${field} field contains a character that cannot be saved (an invisible control character or a broken one, often pasted from another program). Nothing has been saved. Go back, retype the ${field} and try again.`);
  }
  const [heading, message] = PROBLEMS[status] ?? PROBLEMS[400];
  return page(status, 'errors/problem', heading, message);
}
