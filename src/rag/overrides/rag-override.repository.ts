import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { RagOverrideEntity } from '../entities/rag-override.entity';

@Injectable()
export class RagOverrideRepository {
  /** Serialises override changes to one action until the transaction ends, so it never has two active overrides. */
  async lockAction(manager: EntityManager, actionId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rag_override:' || $1::text, 0))`, [actionId]);
  }

  findActive(manager: EntityManager, organisationId: string, actionId: string): Promise<RagOverrideEntity[]> {
    return manager.getRepository(RagOverrideEntity).find({ where: { organisationId, actionId, endedAt: IsNull() }, order: { setAt: 'ASC' } });
  }

  async end(manager: EntityManager, ids: string[], endedAt: Date, endedById: string): Promise<void> {
    if (ids.length === 0) return;
    await manager.query('UPDATE rag_override SET ended_at = $2, ended_by_id = $3 WHERE id = ANY($1::uuid[]) AND ended_at IS NULL', [ids, endedAt, endedById]);
  }

  insert(manager: EntityManager, row: Omit<RagOverrideEntity, 'id' | 'action' | 'endedAt' | 'endedById'>): Promise<RagOverrideEntity> {
    const repo = manager.getRepository(RagOverrideEntity);
    return repo.save(repo.create({ ...row, endedAt: null, endedById: null }));
  }
}
