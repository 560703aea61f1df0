import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { hasDependents } from '../common/errors/has-dependents';
import { toPage } from '../common/pagination/page.dto';
import { planInBody } from '../common/auth/plan-route';
import { PLAN_ROLES, type AuthUser, type OrganisationRole, type PlanRole } from '../common/request-context/request-context';

const isPlanRole = (role: string): role is PlanRole => (PLAN_ROLES as readonly string[]).includes(role);
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto';
import { UserEntity } from './entities/user.entity';
import { hashPassword, verifyPassword } from './password-hasher';
import { toUserDto } from './user.mapper';
import { UserChanges, UsersRepository } from './users.repository';
import { UsersErrorCode } from './users.exception';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async list(actor: AuthUser, query: UserQueryDto): Promise<UserPageDto> {
    const [rows, total] = await this.users.findPage(actor.organisationId, query);
    return toPage(rows.map(toUserDto), total, query);
  }

  async get(actor: AuthUser, id: string): Promise<UserDto> {
    const user = await this.users.findInOrg(actor.organisationId, id);
    if (!user) throw AppException.notFound('User', id);
    return toUserDto(user);
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserDto> {
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
      if (await this.users.emailTaken(dto.email, manager)) {
        throw AppException.conflict(UsersErrorCode.EmailTaken, `email: ${dto.email} is already in use`, [{ field: 'email', messages: ['is already in use'] }]);
      }
      const planRole = isPlanRole(dto.role) ? dto.role : null;
      const planId = planRole ? planInBody(actor, dto.planId) : null;
      const user = await this.users.insert(manager, {
        organisationId: actor.organisationId,
        email: dto.email,
        name: dto.name,
        role: planRole ? 'member' : (dto.role as OrganisationRole),
        jobTitle: dto.jobTitle ?? null,
        partnerAgency: dto.partnerAgency ?? null,
        active: true,
        passwordHash,
      });
      await this.audit.record(manager, { entityType: 'user', entityId: user.id, action: 'create', after: user });
      if (planRole && planId) {
        await this.users.insertMembership(manager, { organisationId: actor.organisationId, planId, userId: user.id, role: planRole });
        await this.audit.record(manager, { planId, entityType: 'plan_membership', entityId: user.id, action: 'create', after: { userId: user.id, role: planRole } });
      }
      return toUserDto(user);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserDto> {
    if (id === actor.id && (dto.active === false || (dto.role && dto.role !== 'admin'))) {
      throw AppException.forbidden('You cannot deactivate yourself or remove your own admin role');
    }
    const { version, password, ...fields } = dto;
    const changes: UserChanges = { ...fields };
    if (password) changes.passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      // Locked first: making them a chief officer must not cross a write making them an action's owner.
      const before = await this.users.lockInOrg(manager, actor.organisationId, id, 'update');
      if (!before) throw AppException.notFound('User', id);
      // A reset password or a reactivation ends every token and web session issued before it.
      if (password || (dto.active === true && !before.active)) changes.tokenVersion = () => 'token_version + 1';
      if (dto.role === 'chief_officer' && before.role !== 'chief_officer') await this.leavePlans(manager, actor.organisationId, before);
      const after = await this.users.updateVersioned(manager, { id, organisationId: actor.organisationId }, version, changes);
      const action = dto.active === false && before.active ? 'deactivate' : 'update';
      await this.audit.record(manager, { entityType: 'user', entityId: id, action, before, after });
      return toUserDto(after);
    });
  }

  /**
   * A member made a chief officer leaves every plan: chief officers see the organisation overview
   * only, so a plan role kept would still bring that plan's board e-mails and let them be made an
   * action's owner. Refused (409 has_dependents, naming the actions) while they own open actions,
   * as removing them from one plan is: the board gives those actions another owner first.
   */
  private async leavePlans(manager: EntityManager, organisationId: string, member: UserEntity): Promise<void> {
    const refused = hasDependents(member.name, [{ relation: 'owns open', entityType: 'action', rows: await this.users.openActionsOwnedBy(manager, organisationId, member.id) }]);
    if (refused) throw refused;
    const memberships = await this.users.membershipsOf(manager, organisationId, member.id);
    if (memberships.length === 0) return;
    await this.users.deleteMemberships(manager, organisationId, member.id);
    await this.audit.recordMany(
      manager,
      memberships.map((m) => ({ planId: m.planId, entityType: 'plan_membership', entityId: member.id, action: 'delete', before: { userId: member.id, role: m.role } })),
    );
  }

  /**
   * A signed-in user changes their own password (API and web pages alike). The current password is
   * checked first; the new one ends every other token and session of the user. Returns the user as
   * now stored, with the new token version, so the caller can issue a fresh token or session.
   */
  async changeOwnPassword(actor: AuthUser, currentPassword: string, newPassword: string): Promise<UserEntity> {
    const user = await this.users.findInOrgWithPasswordHash(actor.organisationId, actor.id);
    if (!user || !user.active) throw AppException.notFound('User', actor.id);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new AppException(400, UsersErrorCode.CurrentPasswordIncorrect, 'currentPassword: is incorrect', [
        { field: 'currentPassword', messages: ['is incorrect'] },
      ]);
    }
    if (newPassword === currentPassword) {
      throw new AppException(400, UsersErrorCode.PasswordUnchanged, 'newPassword: must be different from the current password', [
        { field: 'newPassword', messages: ['must be different from the current password'] },
      ]);
    }
    const passwordHash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (manager) => {
      const after = await this.users.setPassword(manager, actor.organisationId, actor.id, passwordHash);
      if (!after) throw AppException.notFound('User', actor.id);
      await this.audit.record(manager, { entityType: 'user', entityId: actor.id, action: 'change_password', before: { tokenVersion: user.tokenVersion }, after: { tokenVersion: after.tokenVersion } });
      return after;
    });
  }

  /**
   * Who is about to be made an action's owner in the plan, read inside the caller's transaction with
   * their row held (UsersRepository.lockInOrg, `share`) until it commits: their member role and
   * their role in the plan, or null when they are not a user of the organisation. A change taking
   * either role away locks the same row first, so the two cannot cross.
   */
  async lockForOwnership(manager: EntityManager, organisationId: string, planId: string, userId: string): Promise<{ user: UserDto; planRole: PlanRole | null } | null> {
    const user = await this.users.lockInOrg(manager, organisationId, userId, 'share');
    if (!user) return null;
    return { user: toUserDto(user), planRole: await this.users.planRoleOf(planId, userId, manager) };
  }
}
