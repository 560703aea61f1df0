import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { AuthUser, Role } from '../request-context/request-context';

export const IS_PUBLIC = 'isPublic';
export const ROLES_KEY = 'roles';
export const PLAN_SCOPED_KEY = 'planScoped';

/** Opt out of authentication (login, health, docs only). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the handler (others get 403; rows of other organisations are 404 regardless). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * A plan-scoped collection handler reachable flat (`/actions`) as well as under `/plans/:planId`:
 * `@Roles` then checks the role held in the resolved plan (see plan-route.ts).
 */
export const PlanScoped = () => SetMetadata(PLAN_SCOPED_KEY, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
