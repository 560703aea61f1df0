import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A milestone's due date before each change to it (an extension agreed by the board, a regulator's
 * date moved): what a recompute (or a pack) of a past date reads when it has changed since that
 * date. Written by a database trigger on milestone (migration TrueHistoryOfDates) with the OLD
 * due date and the instant the change was recorded (the NEW milestone.due_date_recorded_at, the
 * application's clock); see ActionDatesHistoryEntity for the rule.
 */
@Entity('milestone_due_history')
@Index(['milestoneId', 'supersededAt'])
export class MilestoneDueHistoryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: unknown;

  @Column('uuid')
  milestoneId: string;

  @ManyToOne('MilestoneEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: unknown;

  @Column({ type: 'date' })
  dueDate: string;

  /** Until when this due date was in force (the replacing change's recorded time); NULL: never. */
  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
