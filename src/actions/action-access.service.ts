import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import type { AuthUser } from '../common/request-context/request-context';
import { ActionsRepository } from './actions.repository';
import type { ActionEntity } from './entities/action.entity';

export interface FindActionOptions {
  /** Read inside the caller's transaction. */
  manager?: EntityManager;
  /** Lock the row (FOR UPDATE) until the caller's transaction ends; needs `manager`. */
  lock?: boolean;
}

/**
 * Who may see and touch an action; used by every feature that hangs things off actions
 * (milestones, progress updates, evidence, RAG overrides).
 * - Another organisation's action, and any action for a scrutiny member (they receive packs,
 *   never the working plan), is 404: its existence is not revealed.
 * - Board and admin contribute to every action; an owner only to the actions they own.
 */
@Injectable()
export class ActionAccess {
  constructor(private readonly actions: ActionsRepository) {}

  async findActionForUser(user: AuthUser, actionId: string, options: FindActionOptions = {}): Promise<ActionEntity> {
    if (user.role === 'scrutiny') throw AppException.notFound('Action', actionId);
    const action = await this.actions.findInOrg(user.organisationId, actionId, options.manager, options.lock ?? false);
    if (!action) throw AppException.notFound('Action', actionId);
    return action;
  }

  isPlanManager(user: AuthUser): boolean {
    return user.role === 'admin' || user.role === 'board';
  }

  canContribute(user: AuthUser, action: Pick<ActionEntity, 'ownerId' | 'organisationId'>): boolean {
    if (action.organisationId !== user.organisationId) return false;
    return this.isPlanManager(user) || (user.role === 'owner' && action.ownerId === user.id);
  }

  /** Board/admin, or the action's owner; else 403 "you can only <verb> actions you own". */
  assertCanContribute(user: AuthUser, action: Pick<ActionEntity, 'ownerId' | 'organisationId'>, verb = 'update'): void {
    if (!this.canContribute(user, action)) throw AppException.forbidden(`you can only ${verb} actions you own`);
  }

  /** Building and re-planning (create, delete, any field beyond an owner's): board and admin only. */
  assertPlanManager(user: AuthUser, what: string): void {
    if (!this.isPlanManager(user)) throw AppException.forbidden(`only admin and board members can ${what}`);
  }
}
