import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationPreferenceEntity } from '../entities/notification-preference.entity';
import type { NotificationKind, NotificationMode } from '../notification-kinds';
import type { StoredModes } from './preference-rules';

/** What writing or sending a message needs to know about its recipient. */
export interface RecipientProfile {
  id: string;
  organisationId: string;
  organisationName: string;
  email: string;
  name: string;
  active: boolean;
  modes: StoredModes;
}

interface ProfileRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  email: string;
  name: string;
  active: boolean;
  modes: StoredModes;
}

@Injectable()
export class PreferencesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Recipients with their stored choices, in one query; pass the caller's manager inside a transaction. */
  async recipientProfiles(userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, RecipientProfile>> {
    if (userIds.length === 0) return new Map();
    const rows: ProfileRow[] = await manager.query(
      `SELECT u.id, u.organisation_id, o.name AS organisation_name, u.email, u.name, u.active,
              coalesce(jsonb_object_agg(p.kind, p.mode) FILTER (WHERE p.kind IS NOT NULL), '{}'::jsonb) AS modes
         FROM "user" u
         JOIN organisation o ON o.id = u.organisation_id
         LEFT JOIN notification_preference p ON p.user_id = u.id
        WHERE u.id = ANY($1::uuid[])
        GROUP BY u.id, o.name`,
      [[...new Set(userIds)]],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { id: r.id, organisationId: r.organisation_id, organisationName: r.organisation_name, email: r.email, name: r.name, active: r.active, modes: r.modes },
      ]),
    );
  }

  async storedModes(manager: EntityManager, userId: string): Promise<{ rows: NotificationPreferenceEntity[]; modes: StoredModes }> {
    const rows = await manager.getRepository(NotificationPreferenceEntity).find({ where: { userId }, order: { kind: 'ASC' } });
    return { rows, modes: Object.fromEntries(rows.map((r) => [r.kind, r.mode])) };
  }

  /** Serialises preference changes of one user until the transaction ends. */
  async lockUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('notification_preference:' || $1::text, 0))`, [userId]);
  }

  async upsert(manager: EntityManager, row: { organisationId: string; userId: string; kind: NotificationKind; mode: NotificationMode }): Promise<NotificationPreferenceEntity> {
    const repo = manager.getRepository(NotificationPreferenceEntity);
    const existing = await repo.findOne({ where: { userId: row.userId, kind: row.kind } });
    if (existing) {
      existing.mode = row.mode;
      return repo.save(existing);
    }
    return repo.save(repo.create(row));
  }
}
