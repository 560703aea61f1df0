import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated (columns, the history table), then hand-written (triggers, backfill): the facts a
 * recompute for a past date needs to see them as they stood then (the true-history rule,
 * src/rag/compute/rag-facts.ts).
 * - action_status_history: every status of every action. Written by triggers on action, in the
 *   same statement as the change, whatever path made it (API, imports, seeds, the demo loader,
 *   raw SQL): a statement-level trigger with a transition table on INSERT (a bulk load writes its
 *   history set-based), a row trigger on UPDATE OF status when the status really changes (the RAG
 *   writer never sets status, so its 100,000-row updates fire nothing).
 * - action.status_recorded_at/_by_id: when and by whom the current status was recorded (the
 *   application's clock); a writer that changes the status sets them (the application always
 *   does; a raw SQL writer must too, or the change is dated with the previous status's time).
 *   A trigger cannot tell "not set" from "set to the same instant", so it does not guess.
 * - milestone.recorded_at, completion_recorded_at/_by_id; progress_update.recorded_at;
 *   rag_policy.effective_from: NULL means unknown (counted from the fact's effective date).
 * - action and rag_snapshot keep the rules' own colour and reasons beside an override, and the
 *   override's id (overrides never hide the rules' answer).
 * Backfill: one history row per existing action (its current status, time unknown); policy
 * versions after the first are in force from when they were created.
 */
export class TrueHistory1763900001300 implements MigrationInterface {
  name = 'TrueHistory1763900001300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
        CREATE TABLE "action_status_history" (
      "id" BIGSERIAL NOT NULL,
      "organisation_id" uuid NOT NULL,
      "action_id" uuid NOT NULL,
      "status" character varying(20) NOT NULL,
      "recorded_at" TIMESTAMP WITH TIME ZONE,
      "recorded_by_id" uuid,
      CONSTRAINT "PK_5f5b70ee4bb082b91e5084f3cf1" PRIMARY KEY ("id")
        )
    `);
    await queryRunner.query(`
        CREATE INDEX "IDX_32d8a1c16c8a326adcb35c62b1" ON "action_status_history" ("action_id", "recorded_at")
    `);
    await queryRunner.query(`
        ALTER TABLE "action"
        ADD "status_recorded_at" TIMESTAMP WITH TIME ZONE
    `);
    await queryRunner.query(`
        ALTER TABLE "action"
        ADD "status_recorded_by_id" uuid
    `);
    await queryRunner.query(`
        ALTER TABLE "action"
        ADD "rag_computed_colour" character varying(10)
    `);
    await queryRunner.query(`
        ALTER TABLE "action"
        ADD "rag_computed_reasons" jsonb
    `);
    await queryRunner.query(`
        ALTER TABLE "action"
        ADD "rag_override_id" uuid
    `);
    await queryRunner.query(`
        ALTER TABLE "progress_update"
        ADD "recorded_at" TIMESTAMP WITH TIME ZONE
    `);
    await queryRunner.query(`
        ALTER TABLE "milestone"
        ADD "recorded_at" TIMESTAMP WITH TIME ZONE
    `);
    await queryRunner.query(`
        ALTER TABLE "milestone"
        ADD "completion_recorded_at" TIMESTAMP WITH TIME ZONE
    `);
    await queryRunner.query(`
        ALTER TABLE "milestone"
        ADD "completion_recorded_by_id" uuid
    `);
    await queryRunner.query(`
        ALTER TABLE "rag_policy"
        ADD "effective_from" TIMESTAMP WITH TIME ZONE
    `);
    await queryRunner.query(`
        ALTER TABLE "rag_snapshot"
        ADD "computed_colour" character varying(10)
    `);
    await queryRunner.query(`
        ALTER TABLE "rag_snapshot"
        ADD "computed_reasons" jsonb
    `);
    await queryRunner.query(`
        ALTER TABLE "rag_snapshot"
        ADD "override_id" uuid
    `);
    await queryRunner.query(`
        ALTER TABLE "action_status_history"
        ADD CONSTRAINT "FK_a3da816db1714bfa1ce51243c83" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
        ALTER TABLE "action_status_history"
        ADD CONSTRAINT "FK_b8fab4a0d788cdcbf6cb2e7e423" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);

    await queryRunner.query(`
      CREATE FUNCTION action_status_history_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO action_status_history (organisation_id, action_id, status, recorded_at, recorded_by_id)
        SELECT n.organisation_id, n.id, n.status, n.status_recorded_at, n.status_recorded_by_id FROM new_actions n;
        RETURN NULL;
      END;
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER action_status_history_on_insert AFTER INSERT ON action
      REFERENCING NEW TABLE AS new_actions FOR EACH STATEMENT EXECUTE FUNCTION action_status_history_on_insert()`);
    await queryRunner.query(`
      CREATE FUNCTION action_status_history_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO action_status_history (organisation_id, action_id, status, recorded_at, recorded_by_id)
        VALUES (NEW.organisation_id, NEW.id, NEW.status, NEW.status_recorded_at, NEW.status_recorded_by_id);
        RETURN NULL;
      END;
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER action_status_history_on_update AFTER UPDATE OF status ON action
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION action_status_history_on_update()`);

    await queryRunner.query(`
      INSERT INTO action_status_history (organisation_id, action_id, status, recorded_at, recorded_by_id)
      SELECT organisation_id, id, status, NULL, NULL FROM action ORDER BY created_at, id`);
    await queryRunner.query(`UPDATE rag_policy SET effective_from = created_at WHERE version > 1`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER action_status_history_on_update ON action`);
    await queryRunner.query(`DROP FUNCTION action_status_history_on_update()`);
    await queryRunner.query(`DROP TRIGGER action_status_history_on_insert ON action`);
    await queryRunner.query(`DROP FUNCTION action_status_history_on_insert()`);
    await queryRunner.query(`
        ALTER TABLE "action_status_history" DROP CONSTRAINT "FK_b8fab4a0d788cdcbf6cb2e7e423"
    `);
    await queryRunner.query(`
        ALTER TABLE "action_status_history" DROP CONSTRAINT "FK_a3da816db1714bfa1ce51243c83"
    `);
    await queryRunner.query(`
        ALTER TABLE "rag_snapshot" DROP COLUMN "override_id"
    `);
    await queryRunner.query(`
        ALTER TABLE "rag_snapshot" DROP COLUMN "computed_reasons"
    `);
    await queryRunner.query(`
        ALTER TABLE "rag_snapshot" DROP COLUMN "computed_colour"
    `);
    await queryRunner.query(`
        ALTER TABLE "rag_policy" DROP COLUMN "effective_from"
    `);
    await queryRunner.query(`
        ALTER TABLE "milestone" DROP COLUMN "completion_recorded_by_id"
    `);
    await queryRunner.query(`
        ALTER TABLE "milestone" DROP COLUMN "completion_recorded_at"
    `);
    await queryRunner.query(`
        ALTER TABLE "milestone" DROP COLUMN "recorded_at"
    `);
    await queryRunner.query(`
        ALTER TABLE "progress_update" DROP COLUMN "recorded_at"
    `);
    await queryRunner.query(`
        ALTER TABLE "action" DROP COLUMN "rag_override_id"
    `);
    await queryRunner.query(`
        ALTER TABLE "action" DROP COLUMN "rag_computed_reasons"
    `);
    await queryRunner.query(`
        ALTER TABLE "action" DROP COLUMN "rag_computed_colour"
    `);
    await queryRunner.query(`
        ALTER TABLE "action" DROP COLUMN "status_recorded_by_id"
    `);
    await queryRunner.query(`
        ALTER TABLE "action" DROP COLUMN "status_recorded_at"
    `);
    await queryRunner.query(`
        DROP INDEX "public"."IDX_32d8a1c16c8a326adcb35c62b1"
    `);
    await queryRunner.query(`
        DROP TABLE "action_status_history"
    `);
  }
}
