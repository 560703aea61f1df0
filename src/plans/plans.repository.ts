import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { updateWithVersion } from '../common/persistence/versioned-update';
import type { PlanRole } from '../common/request-context/request-context';
import type { RagColour } from '../vocabulary/rag-colour';
import { PlanMembershipEntity } from './entities/plan-membership.entity';
import { PlanEntity } from './entities/plan.entity';

export type NewPlan = Pick<PlanEntity, 'organisationId' | 'title' | 'serviceArea' | 'targetDate' | 'programmeLead'>;

export interface MembershipRow {
  planId: string;
  userId: string;
  name: string;
  email: string;
  role: PlanRole;
}

/** Plans and their memberships; the only place that queries them. */
@Injectable()
export class PlansRepository {
  constructor(@InjectRepository(PlanEntity) private readonly repo: Repository<PlanEntity>) {}

  findAll(organisationId: string, planIds: string[] | null): Promise<PlanEntity[]> {
    const qb = this.repo.createQueryBuilder('p').where('p.organisationId = :organisationId', { organisationId });
    if (planIds !== null) qb.andWhere('p.id = ANY(:planIds)', { planIds });
    return qb.orderBy('p.status', 'ASC').addOrderBy('p.createdAt', 'ASC').getMany();
  }

  findInOrg(organisationId: string, id: string, manager?: EntityManager): Promise<PlanEntity | null> {
    return (manager?.getRepository(PlanEntity) ?? this.repo).findOne({ where: { id, organisationId } });
  }

  insert(manager: EntityManager, row: NewPlan): Promise<PlanEntity> {
    const repo = manager.getRepository(PlanEntity);
    return repo.save(repo.create({ ...row, status: 'active', closedAt: null }));
  }

  updateVersioned(manager: EntityManager, key: { id: string; organisationId: string }, expectedVersion: number, changes: QueryDeepPartialEntity<PlanEntity>): Promise<PlanEntity> {
    return updateWithVersion(manager, PlanEntity, 'Plan', key, expectedVersion, changes);
  }

  async close(manager: EntityManager, key: { id: string; organisationId: string }, at: Date): Promise<PlanEntity> {
    await manager
      .createQueryBuilder()
      .update(PlanEntity)
      .set({ status: 'closed', closedAt: at, version: () => 'version + 1' })
      .where('id = :id AND organisation_id = :organisationId', key)
      .execute();
    return manager.getRepository(PlanEntity).findOneOrFail({ where: key });
  }

  async memberships(organisationId: string, planId: string): Promise<MembershipRow[]> {
    const rows: { plan_id: string; user_id: string; name: string; email: string; role: PlanRole }[] = await this.repo.manager.query(
      `SELECT m.plan_id, m.user_id, u.name, u.email, m.role
         FROM plan_membership m JOIN "user" u ON u.id = m.user_id
        WHERE m.organisation_id = $1 AND m.plan_id = $2
        ORDER BY u.name, u.email`,
      [organisationId, planId],
    );
    return rows.map((r) => ({ planId: r.plan_id, userId: r.user_id, name: r.name, email: r.email, role: r.role }));
  }

  findMembership(manager: EntityManager, planId: string, userId: string): Promise<PlanMembershipEntity | null> {
    return manager.getRepository(PlanMembershipEntity).findOne({ where: { planId, userId } });
  }

  /** Sets (inserts or changes) the user's role in the plan. */
  async upsertMembership(manager: EntityManager, row: Pick<PlanMembershipEntity, 'organisationId' | 'planId' | 'userId' | 'role'>): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(PlanMembershipEntity)
      .values(row)
      .orUpdate(['role'], ['plan_id', 'user_id'])
      .execute();
  }

  /** The plan's open actions (not complete or embedded) the user owns, as the plan lists them. */
  openActionsOwnedBy(manager: EntityManager, planId: string, userId: string): Promise<{ id: string; label: string }[]> {
    return manager.query(
      `SELECT id, reference AS label FROM action
        WHERE plan_id = $1 AND owner_id = $2 AND status NOT IN ('complete', 'embedded')
        ORDER BY reference_sort_key, id`,
      [planId, userId],
    );
  }

  async deleteMembership(manager: EntityManager, planId: string, userId: string): Promise<boolean> {
    const result = await manager.getRepository(PlanMembershipEntity).delete({ planId, userId });
    return (result.affected ?? 0) > 0;
  }

  /**
   * For each active plan of the organisation: how many actions of each stored colour (null: not
   * computed yet). Read from the dashboard's kept counts (plan_colour_count, kind 'all'), which
   * triggers keep equal to the actions' colours: a few rows per plan, not every action counted.
   */
  async colourCounts(organisationId: string): Promise<{ planId: string; colour: RagColour | null; n: number }[]> {
    const rows: { plan_id: string; colour: RagColour | 'none'; n: number }[] = await this.repo.manager.query(
      `SELECT c.plan_id, c.colour, c.count AS n
         FROM plan_colour_count c JOIN plan p ON p.id = c.plan_id
        WHERE c.organisation_id = $1 AND c.kind = 'all' AND c.count <> 0 AND p.status = 'active'`,
      [organisationId],
    );
    return rows.map((r) => ({ planId: r.plan_id, colour: r.colour === 'none' ? null : r.colour, n: r.n }));
  }
}
