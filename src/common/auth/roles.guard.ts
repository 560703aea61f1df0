import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException } from '../errors/app.exception';
import { AuthUser, Role } from '../request-context/request-context';
import { planRoleOf } from './access-policy';
import { ROLES_KEY } from './auth.decorators';
import { planInPath } from './plan-route';

/**
 * `@Roles(...)` names roles as the access rules see them in a plan ('admin' or a plan role).
 * On a plan-scoped route (`/plans/:planId/...`) the role is the one
 * the user holds in that plan, and a plan they may not know about is a 404. On other routes a plan
 * role passes when the user holds it in some plan: the service then checks the row's own plan
 * (`planRoleOf`), so a row of a plan they are not in stays a 404.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const req = context.switchToHttp().getRequest<{ user?: AuthUser; params?: Record<string, string | undefined> }>();
    const user = req.user;
    const refuse = () => AppException.forbidden(`This needs one of the roles: ${roles.join(', ')}`);
    if (!user) throw refuse();
    if (req.params?.planId !== undefined) {
      const planId = planInPath(user, req.params);
      const role = planRoleOf(user, { organisationId: user.organisationId, planId });
      if (role !== null && roles.includes(role)) return true;
      throw refuse();
    }
    if (user.role === 'admin') {
      if (roles.includes('admin')) return true;
      throw refuse();
    }
    if (Object.values(user.plans).some((p) => p.role !== null && roles.includes(p.role))) return true;
    throw refuse();
  }
}
