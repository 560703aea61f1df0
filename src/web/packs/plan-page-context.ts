import { Injectable } from '@nestjs/common';
import { planRoleOf } from '../../common/auth/access-policy';
import { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { PlansService } from '../../plans/plans.service';
import { planNavigation, type PlanNavigation, type PlanPage } from '../common/view/plan-navigation';

/** The plan's header and sub-navigation for a page of one plan, by the reader's role in it (404 for a plan not theirs). */
@Injectable()
export class PlanPageContext {
  constructor(private readonly plans: PlansService) {}

  async planNav(user: AuthUser, planId: string, page: PlanPage | null): Promise<PlanNavigation> {
    const role = planRoleOf(user, { organisationId: user.organisationId, planId });
    if (role === null) throw AppException.notFound('Plan', planId);
    const plan = await this.plans.get(user, planId);
    return planNavigation(plan, role, page);
  }
}
