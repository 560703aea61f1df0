import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface RagActionRef {
  id: string;
  organisationId: string;
  ownerId: string;
  reference: string;
}

/** The little the RAG endpoints need to know about an action: whose it is. Read from the action table directly. */
@Injectable()
export class RagActionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findInOrg(organisationId: string, actionId: string, manager?: EntityManager): Promise<RagActionRef | null> {
    const rows = await (manager ?? this.dataSource.manager).query<{ id: string; organisation_id: string; owner_id: string; reference: string }[]>(
      'SELECT id, organisation_id, owner_id, reference FROM action WHERE id = $1 AND organisation_id = $2',
      [actionId, organisationId],
    );
    const row = rows[0];
    return row ? { id: row.id, organisationId: row.organisation_id, ownerId: row.owner_id, reference: row.reference } : null;
  }
}
