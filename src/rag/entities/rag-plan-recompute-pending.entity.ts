import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A plan whose whole recompute could not be queued (Redis down or not answering after a RAG policy
 * change, or after a large import): kept here until the worker's reconciler queues it
 * (RagReconciler.requeuePending). One row per plan; deleted with it.
 */
@Entity('rag_plan_recompute_pending')
export class RagPlanRecomputePendingEntity {
  @PrimaryColumn('uuid')
  planId: string;

  @ManyToOne('PlanEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: unknown;

  @Column('uuid')
  organisationId: string;

  /** Who asked (the recompute job records it), when a person did. */
  @Column({ type: 'uuid', nullable: true })
  requestedById: string | null;

  /** As RagRecomputePendingEntity.requestedAt. */
  @Column({ type: 'timestamptz' })
  requestedAt: Date;
}
