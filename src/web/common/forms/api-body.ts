import type { ValidationPipe } from '@nestjs/common';
import { createValidationPipe } from '../../../common/validation/validation.pipe';

let pipe: ValidationPipe | null = null;

/**
 * A body a form built, checked and transformed exactly as the API checks its JSON body: the same
 * DTO class through the same global pipe, so a rule (a length, an identifier, a date) lives once, in
 * the DTO. A refusal is the API's own 400 `validation_failed` AppException, naming its fields.
 */
export async function asApiBody<T extends object>(metatype: new () => T, body: object): Promise<T> {
  pipe ??= createValidationPipe();
  return (await pipe.transform(body, { type: 'body', metatype })) as T;
}
