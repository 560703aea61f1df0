import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** Every review decision, kept: the evidence row holds only the latest. */
@Entity('evidence_review')
export class EvidenceReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;


  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })

  @JoinColumn({ name: 'organisation_id' })

  organisation?: unknown;

  @Index()
  @Column('uuid')
  evidenceId: string;

  @ManyToOne('EvidenceEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'evidence_id' })
  evidence?: unknown;

  @Column('uuid')
  reviewerId: string;

  @Column({ type: 'varchar', length: 20 })
  decision: 'accepted' | 'rejected';

  @Column({ type: 'text', default: '' })
  comment: string;

  @CreateDateColumn({ type: 'timestamptz' })
  reviewedAt: Date;
}
