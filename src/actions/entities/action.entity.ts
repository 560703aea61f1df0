import { Column, Entity, Index, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { PlanOwnedEntity } from '../../database/plan-owned.entity';
import type { ActionStatus } from '../../vocabulary/action-status';
import type { RagColour } from '../../vocabulary/rag-colour';

/** What the council will do in answer to one or more findings. */
@Entity('action')
@Index(['planId', 'reference'], { unique: true })
@Index(['organisationId', 'workstreamId'])
@Index(['organisationId', 'ownerId'])
@Index(['organisationId', 'dueDate'])
@Index(['organisationId', 'referenceSortKey'])
// A plan's actions in reference order: the actions list pages without sorting the plan.
@Index(['planId', 'referenceSortKey', 'reference'])
// The dashboard's overridden colours, in plan order.
@Index('IDX_action_overridden', ['planId', 'referenceSortKey', 'id'], { where: 'rag_overridden' })
// Text search reads action_search (ActionSearchEntity, kept by triggers): no search index here,
// so colour writes do not pay for it (migration ActionSearchTable).
export class ActionEntity extends PlanOwnedEntity {
  /** e.g. "A1.3" */
  @Column({ length: 40 })
  reference: string;

  /**
   * The reference with every run of digits zero-padded to 10 and upper-cased ("A1.2" ->
   * "A0000000001.0000000002"), so a byte-wise ORDER BY puts A1.2 before A1.10 and an index serves
   * it. Maintained by a database trigger (migration ActionReferenceSortKey), so rows written by any
   * path carry it; the application never writes it.
   */
  @Column({ type: 'text', collation: 'C', default: '', insert: false, update: false })
  referenceSortKey: string;

  @Column({ length: 300 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column('uuid')
  workstreamId: string;

  @ManyToOne('WorkstreamEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'workstream_id' })
  workstream?: unknown;

  @Column('uuid')
  ownerId: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'owner_id' })
  owner?: unknown;

  /** Lead organisation or partner agency, e.g. "Merseyside Police". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  leadAgency: string | null;

  @Column({ type: 'date', nullable: true })
  startDate: string | null;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'text', default: '' })
  successMeasures: string;

  @Column({ type: 'varchar', length: 20, default: 'not_started' })
  status: ActionStatus;

  /**
   * When the current status was recorded (the application's clock) and by whom; a trigger copies
   * every status, with these, into action_status_history. NULL when unknown (counts from the start).
   */
  @Column({ type: 'timestamptz', nullable: true })
  statusRecordedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  statusRecordedById: string | null;

  @Column({ type: 'smallint', default: 0 })
  progressPercent: number;

  /**
   * When the start date, due date and progress percent were last changed (the application's
   * clock); a trigger copies the values they replace, with this time, into action_dates_history.
   * NULL when unknown (never changed through the application, or before this column): the current
   * values count from the beginning.
   */
  @Column({ type: 'timestamptz', nullable: true })
  datesRecordedAt: Date | null;

  /** Set when the action becomes complete. */
  @Column({ type: 'date', nullable: true })
  completedOn: string | null;

  /** When the later effectiveness check is due (set on completion). */
  @Column({ type: 'date', nullable: true })
  effectivenessCheckDue: string | null;

  /** When the effectiveness check confirmed the change is sustained (status embedded). */
  @Column({ type: 'date', nullable: true })
  embeddedOn: string | null;

  // Current RAG, written only by the RAG service (computed, never typed in).
  @Column({ type: 'varchar', length: 10, nullable: true })
  ragColour: RagColour | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  ragReasons: { code: string; colour: RagColour; text: string }[];

  @Column({ type: 'boolean', default: false })
  ragOverridden: boolean;

  /** When an override sets the colour: the colour and reasons the rules gave beneath it (else null). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  ragComputedColour: RagColour | null;

  @Column({ type: 'jsonb', nullable: true })
  ragComputedReasons: { code: string; colour: RagColour; text: string }[] | null;

  /** The override in force when the colour was computed (null when none). */
  @Column({ type: 'uuid', nullable: true })
  ragOverrideId: string | null;

  @Column({ type: 'int', nullable: true })
  ragPolicyVersion: number | null;

  /** The reporting date the stored colour was computed for. */
  @Column({ type: 'date', nullable: true })
  ragAsOf: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  ragComputedAt: Date | null;

  /**
   * Raised by triggers (migration RagFactsVersion) whenever anything the RAG policy reads of this
   * action changes: its own facts, its milestones, evidence and their reviews, progress updates,
   * overrides, status history and regulator deadlines. Never written by the application.
   */
  @Column({ type: 'int', default: 0, insert: false, update: false })
  factsVersion: number;

  /** The factsVersion the stored colour was computed from (null before the first computation). */
  @Column({ type: 'int', nullable: true, insert: false, update: false })
  ragFactsVersion: number | null;

  @VersionColumn()
  version: number;
}
