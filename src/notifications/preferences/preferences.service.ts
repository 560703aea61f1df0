import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { AppException } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { NotificationPreferenceDto, UnsubscribeResultDto } from '../dto/notification-preference.dto';
import { NOTIFICATION_KIND_RULES, NOTIFICATION_KINDS, type NotificationKind, type NotificationMode } from '../notification-kinds';
import { NotificationsException } from '../notifications.exception';
import { effectiveModes, modeChoiceProblem, unsubscribeChanges, type StoredModes } from './preference-rules';
import { PreferencesRepository } from './preferences.repository';
import { verifyUnsubscribeToken } from './unsubscribe-token';

/**
 * A person's choices of e-mail (the building blocks of the preferences page and the one-click
 * unsubscribe link). Every change is audited in its transaction.
 */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly preferences: PreferencesRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The signed-in user's own choices, every kind with the mode in force. */
  async list(user: AuthUser): Promise<NotificationPreferenceDto[]> {
    const { modes } = await this.preferences.storedModes(this.dataSource.manager, user.id);
    return toDtos(modes);
  }

  /** Sets one kind's mode for the signed-in user (400 naming `mode` when the kind does not allow it). */
  async set(user: AuthUser, kind: NotificationKind, mode: NotificationMode): Promise<NotificationPreferenceDto[]> {
    const problem = modeChoiceProblem(kind, mode);
    if (problem) throw AppException.invalidField('mode', problem);
    const modes = await this.dataSource.transaction(async (manager) => {
      await this.preferences.lockUser(manager, user.id);
      const before = await this.preferences.storedModes(manager, user.id);
      const previous = before.rows.find((r) => r.kind === kind);
      if (previous?.mode !== mode) {
        const row = await this.preferences.upsert(manager, { organisationId: user.organisationId, userId: user.id, kind, mode });
        await this.audit.record(manager, {
          entityType: 'notification_preference',
          entityId: row.id,
          action: previous ? 'update' : 'create',
          before: previous ? { kind, mode: previous.mode } : null,
          after: { kind, mode },
          organisationId: user.organisationId,
        });
      }
      return { ...before.modes, [kind]: mode };
    });
    return toDtos(modes);
  }

  /**
   * One click from an e-mail: no sign-in, the signed token is the authority. Switches off the kind
   * it names (or every kind on weekly digest); mandatory kinds stay on. Clicking twice is harmless.
   */
  async unsubscribe(token: string | undefined): Promise<UnsubscribeResultDto> {
    const claim = verifyUnsubscribeToken(this.config.UNSUBSCRIBE_SECRET, token, this.clock.now());
    if (!claim.ok) throw claim.reason === 'expired' ? NotificationsException.expiredUnsubscribeToken() : NotificationsException.invalidUnsubscribeToken();
    const switchedOff = await this.dataSource.transaction(async (manager) => {
      const profile = (await this.preferences.recipientProfiles([claim.userId], manager)).get(claim.userId);
      // A validly signed token for a user since removed: nothing to switch off.
      if (!profile) return [];
      await this.preferences.lockUser(manager, claim.userId);
      const { rows, modes } = await this.preferences.storedModes(manager, claim.userId);
      const changes = unsubscribeChanges(claim.scope, modes);
      for (const change of changes) {
        const row = await this.preferences.upsert(manager, { organisationId: profile.organisationId, userId: claim.userId, kind: change.kind, mode: change.to });
        await this.audit.record(manager, {
          entityType: 'notification_preference',
          entityId: row.id,
          action: 'unsubscribe',
          before: rows.some((r) => r.kind === change.kind) ? { kind: change.kind, mode: change.from } : null,
          after: { kind: change.kind, mode: change.to },
          organisationId: profile.organisationId,
        });
      }
      return changes.map((c) => c.kind);
    });
    return { scope: claim.scope, switchedOff };
  }
}

function toDtos(stored: StoredModes): NotificationPreferenceDto[] {
  const modes = effectiveModes(stored);
  return NOTIFICATION_KINDS.map((kind) => {
    const rule = NOTIFICATION_KIND_RULES[kind];
    return { kind, label: rule.label, audience: rule.audience, mode: modes[kind], modes: [...rule.modes], mandatory: rule.mandatory };
  });
}
