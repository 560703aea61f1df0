import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many times a plan's RAG snapshots of one reporting date have changed: a pack records the
 * revision it was made from, so its page can say when the statuses of its date changed after it
 * was made (a correction of a past date, or an action's colour moving later on the same day).
 *
 * Kept by statement-level triggers on rag_snapshot (migration RagSnapshotRevisions): every
 * statement that inserts, changes or deletes snapshots raises the revision of each (plan, date) it
 * touched by one, in the same transaction. The recompute rewrites a snapshot only when its content
 * differs, so a re-run that changes nothing leaves the revision alone. A pack reads the revision in
 * the same REPEATABLE READ transaction as the snapshots, so the two always agree. No row: revision 0.
 */
@Entity('rag_snapshot_revision')
export class RagSnapshotRevisionEntity {
  @PrimaryColumn('uuid')
  planId: string;

  @PrimaryColumn({ type: 'date' })
  asOf: string;

  @Column('uuid')
  organisationId: string;

  @Column('int')
  revision: number;

  /** When the last change was committed (the writing transaction's time). */
  @Column({ type: 'timestamptz' })
  changedAt: Date;
}
