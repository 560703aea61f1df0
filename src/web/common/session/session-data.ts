import type { OrganisationRole } from '../../../common/request-context/request-context';

/** Who a signed-in session belongs to; everything else about the user is read fresh on each request. */
export interface WebSessionAuth {
  userId: string;
  organisationId: string;
  /** Shown in the header; organisations are not renamed through the service. */
  organisationName: string;
  /** The user's token version at sign-in: a password change, reset or reactivation ends the session. */
  tokenVersion: number;
  /** Epoch milliseconds (from the injected clock): the absolute lifetime counts from here. */
  signedInAt: number;
}

declare module 'express-session' {
  interface SessionData {
    auth?: WebSessionAuth;
  }
}

/** What the layout shows about the signed-in user (`res.locals.currentUser`). */
export interface CurrentUserView {
  name: string;
  organisationName: string;
  role: OrganisationRole;
}

/** The session cookie's name, also named on the cookies page. */
export const SESSION_COOKIE = 'improvement_tracker_session';
