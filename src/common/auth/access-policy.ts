import { AppException } from '../errors/app.exception';
import { HttpStatus } from '@nestjs/common';
import { PlansErrorCode } from '../../plans/plans.exception';
import type { AuthUser, Role } from '../request-context/request-context';

/**
 * Who may see and change the working plan: the action plan's rows (inspections, notices, findings,
 * workstreams, actions) and what hangs off an action (milestones, progress updates, evidence, its
 * RAG override and history). One file of plain functions, so every feature asks the same question
 * the same way; services load the few columns a rule needs (`ActionsRepository.findAccessScope`
 * for an action) and call these. Packs have their own audience rules (`packs/pack-access.ts`).
 *
 * Every rule asks `planRoleOf(user, row)`, "the user's role for this row's plan", and nothing else
 * about the user's role. `board`, `owner` and `scrutiny` are roles held in a plan (the user's
 * memberships, loaded with them on each request into `AuthUser.plans`); `admin` is an organisation
 * role and acts as admin in every plan of the organisation. A plan the user holds no role in is
 * unknown to them, exactly like another organisation's: 404. A closed plan is read-only: every
 * write check below answers 409 `plan_closed` once the user would otherwise be allowed.
 *
 * Refusals follow one rule: what the user may not know exists is a 404, exactly as for another
 * organisation's row (nothing leaks); what they can see but may not do is a 403 in words.
 */

/** Where a row of the working plan sits, as far as access goes. */
export interface PlanScope {
  organisationId: string;
  planId: string;
}

/** The part of an action that decides who may see and change it and what hangs off it. */
export interface ActionScope extends PlanScope {
  id: string;
  ownerId: string;
}

/** The part of an evidence row that decides who may see it. */
export interface EvidenceScope {
  id: string;
  withdrawnAt: Date | null;
}

/** The part of an evidence row that decides who may review or withdraw it. */
export interface EvidenceUploadScope extends PlanScope {
  uploadedById: string;
}

/** Who builds and edits the plan (inspections, notices, findings, workstreams, actions). */
export const PLAN_EDITORS: Role[] = ['admin', 'board'];

/** Who reads the working plan; scrutiny members do not (they receive published packs). */
export const PLAN_READERS: Role[] = ['admin', 'board', 'owner'];

/**
 * Who changes a plan's RAG policy (its rules and thresholds): administrators only, as DESIGN.md
 * gives "organisation settings (RAG thresholds)" to them. The board reads the policy but does not
 * set the rules its own work is coloured by, much as it never assures evidence it uploaded.
 */
export const RAG_POLICY_EDITORS: Role[] = ['admin'];

// ---- The one question ----------------------------------------------------------------------------

/**
 * The user's role for this row's plan; null when the row is not theirs to know about (another
 * organisation's, or a plan of theirs they hold no role in). Administrators: 'admin' in every plan;
 * chief officers: none in any.
 */
export function planRoleOf(user: AuthUser, row: PlanScope): Role | null {
  if (row.organisationId !== user.organisationId) return null;
  // Own keys only: a path's 'constructor' or '__proto__' must not find an object's built-ins.
  if (!Object.hasOwn(user.plans, row.planId)) return null;
  const plan = user.plans[row.planId];
  if (!plan) return null;
  if (user.role === 'admin') return 'admin';
  // Chief officers read the organisation overview and nothing in any plan: a membership they held
  // before they became one (or one written outside the application) gives them nothing.
  if (user.role === 'chief_officer') return null;
  return plan.role;
}

/** The row's plan is closed (frozen): reads still work, writes answer 409. */
export function isPlanClosed(user: AuthUser, row: PlanScope): boolean {
  return Object.hasOwn(user.plans, row.planId) && user.plans[row.planId]?.closed === true;
}

/** 409 `plan_closed`: a write to a closed plan. */
export function planClosedException(): AppException {
  return new AppException(HttpStatus.CONFLICT, PlansErrorCode.PlanClosed, 'This plan is closed: it can be read, not changed');
}

