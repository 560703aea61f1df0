import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RagColour } from '../../vocabulary/rag-colour';

/**
 * The RAG of one action at one reporting date; upserted so re-running a day changes nothing.
 *
 * Written 100,000 rows at a time for a large plan, every night, so it carries as little as it can:
 * keyed by (action, date) itself (a surrogate id would be one more index to write), and no foreign
 * key to action (checking it cost a fifth of a full recompute, measured). Instead the writer only
 * inserts snapshots of actions it has just updated (row locked) or locked, and a trigger on action
 * deletes an action's snapshots with it (migration RagSnapshotCleanup), as ON DELETE CASCADE would.
 */
@Entity('rag_snapshot')
@Index(['organisationId', 'asOf'])
export class RagSnapshotEntity {
  @PrimaryColumn('uuid')
  actionId: string;

  @PrimaryColumn({ type: 'date' })
  asOf: string;

  @Column('uuid')
  organisationId: string;

  /**
   * The action's plan, copied when the snapshot is written: the per-plan trend counts
   * (rag_trend_count, kept by a trigger on this table) need it, including when the action's
   * deletion removes its snapshots after the action row is gone.
   */
  @Column('uuid')
  planId: string;

  @Column({ type: 'varchar', length: 10 })
  colour: RagColour;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  reasons: { code: string; colour: RagColour; text: string }[];

  @Column({ default: false })
  overridden: boolean;

  /** When an override set the colour: what the rules gave beneath it, and the override (else null). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  computedColour: RagColour | null;

  @Column({ type: 'jsonb', nullable: true })
  computedReasons: { code: string; colour: RagColour; text: string }[] | null;

  @Column({ type: 'uuid', nullable: true })
  overrideId: string | null;

  @Column('int')
  policyVersion: number;

  @Column({ type: 'timestamptz' })
  computedAt: Date;
}
