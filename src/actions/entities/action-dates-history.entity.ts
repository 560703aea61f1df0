import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An action's start date, due date and progress percent before each change to them: what a
 * recompute (or a pack) of a past date reads when they have changed since that date (the true-history
 * rule, src/rag/compute/rag-facts.ts). Written by a database trigger on action (migration
 * TrueHistoryOfDates) in the same statement as the change, whatever path made it, with the OLD
 * values and the instant the change was recorded (the NEW action.dates_recorded_at, the
 * application's clock). An action's values at the end of a date are then its current ones when
 * they were recorded by then, else those of its oldest row superseded after then.
 */
@Entity('action_dates_history')
@Index(['actionId', 'supersededAt'])
export class ActionDatesHistoryEntity {
  /** Also the order of changes recorded at the same instant. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: unknown;

  @Column('uuid')
  actionId: string;

  @ManyToOne('ActionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: unknown;

  @Column({ type: 'date', nullable: true })
  startDate: string | null;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'smallint' })
  progressPercent: number;

  /**
   * Until when these values were in force: the instant the change that replaced them was recorded
   * (the application's clock). NULL when the writer gave no time: the values then count as never
   * in force (the new ones count from the beginning, as a change with no time does everywhere).
   */
  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