/** 409 `plan_closed` when the row's plan is closed. */
export function assertPlanOpen(user: AuthUser, row: PlanScope): void {
  if (isPlanClosed(user, row)) throw planClosedException();
}

/** The plans the user reads the working plan of (admin: every plan of the organisation). */
export function readablePlanIds(user: AuthUser): string[] {
  return Object.keys(user.plans).filter((planId) => canReadPlan(user, { organisationId: user.organisationId, planId }));
}

/** Administrators run the organisation (users, settings) and stay so whatever plans there are. */
export function isOrganisationAdmin(user: AuthUser): boolean {
  return user.role === 'admin';
}

// ---- The plan's rows -----------------------------------------------------------------------------

/** Reads the working plan the row belongs to: admin, board, owner (not scrutiny). */
export function canReadPlan(user: AuthUser, row: PlanScope): boolean {
  const role = planRoleOf(user, row);
  return role !== null && PLAN_READERS.includes(role);
}

/** Builds and re-plans (creates, deletes, edits any field): admin and board. */
export function isPlanManager(user: AuthUser, row: PlanScope): boolean {
  const role = planRoleOf(user, row);
  return role !== null && PLAN_EDITORS.includes(role);
}

/**
 * For single rows of the working plan (a finding, a notice, ...): the row, or 404 when it does not
 * exist, is another organisation's, or the user may not read the plan at all (scrutiny), so
 * nothing leaks. Lists use `@Roles(...PLAN_READERS)` instead (403).
 */
export function requireReadablePlanRow<T extends PlanScope>(user: AuthUser, entity: string, id: string, row: T | null): T {
  if (!row || !canReadPlan(user, row)) throw AppException.notFound(entity, id);
  return row;
}

/**
 * For rows that serve every plan of the organisation rather than one (regulators): 404 for a user
 * who reads no working plan (scrutiny), as for a row that does not exist.
 */
export function assertPlanReader(user: AuthUser, entity: string, id: string): void {
  if (readablePlanIds(user).length === 0) throw AppException.notFound(entity, id);
}

/** 403 "only admin and board members can <what>" unless the user builds the row's plan. */
export function assertPlanManager(user: AuthUser, row: PlanScope, what: string): void {
  if (!isPlanManager(user, row)) throw AppException.forbidden(`only admin and board members can ${what}`);
  assertPlanOpen(user, row);
}

/** 403 "only administrators can change the RAG policy" unless the user is one (for the row's plan); 409 once it is closed. */
export function assertRagPolicyEditor(user: AuthUser, row: PlanScope): void {
  const role = planRoleOf(user, row);
  if (role === null || !RAG_POLICY_EDITORS.includes(role)) throw AppException.forbidden('only administrators can change the RAG policy');
  assertPlanOpen(user, row);
}

// ---- Actions and what hangs off them --------------------------------------------------------------

/** The action exists for the user: in their organisation, in a plan they read (scrutiny: never). */
export function canSeeAction(user: AuthUser, action: ActionScope): boolean {
  return canReadPlan(user, action);
}

/** The action (as loaded, possibly null), or 404 "Action <id> not found" when the user may not see it. */
export function requireVisibleAction<T extends ActionScope>(user: AuthUser, actionId: string, action: T | null): T {
  if (!action || !canSeeAction(user, action)) throw AppException.notFound('Action', actionId);
  return action;
}

/** Works on the action: its plan's managers (admin, board) and the action's own owner. */
export function canContribute(user: AuthUser, action: ActionScope): boolean {
  if (isPlanManager(user, action)) return true;
  return planRoleOf(user, action) === 'owner' && action.ownerId === user.id;
}

/** 403 "you can only <verb> actions you own" unless the user works on the action. */
export function assertCanContribute(user: AuthUser, action: ActionScope, verb = 'update'): void {
  if (!canContribute(user, action)) throw AppException.forbidden(`you can only ${verb} actions you own`);
  assertPlanOpen(user, action);
}

