import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENCY_HEADER, IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Marks a create (POST that makes rows) as accepting an `Idempotency-Key` header: a retried request
 * with the same key and body answers the first response again and creates nothing. Declared in the
 * OpenAPI document for the operation.
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        'Any unique string (e.g. a UUID), 1-200 printable ASCII characters. A retry with the same key and body replays the first response (header Idempotent-Replayed: true) and creates nothing; the same key with a different body is 422 idempotency_key_reused; while the first request runs, 409 idempotency_request_in_progress. Keys are kept 24 hours per user.',
    }),
  );
}
