/** Error codes of the Idempotency-Key header (besides the common ones). */
export enum IdempotencyErrorCode {
  /** The header is empty, longer than 200 characters, or has characters outside printable ASCII. */
  InvalidKey = 'idempotency_key_invalid',
  /** The key was used before with a different method, path or body: 422, nothing done. */
  KeyReused = 'idempotency_key_reused',
  /** The first request with this key has not finished (or its process died mid-way): 409, check before retrying. */
  RequestInProgress = 'idempotency_request_in_progress',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    idempotency: IdempotencyErrorCode;
  }
}
