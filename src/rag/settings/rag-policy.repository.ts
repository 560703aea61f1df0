import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { RagPolicyEntity } from '../entities/rag-policy.entity';
import type { RagPolicySettings } from '../policy/rag-policy.types';

/** The versions of an organisation's RAG policy; rows are only ever added. */
@Injectable()
export class RagPolicyRepository {
  constructor(@InjectRepository(RagPolicyEntity) private readonly repo: Repository<RagPolicyEntity>) {}

  latest(organisationId: string, manager?: EntityManager): Promise<RagPolicyEntity | null> {
    return (manager?.getRepository(RagPolicyEntity) ?? this.repo).findOne({ where: { organisationId }, order: { version: 'DESC' } });
  }

  /**
   * The version in force at the end of a London day: the newest whose effectiveFrom is before
   * `endOfDay` (version 1, effective from the beginning, when no later one is).
   */
  inForceAt(organisationId: string, endOfDay: Date, manager?: EntityManager): Promise<RagPolicyEntity | null> {
    return (manager?.getRepository(RagPolicyEntity) ?? this.repo)
      .createQueryBuilder('p')
      .where('p.organisationId = :organisationId', { organisationId })
      .andWhere('(p.effectiveFrom IS NULL OR p.effectiveFrom < :endOfDay)', { endOfDay })
      .orderBy('p.version', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Version 1 from the defaults, when the organisation has no version yet (a no-op otherwise, also under a race). */
  async insertFirstIfMissing(organisationId: string, settings: RagPolicySettings, manager?: EntityManager): Promise<void> {
    await (manager ?? this.repo.manager).query(
      `INSERT INTO rag_policy (organisation_id, version, settings, created_by_id)
       SELECT $1, 1, $2::jsonb, NULL WHERE NOT EXISTS (SELECT 1 FROM rag_policy WHERE organisation_id = $1)
       ON CONFLICT (organisation_id, version) DO NOTHING`,
      [organisationId, JSON.stringify(settings)],
    );
  }

  /**
   * Serialises changes to one organisation's policy until the transaction ends, so two
   * administrators saving at once get versions n+1 and n+2, never a clash.
   */
  async lockOrganisation(manager: EntityManager, organisationId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rag_policy:' || $1::text, 0))`, [organisationId]);
  }

  insert(manager: EntityManager, row: Pick<RagPolicyEntity, 'organisationId' | 'version' | 'settings' | 'createdById' | 'effectiveFrom'>): Promise<RagPolicyEntity> {
    const repo = manager.getRepository(RagPolicyEntity);
    return repo.save(repo.create(row));
  }
}
