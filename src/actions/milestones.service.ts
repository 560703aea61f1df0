import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertCanContribute, assertPlanManager, assertPlanOpen, isPlanManager, requireVisibleAction } from '../common/auth/access-policy';
import { CLOCK, type Clock } from '../common/clock/clock';
import { londonToday } from '../common/dates/calendar-date';
import { AppException } from '../common/errors/app.exception';
import { hasDependents } from '../common/errors/has-dependents';
import { PageQueryDto, toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { RagTriggerService } from '../rag/rag-trigger.service';
import { milestoneAuditView, toMilestoneDto } from './action.mapper';
import { ActionsRepository } from './actions.repository';
import { CreateMilestoneDto, MilestoneDto, MilestonePageDto, UpdateMilestoneDto } from './dto/milestone.dto';
import { assertMilestoneWithinAction, assertNotInFuture } from './milestone-rules';
import { MilestoneChanges, MilestonesRepository } from './milestones.repository';
import { assertOwnerMayChange, OWNER_MILESTONE_FIELDS } from './owner-fields';

@Injectable()
export class MilestonesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actions: ActionsRepository,
    private readonly milestones: MilestonesRepository,
    private readonly audit: AuditService,
    private readonly rag: RagTriggerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, actionId: string, query: PageQueryDto): Promise<MilestonePageDto> {
    requireVisibleAction(user, actionId, await this.actions.findAccessScope(user.organisationId, actionId));
    const [rows, total] = await this.milestones.findPage(user.organisationId, actionId, query);
    return toPage(rows.map(toMilestoneDto), total, query);
  }

  async create(user: AuthUser, actionId: string, dto: CreateMilestoneDto): Promise<MilestoneDto> {
    const organisationId = user.organisationId;
    const found = requireVisibleAction(user, actionId, await this.actions.findAccessScope(organisationId, actionId));
    assertPlanManager(user, found, 'add milestones');
    const now = this.clock.now();
    if (dto.completedOn) assertNotInFuture(dto.completedOn, londonToday(now), 'completedOn');
    const recompute = this.rag.changes();
    const milestone = await this.dataSource.transaction(async (manager) => {
      // Locked so the action's due date cannot move under this check.
      const action = await this.actions.findInOrg(organisationId, actionId, manager, true);
      if (!action) throw AppException.notFound('Action', actionId);
      assertMilestoneWithinAction(dto.dueDate, dto.allowAfterActionDue ?? false, action.dueDate);
      const saved = await this.milestones.insert(manager, {
        organisationId,
        actionId,
        title: dto.title,
        dueDate: dto.dueDate,
        completedOn: dto.completedOn ?? null,
        recordedAt: now,
        // A completion counts from when it was recorded, whatever date it is "as of".
        completionRecordedAt: dto.completedOn ? now : null,
        completionRecordedById: dto.completedOn ? user.id : null,
        allowAfterActionDue: dto.allowAfterActionDue ?? false,
        sortOrder: dto.sortOrder ?? (await this.milestones.nextSortOrder(organisationId, actionId, manager)),
      });
      await this.audit.record(manager, { entityType: 'milestone', entityId: saved.id, action: 'create', after: milestoneAuditView(saved) });
      await recompute.action(manager, organisationId, actionId);
      return saved;
    });
    await recompute.queue();
    return toMilestoneDto(milestone);
  }

  async update(user: AuthUser, actionId: string, milestoneId: string, dto: UpdateMilestoneDto): Promise<MilestoneDto> {
    const organisationId = user.organisationId;
    const found = requireVisibleAction(user, actionId, await this.actions.findAccessScope(organisationId, actionId));
    assertPlanOpen(user, found);
    if (!isPlanManager(user, found)) {
      assertCanContribute(user, found);
      assertOwnerMayChange(dto, OWNER_MILESTONE_FIELDS, 'action');
    }
    const now = this.clock.now();
    if (dto.completedOn) assertNotInFuture(dto.completedOn, londonToday(now), 'completedOn');
    const recompute = this.rag.changes();
    const milestone = await this.dataSource.transaction(async (manager) => {
      const action = await this.actions.findInOrg(organisationId, actionId, manager, true);
      if (!action) throw AppException.notFound('Action', actionId);
      if (!isPlanManager(user, action)) assertCanContribute(user, action);
      const before = await this.milestones.findInAction(organisationId, actionId, milestoneId, manager);
      if (!before) throw AppException.notFound('Milestone', milestoneId);
      if (before.version !== dto.version) throw AppException.staleVersion('Milestone', before.version);
      const dueDate = dto.dueDate ?? before.dueDate;
      const allow = dto.allowAfterActionDue ?? before.allowAfterActionDue;
      if (dto.dueDate !== undefined || dto.allowAfterActionDue !== undefined) {
        assertMilestoneWithinAction(dueDate, allow, action.dueDate, dto.dueDate !== undefined ? 'dueDate' : 'allowAfterActionDue');
      }
      const changes: MilestoneChanges = {};
      if (dto.title !== undefined) changes.title = dto.title;
      if (dto.dueDate !== undefined && dto.dueDate !== before.dueDate) {
        // The date it replaces is kept with this time (milestone_due_history), for the past's colours.
        changes.dueDate = dto.dueDate;
        changes.dueDateRecordedAt = now;
      }
      if (dto.completedOn !== undefined && dto.completedOn !== before.completedOn) {
        // A completion counts from when it was recorded, whatever date it is "as of".
        changes.completedOn = dto.completedOn;
        changes.completionRecordedAt = dto.completedOn === null ? null : now;
        changes.completionRecordedById = dto.completedOn === null ? null : user.id;
      }
      if (dto.allowAfterActionDue !== undefined) changes.allowAfterActionDue = dto.allowAfterActionDue;
      if (dto.sortOrder !== undefined) changes.sortOrder = dto.sortOrder;
      const after = await this.milestones.updateVersioned(manager, { id: milestoneId, organisationId }, dto.version, changes);
      await this.audit.record(manager, { entityType: 'milestone', entityId: milestoneId, action: 'update', before: milestoneAuditView(before), after: milestoneAuditView(after) });
      await recompute.action(manager, organisationId, actionId);
      return after;
    });
    await recompute.queue();
    return toMilestoneDto(milestone);
  }

  async remove(user: AuthUser, actionId: string, milestoneId: string): Promise<void> {
    const organisationId = user.organisationId;
    const found = requireVisibleAction(user, actionId, await this.actions.findAccessScope(organisationId, actionId));
    assertPlanManager(user, found, 'delete milestones');
    const recompute = this.rag.changes();
    await this.dataSource.transaction(async (manager) => {
      const before = await this.milestones.findInAction(organisationId, actionId, milestoneId, manager);
      if (!before) throw AppException.notFound('Milestone', milestoneId);
      const evidence = await this.milestones.attachedEvidence(organisationId, milestoneId, manager);
      const refused = hasDependents(`Milestone "${before.title}"`, [{ relation: 'has', entityType: 'evidence item', rows: evidence }]);
      if (refused) throw refused;
      await this.milestones.delete(manager, organisationId, milestoneId);
      await this.audit.record(manager, { entityType: 'milestone', entityId: milestoneId, action: 'delete', before: milestoneAuditView(before) });
      await recompute.action(manager, organisationId, actionId);
    });
    await recompute.queue();
  }
}
