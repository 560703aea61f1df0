import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { updateWithVersion } from '../common/persistence/versioned-update';
import type { PlanAccess, PlanRole } from '../common/request-context/request-context';
import { UserQueryDto } from './dto/user.dto';
import { UserEntity } from './entities/user.entity';

/** The columns a new user is written with. */
export type NewUser = Pick<UserEntity, 'organisationId' | 'email' | 'name' | 'role' | 'jobTitle' | 'partnerAgency' | 'active' | 'passwordHash'>;

/** The columns a change sets (only those given). */
export type UserChanges = QueryDeepPartialEntity<UserEntity>;

/** What authentication reads of an active user on every request. */
export type ActiveUserRow = Pick<UserEntity, 'id' | 'organisationId' | 'role' | 'email' | 'name' | 'tokenVersion'>;

/** An active user (by id) with their access to every plan of their organisation (role held, closed). */
const ACTIVE_USER_WITH_PLANS = `
  SELECT u.id, u.organisation_id AS "organisationId", u.role, u.email, u.name, u.token_version AS "tokenVersion",
         COALESCE((SELECT jsonb_object_agg(p.id, jsonb_build_object('role', m.role, 'closed', p.status = 'closed'))
                     FROM plan p LEFT JOIN plan_membership m ON m.plan_id = p.id AND m.user_id = u.id
                    WHERE p.organisation_id = u.organisation_id), '{}'::jsonb) AS plans
    FROM "user" u
   WHERE u.id = $1 AND u.active`;

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>) {}

  findInOrg(organisationId: string, id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return (manager?.getRepository(UserEntity) ?? this.repo).findOne({ where: { id, organisationId } });
  }

  /**
   * The user, their row locked for the caller's transaction, for the two sides of "who may own an
   * action": `share` while making them an action's owner, `update` while taking away what lets them
   * own one (their plan role, or their member role). The two conflict, so whichever comes second
   * waits for the first to commit and then reads what it wrote: a new owner is never written for
   * someone whose role is being removed, nor a role removed from someone just made an owner. `update`
   * is FOR NO KEY UPDATE, so inserts naming the user (their actions, progress updates) do not wait.
   */
  lockInOrg(manager: EntityManager, organisationId: string, id: string, mode: 'share' | 'update'): Promise<UserEntity | null> {
    return manager.getRepository(UserEntity).findOne({ where: { id, organisationId }, lock: { mode: mode === 'share' ? 'pessimistic_read' : 'for_no_key_update' } });
  }

  insert(manager: EntityManager, row: NewUser): Promise<UserEntity> {
    const repo = manager.getRepository(UserEntity);
    return repo.save(repo.create(row));
  }

  async planRoleOf(planId: string, userId: string, manager: EntityManager = this.repo.manager): Promise<PlanRole | null> {
    const rows: { role: PlanRole }[] = await manager.query('SELECT role FROM plan_membership WHERE plan_id = $1 AND user_id = $2', [planId, userId]);
    return rows[0]?.role ?? null;
  }

  /** The user's roles in the organisation's plans (plan_membership), locked for the caller's transaction. */
  membershipsOf(manager: EntityManager, organisationId: string, userId: string): Promise<{ planId: string; role: PlanRole }[]> {
    return manager.query(
      'SELECT plan_id AS "planId", role FROM plan_membership WHERE organisation_id = $1 AND user_id = $2 ORDER BY plan_id FOR UPDATE',
      [organisationId, userId],
    );
  }

  /** The open actions the user owns, in any plan of the organisation, labelled "A1 in <plan title>". */
  openActionsOwnedBy(manager: EntityManager, organisationId: string, userId: string): Promise<{ id: string; label: string }[]> {
    return manager.query(
      `SELECT a.id, a.reference || ' in ' || p.title AS label
         FROM action a JOIN plan p ON p.id = a.plan_id
        WHERE a.organisation_id = $1 AND a.owner_id = $2 AND a.status NOT IN ('complete', 'embedded')
        ORDER BY p.title, a.reference_sort_key, a.id`,
      [organisationId, userId],
    );
  }

  async deleteMemberships(manager: EntityManager, organisationId: string, userId: string): Promise<void> {
    await manager.query('DELETE FROM plan_membership WHERE organisation_id = $1 AND user_id = $2', [organisationId, userId]);
  }

  /** A role in a plan for a new user (plan_membership; PlansService manages memberships afterwards). */
  async insertMembership(manager: EntityManager, row: { organisationId: string; planId: string; userId: string; role: PlanRole }): Promise<void> {
    await manager.query('INSERT INTO plan_membership (organisation_id, plan_id, user_id, role) VALUES ($1, $2, $3, $4)', [row.organisationId, row.planId, row.userId, row.role]);
  }

  /** Optimistic locking (`updateWithVersion`): the row as it now is; 404, or 409 stale_version when someone saved first. */
  updateVersioned(manager: EntityManager, key: { id: string; organisationId: string }, expectedVersion: number, changes: UserChanges): Promise<UserEntity> {
    return updateWithVersion(manager, UserEntity, 'User', key, expectedVersion, changes);
  }

  /**
   * An active user with their access to every plan of their organisation (role held, closed), in
   * one query: what authentication loads on every request.
   */
  async findActiveWithPlans(id: string): Promise<{ user: ActiveUserRow; plans: Record<string, PlanAccess> } | null> {
    // Fixed SQL of only the columns authentication needs, through the driver: no query building
    // and no entity hydration on every request (bench/api-overhead.bench.ts).
    const rows: ActiveUserRow[] & { plans: Record<string, PlanAccess> }[] = await this.repo.manager.query(ACTIVE_USER_WITH_PLANS, [id]);
    const row = rows[0];
    if (!row) return null;
    const { plans, ...user } = row;
    return { user, plans };
  }

  findActiveById(id: string): Promise<UserEntity | null> {
    return this.repo.findOne({ where: { id, active: true } });
  }

  /** With the password hash, for login only. */
  findForLogin(email: string): Promise<UserEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
  }

  /** With the password hash, to check a user's current password before changing it. */
  findInOrgWithPasswordHash(organisationId: string, id: string): Promise<UserEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id AND u.organisationId = :organisationId', { id, organisationId })
      .getOne();
  }

  /** A new password hash and a new token version in one statement: every older token and session ends. */
  async setPassword(manager: EntityManager, organisationId: string, id: string, passwordHash: string): Promise<UserEntity | null> {
    await manager
      .createQueryBuilder()
      .update(UserEntity)
      .set({ passwordHash, tokenVersion: () => 'token_version + 1', version: () => 'version + 1' })
      .where('id = :id AND organisation_id = :organisationId', { id, organisationId })
      .execute();
    return this.findInOrg(organisationId, id, manager);
  }

  emailTaken(email: string, manager?: EntityManager): Promise<boolean> {
    return (manager?.getRepository(UserEntity) ?? this.repo).exists({ where: { email } });
  }

  findPage(organisationId: string, q: UserQueryDto): Promise<[UserEntity[], number]> {
    const qb = this.repo.createQueryBuilder('u').where('u.organisationId = :organisationId', { organisationId });
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.active !== undefined) qb.andWhere('u.active = :active', { active: q.active });
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('u.name ILIKE :like', { like }).orWhere('u.email ILIKE :like', { like })));
    }
    return qb.orderBy('u.name', 'ASC').addOrderBy('u.id', 'ASC').skip(q.skip).take(q.pageSize).getManyAndCount();
  }
}
