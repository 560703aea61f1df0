import type { Type } from '@nestjs/common';
import { AppException, FieldProblem } from '../errors/app.exception';
import { CommonErrorCode } from '../errors/error-code';

/** Where @ApiProperty() keeps its options (DECORATORS.API_MODEL_PROPERTIES; @nestjs/swagger does not export its constants). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/** Whether a DTO property is documented as accepting `null` (`@ApiProperty({ nullable: true })`). */
export function acceptsNull(metatype: Type, property: string): boolean {
  const meta = Reflect.getMetadata(API_MODEL_PROPERTIES, metatype.prototype as object, property) as { nullable?: boolean } | undefined;
  return meta?.nullable === true;
}

/**
 * An explicit `null` is accepted only for a property the OpenAPI document says is nullable (where
 * null clears a nullable column); anywhere else it is a 400 naming the field. Without this,
 * class-validator's @IsOptional() lets null through to a NOT NULL column and PostgreSQL answers 500.
 * dto-contract.spec.ts checks that every nullable property's column is nullable too.
 */
export function refuseUndocumentedNulls(value: unknown, metatype: Type | undefined): void {
  if (!metatype || value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const problems: FieldProblem[] = Object.entries(value as Record<string, unknown>)
    .filter(([key, v]) => v === null && !acceptsNull(metatype, key))
    .map(([field]) => ({ field, messages: ['must not be null'] }));
  if (problems.length > 0) {
    const message = problems.map((p) => `${p.field}: must not be null`).join('; ');
    throw new AppException(400, CommonErrorCode.ValidationFailed, message, problems);
  }
}
