import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException, FieldProblem } from '../errors/app.exception';
import { CommonErrorCode } from '../errors/error-code';
import { refuseUndocumentedNulls } from './null-policy';
import { findHostileInput, hostileInputException } from './hostile-input';
import { cacheValidationMetadata } from './validation-metadata-cache';
import { MAX_PAGE_SIZE, PAGE_ONLY_QUERIES } from '../pagination/page.dto';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return own.concat(flatten(e.children ?? [], field));
  });
}

/**
 * Refuses NUL bytes, lone surrogates and deep nesting before class-transformer runs. The
 * refuseHostileInput middleware already does this for parsed JSON and form bodies; this also covers
 * what reaches a DTO another way (multipart fields, route parameters). An explicit null is refused
 * unless the property is documented nullable (null-policy.ts).
 */
class HardenedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const found = findHostileInput(value, metadata.data ?? metadata.type);
      if (found) throw hostileInputException(found);
      if (metadata.type === 'body') refuseUndocumentedNulls(value, metadata.metatype);
    }
    if (metadata.type === 'query' && metadata.metatype && PAGE_ONLY_QUERIES.has(metadata.metatype)) {
      const page = pageOnlyQuery(value, metadata.metatype as new () => { page: number; pageSize: number });
      if (page) return page;
    }
    return super.transform(value, metadata);
  }
}

/** A page number or size as the fast path takes it: digits, no leading zero, at most 6 of them. */
const PLAIN_NUMBER = /^[1-9][0-9]{0,5}$/;

/**
 * A list's query that is only `page` and/or `pageSize`, each one plain number in range, of a
 * query DTO whose own filters are all optional (PAGE_ONLY_QUERIES): the DTO class-transformer and
 * class-validator make of it (the class with its defaults, the numbers set), without them. They
 * cost 4-5% of the list's CPU time per request (bench/api-overhead.bench.ts). Anything else (null
 * when it is not such a query) goes through them as before; validation.pipe.spec.ts compares
 * both answers.
 */
function pageOnlyQuery<T extends { page: number; pageSize: number }>(value: unknown, metatype: new () => T): T | null {
  if (typeof value !== 'object' || value === null) return null;
  const dto = new metatype();
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return null;
    const text = (value as Record<string, unknown>)[key];
    if (typeof text !== 'string' || !PLAIN_NUMBER.test(text)) return null;
    const n = Number(text);
    if (key === 'page') dto.page = n;
    else if (key === 'pageSize' && n <= MAX_PAGE_SIZE) dto.pageSize = n;
    else return null;
  }
  return dto;
}

/** The global pipe: unknown fields refused, types transformed, every problem names its field. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new HardenedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((d) => `${d.field}: ${d.messages.join(', ')}`).join('; ');
      return new AppException(400, CommonErrorCode.ValidationFailed, message || 'Validation failed', details);
    },
  });
}
