import type { AuthUser } from '../common/request-context/request-context';
import type { PackAudience } from '../vocabulary/pack-audience';

/**
 * Which packs a user may see, in one place so the list, the detail and the download agree.
 * Board members and admins see every pack of their organisation. Scrutiny members see only
 * published scrutiny packs: drafts and board packs do not exist for them (404, never 403, so a
 * pack's existence does not leak). Owners are refused by @Roles before any of this runs.
 */
export interface PackVisibility {
  /** Restrict to one audience (scrutiny members: 'scrutiny'). */
  audience: PackAudience | null;
  publishedOnly: boolean;
}

export function packVisibility(user: Pick<AuthUser, 'role'>): PackVisibility {
  return user.role === 'scrutiny' ? { audience: 'scrutiny', publishedOnly: true } : { audience: null, publishedOnly: false };
}

export function canSeePack(user: Pick<AuthUser, 'role'>, pack: { audience: PackAudience; publishedAt: Date | null }): boolean {
  const rule = packVisibility(user);
  if (rule.audience !== null && pack.audience !== rule.audience) return false;
  return !rule.publishedOnly || pack.publishedAt !== null;
}

/** Scrutiny members receive the public record: who requested or published a pack is not theirs to see. */
export function seesPeople(user: Pick<AuthUser, 'role'>): boolean {
  return user.role !== 'scrutiny';
}
