import { ValidateIf } from 'class-validator';

/**
 * For PATCH fields whose column is NOT NULL: absent means "leave it", but an explicit null is
 * validated (and refused by the field's other validators) instead of slipping past @IsOptional()
 * and failing in the database.
 */
export const NotNullWhenPresent = () => ValidateIf((_: object, value: unknown) => value !== undefined);
