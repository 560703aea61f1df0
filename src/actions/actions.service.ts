import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { assertCanContribute, assertPlanManager, assertPlanOpen, isPlanManager, requireVisibleAction } from '../common/auth/access-policy';
import { CLOCK, type Clock } from '../common/clock/clock';
import { compareDates, londonToday } from '../common/dates/calendar-date';
import { AppException } from '../common/errors/app.exception';
import { hasDependents } from '../common/errors/has-dependents';
import { pageJson, toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { RagTriggerService } from '../rag/rag-trigger.service';
import { UsersService } from '../users/users.service';
import { actionAuditView, milestoneAuditView, summaryRowToDto, toActionDto } from './action.mapper';
import { applyStatusChange, datesRecorded, NEW_ACTION_STATE, statusRecorded } from './action-status';
import { isDoneStatus } from '../vocabulary/action-status';
import { ActionChanges, ActionDetailRow, ActionsRepository } from './actions.repository';
import { ActionDto, ActionPageDto } from './dto/action.dto';
import { ActionQueryDto } from './dto/action-query.dto';
import { CreateActionDto } from './dto/create-action.dto';
import { UpdateActionDto } from './dto/update-action.dto';
import { assertMilestoneWithinAction } from './milestone-rules';
import { MilestonesRepository } from './milestones.repository';
import { assertOwnerMayChange, OWNER_ACTION_FIELDS } from './owner-fields';
import { ProgressUpdatesRepository } from './progress-updates.repository';
import { ActionsErrorCode } from './actions.exception';

const isUniqueViolation = (e: unknown) => e instanceof QueryFailedError && (e.driverError as { code?: string } | undefined)?.code === '23505';

const referenceTaken = (reference: string) =>
  AppException.conflict(ActionsErrorCode.ReferenceTaken, `reference: ${reference} is already used by another action`, [
    { field: 'reference', messages: [`${reference} is already used by another action`] },
  ]);

/**
 * The action use cases. Who may do what is the access policy's (`common/auth/access-policy.ts`);
 * other features load an action for it with `ActionsRepository.findAccessScope`.
 */
@Injectable()
export class ActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actions: ActionsRepository,
    private readonly milestones: MilestonesRepository,
    private readonly updates: ProgressUpdatesRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly rag: RagTriggerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return londonToday(this.clock.now());
  }

  async list(user: AuthUser, planId: string, query: ActionQueryDto): Promise<ActionPageDto> {
    const [rows, total] = await this.actions.findSummaryPage(user.organisationId, planId, query);
    return toPage(rows.map(summaryRowToDto), total, query);
  }

  /**
   * The list as the API sends it: the JSON text of `list`'s answer, byte for byte, with the page's
   * items written by PostgreSQL (`findSummaryPageJson`), a text search's too.
   */
  async listJson(user: AuthUser, planId: string, query: ActionQueryDto): Promise<string> {
    const [items, total] = await this.actions.findSummaryPageJson(user.organisationId, planId, query);
    return pageJson(items, total, query);
  }

  async get(user: AuthUser, id: string): Promise<ActionDto> {
    // The action's own row answers the access policy too: one statement, and nothing else is
    // read before the check passes.
    const action = requireVisibleAction(user, id, await this.actions.findDetail(user.organisationId, id));
    return this.detailOf(user.organisationId, action);
  }

  /** The action as GET /actions/:id shows it (after the caller has checked access). */
  async detail(organisationId: string, id: string): Promise<ActionDto> {
    const action = await this.actions.findDetail(organisationId, id);
    if (!action) throw AppException.notFound('Action', id);
    return this.detailOf(organisationId, action);
  }

  private async detailOf(organisationId: string, action: ActionDetailRow): Promise<ActionDto> {
    const id = action.id;
    const [findings, milestones, latestUpdate, evidence] = await Promise.all([
      this.actions.linkedFindings(organisationId, id),
      this.milestones.findShownForAction(organisationId, id),
      this.updates.findLatestShown(organisationId, id),
      this.actions.evidenceCounts(organisationId, id),
    ]);
    const override = action.ragOverridden ? await this.actions.overrideShown(organisationId, action.ragOverrideId) : null;
    return toActionDto(action, { findings, milestones, latestUpdate, evidence, override });
  }

  async create(user: AuthUser, planId: string, dto: CreateActionDto): Promise<ActionDto> {
    const organisationId = user.organisationId;
    assertPlanOpen(user, { organisationId, planId });
    const now = this.clock.now();
    const today = londonToday(now);
    if (dto.startDate && compareDates(dto.dueDate, dto.startDate) < 0) {
      throw AppException.invalidField('dueDate', `must not be before startDate ${dto.startDate}`);
    }
    const state = applyStatusChange(NEW_ACTION_STATE, { status: dto.status, progressPercent: dto.progressPercent, effectivenessCheckDue: dto.effectivenessCheckDue }, today);

    const recompute = this.rag.changes();
    let actionId: string;
    try {
      actionId = await this.dataSource.transaction(async (manager) => {
        await this.assertCanOwn(manager, organisationId, planId, dto.ownerId);
        if (await this.actions.referenceTaken(planId, dto.reference, manager)) throw referenceTaken(dto.reference);
        await this.assertWorkstream(organisationId, planId, dto.workstreamId, manager);
        await this.assertFindings(organisationId, planId, dto.findingIds, manager);
        const action = await this.actions.insert(manager, {
          organisationId,
          planId,
          reference: dto.reference,
          title: dto.title,
          description: dto.description ?? '',
          workstreamId: dto.workstreamId,
          ownerId: dto.ownerId,
          leadAgency: dto.leadAgency ?? null,
          startDate: dto.startDate ?? null,
          dueDate: dto.dueDate,
          successMeasures: dto.successMeasures ?? '',
          ...state,
          // The first status-history row (written by a trigger) is stamped with this.
          statusRecordedAt: now,
          statusRecordedById: user.id,
        });
        await this.actions.replaceFindingLinks(manager, organisationId, action.id, dto.findingIds);
        const audit: AuditRecord[] = [{ entityType: 'action', entityId: action.id, action: 'create', after: actionAuditView(action, dto.findingIds) }];
        // Checked row by row after the action is written: a bad milestone rolls the whole request back.
        for (const [i, m] of (dto.milestones ?? []).entries()) {
          assertMilestoneWithinAction(m.dueDate, m.allowAfterActionDue ?? false, action.dueDate, `milestones.${i}.dueDate`);
          const milestone = await this.milestones.insert(manager, {
            organisationId,
            actionId: action.id,
            title: m.title,
            dueDate: m.dueDate,
            completedOn: null,
            allowAfterActionDue: m.allowAfterActionDue ?? false,
            sortOrder: i,
            recordedAt: now,
            completionRecordedAt: null,
            completionRecordedById: null,
          });
          audit.push({ entityType: 'milestone', entityId: milestone.id, action: 'create', after: milestoneAuditView(milestone) });
        }
        await this.audit.recordMany(manager, audit);
        await recompute.action(manager, organisationId, action.id);
        return action.id;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw referenceTaken(dto.reference);
      throw e;
    }
    await recompute.queue();
    return this.detail(organisationId, actionId);
  }

  async update(user: AuthUser, id: string, dto: UpdateActionDto): Promise<ActionDto> {
    const organisationId = user.organisationId;
    const found = requireVisibleAction(user, id, await this.actions.findAccessScope(organisationId, id));
    assertPlanOpen(user, found);
    if (!isPlanManager(user, found)) {
      assertCanContribute(user, found);
      assertOwnerMayChange(dto, OWNER_ACTION_FIELDS, 'action');
    }
    const now = this.clock.now();
    const today = londonToday(now);

    const recompute = this.rag.changes();
    try {
      await this.dataSource.transaction(async (manager) => {
        // Locked: milestone writes lock the action too, so the due-date check below cannot race them.
        const before = await this.actions.findInOrg(organisationId, id, manager, true);
        if (!before) throw AppException.notFound('Action', id);
        if (before.version !== dto.version) throw AppException.staleVersion('Action', before.version);
        // Re-checked on the row as it is now: the owner may have changed since the first read.
        if (!isPlanManager(user, before)) assertCanContribute(user, before);
        if (dto.ownerId !== undefined && dto.ownerId !== before.ownerId) await this.assertCanOwn(manager, organisationId, found.planId, dto.ownerId);
        const beforeFindingIds = await this.actions.linkedFindingIds(id, manager);

        const startDate = dto.startDate !== undefined ? dto.startDate : before.startDate;
        const dueDate = dto.dueDate ?? before.dueDate;
        if (startDate && compareDates(dueDate, startDate) < 0) {
          if (dto.dueDate !== undefined) throw AppException.invalidField('dueDate', `must not be before startDate ${startDate}`);
          throw AppException.invalidField('startDate', `must not be after dueDate ${dueDate}`);
        }
        if (dto.reference !== undefined && dto.reference !== before.reference && (await this.actions.referenceTaken(found.planId, dto.reference, manager, id))) {
          throw referenceTaken(dto.reference);
        }
        if (dto.workstreamId !== undefined && dto.workstreamId !== before.workstreamId) await this.assertWorkstream(organisationId, found.planId, dto.workstreamId, manager);
        if (dto.dueDate !== undefined && compareDates(dto.dueDate, before.dueDate) < 0) {
          const late = await this.milestones.dueAfterWithoutLeave(organisationId, id, dto.dueDate, manager);
          if (late.length > 0) {
            const names = late.map((m) => `"${m.title}" (${m.dueDate})`).join(', ');
            throw AppException.invalidField('dueDate', `milestones would fall after it: ${names}; move them first or allow them after the action's due date`);
          }
        }
        const state = applyStatusChange(before, { status: dto.status, progressPercent: dto.progressPercent, effectivenessCheckDue: dto.effectivenessCheckDue }, today);
        // Reopened (done to open) keeping its owner: that owner must still be able to own it (they
        // may have left the plan once nothing of theirs was open).
        if (isDoneStatus(before.status) && !isDoneStatus(state.status) && (dto.ownerId === undefined || dto.ownerId === before.ownerId)) {
          await this.assertOwnerCanStay(manager, organisationId, found.planId, before.ownerId);
        }

        const changes: ActionChanges = { ...state, ...statusRecorded(before.status, state.status, now, user.id) };
        if (dto.reference !== undefined) changes.reference = dto.reference;
        if (dto.title !== undefined) changes.title = dto.title;
        if (dto.description !== undefined) changes.description = dto.description;
        if (dto.workstreamId !== undefined) changes.workstreamId = dto.workstreamId;
        if (dto.ownerId !== undefined) changes.ownerId = dto.ownerId;
        if (dto.leadAgency !== undefined) changes.leadAgency = dto.leadAgency;
        if (dto.startDate !== undefined) changes.startDate = dto.startDate;
        if (dto.dueDate !== undefined) changes.dueDate = dto.dueDate;
        if (dto.successMeasures !== undefined) changes.successMeasures = dto.successMeasures;
        Object.assign(changes, datesRecorded(before, { startDate, dueDate, progressPercent: state.progressPercent }, now));

        let afterFindingIds = beforeFindingIds;
        if (dto.findingIds !== undefined) {
          await this.assertFindings(organisationId, found.planId, dto.findingIds, manager);
          await this.actions.replaceFindingLinks(manager, organisationId, id, dto.findingIds);
          afterFindingIds = dto.findingIds;
        }
        const after = await this.actions.updateVersioned(manager, { id, organisationId }, dto.version, changes);
        await this.audit.record(manager, {
          entityType: 'action',
          entityId: id,
          action: 'update',
          before: actionAuditView(before, beforeFindingIds),
          after: actionAuditView(after, afterFindingIds),
        });
        await recompute.action(manager, organisationId, id);
      });
    } catch (e) {
      if (isUniqueViolation(e) && dto.reference !== undefined) throw referenceTaken(dto.reference);
      throw e;
    }
    await recompute.queue();
    return this.detail(organisationId, id);
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const organisationId = user.organisationId;
    const found = requireVisibleAction(user, id, await this.actions.findAccessScope(organisationId, id));
    assertPlanManager(user, found, 'delete actions');
    await this.dataSource.transaction(async (manager) => {
      // Locked, so nothing can be attached between the check and the delete.
      const before = await this.actions.findInOrg(organisationId, id, manager, true);
      if (!before) throw AppException.notFound('Action', id);
      const dependents = await this.actions.dependents(organisationId, id, manager);
      const refused = hasDependents(`Action ${before.reference}`, [
        { relation: 'has', entityType: 'milestone', rows: dependents.milestones },
        { relation: 'has', entityType: 'progress update', rows: dependents.progressUpdates },
        { relation: 'has', entityType: 'evidence item', rows: dependents.evidence },
      ]);
      if (refused) throw refused;
      const findingIds = await this.actions.linkedFindingIds(id, manager);
      await this.actions.delete(manager, organisationId, id);
      // The action row is gone: its plan is named, not looked up.
      await this.audit.record(manager, { entityType: 'action', entityId: id, planId: before.planId, action: 'delete', before: actionAuditView(before, findingIds) });
    });
    // No RAG recompute: there is no action left to colour. Roll-ups are computed from the actions that exist.
  }

  /** A reopened action's owner, checked as a new owner would be; refused naming ownerId, so the board gives it another. */
  private async assertOwnerCanStay(manager: EntityManager, organisationId: string, planId: string, ownerId: string): Promise<void> {
    try {
      await this.assertCanOwn(manager, organisationId, planId, ownerId);
    } catch (err) {
      if (!(err instanceof AppException) || err.status !== HttpStatus.BAD_REQUEST) throw err;
      throw AppException.invalidField('ownerId', "the action's owner can no longer own it (they hold no board or owner role in this plan): give the reopened action another owner");
    }
  }

  /**
   * An action's owner is an active user who works on the plan: an administrator, or board or owner
   * in it (not scrutiny). Checked inside the write's transaction, with the owner's row held until it commits (UsersService.lockForOwnership):
   * removing them from the plan, or making them a scrutiny member or a chief officer, waits for this
   * write and then finds the action theirs (409), or this waits for that change and is refused here.
   */
  private async assertCanOwn(manager: EntityManager, organisationId: string, planId: string, userId: string): Promise<void> {
    const found = await this.users.lockForOwnership(manager, organisationId, planId, userId);
    if (!found?.user.active) throw AppException.invalidField('ownerId', 'must be an active user of your organisation');
    const { user: owner, planRole: role } = found;
    if (owner.role === 'admin') return;
    if (owner.role === 'chief_officer') throw AppException.invalidField('ownerId', 'chief officers see the organisation overview only: they cannot own actions');
    if (role === 'scrutiny') throw AppException.invalidField('ownerId', 'scrutiny members cannot own actions: they do not see the working plan');
    if (role === null) throw AppException.invalidField('ownerId', 'must hold a role in this plan (board or owner)');
  }

  private async assertWorkstream(organisationId: string, planId: string, workstreamId: string, manager: EntityManager): Promise<void> {
    if (!(await this.actions.workstreamInPlan(organisationId, planId, workstreamId, manager))) {
      throw AppException.invalidField('workstreamId', 'must be a workstream of your organisation');
    }
  }

  private async assertFindings(organisationId: string, planId: string, findingIds: string[], manager: EntityManager): Promise<void> {
    const found = new Set(await this.actions.findingsInPlan(organisationId, planId, findingIds, manager));
    const missing = findingIds.filter((f) => !found.has(f));
    if (missing.length > 0) throw AppException.invalidField('findingIds', `must be findings of your organisation; not found: ${missing.join(', ')}`);
  }
}
