import { assertPlanManager, planRoleOf } from '../../common/auth/access-policy';
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
