import { applyDecorators, Controller, SetMetadata } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

export const IS_WEB_ROUTE = 'isWebRoute';
export const IS_PUBLIC_PAGE = 'isPublicPage';

/**
 * A controller of web pages: its routes sit outside `/api/v1`, authenticate by the session cookie
 * (WebAuthGuard) instead of a bearer token, answer errors as HTML pages, and stay out of the
 * OpenAPI document. Roles are checked with the API's own `@Roles(...)`.
 */
export const WebController = (path?: string) => applyDecorators(Controller(path ?? ''), SetMetadata(IS_WEB_ROUTE, true), ApiExcludeController());

/** A page anyone may see without signing in (sign in, accessibility statement, cookies). */
export const PublicPage = () => SetMetadata(IS_PUBLIC_PAGE, true);
