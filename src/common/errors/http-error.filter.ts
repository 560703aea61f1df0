import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { renderWebError } from '../../web/common/errors/render-web-error';
import { isApiPath } from '../../web/common/web-paths';
import { AppException } from './app.exception';
import { isRedisUnavailable } from './dependency-unavailable.error';
import { databaseTimeoutState } from '../persistence/database-timeout';
import { isTransientConflict } from '../persistence/transient-conflict';
import { safeDatabaseError } from './safe-database-error';
import { assertUnreachable, CommonErrorCode, type ErrorCode } from './error-code';

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  details?: unknown;
  requestId?: string;
}

/** What body-parser's errors carry (raw, or kept by keepBodyParserErrors). */
interface ParserErrorFields {
  type?: unknown;
  status?: number;
  statusCode?: number;
  message?: string;
}

/** Whatever reached the filter, by where it came from. */
type Caught =
  | { kind: 'app'; exception: AppException }
  /** Nest's own HttpExceptions: unknown routes, terminus health results, ... */
  | { kind: 'http'; exception: HttpException }
  /** body-parser refusing the request body before any controller ran. */
  | { kind: 'body'; type: string; status: number; message: string }
  /** A constraint the services could not see coming (two creates at once), or a deadlock with another request. */
  | { kind: 'database'; sqlState: string }
  /** PostgreSQL gave up on the request for one of the API's session limits (typeormOptions); its transaction was rolled back. */
  | { kind: 'database-timeout'; sqlState: string }
  /** Redis (queues, login limits) did not answer in time: retry later; nothing committed is lost. */
  | { kind: 'dependency' }
  | { kind: 'unknown' };

function classify(exception: unknown): Caught {
  if (exception instanceof AppException) return { kind: 'app', exception };
  if (exception instanceof HttpException) return { kind: 'http', exception };
  const parserError = exception as ParserErrorFields | null | undefined;
  if (typeof parserError?.type === 'string') {
    const { type } = parserError;
    const status = parserError.status ?? parserError.statusCode ?? 500;
    if (type === 'entity.parse.failed' || type === 'entity.too.large' || status < 500) {
      return { kind: 'body', type, status, message: parserError.message ?? '' };
    }
  }
  if (exception instanceof QueryFailedError) {
    const sqlState = (exception as QueryFailedError & { code?: string }).code;
    if (sqlState === '23505' || sqlState === '23503') return { kind: 'database', sqlState };
    if (isTransientConflict(exception)) return { kind: 'database', sqlState: sqlState ?? '' };
  }
  const timeoutState = databaseTimeoutState(exception);
  if (timeoutState !== null) return { kind: 'database-timeout', sqlState: timeoutState };
  if (isRedisUnavailable(exception)) return { kind: 'dependency' };
  return { kind: 'unknown' };
}

/**
 * When a request PostgreSQL gave up on (database_timeout) may be sent again: long enough for most
 * holders of a lock to have finished (a 5,000-row import commit takes 2-3 s), short for a person.
 */
const DATABASE_TIMEOUT_RETRY_AFTER_SECONDS = 5;

/** The code of an error that carries only an HTTP status. */
export function codeForStatus(status: number): CommonErrorCode {
  switch (status) {
    case 400:
      return CommonErrorCode.BadRequest;
    case 401:
      return CommonErrorCode.Unauthenticated;
    case 403:
      return CommonErrorCode.Forbidden;
    case 404:
      return CommonErrorCode.NotFound;
    case 405:
      return CommonErrorCode.MethodNotAllowed;
    case 409:
      return CommonErrorCode.Conflict;
    case 413:
      return CommonErrorCode.PayloadTooLarge;
    case 415:
      return CommonErrorCode.UnsupportedMediaType;
    case 429:
      return CommonErrorCode.RateLimited;
    case 503:
      return CommonErrorCode.ServiceUnavailable;
    default:
      return status >= 500 ? CommonErrorCode.InternalError : CommonErrorCode.BadRequest;
  }
}

