import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Response } from 'express';
import type { CurrentUserView as CurrentUserViewModel } from '../session/session-data';

/** What the layout shows of the signed-in user (name, organisation, role), for a page's view model. */
export const CurrentUserView = createParamDecorator((_: unknown, ctx: ExecutionContext): CurrentUserViewModel | undefined => {
  return (ctx.switchToHttp().getResponse<Response>().locals.currentUser as CurrentUserViewModel | undefined) ?? undefined;
});
