import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { RagColour } from '../policy/rag-policy.types';

/** The RAG of one action at one reporting date; upserted so re-running a day changes nothing. */
@Entity('rag_snapshot')
@Index(['actionId', 'asOf'], { unique: true })
@Index(['organisationId', 'asOf'])
export class RagSnapshotEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  actionId: string;

  @ManyToOne('ActionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: unknown;

  @Column({ type: 'date' })
  asOf: string;

  @Column({ type: 'varchar', length: 10 })
  colour: RagColour;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  reasons: { code: string; colour: RagColour; text: string }[];

  @Column({ default: false })
  overridden: boolean;

  @Column('int')
  policyVersion: number;

  @Column({ type: 'timestamptz' })
  computedAt: Date;
}
