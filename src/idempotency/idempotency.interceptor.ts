import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, Observable } from 'rxjs';
import { CLOCK, type Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import type { AuthUser } from '../common/request-context/request-context';
import { IdempotencyErrorCode } from './idempotency.exception';
import { IdempotencyRepository } from './idempotency.repository';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** How long a key is remembered (the maintenance sweep deletes it afterwards). */
export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY = /^[\x21-\x7e]{1,200}$/;

/** JSON with object keys sorted, so the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method}\n${path}\n${canonicalJson(body)}`).digest('hex');
}

/**
 * `Idempotency-Key` on a create (see @Idempotent): the first request with a key claims it (a unique
 * row per user and key in PostgreSQL) and its successful response is stored; a retry with the same
 * key and body gets that response again (`Idempotent-Replayed: true`) and creates nothing; the same
 * key with another body is 422 `idempotency_key_reused`; a retry while the first is still running is
 * 409 `idempotency_request_in_progress`. A failed request releases its key. Without the header the
 * request runs as usual.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly reflector: Reflector,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: AuthUser }>();
    const header = req.header(IDEMPOTENCY_HEADER);
    if (header === undefined || !req.user) return next.handle();
    if (!KEY.test(header)) {
      throw new AppException(HttpStatus.BAD_REQUEST, IdempotencyErrorCode.InvalidKey, `${IDEMPOTENCY_HEADER} must be 1 to 200 printable ASCII characters`, {
        field: IDEMPOTENCY_HEADER,
      });
    }
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    return from(this.run(req, http.getResponse<Response>(), req.user, header, status, next));
  }

  private async run(req: Request, res: Response, user: AuthUser, key: string, status: number, next: CallHandler): Promise<unknown> {
    const path = req.originalUrl.split('?')[0];
    // A multipart upload is streamed by its handler, after this runs: its declared length stands
    // for its body (a retry of the same file by the same client has the same length; another file
    // almost never does, and gets 422 like any other reused key).
    const hashed: unknown = req.is('multipart/form-data') ? { multipartContentLength: req.headers['content-length'] ?? null } : req.body;
    const hash = requestHash(req.method, path, hashed);
    const expiresAt = new Date(this.clock.now().getTime() + IDEMPOTENCY_TTL_HOURS * 3_600_000);
    const id = await this.keys.claim({ userId: user.id, key, method: req.method, path, requestHash: hash, expiresAt });
    if (id === null) return this.replay(res, user, key, hash);

    let body: unknown;
    try {
      body = await new Promise((resolve, reject) => {
        let last: unknown;
        next.handle().subscribe({ next: (v: unknown) => (last = v), error: reject, complete: () => resolve(last) });
      });
    } catch (err) {
      await this.keys.release(id).catch((releaseErr: unknown) => this.logger.error({ err: releaseErr, key }, 'could not release an idempotency key'));
      throw err;
    }
    await this.keys.complete(id, status, body);
    return body;
  }

  private async replay(res: Response, user: AuthUser, key: string, hash: string): Promise<unknown> {
    const row = await this.keys.find(user.id, key);
    if (!row) throw new AppException(HttpStatus.CONFLICT, IdempotencyErrorCode.RequestInProgress, 'A request with this Idempotency-Key has just finished or failed; try again');
    if (row.requestHash !== hash) {
      throw new AppException(HttpStatus.UNPROCESSABLE_ENTITY, IdempotencyErrorCode.KeyReused, 'This Idempotency-Key was used for a different request; use a new key for a new request', {
        field: IDEMPOTENCY_HEADER,
      });
    }
    if (row.responseStatus === null) {
      throw new AppException(HttpStatus.CONFLICT, IdempotencyErrorCode.RequestInProgress, 'The first request with this Idempotency-Key has not finished; check whether it took effect before retrying');
    }
    res.setHeader('Idempotent-Replayed', 'true');
    return row.responseBody;
  }
}
