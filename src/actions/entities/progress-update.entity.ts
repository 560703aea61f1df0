import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgOwnedEntity } from '../../database/org-owned.entity';
import type { ActionStatus } from '../../vocabulary/action-status';

/** A narrative update from the owner before a board meeting. Never edited: a new one is added. */
@Entity('progress_update')
@Index(['actionId', 'updateDate'])
// Progress updates dated after a reporting date (the dashboard corrects its kept counts for them).
@Index('IDX_progress_update_date', ['updateDate'])
export class ProgressUpdateEntity extends OrgOwnedEntity {
  @Column('uuid')
  actionId: string;

  @ManyToOne('ActionEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'action_id' })
  action?: unknown;

  @Column('uuid')
  authorId: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'author_id' })
  author?: unknown;

  @Column({ type: 'date' })
  updateDate: string;

  /** When it was written (the application's clock); NULL when unknown: counts from its update date. */
  @Column({ type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @Column({ type: 'text' })
  narrative: string;

  @Column({ type: 'varchar', length: 20 })
  statusAtTime: ActionStatus;

  @Column({ type: 'smallint' })
  progressPercentAtTime: number;
}
