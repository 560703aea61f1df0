import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, RequestBodyObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { API_PREFIX } from '../http/api-paths';
import type { RouteFacts } from './route-facts';

/**
 * The contract rules that hold for every operation, derived in one place from facts about the route
 * rather than repeated on each handler, so a new controller gets them by construction:
 * - public (`@Public`) -> `security: []`; otherwise bearer, and 401;
 * - `@Roles(...)` -> 403 naming the roles;
 * - path parameters -> 404; those checked by UuidParam -> `format: uuid` and 400;
 * - a body or query parameters -> 400 with field details;
 * - a JSON body -> 413 (BODY_LIMIT); a multipart body -> 413 and 415;
 * - an optimistic version in the body (`version`, `actionVersion`, ...) -> 409 stale_version.
 * What only the service knows (a policy's 403, a conflict, 422, 503) stays declared on the handler;
 * a response the handler declares keeps its words (a roles sentence is added to a declared 403).
 * Paths are given relative to `servers` (`/api/v1`), so the prefix is written once.
 */

export const BEARER_SCHEME = 'bearer';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
type Method = (typeof HTTP_METHODS)[number];

/** One operation of the document with its path and method. */
export interface OperationEntry {
  path: string;
  method: Method;
  operation: OperationObject;
}

export function operationsOf(document: OpenAPIObject): OperationEntry[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method]! })),
  );
}

/** Generic words for the derived error responses; a handler's own description always wins. */
export const DERIVED_ERRORS = {
  badRequestBody: 'A field of the request is invalid (validation_failed: `details` lists each field and its problems), or the JSON is malformed (malformed_json)',
  badRequestParams: 'A path or query parameter is invalid, e.g. an id that is not a UUID (validation_failed: `details` names the parameter)',
  unauthenticated: 'No valid bearer token: missing, expired, or issued before a password change or deactivation (unauthenticated)',
  notFound: "No such record in your organisation, or one you may not see (another organisation's records are never revealed) (not_found)",
  staleVersion: 'The version you sent is no longer current: someone saved first (stale_version: `details.currentVersion`); reload and try again',
  bodyTooLarge: 'The JSON body is larger than BODY_LIMIT (1 MB by default) (payload_too_large)',
  uploadTooLarge: 'The upload is larger than the limit (payload_too_large)',
  notMultipart: 'The body is not multipart/form-data, or the content is not an allowed type (unsupported_media_type)',
  onlyMalformedBody:
    'Only a malformed JSON body sent with the request: every API route reads one when Content-Type says JSON (malformed_json)',
  roles: (roles: readonly string[]) => `Your role may not do this: it needs one of ${roles.join(', ')} (forbidden)`,
} as const;

/** Property names that carry the version read, for optimistic locking (`version`, `actionVersion`). */
const VERSION_PROPERTY = /^(version|[a-z]+Version)$/;

/**
 * Completes the document as described above. `servers` names the API prefix; paths that carry it
 * (the real app mounts modules under it with RouterModule) lose it, so the two never double up.
 */
