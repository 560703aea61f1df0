import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 'create', 'update', 'delete', or a domain verb ('deactivate', 'review', 'withdraw', 'publish', ...). */
export type AuditAction = string;

/** Who changed what, when, before and after. Append-only: a trigger refuses UPDATE and DELETE. */
@Entity('audit_event')
@Index(['organisationId', 'occurredAt'])
@Index(['organisationId', 'entityType', 'entityId'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** 'user', 'system' (worker, CLI) */
  @Column({ type: 'varchar', length: 20, default: 'user' })
  actorKind: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ length: 50 })
  entityType: string;

  @Column('uuid')
  entityId: string;

  @Column({ type: 'varchar', length: 50 })
  action: AuditAction;

  /** `{ field: { before, after } }` for the fields that changed. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: Record<string, { before: unknown; after: unknown }>;

  @Column({ type: 'varchar', length: 100, nullable: true })
  requestId: string | null;
}
