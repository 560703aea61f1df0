import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-plan trend counts kept as the snapshots are written (issue 17: the dashboard's trend counted
 * 1.2 million snapshot rows per request at 100,000 actions).
 *
 * - rag_snapshot gets the action's plan (backfilled from action), so the counts can be kept when
 *   an action's deletion removes its snapshots after the action row is gone.
 * - rag_trend_count (plan, date, colour) -> count, filled from the existing snapshots.
 * - Three statement-level triggers on rag_snapshot with transition tables add each statement's
 *   delta in the same transaction: inserted rows count up, deleted rows count down, updated rows
 *   move from their old colour to their new one. Rows are upserted in key order, so concurrent
 *   writers lock them in the same order.
 *
 * The table DDL is what `migration:generate` writes for RagTrendCountEntity; the backfill and the
 * triggers are written by hand (TypeORM does not generate triggers).
 */
export class RagTrendCounts1763900002100 implements MigrationInterface {
  name = 'RagTrendCounts1763900002100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rag_trend_count" (
        "plan_id" uuid NOT NULL,
        "as_of" date NOT NULL,
        "colour" character varying(10) NOT NULL,
        "organisation_id" uuid NOT NULL,
        "count" integer NOT NULL,
        CONSTRAINT "PK_adbafeec3679b12c30f946daa40" PRIMARY KEY ("plan_id", "as_of", "colour")
      )`);
    await queryRunner.query(`ALTER TABLE "rag_snapshot" ADD "plan_id" uuid`);
    await queryRunner.query(`UPDATE rag_snapshot s SET plan_id = a.plan_id FROM action a WHERE a.id = s.action_id`);
    // A snapshot whose action is gone is removed with it by a trigger; none should be left.
    await queryRunner.query(`DELETE FROM rag_snapshot WHERE plan_id IS NULL`);
    await queryRunner.query(`ALTER TABLE "rag_snapshot" ALTER COLUMN "plan_id" SET NOT NULL`);
    await queryRunner.query(`
      INSERT INTO rag_trend_count (plan_id, as_of, colour, organisation_id, count)
      SELECT plan_id, as_of, colour, organisation_id, count(*)::int FROM rag_snapshot GROUP BY plan_id, as_of, colour, organisation_id`);

    await queryRunner.query(`
      CREATE FUNCTION rag_trend_count_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO rag_trend_count (plan_id, as_of, colour, organisation_id, count)
        SELECT plan_id, as_of, colour, organisation_id, count(*)::int FROM new_rows
        GROUP BY plan_id, as_of, colour, organisation_id ORDER BY plan_id, as_of, colour
        ON CONFLICT (plan_id, as_of, colour) DO UPDATE SET count = rag_trend_count.count + EXCLUDED.count;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION rag_trend_count_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO rag_trend_count (plan_id, as_of, colour, organisation_id, count)
        SELECT plan_id, as_of, colour, organisation_id, -count(*)::int FROM old_rows
        GROUP BY plan_id, as_of, colour, organisation_id ORDER BY plan_id, as_of, colour
        ON CONFLICT (plan_id, as_of, colour) DO UPDATE SET count = rag_trend_count.count + EXCLUDED.count;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION rag_trend_count_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO rag_trend_count (plan_id, as_of, colour, organisation_id, count)
        SELECT plan_id, as_of, colour, organisation_id, sum(delta)::int FROM (
          SELECT o.plan_id, o.as_of, o.colour, o.organisation_id, -1 AS delta
          FROM old_rows o JOIN new_rows n ON n.action_id = o.action_id AND n.as_of = o.as_of
          WHERE (n.colour, n.plan_id) IS DISTINCT FROM (o.colour, o.plan_id)
          UNION ALL
          SELECT n.plan_id, n.as_of, n.colour, n.organisation_id, 1
          FROM old_rows o JOIN new_rows n ON n.action_id = o.action_id AND n.as_of = o.as_of
          WHERE (n.colour, n.plan_id) IS DISTINCT FROM (o.colour, o.plan_id)
        ) d
        GROUP BY plan_id, as_of, colour, organisation_id HAVING sum(delta) <> 0 ORDER BY plan_id, as_of, colour
        ON CONFLICT (plan_id, as_of, colour) DO UPDATE SET count = rag_trend_count.count + EXCLUDED.count;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER rag_trend_count_insert AFTER INSERT ON rag_snapshot
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rag_trend_count_on_insert()`);
    await queryRunner.query(`
      CREATE TRIGGER rag_trend_count_delete AFTER DELETE ON rag_snapshot
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rag_trend_count_on_delete()`);
    await queryRunner.query(`
      CREATE TRIGGER rag_trend_count_update AFTER UPDATE ON rag_snapshot
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rag_trend_count_on_update()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER rag_trend_count_update ON rag_snapshot`);
    await queryRunner.query(`DROP TRIGGER rag_trend_count_delete ON rag_snapshot`);
    await queryRunner.query(`DROP TRIGGER rag_trend_count_insert ON rag_snapshot`);
    await queryRunner.query(`DROP FUNCTION rag_trend_count_on_update()`);
    await queryRunner.query(`DROP FUNCTION rag_trend_count_on_delete()`);
    await queryRunner.query(`DROP FUNCTION rag_trend_count_on_insert()`);
    await queryRunner.query(`ALTER TABLE "rag_snapshot" DROP COLUMN "plan_id"`);
    await queryRunner.query(`DROP TABLE "rag_trend_count"`);
  }
}
