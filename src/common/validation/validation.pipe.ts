import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException, FieldProblem } from '../errors/app.exception';
import { CommonErrorCode } from '../errors/error-code';
import { refuseUndocumentedNulls } from './null-policy';
import { findHostileInput, hostileInputException } from './hostile-input';
import { cacheValidationMetadata } from './validation-metadata-cache';

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
    return super.transform(value, metadata);
  }
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
