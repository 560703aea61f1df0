import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ActionStatus } from '../../vocabulary/action-status';

/**
 * Every status an action has had, from its creation: what a recompute for a past date reads
 * (the status as it stood at the end of that day). Written by database triggers on action
 * (migration TrueHistory) in the same statement as the change, whatever path made it (the API,
 * imports, seeds, the demo loader), so it cannot be forgotten.
 *
 * `recordedAt` is when the change was recorded by the application's clock (action.status_recorded_at);
 * NULL when the writer gave none (rows from before this table, raw SQL): such a status counts from
 * the beginning, as if it had always been recorded.
 */
@Entity('action_status_history')
@Index(['actionId', 'recordedAt'])
export class ActionStatusHistoryEntity {
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

  @Column({ type: 'varchar', length: 20 })
  status: ActionStatus;

  /** Effective from: the instant the change was recorded. */
  @Column({ type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;
}
