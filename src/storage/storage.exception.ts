/** Why a storage call failed; the evidence service maps these to HTTP statuses. */
export enum StorageExceptionCode {
  /** A key outside the server's own naming scheme: a programming error, never user input. */
  INVALID_KEY = 'INVALID_KEY',
  /** A range that is not two non-negative integers with start <= end. */
  INVALID_RANGE = 'INVALID_RANGE',
  /** The range starts at or beyond the end of the object (HTTP 416). */
  RANGE_NOT_SATISFIABLE = 'RANGE_NOT_SATISFIABLE',
  NOT_FOUND = 'NOT_FOUND',
  /** The disk or the object store failed (I/O error, network, credentials, bucket missing). */
  BACKEND_FAILURE = 'BACKEND_FAILURE',
}

export class StorageException extends Error {
  constructor(
    message: string,
    readonly code: StorageExceptionCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageException';
  }
}
