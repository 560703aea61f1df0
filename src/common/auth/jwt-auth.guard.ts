import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppException } from '../errors/app.exception';
import { IS_WEB_ROUTE } from '../../web/common/auth/web.decorators';
import { IS_PUBLIC } from './auth.decorators';
import { CommonErrorCode } from '../errors/error-code';

/**
 * Global: every API route needs a valid bearer token of an active user unless marked @Public().
 * Web pages (`@WebController()`) authenticate by their session instead (WebAuthGuard).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) || this.reflector.getAllAndOverride<boolean>(IS_WEB_ROUTE, targets);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<TUser>(err: unknown, user: TUser | false): TUser {
    if (err || !user) throw new AppException(401, CommonErrorCode.Unauthenticated, 'A valid bearer token is required');
    return user;
  }
}
