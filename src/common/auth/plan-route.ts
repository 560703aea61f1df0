import { createParamDecorator, ExecutionContext, HttpStatus } from '@nestjs/common';
import { PlansErrorCode } from '../../plans/plans.exception';
import { AppException } from '../errors/app.exception';
import type { AuthUser } from '../request-context/request-context';
import { planRoleOf } from './access-policy';

/**
 * The paths of a controller whose collection is plan-scoped: `/plans/:planId/<collection>` (the
 * canonical form) and the flat `/<collection>` (the organisation's one plan, and single rows).
 */
export const PLAN_ROUTE = (collection: string): string[] => [`plans/:planId/${collection}`, collection];

interface PlanRouteRequest {
  user?: AuthUser;
  params?: Record<string, string | undefined>;
}

/**
 * The plan a plan-scoped collection route works in: `/plans/:planId/...`, or, on the flat alias
 * (`/actions`, `/workstreams`, ...), the organisation's one plan. An organisation that runs several
 * plans must name one (400 `plan_required`); a plan the user may not know about is a 404.
 */
export function resolvePlanId(user: AuthUser, params: Record<string, string | undefined> | undefined): string {
  const named = params?.planId;
  if (named !== undefined) {
    if (planRoleOf(user, { organisationId: user.organisationId, planId: named }) === null) throw AppException.notFound('Plan', named);
    return named;
  }
  const all = Object.entries(user.plans);
  const active = all.filter(([, p]) => !p.closed);
  const only = all.length === 1 ? all[0] : active.length === 1 ? active[0] : undefined;
  if (!only) {
    throw new AppException(HttpStatus.BAD_REQUEST, PlansErrorCode.PlanRequired, 'This organisation runs several plans: use /plans/:planId/... to name one');
  }
  if (planRoleOf(user, { organisationId: user.organisationId, planId: only[0] }) === null) throw AppException.notFound('Plan', only[0]);
  return only[0];
}

/** The plan of a plan-scoped collection route (see resolvePlanId). */
export const PlanId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<PlanRouteRequest>();
  if (!req.user) throw AppException.notFound('Plan');
  return resolvePlanId(req.user, req.params);
});