export function completeContract(document: OpenAPIObject, routes: ReadonlyMap<string, RouteFacts>): OpenAPIObject {
  const prefix = `/${API_PREFIX}`;
  const paths: OpenAPIObject['paths'] = {};
  for (const [path, item] of Object.entries(document.paths)) {
    paths[path === prefix ? '/' : path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path] = item;
  }
  document.paths = paths;
  document.servers = [{ url: prefix, description: 'this server: every path below is relative to the API prefix' }];
  document.security = [{ [BEARER_SCHEME]: [] }];

  for (const { path, method, operation } of operationsOf(document)) {
    const facts = operation.operationId ? routes.get(operation.operationId) : undefined;
    if (!facts) throw new Error(`OpenAPI: no route facts for ${method.toUpperCase()} ${path} (operationId ${operation.operationId})`);
    const { isPublic, roles, uuidParams } = facts;

    operation.security = isPublic ? [] : [{ [BEARER_SCHEME]: [] }];
    // The plan of a plan-scoped route (`/plans/{planId}/...`) is read by a guard, not a handler
    // parameter, so Swagger does not see it: declare it.
    if (path.includes('{planId}') && !(operation.parameters ?? []).some((p) => !('$ref' in p) && p.in === 'path' && p.name === 'planId')) {
      operation.parameters = [
        { name: 'planId', in: 'path', required: true, description: 'the plan', schema: { type: 'string', format: 'uuid' } },
        ...(operation.parameters ?? []),
      ];
    }
    const parameters = (operation.parameters ?? []).filter((p): p is ParameterObject => !('$ref' in p));
    const pathParams = parameters.filter((p) => p.in === 'path');
    for (const param of pathParams) {
      if (uuidParams.includes(param.name) && param.schema && !('$ref' in param.schema)) param.schema.format = 'uuid';
    }
    const hasQueryParams = parameters.some((p) => p.in === 'query');
    const body = operation.requestBody && !('$ref' in operation.requestBody) ? operation.requestBody : undefined;
    const multipart = body?.content['multipart/form-data'] !== undefined;
    const json = body?.content['application/json'] !== undefined;

    if (json) addResponse(operation, 400, DERIVED_ERRORS.badRequestBody);
    if (uuidParams.length > 0 || hasQueryParams || multipart) addResponse(operation, 400, DERIVED_ERRORS.badRequestParams);
    if (!isPublic) addResponse(operation, 401, DERIVED_ERRORS.unauthenticated);
    if (roles) addRoles(operation, roles);
    if (pathParams.length > 0) addResponse(operation, 404, DERIVED_ERRORS.notFound);
    if (json && carriesVersion(document, body)) addResponse(operation, 409, DERIVED_ERRORS.staleVersion);
    if (json) addResponse(operation, 413, DERIVED_ERRORS.bodyTooLarge);
    if (multipart) {
      addResponse(operation, 413, DERIVED_ERRORS.uploadTooLarge);
      addResponse(operation, 415, DERIVED_ERRORS.notMultipart);
    }
    if (!Object.keys(operation.responses).some((status) => /^4\d\d$/.test(status))) addResponse(operation, 400, DERIVED_ERRORS.onlyMalformedBody);
    operation.responses = sortedResponses(operation.responses);
  }
  return document;
}

function addResponse(operation: OperationObject, status: number, description: string): void {
  operation.responses[String(status)] ??= { description };
}

function addRoles(operation: OperationObject, roles: readonly string[]): void {
  const sentence = DERIVED_ERRORS.roles(roles);
  const declared = operation.responses['403'] as ResponseObject | undefined;
  if (!declared) operation.responses['403'] = { description: sentence };
  else if (!declared.description.includes(sentence)) declared.description = `${declared.description}; or: ${sentence}`;
}

/** Does the JSON body's schema (one level of $ref) have a version property? */
function carriesVersion(document: OpenAPIObject, body: RequestBodyObject): boolean {
  const schema = resolve(document, body.content['application/json']?.schema);
  return Object.keys(schema?.properties ?? {}).some((name) => VERSION_PROPERTY.test(name));
}

function resolve(document: OpenAPIObject, schema: SchemaObject | ReferenceObject | undefined): SchemaObject | undefined {
  if (!schema) return undefined;
  if (!('$ref' in schema)) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components?.schemas?.[name];
  return target && !('$ref' in target) ? target : undefined;
}

/** 2xx first, then errors by status, then `default`: how a reader scans them. */
function sortedResponses(responses: OperationObject['responses']): OperationObject['responses'] {
  const keys = Object.keys(responses).sort((a, b) => (a === 'default' ? 1 : b === 'default' ? -1 : a.localeCompare(b)));
  return Object.fromEntries(keys.map((k) => [k, responses[k]]));
}
