import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { RagPolicyEntity } from '../entities/rag-policy.entity';
import type { RagPolicySettings } from '../policy/rag-policy.types';

/** The versions of a plan's RAG policy (each plan has its own); rows are only ever added. */
@Injectable()
export class RagPolicyRepository {
  constructor(@InjectRepository(RagPolicyEntity) private readonly repo: Repository<RagPolicyEntity>) {}

  /** Every version of the plan's policy, newest first (the settings page's history). */
  versions(organisationId: string, planId: string): Promise<RagPolicyEntity[]> {
    return this.repo.find({ where: { organisationId, planId }, order: { version: 'DESC' } });
  }

  latest(organisationId: string, planId: string, manager?: EntityManager): Promise<RagPolicyEntity | null> {
    return (manager?.getRepository(RagPolicyEntity) ?? this.repo).findOne({ where: { organisationId, planId }, order: { version: 'DESC' } });
  }

  /**
   * The plan's version in force at the end of a London day: the newest whose effectiveFrom is
   * before `endOfDay` (version 1, effective from the beginning, when no later one is).
   */
  inForceAt(organisationId: string, planId: string, endOfDay: Date, manager?: EntityManager): Promise<RagPolicyEntity | null> {
    return (manager?.getRepository(RagPolicyEntity) ?? this.repo)
      .createQueryBuilder('p')
      .where('p.organisationId = :organisationId AND p.planId = :planId', { organisationId, planId })
      .andWhere('(p.effectiveFrom IS NULL OR p.effectiveFrom < :endOfDay)', { endOfDay })
      .orderBy('p.version', 'DESC')
      .limit(1)
      .getOne();
  }

  /**
   * Version 1 from the defaults, when the plan has no version yet (a no-op otherwise, also under a
   * race). Nothing is stored for a plan that is not the organisation's.
   */
  async insertFirstIfMissing(organisationId: string, planId: string, settings: RagPolicySettings, manager?: EntityManager): Promise<void> {
    await (manager ?? this.repo.manager).query(
      `INSERT INTO rag_policy (organisation_id, plan_id, version, settings, created_by_id)
       SELECT p.organisation_id, p.id, 1, $3::jsonb, NULL FROM plan p
        WHERE p.id = $2 AND p.organisation_id = $1 AND NOT EXISTS (SELECT 1 FROM rag_policy WHERE plan_id = $2)
       ON CONFLICT (plan_id, version) DO NOTHING`,
      [organisationId, planId, JSON.stringify(settings)],
    );
  }

  /**
   * Serialises changes to one plan's policy until the transaction ends, so two people saving at
   * once get versions n+1 and n+2, never a clash.
   */
  async lockPlan(manager: EntityManager, planId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rag_policy:' || $1::text, 0))`, [planId]);
  }

  insert(manager: EntityManager, row: Pick<RagPolicyEntity, 'organisationId' | 'planId' | 'version' | 'settings' | 'createdById' | 'effectiveFrom'>): Promise<RagPolicyEntity> {
    const repo = manager.getRepository(RagPolicyEntity);
    return repo.save(repo.create(row));
  }
}
