import { ClsStore } from 'nestjs-cls';

export type Role = 'admin' | 'board' | 'owner' | 'scrutiny';
export const ROLES: readonly Role[] = ['admin', 'board', 'owner', 'scrutiny'];

/** The signed-in user as every service sees it. */
export interface AuthUser {
  id: string;
  organisationId: string;
  role: Role;
  email: string;
  name: string;
}

/** What the request (or job) context carries, for the audit trail and logs. */
export interface RequestContextStore extends ClsStore {
  requestId?: string;
  user?: AuthUser;
  jobId?: string;
}
