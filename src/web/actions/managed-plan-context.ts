import { assertPlanManager, assertPlanOpen, planRoleOf } from '../../common/auth/access-policy';
import type { AuthUser, Role } from '../../common/request-context/request-context';
import type { PlansService } from '../../plans/plans.service';
import type { PlanContext } from './action-forms.view-model';

/**
 * The plan context of a page that changes a row of a plan found from the row (a notice, a
 * workstream): the user must manage that plan (its board or an administrator: 403 otherwise), and
 * the context names the plan and the user's role in it.
 */
export async function managedPlanContext(plans: PlansService, user: AuthUser, planId: string): Promise<PlanContext> {
  const scope = { organisationId: user.organisationId, planId };
  assertPlanManager(user, scope, 'change the plan');
  const plan = await plans.get(user, planId);
  // A plan manager holds a role in the plan.
  return { plan: { id: plan.id, title: plan.title }, role: planRoleOf(user, scope) as Role };
}

/**
 * The plan context of a page that adds a row to the plan in its path, and what its form offers:
 * the plan must be open (409 otherwise), then the plan and the choices are read side by side (a plan
 * the user may not read: the plan's 404). The page's `@Roles` guard has already checked the role, so
 * there is no manager check here.
 */
export async function addPageContext<T>(plans: PlansService, user: AuthUser, planId: string, choices: () => Promise<T>): Promise<{ ctx: PlanContext; choices: T }> {
  const scope = { organisationId: user.organisationId, planId };
  assertPlanOpen(user, scope);
  const [plan, offered] = await Promise.all([plans.get(user, planId), choices()]);
  // The roles guard has let the user in: they hold a role in this plan.
  return { ctx: { plan: { id: plan.id, title: plan.title }, role: planRoleOf(user, scope) as Role }, choices: offered };
}
