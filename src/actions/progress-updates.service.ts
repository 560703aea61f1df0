import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { assertCanContribute, requireVisibleAction } from '../common/auth/access-policy';
import { CLOCK, type Clock } from '../common/clock/clock';
import { londonToday } from '../common/dates/calendar-date';
import { AppException } from '../common/errors/app.exception';
import { PageQueryDto, toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { RagTriggerService } from '../rag/rag-trigger.service';
import { actionAuditView, toCreatedProgressUpdateDto, toProgressUpdateDto } from './action.mapper';
import { applyStatusChange, datesRecorded, statusRecorded } from './action-status';
import { ActionsRepository } from './actions.repository';
import { CreatedProgressUpdateDto, CreateProgressUpdateDto, ProgressUpdatePageDto } from './dto/progress-update.dto';
import { assertNotInFuture } from './milestone-rules';
import { ProgressUpdatesRepository } from './progress-updates.repository';

/** Progress updates are an append-only narrative: added, never edited or deleted. */
@Injectable()
export class ProgressUpdatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actions: ActionsRepository,
    private readonly updates: ProgressUpdatesRepository,
    private readonly audit: AuditService,
    private readonly rag: RagTriggerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, actionId: string, query: PageQueryDto): Promise<ProgressUpdatePageDto> {
    requireVisibleAction(user, actionId, await this.actions.findAccessScope(user.organisationId, actionId));
    const [rows, total] = await this.updates.findPage(user.organisationId, actionId, query);
    return toPage(rows.map(toProgressUpdateDto), total, query);
  }

  async create(user: AuthUser, actionId: string, dto: CreateProgressUpdateDto): Promise<CreatedProgressUpdateDto> {
    const organisationId = user.organisationId;
    const found = requireVisibleAction(user, actionId, await this.actions.findAccessScope(organisationId, actionId));
    assertCanContribute(user, found);
    const now = this.clock.now();
    const today = londonToday(now);
    const updateDate = dto.updateDate ?? today;
    assertNotInFuture(updateDate, today, 'updateDate');

    const recompute = this.rag.changes();
    const { id, version } = await this.dataSource.transaction(async (manager) => {
      // Locked: the status rules read the current state, and a concurrent update must wait its turn.
      const action = await this.actions.findInOrg(organisationId, actionId, manager, true);
      if (!action) throw AppException.notFound('Action', actionId);
      assertCanContribute(user, action);
      if (dto.actionVersion !== undefined && dto.actionVersion !== action.version) throw AppException.staleVersion('Action', action.version);

      const audit: AuditRecord[] = [];
      let current = action;
      if (dto.status !== undefined || dto.progressPercent !== undefined) {
        const state = applyStatusChange(action, { status: dto.status, progressPercent: dto.progressPercent }, today);
        const findingIds = await this.actions.linkedFindingIds(actionId, manager);
        current = await this.actions.updateVersioned(manager, { id: actionId, organisationId }, action.version, {
          ...state,
          ...statusRecorded(action.status, state.status, now, user.id),
          ...datesRecorded(action, { ...action, progressPercent: state.progressPercent }, now),
        });
        audit.push({ entityType: 'action', entityId: actionId, action: 'update', before: actionAuditView(action, findingIds), after: actionAuditView(current, findingIds) });
      }
      const saved = await this.updates.insert(manager, {
        organisationId,
        actionId,
        authorId: user.id,
        updateDate,
        recordedAt: now,
        narrative: dto.narrative,
        statusAtTime: current.status,
        progressPercentAtTime: current.progressPercent,
      });
      audit.push({
        entityType: 'progress_update',
        entityId: saved.id,
        action: 'create',
        after: { actionId, authorId: user.id, updateDate, narrative: saved.narrative, statusAtTime: saved.statusAtTime, progressPercentAtTime: saved.progressPercentAtTime },
      });
      await this.audit.recordMany(manager, audit);
      await recompute.action(manager, organisationId, actionId);
      return { id: saved.id, version: current.version };
    });
    await recompute.queue();
    const update = await this.updates.findWithAuthor(organisationId, id);
    if (!update) throw AppException.notFound('Progress update', id);
    return toCreatedProgressUpdateDto(update, version);
  }
}
