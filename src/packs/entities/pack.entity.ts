import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import type { PackAudience } from '../../vocabulary/pack-audience';
import type { PackFormat } from '../../vocabulary/pack-format';
import type { PackState } from '../../vocabulary/pack-state';
import type { PublicationCheck } from '../publication/publication-check';

/** A progress pack for one audience and one reporting date. Published packs are immutable. */
@Entity('pack')
@Index(['organisationId', 'createdAt'])
export class PackEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;


  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })

  @JoinColumn({ name: 'organisation_id' })

  organisation?: unknown;

  /** The plan the pack reports on. */
  @Index()
  @Column('uuid')
  planId: string;

  @ManyToOne('PlanEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'plan_id' })
  plan?: unknown;

  /** The meeting the pack was made for, if any: its committee and date print on the cover. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  @ManyToOne('MeetingEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: unknown;

  @Column({ type: 'varchar', length: 20 })
  audience: PackAudience;

  @Column({ type: 'date' })
  asOf: string;

  @Column({ length: 300 })
  title: string;

  @Column({ type: 'jsonb' })
  formats: PackFormat[];

  @Column({ type: 'varchar', length: 20, default: 'queued' })
  state: PackState;

  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @Column({ type: 'text', nullable: true })
  failureReason: string | null;

  /** SHA-256 of the pack model: the same data and asOf give the same hash. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  contentHash: string | null;

  /**
   * The revision of its date's RAG snapshots (rag_snapshot_revision) the pack was made from: a
   * higher revision now means the statuses it reports have changed since. Null until ready.
   */
  @Column({ type: 'int', nullable: true })
  figuresRevision: number | null;

  /**
   * The attempt building the pack now (a fresh id at each start): its files are stored under it and
   * only it can mark the pack ready or failed. Two runs of one pack (a stalled job handed to a second
   * worker while the first resumes) then cannot overwrite or delete each other's files. Not shown.
   */
  @Column({ type: 'uuid', nullable: true, select: false })
  generationToken?: string | null;

  @Column('uuid')
  requestedById: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  jobId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Scrutiny packs: the names removed and the suspects left, recorded when the pack was built; null for board packs. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  publicationCheck?: PublicationCheck | null;

  @Column({ type: 'uuid', nullable: true })
  publishedById: string | null;
}
