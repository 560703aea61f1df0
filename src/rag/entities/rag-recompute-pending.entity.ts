import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * An action whose recompute could not be queued when it changed (Redis down or not answering): kept
 * here until the worker's reconciler queues it (RagReconciler.requeuePending), so the change is coloured
 * minutes after Redis is back rather than at the next nightly run. One row per action, however many
 * changes; deleted with the action.
 */
@Entity('rag_recompute_pending')
export class RagRecomputePendingEntity {
  @PrimaryColumn('uuid')
  actionId: string;

  @ManyToOne('ActionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: unknown;

  @Column('uuid')
  organisationId: string;

  /**
   * When the latest recompute that could not be queued was asked for (database time). The
   * reconciler deletes the row only while it still holds the time it read, so a change that failed
   * to queue after the reconciler queued the action's recompute stays for the next round.
   */
  @Column({ type: 'timestamptz' })
  requestedAt: Date;
}
