import { planRoleOf } from '../common/auth/access-policy';
import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { EntityManager } from 'typeorm';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser, RequestContextStore } from '../common/request-context/request-context';
import { toAuditEventDto } from './audit.mapper';
import { AuditEventRepository, NewAuditEvent } from './audit-event.repository';
import { AuditEventPageDto, AuditEventQueryDto } from './dto/audit-event.dto';

/** Fields never written to the audit trail (secrets) or not worth a line (bookkeeping). */
const IGNORED_FIELDS = new Set(['passwordHash', 'updatedAt', 'createdAt', 'version', 'organisation']);

type Snapshot = object | null | undefined;

export interface AuditRecord {
  entityType: string;
  entityId: string;
  action: string;
  before?: Snapshot;
  after?: Snapshot;
  /** Defaults to the signed-in user's organisation. */
  organisationId?: string;
  /**
   * The plan the row belongs to. Defaults to the snapshot's own `planId`, a plan's own id, or the
   * plan of the action the row hangs off (looked up: pass it for a deleted action). Required for
   * every entity type but those of ORGANISATION_ENTITY_TYPES.
   */
  planId?: string | null;
}

/**
 * Entity types that belong to no plan (people, the organisation, its settings and its own
 * regulators with their judgement scales). Every other
 * event must name its plan: a board member reads the events of their plans and those of no plan,
 * so a plan's event stored with none would be shown to the boards of every plan.
 */
const ORGANISATION_ENTITY_TYPES = new Set(['organisation', 'user', 'notification_preference', 'report_wording', 'regulator']);

function planOf(r: AuditRecord): string | null {
  if (r.planId !== undefined) return r.planId;
  if (r.entityType === 'plan') return r.entityId;
  const planId = ((r.after ?? r.before ?? {}) as { planId?: unknown }).planId;
  return typeof planId === 'string' ? planId : null;
}

/** The action a row hangs off (milestones, updates, evidence, overrides), when its snapshot names one. */
function actionOf(r: AuditRecord): string | null {
  if (r.entityType === 'action') return r.entityId;
  const actionId = ((r.after ?? r.before ?? {}) as { actionId?: unknown }).actionId;
  return typeof actionId === 'string' ? actionId : null;
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

/** The changed fields, `{ field: { before, after } }`; for a create every field, for a delete every field. */
export function diffFields(before: Snapshot, after: Snapshot): Record<string, { before: unknown; after: unknown }> {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED_FIELDS.has(key)) continue;
    const bv = normalise(b[key]);
    const av = normalise(a[key]);
    if (JSON.stringify(bv) !== JSON.stringify(av)) changes[key] = { before: bv, after: av };
  }
  return changes;
}

/**
 * Writes audit events inside the caller's transaction (pass its EntityManager), so a change and
 * its audit line commit or roll back together. Actor and request id come from the request context.
 * Also reads the trail back, a page at a time.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly cls: ClsService<RequestContextStore>,
    private readonly events: AuditEventRepository,
  ) {}

  /**
   * Administrators read the whole trail; a board member reads the events of the plans they sit on
   * the board of, and those that belong to no plan (people, the organisation).
   */
  async list(user: AuthUser, query: AuditEventQueryDto): Promise<AuditEventPageDto> {
    const boardPlans = user.role === 'admin' ? null : Object.entries(user.plans).filter(([, p]) => p.role === 'board').map(([id]) => id);
    const [rows, total] = await this.events.findPage(user.organisationId, query, boardPlans);
    return toPage(rows.map(toAuditEventDto), total, query);
  }

  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await this.recordMany(manager, [record]);
  }

  async recordMany(manager: EntityManager, records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const user = this.cls.isActive() ? this.cls.get('user') : undefined;
    const requestId = this.cls.isActive() ? (this.cls.get('requestId') ?? this.cls.get('jobId') ?? null) : null;
    // Rows that hang off an action carry its plan: one lookup for the batch.
    const actionIds = [...new Set(records.filter((r) => planOf(r) === null).map(actionOf).filter((id): id is string => id !== null))];
    const planOfAction = new Map<string, string>(
      actionIds.length ? (await this.events.planIdsOfActions(manager, actionIds)).map((r) => [r.id, r.planId] as const) : [],
    );
    const rows = records.map((r): NewAuditEvent => {
      const organisationId = r.organisationId ?? user?.organisationId;
      if (!organisationId) throw new Error(`audit event for ${r.entityType} ${r.entityId} has no organisation`);
      const planId = planOf(r) ?? planOfAction.get(actionOf(r) ?? '') ?? null;
      if (planId === null && !ORGANISATION_ENTITY_TYPES.has(r.entityType)) {
        throw new Error(`audit event '${r.action}' of ${r.entityType} ${r.entityId} names no plan (pass planId)`);
      }
      return {
        organisationId,
        planId,
        actorId: user?.id ?? null,
        actorKind: user ? 'user' : 'system',
        // As they are now, kept in the event: a later rename or role change does not rewrite it.
        actorName: user?.name ?? null,
        // In a plan's event, the role held in that plan (board, owner, scrutiny; admin everywhere); else the organisation role.
        actorRole: user ? ((planId ? planRoleOf(user, { organisationId, planId }) : null) ?? user.role) : null,
        entityType: r.entityType,
        entityId: r.entityId,
        action: r.action,
        changes: diffFields(r.before, r.after),
        requestId,
      };
    });
    await this.events.insertMany(manager, rows);
  }
}
