import { HttpStatus } from '@nestjs/common';
import { CommonErrorCode, type ErrorCode } from './error-code';

export interface FieldProblem {
  field: string;
  messages: string[];
}

/**
 * A domain error with a stable code (CommonErrorCode or a feature's own enum). Services throw
 * these (or their subclasses); the global filter turns them into
 * `{ statusCode, error, code, message, details?, requestId }`.
 */
export class AppException extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppException';
  }

  static notFound(entity: string, id?: string): AppException {
    return new AppException(HttpStatus.NOT_FOUND, CommonErrorCode.NotFound, id ? `${entity} ${id} not found` : `${entity} not found`);
  }

  static forbidden(message: string): AppException {
    return new AppException(HttpStatus.FORBIDDEN, CommonErrorCode.Forbidden, message);
  }

  /** A bad value in one field, for rules class-validator cannot see (dates against other rows, ...). */
  static invalidField(field: string, message: string): AppException {
    return new AppException(HttpStatus.BAD_REQUEST, CommonErrorCode.ValidationFailed, `${field}: ${message}`, [
      { field, messages: [message] } satisfies FieldProblem,
    ]);
  }

  static conflict(code: ErrorCode, message: string, details?: unknown): AppException {
    return new AppException(HttpStatus.CONFLICT, code, message, details);
  }

  /** Optimistic locking: the client named a version that is no longer current. */
  static staleVersion(entity: string, currentVersion: number): AppException {
    return new AppException(
      HttpStatus.CONFLICT,
      CommonErrorCode.StaleVersion,
      `${entity} was changed by someone else (current version ${currentVersion}); reload and try again`,
      { currentVersion },
    );
  }
}
