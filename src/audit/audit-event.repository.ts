import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { londonFilterInstant } from '../common/dates/calendar-date';
import { ChainedAuditEvent } from './chain/audit-chain';
import { AuditEventQueryDto } from './dto/audit-event.dto';
import { AuditEventEntity } from './entities/audit-event.entity';

/** Events per INSERT statement (the statement's size, not its parameter count, grows with it). */
const INSERT_CHUNK = 1000;

/** An audit event as written; the id and the time come from the database. */
export type NewAuditEvent = Pick<
  AuditEventEntity,
  'organisationId' | 'planId' | 'actorId' | 'actorKind' | 'actorName' | 'actorRole' | 'entityType' | 'entityId' | 'action' | 'changes' | 'requestId'
>;

/** The audit trail: appended inside the caller's transaction, read a page at a time. Rows are never changed. */
@Injectable()
export class AuditEventRepository {
  constructor(@InjectRepository(AuditEventEntity) private readonly repo: Repository<AuditEventEntity>) {}

  /**
   * One statement per INSERT_CHUNK events, whatever their number: the events go as one JSON
   * array, turned into rows by jsonb_to_recordset in the order given (about twice as fast as
   * one array parameter per column: no array literal to escape and parse around each event's
   * JSON). The chain trigger fires once per row and reads the head the row before it wrote, so
   * the events are chained in that order.
   */
  async insertMany(manager: EntityManager, rows: NewAuditEvent[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const part = rows.slice(i, i + INSERT_CHUNK).map((r) => ({
        organisation_id: r.organisationId,
        plan_id: r.planId,
        actor_id: r.actorId,
        actor_kind: r.actorKind,
        actor_name: r.actorName,
        actor_role: r.actorRole,
        entity_type: r.entityType,
        entity_id: r.entityId,
        action: r.action,
        changes: r.changes ?? {},
        request_id: r.requestId,
      }));
      await manager.query(
        `INSERT INTO audit_event (organisation_id, plan_id, actor_id, actor_kind, actor_name, actor_role, entity_type, entity_id, action, changes, request_id)
         SELECT organisation_id, plan_id, actor_id, actor_kind, actor_name, actor_role, entity_type, entity_id, action, changes, request_id
           FROM jsonb_to_recordset($1::jsonb) AS e(organisation_id uuid, plan_id uuid, actor_id uuid, actor_kind text, actor_name text, actor_role text,
                                                   entity_type text, entity_id uuid, action text, changes jsonb, request_id text)`,
        [JSON.stringify(part)],
      );
    }
  }

  /** The plan of each action (for the audit events of rows that hang off one). */
  planIdsOfActions(manager: EntityManager, actionIds: string[]): Promise<{ id: string; planId: string }[]> {
    return manager.query('SELECT id, plan_id AS "planId" FROM action WHERE id = ANY($1::uuid[])', [actionIds]);
  }

  /** `planIds`: only events of these plans and events of no plan (null: every event). */
  findPage(organisationId: string, q: AuditEventQueryDto, planIds: string[] | null = null): Promise<[AuditEventEntity[], number]> {
    const qb = this.repo.createQueryBuilder('e').where('e.organisationId = :organisationId', { organisationId });
    if (planIds !== null) qb.andWhere('(e.planId IS NULL OR e.planId = ANY(:planIds))', { planIds });
    if (q.entityType) qb.andWhere('e.entityType = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('e.entityId = :entityId', { entityId: q.entityId });
    if (q.actorId) qb.andWhere('e.actorId = :actorId', { actorId: q.actorId });
    // A date (or a date-time without an offset) is a London one, whatever the server's time zone.
    if (q.from) qb.andWhere('e.occurredAt >= :from', { from: londonFilterInstant(q.from) ?? q.from });
    if (q.to) qb.andWhere('e.occurredAt < :to', { to: londonFilterInstant(q.to) ?? q.to });
    return qb.orderBy('e.occurredAt', 'DESC').addOrderBy('e.id', 'DESC').skip(q.skip).take(q.pageSize).getManyAndCount();
  }

  /** One organisation's events after `afterSeq`, in chain order, with `changes` as PostgreSQL prints it. */
  async chainAfter(organisationId: string, afterSeq: string, limit: number): Promise<ChainedAuditEvent[]> {
    const rows: ChainRow[] = await this.repo.query(
      `SELECT e.id, e.organisation_id, e.seq::text AS seq, e.prev_hash, e.hash, e.hash_version, e.occurred_at, e.actor_id, e.actor_kind,
              e.actor_name, e.actor_role, e.entity_type, e.entity_id, e.action, e.changes::text AS changes_text, e.request_id
         FROM audit_event e
        WHERE e.organisation_id = $1 AND e.seq > $2::bigint
        ORDER BY e.seq -- the bigint, not the text it is returned as
        LIMIT $3`,
      [organisationId, afterSeq, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      seq: r.seq,
      prevHash: r.prev_hash,
      hash: r.hash,
      hashVersion: r.hash_version,
      occurredAt: r.occurred_at,
      actorId: r.actor_id,
      actorKind: r.actor_kind,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      entityType: r.entity_type,
      entityId: r.entity_id,
      action: r.action,
      changesText: r.changes_text,
      requestId: r.request_id,
    }));
  }

  /** Every organisation with audit events, including deleted organisations (their events stay). */
  async organisationIdsWithEvents(): Promise<string[]> {
    const rows: { organisation_id: string }[] = await this.repo.query(`SELECT DISTINCT organisation_id FROM audit_event ORDER BY organisation_id`);
    return rows.map((r) => r.organisation_id);
  }
}

interface ChainRow {
  id: string;
  organisation_id: string;
  seq: string;
  prev_hash: string;
  hash: string;
  hash_version: number;
  occurred_at: Date;
  actor_id: string | null;
  actor_kind: string;
  actor_name: string | null;
  actor_role: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  changes_text: string;
  request_id: string | null;
}
