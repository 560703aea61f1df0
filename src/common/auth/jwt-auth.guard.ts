import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtStrategy } from '../../auth/jwt.strategy';
import { AppException } from '../errors/app.exception';
import { IS_WEB_ROUTE } from '../../web/common/auth/web.decorators';
import type { AuthUser } from '../request-context/request-context';
import { IS_PUBLIC } from './auth.decorators';
import { CommonErrorCode } from '../errors/error-code';

/**
 * Global: every API route needs a valid bearer token of an active user unless marked @Public().
 * Web pages (`@WebController()`) authenticate by their session instead (WebAuthGuard).
 * The token is checked by JwtStrategy directly, not through passport (@nestjs/passport's guard,
 * passport's authenticate and passport-jwt's strategy: three layers of callbacks and promises per
 * request, bench/api-overhead.bench.ts). As before, any failure, a failed user lookup included, is
 * the one 401 `unauthenticated`.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: JwtStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) || this.reflector.getAllAndOverride<boolean>(IS_WEB_ROUTE, targets);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined>; user?: AuthUser }>();
    const user = await this.tokens.authenticate(req).catch(() => null);
    if (!user) throw new AppException(401, CommonErrorCode.Unauthenticated, 'A valid bearer token is required');
    req.user = user;
    return true;
  }
}
