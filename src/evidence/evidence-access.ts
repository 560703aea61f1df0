import { AppException } from '../common/errors/app.exception';
import type { AuthUser } from '../common/request-context/request-context';

/** The part of an action that decides who may see and add its evidence. */
export interface EvidenceActionScope {
  id: string;
  ownerId: string;
}

/** The part of an evidence row that decides who may see it. */
export interface EvidenceScope {
  id: string;
  withdrawnAt: Date | null;
}

/**
 * Board and admin: all evidence of their organisation. Owners: evidence of the actions they own
 * only (they read the plan, but not other owners' files). Scrutiny: none (they receive packs).
 * The caller has already scoped the action to the user's organisation.
 */
export function canReadEvidenceOf(user: AuthUser, action: EvidenceActionScope): boolean {
  switch (user.role) {
    case 'admin':
    case 'board':
      return true;
    case 'owner':
      return action.ownerId === user.id;
    default:
      return false;
  }
}

/** For every read of an action's evidence: 404 (as for another organisation's) when the user may not see it. */
export function assertCanReadEvidenceOf(user: AuthUser, action: EvidenceActionScope): void {
  if (!canReadEvidenceOf(user, action)) throw AppException.notFound('Action', action.id);
}

/**
 * Withdrawn evidence leaves every list and every read except an admin's: it stays retrievable for
 * them (and in the audit trail), since evidence is never hard-deleted.
 */
export function assertCanReadEvidence(user: AuthUser, action: EvidenceActionScope, evidence: EvidenceScope): void {
  if (!canReadEvidenceOf(user, action) || (evidence.withdrawnAt !== null && user.role !== 'admin')) {
    throw AppException.notFound('Evidence', evidence.id);
  }
}

/**
 * Scrutiny cannot see the working plan at all (404); an owner may see another owner's action in the
 * plan, so adding evidence to it is refused in words (403) rather than hidden.
 */
export function assertCanUploadTo(user: AuthUser, action: EvidenceActionScope): void {
  if (user.role === 'scrutiny') throw AppException.notFound('Action', action.id);
  if (user.role === 'owner' && action.ownerId !== user.id) {
    throw AppException.forbidden('You can only add evidence to actions you own');
  }
}

/** Assurance is the board's job, and never of one's own upload. */
export function assertCanReview(user: AuthUser, evidence: { uploadedById: string }): void {
  if (user.role !== 'board' && user.role !== 'admin') {
    throw AppException.forbidden('Only board members and admins review evidence');
  }
  if (evidence.uploadedById === user.id) {
    throw AppException.forbidden('You uploaded this evidence; another board member must review it');
  }
}

/** Only the person who uploaded an item may take it back. */
export function assertCanWithdraw(user: AuthUser, evidence: { uploadedById: string }): void {
  if (evidence.uploadedById !== user.id) {
    throw AppException.forbidden('Only the person who uploaded this evidence can withdraw it');
  }
}
