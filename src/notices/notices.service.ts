import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertPlanManager, assertPlanOpen, requireReadablePlanRow } from '../common/auth/access-policy';
import { CLOCK, type Clock } from '../common/clock/clock';
import { compareDates, londonToday } from '../common/dates/calendar-date';
import { AppException } from '../common/errors/app.exception';
import { hasDependents, type DependentGroup } from '../common/errors/has-dependents';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { RegulatorDeadlinesService } from '../deadlines/regulator-deadlines.service';
import { InspectionsService } from '../inspections/inspections.service';
import { CreateNoticeDto, NoticeDetailDto, NoticePageDto, NoticeQueryDto, NoticeStatusChangeDto, UpdateNoticeDto } from './dto/notice.dto';
import { toNoticeDetailDto, toNoticeDto, toNoticeStatusChangeDto } from './notice.mapper';
import { NoticeChanges, NoticesRepository } from './notices.repository';

/** What another feature needs of a notice it points at: which one, and the inspection it follows. */
export interface NoticeReference {
  id: string;
  inspectionId: string | null;
}

@Injectable()
export class NoticesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: NoticesRepository,
    private readonly inspections: InspectionsService,
    private readonly audit: AuditService,
    private readonly deadlines: RegulatorDeadlinesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, planId: string, query: NoticeQueryDto): Promise<NoticePageDto> {
    const [rows, total] = await this.notices.findPage(user.organisationId, planId, query);
    return toPage(rows.map(toNoticeDto), total, query);
  }

  async get(user: AuthUser, id: string): Promise<NoticeDetailDto> {
    const notice = requireReadablePlanRow(user, 'Notice', id, await this.notices.findInOrg(user.organisationId, id));
    return toNoticeDetailDto(notice, await this.notices.statusHistory(user.organisationId, id));
  }

  /**
   * One notice with its status history, and the plan it belongs to (the web's notice pages check
   * the user's role in that plan); 404 as `get`.
   */
  async getInPlan(user: AuthUser, id: string): Promise<{ planId: string; notice: NoticeDetailDto }> {
    const notice = requireReadablePlanRow(user, 'Notice', id, await this.notices.findInOrg(user.organisationId, id));
    return { planId: notice.planId, notice: toNoticeDetailDto(notice, await this.notices.statusHistory(user.organisationId, id)) };
  }

  /**
   * The status history of every notice of the plan, by notice id (oldest first), read in one query
   * for a page that shows them all; a notice with no history has no key. The caller has checked
   * that the user reads the plan, as for `list`.
   */
  async statusHistoriesOfPlan(user: AuthUser, planId: string): Promise<Map<string, NoticeStatusChangeDto[]>> {
    const byNotice = new Map<string, NoticeStatusChangeDto[]>();
    for (const { noticeId, ...row } of await this.notices.planStatusHistories(user.organisationId, planId)) {
      const list = byNotice.get(noticeId) ?? [];
      list.push(toNoticeStatusChangeDto(row));
      byNotice.set(noticeId, list);
    }
    return byNotice;
  }

  /** For findings: the notice in the caller's organisation, or a 400 naming the field. */
  async requireForReference(organisationId: string, planId: string, id: string, field: string, manager?: EntityManager): Promise<NoticeReference> {
    const notice = await this.notices.findInOrg(organisationId, id, manager);
    if (!notice || notice.planId !== planId) throw AppException.invalidField(field, 'no such notice in this plan');
    return { id: notice.id, inspectionId: notice.inspectionId };
  }

  async create(user: AuthUser, planId: string, dto: CreateNoticeDto): Promise<NoticeDetailDto> {
    assertPlanOpen(user, { organisationId: user.organisationId, planId });
    checkDeadline(dto.issuedOn, dto.deadline ?? null);
    const status = dto.status ?? 'open';
    const changedOn = dto.statusChangedOn ?? dto.issuedOn;
    if (dto.statusChangedOn !== undefined) this.checkStatusChangedOn(dto.statusChangedOn, dto.issuedOn);
    return this.dataSource.transaction(async (manager) => {
      if (dto.inspectionId) await this.inspections.requireForReference(user.organisationId, planId, dto.inspectionId, 'inspectionId', manager);
      const notice = await this.notices.insert(manager, {
        organisationId: user.organisationId,
        planId,
        kind: dto.kind,
        title: dto.title,
        inspectionId: dto.inspectionId ?? null,
        issuedOn: dto.issuedOn,
        deadline: dto.deadline ?? null,
        failings: dto.failings ?? '',
        requirements: dto.requirements ?? '',
        status,
      });
      // The history starts with the status the notice was recorded in.
      await this.notices.insertStatusChange(manager, {
        organisationId: user.organisationId,
        noticeId: notice.id,
        fromStatus: null,
        toStatus: status,
        changedOn,
        changedById: user.id,
        note: dto.statusNote ?? '',
      });
      await this.audit.record(manager, { entityType: 'notice', entityId: notice.id, action: 'create', after: notice });
      await this.deadlines.syncNotice(manager, user, notice);
      return toNoticeDetailDto(notice, await this.notices.statusHistory(user.organisationId, notice.id, manager));
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateNoticeDto): Promise<NoticeDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = requireReadablePlanRow(user, 'Notice', id, await this.notices.findInOrgForUpdate(user.organisationId, id, manager));
      assertPlanManager(user, before, 'change the plan');
      const { version, statusChangedOn, statusNote, ...fields } = dto;
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as NoticeChanges;

      const issuedOn = dto.issuedOn ?? before.issuedOn;
      checkDeadline(issuedOn, dto.deadline !== undefined ? dto.deadline : before.deadline);
      if (dto.inspectionId && dto.inspectionId !== before.inspectionId) {
        await this.inspections.requireForReference(user.organisationId, before.planId, dto.inspectionId, 'inspectionId', manager);
        // Findings under a notice come from the inspection it follows.
        const outside = await this.notices.findingsOutsideInspection(user.organisationId, id, dto.inspectionId, manager);
        if (outside.length > 0) {
          throw AppException.invalidField('inspectionId', `findings under this notice come from another inspection: ${outside.map((f) => f.label).join(', ')}`);
        }
      }

      const statusChanges = dto.status !== undefined && dto.status !== before.status;
      if (!statusChanges) {
        if (statusChangedOn !== undefined) throw AppException.invalidField('statusChangedOn', 'only with a change of status');
        if (statusNote !== undefined) throw AppException.invalidField('statusNote', 'only with a change of status');
      }
      const changedOn = statusChangedOn ?? londonToday(this.clock.now());
      if (statusChanges) this.checkStatusChangedOn(changedOn, issuedOn);

      // A stale version fails here, before the history row is written; both roll back together anyway.
      const after = await this.notices.updateVersioned(manager, { id, organisationId: user.organisationId }, version, changes);
      if (statusChanges) {
        await this.notices.insertStatusChange(manager, {
          organisationId: user.organisationId,
          noticeId: id,
          fromStatus: before.status,
          toStatus: after.status,
          changedOn,
          changedById: user.id,
          note: statusNote ?? '',
        });
      }
      await this.audit.record(manager, { entityType: 'notice', entityId: id, action: 'update', before, after });
      await this.deadlines.syncNotice(manager, user, after);
      return toNoticeDetailDto(after, await this.notices.statusHistory(user.organisationId, id, manager));
    });
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = requireReadablePlanRow(user, 'Notice', id, await this.notices.findInOrgForUpdate(user.organisationId, id, manager));
      assertPlanManager(user, before, 'change the plan');
      const conflict = hasDependents(`notice '${before.title}'`, await this.dependentsOf(user.organisationId, id, manager));
      if (conflict) throw conflict;
      // Its status history goes with it (ON DELETE CASCADE); the audit trail keeps the record.
      await this.deadlines.removeFor(manager, user.organisationId, { noticeId: id });
      await this.notices.delete(manager, user.organisationId, id);
      await this.audit.record(manager, { entityType: 'notice', entityId: id, action: 'delete', before });
    });
  }

  /**
   * What stops `remove` deleting the notice (the findings under it), as `remove` counts them, for a
   * page that says so before anyone asks; each group may be empty. 404 as `get`.
   */
  async dependents(user: AuthUser, id: string): Promise<DependentGroup[]> {
    requireReadablePlanRow(user, 'Notice', id, await this.notices.findInOrg(user.organisationId, id));
    return this.dependentsOf(user.organisationId, id);
  }

  private async dependentsOf(organisationId: string, id: string, manager?: EntityManager): Promise<DependentGroup[]> {
    return [{ relation: 'has', entityType: 'finding', rows: await this.notices.findingsOf(organisationId, id, manager) }];
  }

  private checkStatusChangedOn(changedOn: string, issuedOn: string): void {
    if (compareDates(changedOn, issuedOn) < 0) throw AppException.invalidField('statusChangedOn', 'must not be before issuedOn');
    if (compareDates(changedOn, londonToday(this.clock.now())) > 0) throw AppException.invalidField('statusChangedOn', 'must not be in the future');
  }
}

function checkDeadline(issuedOn: string, deadline: string | null): void {
  if (deadline !== null && compareDates(deadline, issuedOn) < 0) throw AppException.invalidField('deadline', 'must not be before issuedOn');
}
