import { ApiProperty, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { ActionsErrorCode } from './actions/actions.exception';
import { AuthErrorCode } from './auth/auth.exception';
import { CommonErrorCode, type ErrorCode, type FeatureErrorCodes } from './common/errors/error-code';
import { EvidenceErrorCode } from './evidence/evidence.exception';
import { FindingsErrorCode } from './findings/findings.exception';
import { IdempotencyErrorCode } from './idempotency/idempotency.exception';
import { ImportErrorCode } from './imports/imports.exception';
import { InspectionsErrorCode } from './inspections/inspections.exception';
import { MeetingsErrorCode } from './meetings/meetings.exception';
import { NotificationsErrorCode } from './notifications/notifications.exception';
import { OrganisationsErrorCode } from './organisations/organisations.exception';
import { PacksErrorCode } from './packs/packs.exception';
import { PlansErrorCode } from './plans/plans.exception';
import { UsersErrorCode } from './users/users.exception';
import { WebErrorCode } from './web/common/errors/web.exception';
import { WorkstreamsErrorCode } from './workstreams/workstreams.exception';

/**
 * Every error code, by feature: what the OpenAPI document lists and clients branch on. A feature
 * that registers its enum in FeatureErrorCodes must appear here (the type insists), and nothing
 * else may.
 */
export const ERROR_CODES_BY_FEATURE: { readonly [F in keyof FeatureErrorCodes]: Readonly<Record<string, FeatureErrorCodes[F]>> } = {
  common: CommonErrorCode,
  auth: AuthErrorCode,
  users: UsersErrorCode,
  organisations: OrganisationsErrorCode,
  inspections: InspectionsErrorCode,
  findings: FindingsErrorCode,
  workstreams: WorkstreamsErrorCode,
  actions: ActionsErrorCode,
  evidence: EvidenceErrorCode,
  packs: PacksErrorCode,
  plans: PlansErrorCode,
  meetings: MeetingsErrorCode,
  imports: ImportErrorCode,
  notifications: NotificationsErrorCode,
  web: WebErrorCode,
  idempotency: IdempotencyErrorCode,
};

const FEATURE_CODES: [feature: string, codes: ErrorCode[]][] = Object.entries(ERROR_CODES_BY_FEATURE).map(([feature, codes]) => [
  feature,
  Object.values(codes as Readonly<Record<string, ErrorCode>>),
]);

/** Every code once (some features share a code, e.g. reference_taken), in alphabetical order. */
export const ERROR_CODES: readonly ErrorCode[] = Object.freeze([...new Set(FEATURE_CODES.flatMap(([, codes]) => codes))].sort());

const CODE_DESCRIPTION =
  'What went wrong, stable and snake_case: branch on it, not on the message. Codes by feature: ' +
  FEATURE_CODES.map(([feature, codes]) => `${feature}: ${codes.join(', ')}`).join('; ') +
  '.';

/** The body of every error response. */
export class ErrorBodyDto {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 409, description: 'the HTTP status, repeated' }) statusCode: number;
  @ApiProperty({ example: 'Conflict', description: 'the HTTP reason phrase' }) error: string;
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode', description: CODE_DESCRIPTION, example: 'stale_version' }) code: ErrorCode;
  @ApiProperty({ example: 'Action was changed by someone else (current version 4); reload and try again' }) message: string;
  @ApiProperty({
    required: false,
    oneOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }],
    description: 'more, by code: the fields at fault and their problems (validation_failed), currentVersion (stale_version), dependents (has_dependents), ...',
    example: { currentVersion: 4 },
  })
  details?: unknown;
  @ApiProperty({ example: 'b7c1e2d4-3f5a-4c6b-9d8e-0a1b2c3d4e5f', description: 'quote it when reporting a problem' }) requestId: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/**
 * Gives every documented error response (4xx, 5xx) the ErrorBodyDto schema, and every operation a
 * default response with it, so the document says what any error looks like. A schema a decorator
 * put there (terminus's @HealthCheck describes its own 503 body) is replaced: the global filter
 * answers every error with this body (terminus's result travels in `details`).
 */
export function documentErrorBodies(document: OpenAPIObject): OpenAPIObject {
  const content = { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) } } };
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (response && /^[45]\d\d$/.test(status) && !('$ref' in response)) response.content = content;
      }
      operation.responses.default ??= { description: 'An error: see `code`', content };
    }
  }
  return document;
}
