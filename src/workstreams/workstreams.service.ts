import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditService } from '../audit/audit.service';
import { assertPlanReader } from '../common/auth/plan-access';
import { AppException } from '../common/errors/app.exception';
import { hasDependents } from '../common/errors/has-dependents';
import { updateWithVersion } from '../common/persistence/versioned-update';
import type { AuthUser } from '../common/request-context/request-context';
import { CreateWorkstreamDto, UpdateWorkstreamDto, WorkstreamQueryDto } from './dto/workstream.dto';
import { WorkstreamEntity } from './entities/workstream.entity';
import { WorkstreamsRepository } from './workstreams.repository';
import { WorkstreamsErrorCode } from './workstreams.exception';

function codeTaken(code: string): AppException {
  return AppException.conflict(WorkstreamsErrorCode.CodeTaken, `code: '${code}' is already used by another workstream`, [
    { field: 'code', messages: ['is already used by another workstream'] },
  ]);
}

@Injectable()
export class WorkstreamsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workstreams: WorkstreamsRepository,
    private readonly audit: AuditService,
  ) {}

  list(user: AuthUser, query: WorkstreamQueryDto) {
    return this.workstreams.findPage(user.organisationId, query);
  }

  async get(user: AuthUser, id: string): Promise<WorkstreamEntity> {
    assertPlanReader(user, 'Workstream', id);
    const workstream = await this.workstreams.findInOrg(user.organisationId, id);
    if (!workstream) throw AppException.notFound('Workstream', id);
    return workstream;
  }

  async create(user: AuthUser, dto: CreateWorkstreamDto): Promise<WorkstreamEntity> {
    return this.dataSource.transaction(async (manager) => {
      if (await this.workstreams.codeTaken(user.organisationId, dto.code, null, manager)) throw codeTaken(dto.code);
      const workstream = await manager.save(
        manager.create(WorkstreamEntity, {
          organisationId: user.organisationId,
          code: dto.code,
          title: dto.title,
          description: dto.description ?? '',
          leadRole: dto.leadRole ?? null,
          sortOrder: dto.sortOrder ?? (await this.workstreams.nextSortOrder(user.organisationId, manager)),
        }),
      );
      await this.audit.record(manager, { entityType: 'workstream', entityId: workstream.id, action: 'create', after: workstream });
      return workstream;
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateWorkstreamDto): Promise<WorkstreamEntity> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.workstreams.findInOrg(user.organisationId, id, manager);
      if (!before) throw AppException.notFound('Workstream', id);
      const { version, ...fields } = dto;
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as QueryDeepPartialEntity<WorkstreamEntity>;
      if (dto.code !== undefined && dto.code !== before.code && (await this.workstreams.codeTaken(user.organisationId, dto.code, id, manager))) {
        throw codeTaken(dto.code);
      }
      const after = await updateWithVersion(manager, WorkstreamEntity, 'Workstream', { id, organisationId: user.organisationId }, version, changes);
      await this.audit.record(manager, { entityType: 'workstream', entityId: id, action: 'update', before, after });
      return after;
    });
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.workstreams.findInOrgForUpdate(user.organisationId, id, manager);
      if (!before) throw AppException.notFound('Workstream', id);
      const conflict = hasDependents(`workstream ${before.code}`, [
        { relation: 'has', entityType: 'action', rows: await this.workstreams.actionsOf(user.organisationId, id, manager) },
      ]);
      if (conflict) throw conflict;
      await manager.delete(WorkstreamEntity, { id, organisationId: user.organisationId });
      await this.audit.record(manager, { entityType: 'workstream', entityId: id, action: 'delete', before });
    });
  }
}
