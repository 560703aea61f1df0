import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pack can tell when the RAG statuses it reports have changed since it was made.
 *
 * - rag_snapshot_revision (plan, date) -> revision and the time of the last change. The table DDL
 *   is what `migration:generate` wrote for RagSnapshotRevisionEntity; the triggers, the backfill
 *   and the function are written by hand (TypeORM does not generate triggers).
 * - pack.figures_revision: the revision the pack's source read, in the same REPEATABLE READ
 *   transaction as the snapshots themselves. A ready pack whose date now has a higher revision
 *   reports statuses that have changed since (a past date recomputed, as `check-rag-history
 *   --repair` does, or an action's colour moving later on the pack's own day).
 * - Three statement-level triggers on rag_snapshot raise the revision of every (plan, date) a
 *   statement inserted, changed or deleted snapshots of, by one, in the same transaction, and set
 *   its time to the transaction's (the database's clock, as the recompute's computed_at). The
 *   recompute rewrites a snapshot only when its content differs (RagFactsRepository.writeResults),
 *   so a re-run that changes nothing raises nothing. Rows are upserted in key order, as the trend
 *   counts' triggers do, so concurrent writers lock them in the same order. The statement reads
 *   only the transition tables, so the plan PL/pgSQL keeps for the session has no table scan that a
 *   first bulk write could make the wrong one. Cost, psql on one 100,000-action copy (2 December,
 *   three rounds alternating without and with the triggers, rolled back): 100,000 snapshot rows in
 *   20 statements of 5,000 (a first run's chunks) 1.97-2.30 s without, 1.94-2.25 s with; a one-row
 *   snapshot upsert 0.29-0.33 ms without, 0.28-0.35 ms with: lost in the noise.
 * - Backfill: every (plan, date) that has snapshots starts at revision 0 (from rag_trend_count, a
 *   few rows per date, rather than the snapshots themselves), and every pack already made records
 *   revision 0: what it read cannot be known now, so only changes from here on are reported.
 *
 * Tested in test/packs-figures-changed.e2e-spec.ts.
 */
export class RagSnapshotRevisions1796216385552 implements MigrationInterface {
  name = 'RagSnapshotRevisions1796216385552';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rag_snapshot_revision" (
        "plan_id" uuid NOT NULL,
        "as_of" date NOT NULL,
        "organisation_id" uuid NOT NULL,
        "revision" integer NOT NULL,
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_02a9bd6217bf88a656ca33e3ab9" PRIMARY KEY ("plan_id", "as_of")
      )`);
    await queryRunner.query(`ALTER TABLE "pack" ADD "figures_revision" integer`);

    await queryRunner.query(`
      INSERT INTO rag_snapshot_revision (plan_id, as_of, organisation_id, revision, changed_at)
      SELECT plan_id, as_of, organisation_id, 0, now() FROM rag_trend_count
      GROUP BY plan_id, as_of, organisation_id HAVING sum(count) > 0`);
    await queryRunner.query(`UPDATE pack SET figures_revision = 0 WHERE state = 'ready'`);

    await queryRunner.query(`
      CREATE FUNCTION rag_snapshot_revision_raise() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO rag_snapshot_revision (plan_id, as_of, organisation_id, revision, changed_at)
          SELECT DISTINCT plan_id, as_of, organisation_id, 1, now() FROM new_rows ORDER BY plan_id, as_of
          ON CONFLICT (plan_id, as_of) DO UPDATE SET revision = rag_snapshot_revision.revision + 1, changed_at = EXCLUDED.changed_at;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO rag_snapshot_revision (plan_id, as_of, organisation_id, revision, changed_at)
          SELECT DISTINCT plan_id, as_of, organisation_id, 1, now() FROM old_rows ORDER BY plan_id, as_of
          ON CONFLICT (plan_id, as_of) DO UPDATE SET revision = rag_snapshot_revision.revision + 1, changed_at = EXCLUDED.changed_at;
        ELSE
          -- An action moved to another plan takes its snapshots along: both plans' dates change.
          INSERT INTO rag_snapshot_revision (plan_id, as_of, organisation_id, revision, changed_at)
          SELECT plan_id, as_of, organisation_id, 1, now()
          FROM (SELECT plan_id, as_of, organisation_id FROM new_rows UNION SELECT plan_id, as_of, organisation_id FROM old_rows) d
          ORDER BY plan_id, as_of
          ON CONFLICT (plan_id, as_of) DO UPDATE SET revision = rag_snapshot_revision.revision + 1, changed_at = EXCLUDED.changed_at;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER rag_snapshot_revision_insert AFTER INSERT ON rag_snapshot
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rag_snapshot_revision_raise()`);
    await queryRunner.query(`
      CREATE TRIGGER rag_snapshot_revision_delete AFTER DELETE ON rag_snapshot
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rag_snapshot_revision_raise()`);
    await queryRunner.query(`
      CREATE TRIGGER rag_snapshot_revision_update AFTER UPDATE ON rag_snapshot
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rag_snapshot_revision_raise()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER rag_snapshot_revision_update ON rag_snapshot`);
    await queryRunner.query(`DROP TRIGGER rag_snapshot_revision_delete ON rag_snapshot`);
    await queryRunner.query(`DROP TRIGGER rag_snapshot_revision_insert ON rag_snapshot`);
    await queryRunner.query(`DROP FUNCTION rag_snapshot_revision_raise()`);
    await queryRunner.query(`ALTER TABLE "pack" DROP COLUMN "figures_revision"`);
    await queryRunner.query(`DROP TABLE "rag_snapshot_revision"`);
  }
}
