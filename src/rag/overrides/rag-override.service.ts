import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActionsRepository } from '../../actions/actions.repository';
import { AuditService } from '../../audit/audit.service';
import { assertCanOverrideRag, requireVisibleAction } from '../../common/auth/access-policy';
import { CLOCK, Clock } from '../../common/clock/clock';
import { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { addDays, compareDates, londonToday } from '../../common/dates/calendar-date';
import { RagTriggerService } from '../rag-trigger.service';
import { OVERRIDE_MAX_DAYS, type RagOverrideDto, type SetRagOverrideDto } from './dto/rag-override.dto';
import { toRagOverrideDto } from './rag-override.mapper';
import { RagOverrideRepository } from './rag-override.repository';

/**
 * A board member's override of an action's colour, with a reason and an expiry. Setting one ends
 * any active one first; ending one records who and when. Both are audited, and the action is
 * recomputed afterwards (the override then shows wherever the colour appears).
 */
@Injectable()
export class RagOverrideService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actions: ActionsRepository,
    private readonly overrides: RagOverrideRepository,
    private readonly audit: AuditService,
    private readonly trigger: RagTriggerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async set(user: AuthUser, actionId: string, dto: SetRagOverrideDto): Promise<RagOverrideDto> {
    const now = this.clock.now();
    const today = londonToday(now);
    const recompute = this.trigger.changes();
    const created = await this.dataSource.transaction(async (manager) => {
      const action = await this.actions.findAccessScope(user.organisationId, actionId, { manager });
      assertCanOverrideRag(user, requireVisibleAction(user, actionId, action));
      if (compareDates(dto.expiresOn, today) < 0) throw AppException.invalidField('expiresOn', `must be today (${today}) or later`);
      const latest = addDays(today, OVERRIDE_MAX_DAYS);
      if (compareDates(dto.expiresOn, latest) > 0) {
        throw AppException.invalidField('expiresOn', `must be at most ${OVERRIDE_MAX_DAYS} days ahead (${latest} at the latest)`);
      }
      await this.overrides.lockAction(manager, actionId);
      await this.endActive(manager, user, actionId, now);
      const row = await this.overrides.insert(manager, {
        organisationId: user.organisationId,
        actionId,
        colour: dto.colour,
        reason: dto.reason,
        expiresOn: dto.expiresOn,
        setById: user.id,
        setAt: now,
      });
      await this.audit.record(manager, { entityType: 'rag_override', entityId: row.id, action: 'create', after: row });
      await recompute.action(manager, user.organisationId, actionId);
      return row;
    });
    await recompute.queue();
    return toRagOverrideDto(created, today);
  }

  async end(user: AuthUser, actionId: string): Promise<RagOverrideDto> {
    const now = this.clock.now();
    const recompute = this.trigger.changes();
    const ended = await this.dataSource.transaction(async (manager) => {
      const action = await this.actions.findAccessScope(user.organisationId, actionId, { manager });
      assertCanOverrideRag(user, requireVisibleAction(user, actionId, action));
      await this.overrides.lockAction(manager, actionId);
      const rows = await this.endActive(manager, user, actionId, now);
      if (rows.length === 0) throw AppException.notFound(`Active RAG override of action ${actionId}`);
      await recompute.action(manager, user.organisationId, actionId);
      return rows[rows.length - 1];
    });
    await recompute.queue();
    return toRagOverrideDto(ended, londonToday(now));
  }

  private async endActive(manager: EntityManager, user: AuthUser, actionId: string, now: Date) {
    const active = await this.overrides.findActive(manager, user.organisationId, actionId);
    await this.overrides.end(manager, active.map((o) => o.id), now, user.id);
    const ended = active.map((before) => ({ ...before, endedAt: now, endedById: user.id }));
    await this.audit.recordMany(
      manager,
      ended.map((after, i) => ({ entityType: 'rag_override', entityId: after.id, action: 'end', before: active[i], after })),
    );
    return ended;
  }
}
