import { planRoleOf } from '../common/auth/access-policy';
import type { AuthUser } from '../common/request-context/request-context';
import type { PackAudience } from '../vocabulary/pack-audience';

/**
 * Which packs a user may see, in one place so the list, the detail and the download agree. The
 * rule reads the user's role in the pack's plan: board members and admins see every pack of the
 * plan; scrutiny members see only its published scrutiny packs (drafts and board packs do not exist
 * for them: 404, never 403, so a pack's existence does not leak); owners and people who hold no
 * role in the plan see none.
 */
export interface PackVisibility {
  /** Restrict to one audience (scrutiny members: 'scrutiny'). */
  audience: PackAudience | null;
  publishedOnly: boolean;
}

interface PackPlan {
  organisationId: string;
  planId: string;
}

export function packVisibility(user: AuthUser, plan: PackPlan): PackVisibility {
  return planRoleOf(user, plan) === 'scrutiny' ? { audience: 'scrutiny', publishedOnly: true } : { audience: null, publishedOnly: false };
}

export function canSeePack(user: AuthUser, pack: PackPlan & { audience: PackAudience; publishedAt: Date | null }): boolean {
  const role = planRoleOf(user, pack);
  if (role !== 'admin' && role !== 'board' && role !== 'scrutiny') return false;
  const rule = packVisibility(user, pack);
  if (rule.audience !== null && pack.audience !== rule.audience) return false;
  return !rule.publishedOnly || pack.publishedAt !== null;
}

/** Scrutiny members receive the public record: who requested or published a pack is not theirs to see. */
export function seesPeople(user: AuthUser, plan: PackPlan): boolean {
  return planRoleOf(user, plan) !== 'scrutiny';
}
