import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto';
import { hashPassword } from './password-hasher';
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
      const user = await this.users.insert(manager, {
        organisationId: actor.organisationId,
        email: dto.email,
        name: dto.name,
        role: dto.role,
        jobTitle: dto.jobTitle ?? null,
        partnerAgency: dto.partnerAgency ?? null,
        active: true,
        passwordHash,
      });
      await this.audit.record(manager, { entityType: 'user', entityId: user.id, action: 'create', after: user });
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
      const before = await this.users.findInOrg(actor.organisationId, id, manager);
      if (!before) throw AppException.notFound('User', id);
      const after = await this.users.updateVersioned(manager, { id, organisationId: actor.organisationId }, version, changes);
      const action = dto.active === false && before.active ? 'deactivate' : 'update';
      await this.audit.record(manager, { entityType: 'user', entityId: id, action, before, after });
      return toUserDto(after);
    });
  }

  /** For the plan: an action's owner must be an active user of the same organisation. */
  async assertActiveMember(organisationId: string, userId: string, field: string): Promise<UserDto> {
    const user = await this.users.findInOrg(organisationId, userId);
    if (!user || !user.active) throw AppException.invalidField(field, 'must be an active user of your organisation');
    return toUserDto(user);
  }
}
