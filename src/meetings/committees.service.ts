import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertPlanManager, canReadCommittee, committeeAudienceFor } from '../common/auth/access-policy';
import { AppException } from '../common/errors/app.exception';
import { hasDependents } from '../common/errors/has-dependents';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { CommitteeDto, CommitteePageDto, CommitteeQueryDto, CreateCommitteeDto, UpdateCommitteeDto } from './dto/committee.dto';
import { CommitteeEntity } from './entities/committee.entity';
import { toCommitteeDto } from './meetings.mapper';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsErrorCode } from './meetings.exception';

function nameTaken(name: string): AppException {
  return AppException.conflict(MeetingsErrorCode.CommitteeNameTaken, `name: '${name}' is already the name of another committee of this plan`, [
    { field: 'name', messages: ['is already the name of another committee of this plan'] },
  ]);
}

/** The committees of a plan: the board and scrutiny bodies that receive its packs. */
@Injectable()
export class CommitteesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: MeetingsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, planId: string, query: CommitteeQueryDto): Promise<CommitteePageDto> {
    const audience = committeeAudienceFor(user, { organisationId: user.organisationId, planId });
    const [rows, total] = await this.repo.findCommitteePage(user.organisationId, planId, audience, query);
    return toPage(rows.map(toCommitteeDto), total, query);
  }

  async get(user: AuthUser, id: string): Promise<CommitteeDto> {
    return toCommitteeDto(this.visible(user, id, await this.repo.findCommittee(user.organisationId, id)));
  }

  async create(user: AuthUser, planId: string, dto: CreateCommitteeDto): Promise<CommitteeDto> {
    assertPlanManager(user, { organisationId: user.organisationId, planId }, 'change the committees');
    return this.dataSource.transaction(async (manager) => {
      if (await this.repo.committeeNameTaken(planId, dto.name, null, manager)) throw nameTaken(dto.name);
      const committee = await this.repo.insertCommittee(manager, { organisationId: user.organisationId, planId, name: dto.name, audience: dto.audience });
      await this.audit.record(manager, { entityType: 'committee', entityId: committee.id, action: 'create', after: committee });
      return toCommitteeDto(committee);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateCommitteeDto): Promise<CommitteeDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = this.visible(user, id, await this.repo.findCommittee(user.organisationId, id, manager));
      assertPlanManager(user, before, 'change the committees');
      if (dto.name !== undefined && (await this.repo.committeeNameTaken(before.planId, dto.name, id, manager))) throw nameTaken(dto.name);
      const changes = Object.fromEntries(Object.entries({ name: dto.name, audience: dto.audience }).filter(([, v]) => v !== undefined));
      const after = await this.repo.updateCommittee(manager, { id, organisationId: user.organisationId }, dto.version, changes);
      await this.audit.record(manager, { entityType: 'committee', entityId: id, action: 'update', before, after });
      return toCommitteeDto(after);
    });
  }

  /** A committee with meetings on record is not deleted (409 naming them): delete or move those first. */
  async remove(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = this.visible(user, id, await this.repo.findCommitteeForUpdate(user.organisationId, id, manager));
      assertPlanManager(user, before, 'change the committees');
      const conflict = hasDependents(`committee ${before.name}`, [{ relation: 'has', entityType: 'meeting', rows: await this.repo.meetingsOf(user.organisationId, id, manager) }]);
      if (conflict) throw conflict;
      await this.repo.deleteCommittee(manager, user.organisationId, id);
      await this.audit.record(manager, { entityType: 'committee', entityId: id, action: 'delete', before });
    });
  }

  private visible(user: AuthUser, id: string, row: CommitteeEntity | null): CommitteeEntity {
    if (!row || !canReadCommittee(user, row)) throw AppException.notFound('Committee', id);
    return row;
  }
}
