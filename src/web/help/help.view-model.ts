import { SESSION_COOKIE } from '../common/session/session-data';

/** When the accessibility statement was prepared and last reviewed, and the service last tested. */
export const ACCESSIBILITY_STATEMENT_PREPARED = '2026-11-29';
export const ACCESSIBILITY_STATEMENT_REVIEWED = '2026-11-29';
export const ACCESSIBILITY_LAST_TESTED = '2026-11-29';

export interface AccessibilityViewModel {
  pageTitle: string;
  contactEmail: string | null;
  prepared: string;
  reviewed: string;
  lastTested: string;
}

/**
 * The accessibility statement, in the structure the 2018 regulations and GDS's model statement
 * expect: how accessible the service is, how to report a problem, the enforcement procedure, the
 * compliance status, and when the statement was prepared.
 */
export function accessibilityPage(contactEmail: string | undefined): AccessibilityViewModel {
  return {
    pageTitle: 'Accessibility statement',
    contactEmail: contactEmail ?? null,
    prepared: ACCESSIBILITY_STATEMENT_PREPARED,
    reviewed: ACCESSIBILITY_STATEMENT_REVIEWED,
    lastTested: ACCESSIBILITY_LAST_TESTED,
  };
}

export interface CookieRow {
  name: string;
  purpose: string;
  expires: string;
}

export interface CookiesViewModel {
  pageTitle: string;
  cookies: CookieRow[];
  /** The same, as govukTable rows. */
  rows: { text: string }[][];
}

function duration(minutes: number): string {
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  }
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** The cookies page: only the one essential cookie, with its real lifetime from the settings. */
export function cookiesPage(config: { WEB_SESSION_IDLE_MINUTES: number; WEB_SESSION_ABSOLUTE_HOURS: number }): CookiesViewModel {
  const cookies: CookieRow[] = [
    {
      name: SESSION_COOKIE,
      purpose: 'Keeps you signed in, and protects the forms you send from being forged by another website',
      expires: `When you close your browser, after ${duration(config.WEB_SESSION_IDLE_MINUTES)} without using the service, or ${duration(config.WEB_SESSION_ABSOLUTE_HOURS * 60)} after you sign in, whichever comes first`,
    },
  ];
  return { pageTitle: 'Cookies', cookies, rows: cookies.map((c) => [{ text: c.name }, { text: c.purpose }, { text: c.expires }]) };
}
