import { INestApplication, Type } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC, ROLES_KEY } from '../auth/auth.decorators';
import type { Role } from '../request-context/request-context';
import { UuidParam } from '../validation/uuid-param.pipe';

/** What the route's own decorators say, as the guards and pipes read it. */
export interface RouteFacts {
  /** `@Public()`: no token needed. */
  isPublic: boolean;
  /** `@Roles(...)` on the handler or its controller: only these roles (others get 403). */
  roles: readonly Role[] | undefined;
  /** Path parameters checked by UuidParam (a malformed one is a 400 naming it). */
  uuidParams: readonly string[];
}

/** Swagger's default operation id: `<Controller>_<method>`. */
export const operationIdOf = (controller: Type, method: string) => `${controller.name}_${method}`;

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/**
 * The facts of every route of the app's controllers, by operation id, read from the same metadata
 * the guards (IS_PUBLIC, ROLES_KEY) and pipes (UuidParam) act on, so the document cannot claim
 * other than what the server does.
 */
export function collectRouteFacts(app: INestApplication): Map<string, RouteFacts> {
  const reflector = new Reflector();
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(controller.prototype, method)?.value as unknown;
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const targets = [handler as (...args: unknown[]) => unknown, controller];
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArgument>;
        const uuidParams = Object.entries(args)
          .filter(([key, arg]) => key.startsWith(`${RouteParamtypes.PARAM}:`) && typeof arg.data === 'string')
          .filter(([, arg]) => (arg.pipes ?? []).some((pipe) => pipe === UuidParam || pipe instanceof UuidParam))
          .map(([, arg]) => arg.data as string);
        facts.set(operationIdOf(controller, method), {
          isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
          roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
          uuidParams,
        });
      }
    }
  }
  return facts;
}
