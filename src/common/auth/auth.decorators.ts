import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { AuthUser, Role } from '../request-context/request-context';

export const IS_PUBLIC = 'isPublic';
export const ROLES_KEY = 'roles';

/** Opt out of authentication (login, health, docs only). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the handler (others get 403; rows of other organisations are 404 regardless). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
