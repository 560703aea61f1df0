import { AppException } from '../common/errors/app.exception';

/** What an action's owner may change on their own action; everything else is the board's. */
export const OWNER_ACTION_FIELDS: readonly string[] = ['status', 'progressPercent'];
/** ... and on a milestone of their own action. */
export const OWNER_MILESTONE_FIELDS: readonly string[] = ['completedOn'];

/** The fields a PATCH body actually sets (the version travels with every PATCH and is not a change). */
export function fieldsSet(body: object): string[] {
  return Object.entries(body)
    .filter(([key, value]) => key !== 'version' && value !== undefined)
    .map(([key]) => key);
}

/**
 * Owners update their actions before a board meeting but do not re-plan them: a body that touches
 * any other field is refused as a whole (403), naming the fields, so nothing is half-applied.
 */
export function assertOwnerMayChange(body: object, allowed: readonly string[], what: string): void {
  const refused = fieldsSet(body).filter((f) => !allowed.includes(f));
  if (refused.length > 0) {
    throw AppException.forbidden(
      `As the ${what}'s owner you may not change ${refused.join(', ')}; you may change only ${allowed.join(', ')}`,
    );
  }
}
