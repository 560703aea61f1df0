import type { AuditEventDto } from './dto/audit-event.dto';
import type { AuditEventEntity } from './entities/audit-event.entity';

export function toAuditEventDto(e: AuditEventEntity): AuditEventDto {
  return {
    id: e.id,
    organisationId: e.organisationId,
    planId: e.planId,
    seq: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorKind: e.actorKind,
    actorName: e.actorName,
    actorRole: e.actorRole,
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    changes: e.changes,
    requestId: e.requestId,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
