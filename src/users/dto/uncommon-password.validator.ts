import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCommonPassword } from '../password-policy';

/** Refuses a password from the common-passwords deny-list (see password-policy.ts): 400 naming the field. */
export function IsUncommonPassword(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUncommonPassword',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !isCommonPassword(value),
        defaultMessage: (args) => `${args?.property ?? 'password'} is too easy to guess: it is a commonly used password (try three random words)`,
      },
    },
    options,
  );
}
