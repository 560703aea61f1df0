/**
 * Where things are served. Controllers and mappers build their URLs from these, so nothing needs to
 * import the HTTP set-up (configure-app.ts) to know a path.
 */

/** The global route prefix: every controller is served under `/api/v1`. */
export const API_PREFIX = 'api/v1';

/** The OpenAPI UI and its JSON document (outside the prefix). */
export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';

/** The generic job status API: `GET /api/v1/jobs/:id`. */
export const JOBS_ROUTE = 'jobs';

/** Health checks: `GET /api/v1/health`, `/api/v1/health/ready`. */
export const HEALTH_ROUTE = 'health';

/**
 * Every route, for middleware (`forRoutes`). Express 5's path-to-regexp wants a named wildcard;
 * a bare `*` (nestjs-pino's default) is auto-converted with a LegacyRouteConverter warning at start.
 */
export const ALL_ROUTES = '{*path}';

/** The absolute path of an API resource: `apiPath('packs', id)` is `/api/v1/packs/<id>`. */
export function apiPath(...segments: string[]): string {
  return ['', API_PREFIX, ...segments].join('/');
}
