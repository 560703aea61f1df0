import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 'create', 'update', 'delete', or a domain verb ('deactivate', 'review', 'withdraw', 'publish', ...). */
export type AuditAction = string;

/**
 * Who changed what, when, before and after. Append-only: the application's role may only SELECT
 * and INSERT, and a trigger refuses UPDATE and DELETE whoever the client is. Tamper-evident: a
 * BEFORE INSERT trigger (migration AuditHashChain) numbers each organisation's events, stamps
 * the server's time and chains each event's SHA-256 to the previous one's (`audit-chain.ts`).
 */
@Entity('audit_event')
@Index(['organisationId', 'occurredAt'])
@Index(['organisationId', 'entityType', 'entityId'])
@Index(['organisationId', 'seq'], { unique: true })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  /** 1, 2, 3... within the organisation, set by the database (bigint: a decimal string). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  /** The plan the changed row belongs to, when it belongs to one (not part of the hash chain). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  planId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** 'user', 'system' (worker, CLI) */
  @Column({ type: 'varchar', length: 20, default: 'user' })
  actorKind: string;

  /**
   * The actor's name and role when the event was written (a later rename or role change does not
   * rewrite history); null for system events and for events from before they were kept.
   */
  @Column({ type: 'varchar', length: 200, nullable: true })
  actorName: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  /** The database server's time when the event was written (whatever the client sends), to the millisecond. */
  @Column({ type: 'timestamptz', default: () => 'now()', insert: false, update: false })
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

  /** The previous event's `hash` in this organisation (64 zeros for the first). */
  @Column({ type: 'char', length: 64, insert: false, update: false })
  prevHash: string;

  /** SHA-256 (hex) of this event's canonical form, which includes `prevHash`. */
  @Column({ type: 'char', length: 64, insert: false, update: false })
  hash: string;

  /**
   * Which canonical form `hash` is of, set by the database: 1 for events from before actor names
   * were kept, 2 (which adds actor_name and actor_role) since (audit-chain.ts).
   */
  @Column({ type: 'smallint', default: 1, insert: false, update: false })
  hashVersion: number;
}
