import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { RagPolicySettings } from '../policy/rag-policy.types';

/** One version of a plan's RAG policy. Each change inserts a new version; none is edited. */
@Entity('rag_policy')
@Index(['planId', 'version'], { unique: true })
export class RagPolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: unknown;

  /** Each plan has its own policy and versions (issue 19). */
  @Column('uuid')
  planId: string;

  @ManyToOne('PlanEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: unknown;

  @Column('int')
  version: number;

  @Column({ type: 'jsonb' })
  settings: RagPolicySettings;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /**
   * From when this version is in force (the application's clock when it was saved): a recompute
   * for a past date uses the version in force at the end of that day. NULL for version 1 (the
   * defaults, stored lazily): in force from the beginning.
   */
  @Column({ type: 'timestamptz', nullable: true })
  effectiveFrom: Date | null;
}
