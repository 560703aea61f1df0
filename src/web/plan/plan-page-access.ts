import { planRoleOf } from '../../common/auth/access-policy';
import { AppException } from '../../common/errors/app.exception';
import type { AuthUser, Role } from '../../common/request-context/request-context';
import { planPaths } from '../common/web-paths';

/** The plan a page is about, as far as the page's rules go. */
export interface PlanPageAccess {
  planId: string;
  role: Role;
  closed: boolean;
}

/**
 * The user's role in the plan of `/plans/:planId/...`: another organisation's plan, a plan they
 * hold no role in, or no plan at all is a 404 (nothing leaks), as in the API (`planInPath`).
 */
export function planPageAccess(user: AuthUser, planId: string): PlanPageAccess {
  const role = planRoleOf(user, { organisationId: user.organisationId, planId });
  if (role === null) throw AppException.notFound('Plan', planId);
  return { planId, role, closed: user.plans[planId]?.closed === true };
}

/**
 * The working plan's pages are for its readers (admin, board, owner). A scrutiny member who opens
 * one (an old link, a guessed address) is sent to the published reports, the one page of the plan
 * that is theirs: the address of that page, or null when the user may read the working plan.
 */
export function scrutinyRedirect(access: PlanPageAccess): string | null {
  return access.role === 'scrutiny' ? planPaths(access.planId).reports : null;
}
