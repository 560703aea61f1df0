import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertPlanOpen, planRoleOf } from '../common/auth/access-policy';
import { CLOCK, type Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import { hasDependents } from '../common/errors/has-dependents';
import type { AuthUser, PlanRole } from '../common/request-context/request-context';
import { UsersRepository } from '../users/users.repository';
import { emptyCounts, RAG_COLOURS } from '../vocabulary/rag-colour';
import { CreatePlanDto, MembershipDto, OrganisationOverviewDto, PlanDto, UpdatePlanDto } from './dto/plan.dto';
import { PlanEntity } from './entities/plan.entity';
import { toMembershipDto, toPlanDto } from './plan.mapper';
import { PlansRepository } from './plans.repository';
import { PlansErrorCode } from './plans.exception';

/** The first plan every organisation starts with (the CLI, the demo, tests). */
export const firstPlanTitle = (organisationName: string) => `${organisationName} improvement plan`;

/**
 * Plans of an organisation and who holds which role in them. Administrators create, edit and close
 * plans and manage memberships; a plan's board members may edit its title, target date and lead.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlansRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The plans the user may know about: every plan for admins and chief officers, else those they hold a role in. */
  async list(user: AuthUser): Promise<PlanDto[]> {
    const all = user.role === 'admin' || user.role === 'chief_officer';
    const ids = all ? null : Object.entries(user.plans).filter(([, p]) => p.role !== null).map(([id]) => id);
    const rows = await this.plans.findAll(user.organisationId, ids);
    return rows.map((p) => toPlanDto(p, user));
  }

  async get(user: AuthUser, planId: string): Promise<PlanDto> {
    return toPlanDto(await this.visible(user, planId), user);
  }

  async create(user: AuthUser, dto: CreatePlanDto): Promise<PlanDto> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.insertPlan(manager, user.organisationId, dto);
      return toPlanDto(plan, { ...user, plans: { ...user.plans, [plan.id]: { role: null, closed: false } } });
    });
  }

  /** Also used when an organisation is created (its first plan). */
  async insertPlan(manager: EntityManager, organisationId: string, dto: CreatePlanDto): Promise<PlanEntity> {
    const plan = await this.plans.insert(manager, {
      organisationId,
      title: dto.title,
      serviceArea: dto.serviceArea ?? 'other',
      targetDate: dto.targetDate ?? null,
      programmeLead: dto.programmeLead ?? null,
    });
    await this.audit.record(manager, { organisationId, planId: plan.id, entityType: 'plan', entityId: plan.id, action: 'create', after: plan });
    return plan;
  }

  async update(user: AuthUser, planId: string, dto: UpdatePlanDto): Promise<PlanDto> {
    const scope = { organisationId: user.organisationId, planId };
    const role = planRoleOf(user, scope);
    if (role === null) throw AppException.notFound('Plan', planId);
    if (role !== 'admin' && role !== 'board') throw AppException.forbidden('only admin and board members of this plan can edit it');
    if (role === 'board' && dto.serviceArea !== undefined) throw AppException.forbidden('only administrators can change the service area');
    assertPlanOpen(user, scope);
    const { version, ...changes } = dto;
    return this.dataSource.transaction(async (manager) => {
      const before = await this.plans.findInOrg(user.organisationId, planId, manager);
      if (!before) throw AppException.notFound('Plan', planId);
      const after = await this.plans.updateVersioned(manager, { id: planId, organisationId: user.organisationId }, version, changes);
      await this.audit.record(manager, { entityType: 'plan', entityId: planId, action: 'update', before, after });
      return toPlanDto(after, user);
    });
  }

  /** Closing freezes the plan: every write to it answers 409 `plan_closed`; reads and pack downloads go on. */
  async close(user: AuthUser, planId: string): Promise<PlanDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.plans.findInOrg(user.organisationId, planId, manager);
      if (!before) throw AppException.notFound('Plan', planId);
      if (before.status === 'closed') throw AppException.conflict(PlansErrorCode.PlanAlreadyClosed, 'This plan is already closed');
      const after = await this.plans.close(manager, { id: planId, organisationId: user.organisationId }, this.clock.now());
      await this.audit.record(manager, { entityType: 'plan', entityId: planId, action: 'close', before, after });
      return toPlanDto(after, { ...user, plans: { ...user.plans, [planId]: { role: null, closed: true } } });
    });
  }

  async members(user: AuthUser, planId: string): Promise<MembershipDto[]> {
    await this.visible(user, planId);
    return (await this.plans.memberships(user.organisationId, planId)).map(toMembershipDto);
  }

  async putMember(user: AuthUser, planId: string, userId: string, role: PlanRole): Promise<MembershipDto> {
    await this.visible(user, planId);
    await this.dataSource.transaction((manager) => this.setMembership(manager, user.organisationId, planId, userId, role));
    const found = (await this.plans.memberships(user.organisationId, planId)).find((m) => m.userId === userId);
    if (!found) throw AppException.notFound('User', userId);
    return toMembershipDto(found);
  }

  /** Gives an active user of the organisation a role in the plan (or changes it), with its audit line. */
  async setMembership(manager: EntityManager, organisationId: string, planId: string, userId: string, role: PlanRole): Promise<void> {
    // Locked first: a change of role must not cross a write making them an action's owner.
    const member = await this.users.lockInOrg(manager, organisationId, userId, 'update');
    if (!member) throw AppException.notFound('User', userId);
    if (member.role === 'admin') {
      throw new AppException(HttpStatus.BAD_REQUEST, PlansErrorCode.AdminNeedsNoMembership, 'administrators act in every plan: they hold no plan role');
    }
    if (member.role === 'chief_officer') {
      throw AppException.invalidField('userId', 'chief officers see the organisation overview only: they are not given a role in a plan');
    }
    const before = await this.plans.findMembership(manager, planId, userId);
    if (role === 'scrutiny') await this.assertOwnsNoOpenActions(manager, planId, member);
    await this.plans.upsertMembership(manager, { organisationId, planId, userId, role });
    await this.audit.record(manager, {
      organisationId,
      planId,
      entityType: 'plan_membership',
      entityId: userId,
      action: before ? 'update' : 'create',
      before: before ? { userId, role: before.role } : null,
      after: { userId, role },
    });
  }

  async removeMember(user: AuthUser, planId: string, userId: string): Promise<void> {
    await this.visible(user, planId);
    await this.dataSource.transaction(async (manager) => {
      // The user's row locked before anything is read: a write making them an action's owner either
      // commits first (and is counted below) or waits, then finds them gone from the plan.
      const member = await this.users.lockInOrg(manager, user.organisationId, userId, 'update');
      const before = await this.plans.findMembership(manager, planId, userId);
      if (!before) throw AppException.notFound('Membership', userId);
      if (member) await this.assertOwnsNoOpenActions(manager, planId, member);
      if (!(await this.plans.deleteMembership(manager, planId, userId))) throw AppException.notFound('Membership', userId);
      await this.audit.record(manager, { planId, entityType: 'plan_membership', entityId: userId, action: 'delete', before: { userId, role: before.role } });
    });
  }

  /**
   * A member who owns open actions of the plan keeps a role that can own them (board or owner):
   * removed, or made a scrutiny member, they would no longer see those actions, and the nightly
   * reminders and digests would still write to them about them. The board gives the actions
   * another owner first (409 has_dependents, naming them).
   */
  private async assertOwnsNoOpenActions(manager: EntityManager, planId: string, member: { id: string; name: string }): Promise<void> {
    const owned = await this.plans.openActionsOwnedBy(manager, planId, member.id);
    const refused = hasDependents(member.name, [{ relation: 'owns open', entityType: 'action', rows: owned }]);
    if (refused) throw refused;
  }

  /** Every active plan's colour counts side by side (admins and chief officers). */
  async overview(user: AuthUser): Promise<OrganisationOverviewDto> {
    if (user.role !== 'admin' && user.role !== 'chief_officer') throw AppException.forbidden('only administrators and chief officers see the organisation overview');
    const [plans, counts] = await Promise.all([this.plans.findAll(user.organisationId, null), this.plans.colourCounts(user.organisationId)]);
    return {
      colours: [...RAG_COLOURS],
      plans: plans
        .filter((p) => p.status === 'active')
        .map((p) => {
          const mine = counts.filter((c) => c.planId === p.id);
          const colourCounts = emptyCounts();
          for (const c of mine) colourCounts[c.colour ?? 'grey'] += c.n;
          return { planId: p.id, title: p.title, serviceArea: p.serviceArea, targetDate: p.targetDate, actions: mine.reduce((n, c) => n + c.n, 0), counts: colourCounts };
        }),
    };
  }

  /** The plan, or 404 when the user may not know about it (another organisation's, or not theirs). */
  private async visible(user: AuthUser, planId: string): Promise<PlanEntity> {
    const seesAll = user.role === 'admin' || user.role === 'chief_officer';
    if (!seesAll && planRoleOf(user, { organisationId: user.organisationId, planId }) === null) throw AppException.notFound('Plan', planId);
    const plan = await this.plans.findInOrg(user.organisationId, planId);
    if (!plan) throw AppException.notFound('Plan', planId);
    return plan;
  }
}
