import { AppException } from '../errors/app.exception';
import type { AuthUser, Role } from '../request-context/request-context';

/** Who builds and edits the plan (inspections, notices, findings, workstreams, actions). */
export const PLAN_EDITORS: Role[] = ['admin', 'board'];

/** Who reads the working plan; scrutiny members do not (they receive published packs). */
export const PLAN_READERS: Role[] = ['admin', 'board', 'owner'];

/**
 * For single rows of the working plan: a user who may not read the plan at all (scrutiny) is
 * told the row does not exist, exactly as for another organisation's row, so nothing leaks.
 * Lists use `@Roles(...PLAN_READERS)` instead (403).
 */
export function assertPlanReader(user: AuthUser, entity: string, id: string): void {
  if (!PLAN_READERS.includes(user.role)) throw AppException.notFound(entity, id);
}
