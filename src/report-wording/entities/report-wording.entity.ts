import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { GlossaryEntry } from '../report-wording';

/** An organisation's wording of its scrutiny committee reports (one row, absent until an administrator sets it). */
@Entity('report_wording')
export class ReportWordingEntity {
  @PrimaryColumn('uuid')
  organisationId: string;

  /** Deleting an organisation (the demo's reset) removes its wording. */
  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: unknown;

  @Column({ type: 'varchar', length: 200, nullable: true })
  committeeName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reportOfRole: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  contactOfficerRole: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactMailbox: string | null;

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Column({ type: 'jsonb', nullable: true })
  recommendations: string[] | null;

  @Column({ type: 'text', nullable: true })
  reasonsForRecommendations: string | null;

  @Column({ type: 'text', nullable: true })
  financialImplications: string | null;

  @Column({ type: 'text', nullable: true })
  legalImplications: string | null;

  @Column({ type: 'text', nullable: true })
  equalityImplications: string | null;

  @Column({ type: 'text', nullable: true })
  safeguardingImplications: string | null;

  @Column({ type: 'jsonb', nullable: true })
  glossary: GlossaryEntry[] | null;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
