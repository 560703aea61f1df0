import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { RagActionRef, RagActionsRepository } from './rag-actions.repository';

/**
 * Who may do what with an action's RAG:
 * - another organisation's action, and any action for a scrutiny member (they receive published
 *   packs, never the working plan), is 404: its existence is not revealed;
 * - overrides: board and admin only (an owner gets 403: they must never set a RAG);
 * - history: board, admin and the action's own owner (another owner gets 403).
 */
@Injectable()
export class RagActionAccess {
  constructor(private readonly actions: RagActionsRepository) {}

  async forOverride(user: AuthUser, actionId: string, manager?: EntityManager): Promise<RagActionRef> {
    const action = await this.visible(user, actionId, manager);
    if (user.role !== 'admin' && user.role !== 'board') {
      throw AppException.forbidden('only board members and administrators can override a RAG status');
    }
    return action;
  }

  async forHistory(user: AuthUser, actionId: string): Promise<RagActionRef> {
    const action = await this.visible(user, actionId);
    if (user.role === 'owner' && action.ownerId !== user.id) {
      throw AppException.forbidden("you can only see the RAG history of actions you own");
    }
    return action;
  }

  private async visible(user: AuthUser, actionId: string, manager?: EntityManager): Promise<RagActionRef> {
    if (user.role === 'scrutiny') throw AppException.notFound('Action', actionId);
    const action = await this.actions.findInOrg(user.organisationId, actionId, manager);
    if (!action) throw AppException.notFound('Action', actionId);
    return action;
  }
}
