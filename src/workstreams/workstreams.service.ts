import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertPlanManager, assertPlanOpen, requireReadablePlanRow } from '../common/auth/access-policy';
import { AppException } from '../common/errors/app.exception';
import { hasDependents, type DependentGroup } from '../common/errors/has-dependents';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { CreateWorkstreamDto, UpdateWorkstreamDto, WorkstreamDto, WorkstreamPageDto, WorkstreamQueryDto } from './dto/workstream.dto';
import { toWorkstreamDto } from './workstream.mapper';
import { WorkstreamChanges, WorkstreamsRepository } from './workstreams.repository';
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

  async list(user: AuthUser, planId: string, query: WorkstreamQueryDto): Promise<WorkstreamPageDto> {
    const [rows, total] = await this.workstreams.findPage(user.organisationId, planId, query);
    return toPage(rows.map(toWorkstreamDto), total, query);
  }

  async get(user: AuthUser, id: string): Promise<WorkstreamDto> {
    return toWorkstreamDto(requireReadablePlanRow(user, 'Workstream', id, await this.workstreams.findInOrg(user.organisationId, id)));
  }

  /** The workstream and the plan it belongs to (404 as `get`), for a page that checks the plan's rules itself. */
  async getInPlan(user: AuthUser, id: string): Promise<{ planId: string; workstream: WorkstreamDto }> {
    const row = requireReadablePlanRow(user, 'Workstream', id, await this.workstreams.findInOrg(user.organisationId, id));
    return { planId: row.planId, workstream: toWorkstreamDto(row) };
  }

  async create(user: AuthUser, planId: string, dto: CreateWorkstreamDto): Promise<WorkstreamDto> {
    assertPlanOpen(user, { organisationId: user.organisationId, planId });
    return this.dataSource.transaction(async (manager) => {
      if (await this.workstreams.codeTaken(planId, dto.code, null, manager)) throw codeTaken(dto.code);
      const workstream = await this.workstreams.insert(manager, {
        organisationId: user.organisationId,
        planId,
        code: dto.code,
        title: dto.title,
        description: dto.description ?? '',
        leadRole: dto.leadRole ?? null,
        sortOrder: dto.sortOrder ?? (await this.workstreams.nextSortOrder(planId, manager)),
      });
      await this.audit.record(manager, { entityType: 'workstream', entityId: workstream.id, action: 'create', after: workstream });
      return toWorkstreamDto(workstream);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateWorkstreamDto): Promise<WorkstreamDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = requireReadablePlanRow(user, 'Workstream', id, await this.workstreams.findInOrg(user.organisationId, id, manager));
      assertPlanManager(user, before, 'change the plan');
      const { version, ...fields } = dto;
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as WorkstreamChanges;
      if (dto.code !== undefined && dto.code !== before.code && (await this.workstreams.codeTaken(before.planId, dto.code, id, manager))) {
        throw codeTaken(dto.code);
      }
      const after = await this.workstreams.updateVersioned(manager, { id, organisationId: user.organisationId }, version, changes);
      await this.audit.record(manager, { entityType: 'workstream', entityId: id, action: 'update', before, after });
      return toWorkstreamDto(after);
    });
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = requireReadablePlanRow(user, 'Workstream', id, await this.workstreams.findInOrgForUpdate(user.organisationId, id, manager));
      assertPlanManager(user, before, 'change the plan');
      const conflict = hasDependents(`workstream ${before.code}`, await this.dependentsOf(user.organisationId, id, manager));
      if (conflict) throw conflict;
      await this.workstreams.delete(manager, user.organisationId, id);
      await this.audit.record(manager, { entityType: 'workstream', entityId: id, action: 'delete', before });
    });
  }

  /**
   * What stops `remove` deleting the workstream (the actions in it), as `remove` counts them, for a
   * page that says so before anyone asks; each group may be empty. 404 as `get`.
   */
  async dependents(user: AuthUser, id: string): Promise<DependentGroup[]> {
    requireReadablePlanRow(user, 'Workstream', id, await this.workstreams.findInOrg(user.organisationId, id));
    return this.dependentsOf(user.organisationId, id);
  }

  private async dependentsOf(organisationId: string, id: string, manager?: EntityManager): Promise<DependentGroup[]> {
    return [{ relation: 'has', entityType: 'action', rows: await this.workstreams.actionsOf(organisationId, id, manager) }];
  }
}