/**
 * Every API error leaves as one JSON shape, with a code; no stack trace ever reaches the client.
 * Errors on the web pages' routes (everything outside `/api/`) are answered with HTML pages instead.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const body = toErrorBody(exception);
    body.requestId = req.id;
    if (body.code === CommonErrorCode.DatabaseTimeout) {
      // Expected now and then (a long import commit holds a plan's rows): a warning, whose SQL state says
      // which limit (57014 statement, 55P03 lock). 25P03 is an error: a transaction of ours sat idle past the limit.
      const err = safeDatabaseError(exception);
      if (databaseTimeoutState(exception) === '25P03') this.logger.error({ err, requestId: req.id }, `${req.method} ${req.path} lost its database session: its transaction sat idle too long`);
      else this.logger.warn({ err, requestId: req.id }, `${req.method} ${req.path} stopped by a database timeout`);
    } else if (body.statusCode >= 500) {
      // A database error carries its bound parameters (a password hash, a token): log only what failed.
      const err = exception instanceof QueryFailedError ? safeDatabaseError(exception) : exception;
      this.logger.error({ err, requestId: req.id }, `${req.method} ${req.path} failed`);
    } else if (body.code === CommonErrorCode.WriteConflict) {
      // Rare, and worth seeing if it is not: which statement met which other one is in PostgreSQL's log.
      this.logger.warn({ err: safeDatabaseError(exception), requestId: req.id }, `${req.method} ${req.path} undone by a concurrent write`);
    }
    if (res.headersSent) {
      // A streamed download broke off after its headers: all we can do is end the response.
      res.destroy();
      return;
    }
    const retryAfter = retryAfterSeconds(body);
    if (retryAfter !== null) res.setHeader('Retry-After', String(retryAfter));
    if (!isApiPath(req.path)) {
      renderWebError(req, res, body.statusCode, body.code, body.details);
      return;
    }
    res.status(body.statusCode).json(body);
  }
}

/** A 429's or a 503's `details.retryAfterSeconds`, for the Retry-After header (RFC 9110), or null. */
function retryAfterSeconds(body: ErrorBody): number | null {
  if (body.statusCode !== 429 && body.statusCode !== 503) return null;
  const seconds = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

/** The body of any error (without its request id). */
export function toErrorBody(exception: unknown): ErrorBody {
  const caught = classify(exception);
  switch (caught.kind) {
    case 'app': {
      const { status, code, message, details } = caught.exception;
      return body(status, code, message, details);
    }
    case 'http':
      return httpExceptionBody(caught.exception);
    case 'body':
      // The parser's own words ("Unexpected end of JSON input"), as Nest gave them before.
      if (caught.type === 'entity.parse.failed') return body(400, CommonErrorCode.MalformedJson, caught.message || 'Malformed JSON in the request body');
      if (caught.type === 'entity.too.large') return body(413, CommonErrorCode.PayloadTooLarge, 'The request body is too large');
      return body(caught.status, CommonErrorCode.UnreadableBody, 'The request body could not be read');
    case 'database':
      if (caught.sqlState === '23505') return body(409, CommonErrorCode.AlreadyExists, 'A record with the same unique value already exists');
      if (caught.sqlState === '23503') return body(409, CommonErrorCode.Conflict, 'The record is referenced by, or refers to, a record that does not exist');
      return body(409, CommonErrorCode.WriteConflict, 'Another change to the same records was being saved at the same moment, and this one was undone; send it again');
    case 'database-timeout':
      return body(
        HttpStatus.SERVICE_UNAVAILABLE,
        CommonErrorCode.DatabaseTimeout,
        'The database did not answer in time, or another change held the records for too long; nothing of this request was saved. Try again.',
        { retryAfterSeconds: DATABASE_TIMEOUT_RETRY_AFTER_SECONDS },
      );
    case 'dependency':
      return body(HttpStatus.SERVICE_UNAVAILABLE, CommonErrorCode.DependencyUnavailable, 'A service this request needs (Redis) is not answering; try again shortly');
    case 'unknown':
      return body(HttpStatus.INTERNAL_SERVER_ERROR, CommonErrorCode.InternalError, 'Internal server error');
    default:
      return assertUnreachable(caught);
  }
}

function httpExceptionBody(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const code = codeForStatus(status);
  const response = exception.getResponse();
  if (typeof response === 'string') return body(status, code, response);
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return body(status, code, message.join('; '));
  // Structured bodies without a message (terminus health results) travel as details.
  if (message === undefined) return body(status, code, exception.message, response);
  return body(status, code, typeof message === 'string' ? message : JSON.stringify(message));
}

function body(statusCode: number, code: ErrorCode, message: string, details?: unknown): ErrorBody {
  const result: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message };
  if (details !== undefined) result.details = details;
  return result;
}
