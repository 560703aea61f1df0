import { createParamDecorator, ExecutionContext, HttpStatus } from '@nestjs/common';
import { PlansErrorCode } from '../../plans/plans.exception';
import { AppException } from '../errors/app.exception';
import type { AuthUser } from '../request-context/request-context';
import { planRoleOf } from './access-policy';

/**
 * The path of a plan-scoped collection route: `/plans/:planId/<collection>`. Lists, creates and
 * the plan's long work (dashboard, recompute, packs) live only there; a single row keeps its flat
 * path (`/actions/:id`), where the row's own plan is checked.
 */
export const PLAN_PATH = (collection: string): string => `plans/:planId/${collection}`;

interface PlanRouteRequest {
  user?: AuthUser;
  params?: Record<string, string | undefined>;
}

/** The plan named in the path; a plan the user may not know about (or none) is a 404. */
export function planInPath(user: AuthUser, params: Record<string, string | undefined> | undefined): string {
  const named = params?.planId;
  if (named === undefined || planRoleOf(user, { organisationId: user.organisationId, planId: named }) === null) throw AppException.notFound('Plan', named);
  return named;
}

/**
 * The plan a body field names (`planId`), or, when it is left out, the organisation's one plan (its
 * one active plan). An organisation that runs several must name one (400 `plan_required`).
 */
export function planInBody(user: AuthUser, planId: string | undefined): string {
  if (planId !== undefined) return planInPath(user, { planId });
  const all = Object.entries(user.plans);
  const active = all.filter(([, p]) => !p.closed);
  const only = all.length === 1 ? all[0] : active.length === 1 ? active[0] : undefined;
  if (!only) throw new AppException(HttpStatus.BAD_REQUEST, PlansErrorCode.PlanRequired, 'This organisation runs several plans: name one in planId', [{ field: 'planId', messages: ['is required when the organisation runs several plans'] }]);
  return planInPath(user, { planId: only[0] });
}

/** The plan of a plan-scoped route (`/plans/:planId/...`), checked by planInPath. */
export const PlanId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<PlanRouteRequest>();
  if (!req.user) throw AppException.notFound('Plan');
  return planInPath(req.user, req.params);
});
