import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException, FieldProblem } from '../errors/app.exception';
import { CommonErrorCode } from '../errors/error-code';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return own.concat(flatten(e.children ?? [], field));
  });
}

/** The global pipe: unknown fields refused, types transformed, every problem names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
