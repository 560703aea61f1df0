import { Column, Entity, Index, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { OrgOwnedEntity } from '../../database/org-owned.entity';

@Entity('milestone')
@Index(['actionId', 'dueDate'])
// The dashboard's overdue and upcoming lists: open milestones in due order, read from the index.
@Index('IDX_milestone_open_due', ['organisationId', 'dueDate', 'actionId', 'sortOrder', 'id'], { where: 'completed_on IS NULL' })
// Milestones completed after a reporting date (open at it): a small range for today.
@Index('IDX_milestone_completed_on', ['completedOn'], { where: 'completed_on IS NOT NULL' })
export class MilestoneEntity extends OrgOwnedEntity {
  @Column('uuid')
  actionId: string;

  @ManyToOne('ActionEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'action_id' })
  action?: unknown;

  @Column({ length: 300 })
  title: string;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'date', nullable: true })
  completedOn: string | null;

  /**
   * When the milestone was entered, and when its completion was recorded (the application's
   * clock): a completion marked on 10 November "as of 1 November" counts from 10 November. NULL
   * when unknown (rows from before these columns, raw SQL): counts from its effective date.
   */
  @Column({ type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completionRecordedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completionRecordedById: string | null;

  /**
   * When the due date was last changed (the application's clock); a trigger copies the date it
   * replaces, with this time, into milestone_due_history. NULL when unknown (counts from the start).
   */
  @Column({ type: 'timestamptz', nullable: true })
  dueDateRecordedAt: Date | null;

  /** A milestone may fall after its action's due date only when someone said so explicitly. */
  @Column({ default: false })
  allowAfterActionDue: boolean;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @VersionColumn()
  version: number;
}