/** A RAG colour is the board's judgement: an owner must never set one (403). */
export function assertCanOverrideRag(user: AuthUser, action: ActionScope): void {
  if (!isPlanManager(user, action)) throw AppException.forbidden('only board members and administrators can override a RAG status');
  assertPlanOpen(user, action);
}

/** An action's colour over time: its plan's managers and its own owner (another owner: 403). */
export function assertCanSeeRagHistory(user: AuthUser, action: ActionScope): void {
  if (!canContribute(user, action)) throw AppException.forbidden('you can only see the RAG history of actions you own');
}

// ---- Evidence --------------------------------------------------------------------------------------

/**
 * Board and admin: all evidence of their plan. Owners: evidence of the actions they own only (they
 * read the plan, but not other owners' files). Scrutiny: none (they receive packs).
 */
export function canReadEvidenceOf(user: AuthUser, action: ActionScope): boolean {
  return canContribute(user, action);
}

/** For every read of an action's evidence: 404 (as for another organisation's) when the user may not see it. */
export function assertCanReadEvidenceOf(user: AuthUser, action: ActionScope): void {
  if (!canReadEvidenceOf(user, action)) throw AppException.notFound('Action', action.id);
}

/** Withdrawn evidence is listed for administrators only. */
export function assertCanListWithdrawnEvidence(user: AuthUser): void {
  if (!isOrganisationAdmin(user)) throw AppException.forbidden('Only admins can list withdrawn evidence');
}

/**
 * Withdrawn evidence leaves every list and every read except an admin's: it stays retrievable for
 * them (and in the audit trail), since evidence is never hard-deleted.
 */
export function assertCanReadEvidence(user: AuthUser, action: ActionScope, evidence: EvidenceScope): void {
  if (!canReadEvidenceOf(user, action) || (evidence.withdrawnAt !== null && !isOrganisationAdmin(user))) {
    throw AppException.notFound('Evidence', evidence.id);
  }
}

/**
 * Scrutiny cannot see the working plan at all (404); an owner may see another owner's action in the
 * plan, so adding evidence to it is refused in words (403) rather than hidden.
 */
export function assertCanUploadTo(user: AuthUser, action: ActionScope): void {
  if (!canSeeAction(user, action)) throw AppException.notFound('Action', action.id);
  if (!canContribute(user, action)) throw AppException.forbidden('You can only add evidence to actions you own');
  assertPlanOpen(user, action);
}

/** Assurance is the board's job, and never of one's own upload. */
export function assertCanReview(user: AuthUser, evidence: EvidenceUploadScope): void {
  if (!isPlanManager(user, evidence)) throw AppException.forbidden('Only board members and admins review evidence');
  if (evidence.uploadedById === user.id) {
    throw AppException.forbidden('You uploaded this evidence; another board member must review it');
  }
  assertPlanOpen(user, evidence);
}

/** Only the person who uploaded an item may take it back. */
export function assertCanWithdraw(user: AuthUser, evidence: EvidenceUploadScope): void {
  if (evidence.uploadedById !== user.id) {
    throw AppException.forbidden('Only the person who uploaded this evidence can withdraw it');
  }
  assertPlanOpen(user, evidence);
}

// ---- Committees and meetings ------------------------------------------------------------------------

/** The part of a committee (or a meeting, through its committee) that decides who may see it. */
export interface CommitteeScope extends PlanScope {
  audience: 'board' | 'scrutiny';
}

/**
 * The plan's readers see every committee and meeting; its scrutiny members see the scrutiny
 * committees and their meetings (the meetings they sit in), nothing of the board's.
 */
export function canReadCommittee(user: AuthUser, committee: CommitteeScope): boolean {
  if (canReadPlan(user, committee)) return true;
  return planRoleOf(user, committee) === 'scrutiny' && committee.audience === 'scrutiny';
}

/** For lists in a plan the user holds a role in: null (every committee) or the one audience they may see. */
export function committeeAudienceFor(user: AuthUser, plan: PlanScope): 'scrutiny' | null {
  return canReadPlan(user, plan) ? null : 'scrutiny';
}
