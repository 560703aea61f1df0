import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import type { AuthUser, RequestContextStore } from '../../../common/request-context/request-context';
import { WebException } from '../errors/web.exception';
import { IS_PUBLIC_PAGE, IS_WEB_ROUTE } from './web.decorators';

/** True for handlers of a `@WebController()`. */
export function isWebRoute(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(IS_WEB_ROUTE, [context.getHandler(), context.getClass()]) === true;
}

/**
 * Global, between the bearer guard (which lets web routes through) and the roles guard: a web page
 * needs the signed-in user that the session middleware found (`req.user`), unless it is a
 * `@PublicPage()`. Without one the browser is sent to sign in. The user is put in the request
 * context for the audit trail, as the bearer strategy does for the API.
 */
@Injectable()
export class WebAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService<RequestContextStore>,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (!isWebRoute(this.reflector, context)) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (user) {
      this.cls.set('user', user);
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_PAGE, [context.getHandler(), context.getClass()])) return true;
    throw WebException.signInRequired();
  }
}
