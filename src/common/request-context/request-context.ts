import { ClsStore } from 'nestjs-cls';

/**
 * A user's role in their organisation: `admin` runs it (users, plans, settings) and acts with admin
 * rights in every plan; `chief_officer` reads every plan's overview and nothing else; `member`
 * holds roles in plans only.
 */
export type OrganisationRole = 'admin' | 'member' | 'chief_officer';
export const ORGANISATION_ROLES: readonly OrganisationRole[] = ['admin', 'member', 'chief_officer'];

/** A role held in one plan (plan_membership). */
export type PlanRole = 'board' | 'owner' | 'scrutiny';
export const PLAN_ROLES: readonly PlanRole[] = ['board', 'owner', 'scrutiny'];

/** A role as the access rules see it in one plan: the organisation's admin, or the role held there. */
export type Role = 'admin' | PlanRole;
export const ROLES: readonly Role[] = ['admin', 'board', 'owner', 'scrutiny'];

/** One plan of the user's organisation as the access rules see it. */
export interface PlanAccess {
  /** The user's role in the plan; null when they hold none (an admin still acts in it). */
  role: PlanRole | null;
  closed: boolean;
}

/** The signed-in user as every service sees it. */
export interface AuthUser {
  id: string;
  organisationId: string;
  role: OrganisationRole;
  email: string;
  name: string;
  /** Every plan of the organisation, by id, loaded with the user on each request. */
  plans: Readonly<Record<string, PlanAccess>>;
}

/** The HTTP request as the context holds it (the Express request, seen through what logging reads). */
export interface RequestInContext {
  readonly id?: string;
  readonly clientRequestId?: string;
  readonly method: string;
  readonly originalUrl: string;
}

/** What the request (or job) context carries, for the audit trail and logs. */
export interface RequestContextStore extends ClsStore {
  requestId?: string;
  /** The HTTP request (its id, method and URL go on every line logged while it runs: src/core/request-log.ts). */
  request?: RequestInContext;
  user?: AuthUser;
  jobId?: string;
}
