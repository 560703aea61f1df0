import { HttpException, Logger, NotFoundException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import type { Request, Response } from 'express';
import { AppException } from './app.exception';
import { BodyParserError, keepBodyParserErrors } from './body-parser-errors';
import { DependencyUnavailableError } from './dependency-unavailable.error';
import { CommonErrorCode } from './error-code';
import { hasDependents } from './has-dependents';
import { codeForStatus, HttpErrorFilter, toErrorBody } from './http-error.filter';

function queryFailed(sqlState: string): QueryFailedError {
  return Object.assign(new QueryFailedError('INSERT ...', [], new Error('violates a constraint')), { code: sqlState });
}

describe('toErrorBody', () => {
  describe('AppException: its own status, code, message and details', () => {
    it.each<[string, AppException, number, string]>([
      ['not found', AppException.notFound('Action', 'x'), 404, 'not_found'],
      ['forbidden', AppException.forbidden('no'), 403, 'forbidden'],
      ['a bad field', AppException.invalidField('dueDate', 'must not be before startDate'), 400, 'validation_failed'],
      ['a stale version', AppException.staleVersion('Action', 4), 409, 'stale_version'],
      ['a delete with dependents', hasDependents('workstream KO1', [{ relation: 'has', entityType: 'action', rows: [{ id: 'a', label: 'A1.1' }] }])!, 409, 'has_dependents'],
    ])('%s', (_name, exception, status, code) => {
      const body = toErrorBody(exception);
      expect(body).toMatchObject({ statusCode: status, code, message: exception.message });
      expect(body.details).toEqual(exception.details);
    });

    it('puts the fields in the documented order: statusCode, error, code, message, details', () => {
      expect(Object.keys(toErrorBody(AppException.staleVersion('Action', 4)))).toEqual(['statusCode', 'error', 'code', 'message', 'details']);
      expect(Object.keys(toErrorBody(AppException.notFound('Action')))).toEqual(['statusCode', 'error', 'code', 'message']);
    });
  });

  describe("Nest's HttpExceptions: a code from the status", () => {
    it.each<[string, HttpException, number, string, string]>([
      ['an unknown route', new NotFoundException('Cannot GET /api/v1/nope'), 404, 'not_found', 'Cannot GET /api/v1/nope'],
      ['a refused token', new UnauthorizedException(), 401, 'unauthenticated', 'Unauthorized'],
      ['a wrong method', new HttpException('Method Not Allowed', 405), 405, 'method_not_allowed', 'Method Not Allowed'],
      ['a throttled request', new HttpException('ThrottlerException: Too Many Requests', 429), 429, 'rate_limited', 'ThrottlerException: Too Many Requests'],
      ['several messages', new HttpException({ message: ['a is wrong', 'b is wrong'] }, 400), 400, 'bad_request', 'a is wrong; b is wrong'],
      ['an odd 4xx', new HttpException("I'm a teapot", 418), 418, 'bad_request', "I'm a teapot"],
      ['a 5xx', new HttpException('Bad Gateway', 502), 502, 'internal_error', 'Bad Gateway'],
    ])('%s', (_name, exception, status, code, message) => {
      expect(toErrorBody(exception)).toEqual({ statusCode: status, error: expect.any(String), code, message });
    });

    it('a failed readiness check (terminus) is service_unavailable, with the health result as details', () => {
      const result = { status: 'error', info: {}, error: { redis: { status: 'down' } }, details: { redis: { status: 'down' } } };
      const body = toErrorBody(new ServiceUnavailableException(result));
      expect(body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', code: 'service_unavailable', details: result });
    });
  });

  describe('body-parser errors', () => {
    it('malformed JSON, kept by keepBodyParserErrors, keeps the parser\'s words', () => {
      const parsed = Object.assign(new SyntaxError('Unexpected end of JSON input'), { type: 'entity.parse.failed', status: 400 });
      let passed: unknown;
      keepBodyParserErrors(parsed, {} as Request, {} as Response, (err?: unknown) => (passed = err));
      expect(passed).toBeInstanceOf(BodyParserError);
      expect(toErrorBody(passed)).toEqual({ statusCode: 400, error: 'Bad Request', code: 'malformed_json', message: 'Unexpected end of JSON input' });
    });

    it('leaves other errors to Nest', () => {
      const other = new SyntaxError('a template broke');
      let passed: unknown;
      keepBodyParserErrors(other, {} as Request, {} as Response, (err?: unknown) => (passed = err));
      expect(passed).toBe(other);
    });

    it.each<[string, object, number, string]>([
      ['a body over the limit', { type: 'entity.too.large', status: 413 }, 413, 'payload_too_large'],
      ['an aborted request', { type: 'request.aborted', status: 400 }, 400, 'unreadable_body'],
      ['an unsupported charset', { type: 'charset.unsupported', status: 415 }, 415, 'unreadable_body'],
    ])('%s', (_name, error, status, code) => {
      expect(toErrorBody(Object.assign(new Error('parser'), error))).toMatchObject({ statusCode: status, code });
    });
  });

  describe('database constraint races', () => {
    it.each<[string, string, number, string]>([
      ['a unique value taken at the same moment', '23505', 409, 'already_exists'],
      ['a related row gone at the same moment', '23503', 409, 'conflict'],
      ['a deadlock with another request (undone: send it again)', '40P01', 409, 'write_conflict'],
      ['a serialisation failure', '40001', 409, 'write_conflict'],
      ['any other database error', '42P01', 500, 'internal_error'],
    ])('%s', (_name, sqlState, status, code) => {
      expect(toErrorBody(queryFailed(sqlState))).toMatchObject({ statusCode: status, code });
    });
  });

  describe('database timeouts (the API session limits): 503 database_timeout, to be sent again', () => {
    it.each<[string, unknown]>([
      ['a statement past DATABASE_STATEMENT_TIMEOUT_MS (57014)', queryFailed('57014')],
      ['a lock wait past DATABASE_LOCK_TIMEOUT_MS (55P03)', queryFailed('55P03')],
      ['a session ended idle in its transaction (25P03)', queryFailed('25P03')],
      ['a statement refused on the released runner of an ended session', new QueryRunnerProviderAlreadyReleasedError()],
      ['a raw pg error (a cursor of the RAG reads)', Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })],
    ])('%s', (_name, error) => {
      expect(toErrorBody(error)).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'database_timeout',
        message: 'The database did not answer in time, or another change held the records for too long; nothing of this request was saved. Try again.',
        details: { retryAfterSeconds: 5 },
      });
    });
  });

  it('Redis not answering (our deadline, or ioredis giving up) is a 503 dependency_unavailable', () => {
    const gaveUp = Object.assign(new Error('Reached the max retries per request limit (which is 1).'), { name: 'MaxRetriesPerRequestError' });
    for (const err of [new DependencyUnavailableError('redis', 'adding rag/x: no answer from Redis in 2000 ms'), gaveUp]) {
      expect(toErrorBody(err)).toMatchObject({ statusCode: 503, code: 'dependency_unavailable' });
    }
  });

  it('anything else is a 500 internal_error that says nothing about the cause', () => {
    expect(toErrorBody(new Error('connect ECONNREFUSED /var/run/secret.sock'))).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'internal_error',
      message: 'Internal server error',
    });
    expect(toErrorBody(undefined)).toMatchObject({ statusCode: 500, code: 'internal_error' });
  });
});

