import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { RagColour } from '../../vocabulary/rag-colour';

/** A board member's override of an action's colour, with a reason and an expiry. */
@Entity('rag_override')
@Index(['actionId', 'endedAt'])
export class RagOverrideEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  actionId: string;

  @ManyToOne('ActionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: unknown;

  @Column({ type: 'varchar', length: 10 })
  colour: RagColour;

  @Column({ type: 'text' })
  reason: string;

  /** The last day the override applies (a London calendar date). */
  @Column({ type: 'date' })
  expiresOn: string;

  @Column('uuid')
  setById: string;

  @CreateDateColumn({ type: 'timestamptz' })
  setAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  endedById: string | null;
}
