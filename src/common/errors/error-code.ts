/**
 * Error codes: every error body carries one (`code`), stable and snake_case, for clients to
 * branch on. The cross-cutting ones are here; each feature declares its own enum in
 * `src/<feature>/<feature>.exception.ts` and registers it in FeatureErrorCodes, so AppException
 * accepts exactly the declared codes. Never rename a code: clients depend on it.
 */
export enum CommonErrorCode {
  /** A request field broke a rule; `details` lists each field and its problems. */
  ValidationFailed = 'validation_failed',
  /** No such row in your organisation (or you may not see it), or no such route. */
  NotFound = 'not_found',
  Forbidden = 'forbidden',
  /** No valid bearer token. */
  Unauthenticated = 'unauthenticated',
  /** Optimistic locking: the version sent is no longer current; `details.currentVersion`. */
  StaleVersion = 'stale_version',
  /** A delete refused while other rows depend on the row; `details.dependents`. */
  HasDependents = 'has_dependents',
  /** A record with the same unique value was created at the same moment. */
  AlreadyExists = 'already_exists',
  /** Any other conflict with the stored data (a related record missing or still referenced). */
  Conflict = 'conflict',
  /**
   * Another change to the same records was being saved at the same moment and PostgreSQL undid this
   * one (a deadlock or serialisation failure): nothing of it was saved. Send the same request again.
   */
  WriteConflict = 'write_conflict',
  MalformedJson = 'malformed_json',
  /** Text (a body field, a query filter or a field name) with a NUL byte or an unpaired UTF-16 surrogate; `details` names the field. */
  InvalidText = 'invalid_text',
  /** A body or query nested deeper than the limit (32 levels); `details` names where. */
  NestingTooDeep = 'nesting_too_deep',
  /** The request's headers or body did not arrive in time (REQUEST_TIMEOUT_MS, UPLOAD_TIMEOUT_MS). */
  RequestTimeout = 'request_timeout',
  PayloadTooLarge = 'payload_too_large',
  /** The request body could not be read (aborted, bad encoding). */
  UnreadableBody = 'unreadable_body',
  UnsupportedMediaType = 'unsupported_media_type',
  MethodNotAllowed = 'method_not_allowed',
  RateLimited = 'rate_limited',
  /** Any other bad request. */
  BadRequest = 'bad_request',
  /** A dependency is down (readiness check failed); try again later. */
  ServiceUnavailable = 'service_unavailable',
  /** Redis (queues, login limits) is not answering; anything already saved stays saved. Retry later. */
  DependencyUnavailable = 'dependency_unavailable',
  /**
   * PostgreSQL gave up on the request (DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_LOCK_TIMEOUT_MS: a
   * statement ran too long, or another change held the records too long): nothing of it was saved.
   * Send it again after `Retry-After` (`details.retryAfterSeconds`).
   */
  DatabaseTimeout = 'database_timeout',
  /** A fault on our side; quote the request id. */
  InternalError = 'internal_error',
}

/**
 * The codes of each feature, by feature name. Features add themselves from their exception file:
 *
 *   declare module '../common/errors/error-code' {
 *     interface FeatureErrorCodes { actions: ActionsErrorCode }
 *   }
 *
 * so this folder never imports a feature; `src/error-catalogue.ts` lists them all at run time.
 */
export interface FeatureErrorCodes {
  common: CommonErrorCode;
}

/** Every code an error body may carry. */
export type ErrorCode = FeatureErrorCodes[keyof FeatureErrorCodes];

/** For switches that must handle every case: a new case is a compile error here. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
