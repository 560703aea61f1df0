import { Column, Entity, Index, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { OrgOwnedEntity } from '../../database/org-owned.entity';
import type { EvidenceReviewState } from '../../vocabulary/evidence-review-state';

/** An uploaded file proving work on an action or milestone. Never hard-deleted. */
@Entity('evidence')
@Index(['organisationId', 'actionId'])
@Index(['organisationId', 'reviewState'])
@Index(['sha256'])
// The dashboard's evidence awaiting review, oldest first, read from the index.
@Index('IDX_evidence_waiting', ['organisationId', 'uploadedAt', 'id'], { where: "review_state = 'submitted' AND withdrawn_at IS NULL" })
// Which upload replaced an item (read with every item and list shown): without it, each read scanned
// the organisation's evidence (two rows per action). Few rows replace another, so the index is small.
@Index('IDX_evidence_supersedes', ['supersedesId'], { where: 'supersedes_id IS NOT NULL' })
export class EvidenceEntity extends OrgOwnedEntity {
  @Column('uuid')
  actionId: string;

  @ManyToOne('ActionEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'action_id' })
  action?: unknown;

  @Column({ type: 'uuid', nullable: true })
  milestoneId: string | null;

  @ManyToOne('MilestoneEntity', { onDelete: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: unknown;

  @Column({ length: 300 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Cleaned for display only; never used as a path. */
  @Column({ length: 255 })
  fileName: string;

  /** Judged from the content. */
  @Column({ length: 120 })
  contentType: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  sizeBytes: number;

  @Column({ length: 64 })
  sha256: string;

  /** Server-chosen, content-addressed; the same content is stored once. */
  @Column({ length: 200 })
  storageKey: string;

  @Column('uuid')
  uploadedById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'uploaded_by_id' })
  uploadedBy?: unknown;

  @Column({ type: 'timestamptz' })
  uploadedAt: Date;

  @Column({ type: 'varchar', length: 20, default: 'submitted' })
  reviewState: EvidenceReviewState;

  @Column({ type: 'uuid', nullable: true })
  reviewedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  /** A new upload that replaces a rejected item points at it. */
  @Column({ type: 'uuid', nullable: true })
  supersedesId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnById: string | null;

  @VersionColumn()
  version: number;
}