describe('codeForStatus', () => {
  it.each<[number, CommonErrorCode]>([
    [400, CommonErrorCode.BadRequest],
    [401, CommonErrorCode.Unauthenticated],
    [403, CommonErrorCode.Forbidden],
    [404, CommonErrorCode.NotFound],
    [405, CommonErrorCode.MethodNotAllowed],
    [409, CommonErrorCode.Conflict],
    [413, CommonErrorCode.PayloadTooLarge],
    [415, CommonErrorCode.UnsupportedMediaType],
    [422, CommonErrorCode.BadRequest],
    [429, CommonErrorCode.RateLimited],
    [500, CommonErrorCode.InternalError],
    [503, CommonErrorCode.ServiceUnavailable],
    [504, CommonErrorCode.InternalError],
  ])('%i is %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });
});

describe('HttpErrorFilter on a database timeout', () => {
  function answer(exception: unknown, path = '/api/v1/actions/x') {
    const res = { headersSent: false, headers: {} as Record<string, string>, statusCode: 0, body: undefined as unknown };
    const response = {
      get headersSent() {
        return res.headersSent;
      },
      setHeader: (name: string, value: string) => (res.headers[name] = value),
      status: (code: number) => ((res.statusCode = code), response),
      json: (body: unknown) => (res.body = body),
    };
    const host = { switchToHttp: () => ({ getRequest: () => ({ id: 'req-1', method: 'PATCH', path }), getResponse: () => response }) };
    new HttpErrorFilter().catch(exception, host as never);
    return res;
  }

  afterEach(() => jest.restoreAllMocks());

  it('answers 503 with Retry-After and logs a warning with the SQL state, not an error', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const res = answer(queryFailed('55P03'));
    expect(res.statusCode).toBe(503);
    expect(res.headers['Retry-After']).toBe('5');
    expect(res.body).toMatchObject({ code: 'database_timeout', requestId: 'req-1' });
    expect(warn).toHaveBeenCalledWith({ err: expect.objectContaining({ sqlState: '55P03' }), requestId: 'req-1' }, 'PATCH /api/v1/actions/x stopped by a database timeout');
    expect(error).not.toHaveBeenCalled();
  });

  it('logs an ended session (25P03) as an error: a transaction of ours sat idle past the limit', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    expect(answer(new QueryRunnerProviderAlreadyReleasedError()).statusCode).toBe(503);
    expect(error).toHaveBeenCalledWith({ err: expect.objectContaining({ name: 'QueryRunnerProviderAlreadyReleasedError' }), requestId: 'req-1' }, expect.stringContaining('sat idle too long'));
    expect(warn).not.toHaveBeenCalled();
  });

  it('sets no Retry-After on a 503 without one (a failed readiness check)', () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const res = answer(new ServiceUnavailableException({ status: 'error' }));
    expect(res.statusCode).toBe(503);
    expect(res.headers['Retry-After']).toBeUndefined();
  });
});
