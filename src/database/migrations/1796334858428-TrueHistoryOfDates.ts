import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Generated (the two history tables, the two recorded-time columns), then hand-written (the
 * triggers): an action's start date, due date and progress percent, and a milestone's due date,
 * as they stood at the end of a past date, for its recompute and its pack (the true-history rule,
 * src/rag/compute/rag-facts.ts), as the status already is (migration TrueHistory).
 * - A row trigger AFTER UPDATE OF those columns, when one really changed, writes the OLD values
 *   with the NEW recorded time (action.dates_recorded_at, milestone.due_date_recorded_at: the
 *   application's clock, set by every writer that changes them) as the instant they stopped being
 *   in force. Whatever path made the change (API, imports, the demo loader, raw SQL), it is kept.
 *   The RAG writer never sets these columns, so its 100,000-row updates fire nothing; an INSERT
 *   fires nothing either (a new row's values are its first).
 * - A writer that changes the values but not the recorded time (raw SQL) dates the change with the
 *   previous change's time, or with none (NULL: the old values then count as never in force), as
 *   for the status: a trigger cannot tell "not set" from "set to the same instant".
 * - The facts version (migration RagFactsVersion): both tables are read by the RAG's fact
 *   statements, so an UPDATE or DELETE of their rows (a correction of the past) raises the
 *   facts_version of the actions concerned, by primary-key lookups (as FactsVersionByIdLookup);
 *   their INSERTs come from the action's or milestone's own change, already counted.
 * No backfill: a change made before this migration was not kept, so the values as they are count
 *   from the beginning (what every recompute of a past date read until now).
 */
export class TrueHistoryOfDates1796334858428 implements MigrationInterface {
    name = 'TrueHistoryOfDates1796334858428'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "action_dates_history" (
                "id" BIGSERIAL NOT NULL,
                "organisation_id" uuid NOT NULL,
                "action_id" uuid NOT NULL,
                "start_date" date,
                "due_date" date NOT NULL,
                "progress_percent" smallint NOT NULL,
                "superseded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_a145110f2e68aff85344af4eb8e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ccc4dbd4fc90389ded84a5c3dc" ON "action_dates_history" ("action_id", "superseded_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "milestone_due_history" (
                "id" BIGSERIAL NOT NULL,
                "organisation_id" uuid NOT NULL,
                "milestone_id" uuid NOT NULL,
                "due_date" date NOT NULL,
                "superseded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_f30db19d5160e7d21436948945c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_1a1d5624a59ed650bb27eb92d1" ON "milestone_due_history" ("milestone_id", "superseded_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "action"
            ADD "dates_recorded_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "milestone"
            ADD "due_date_recorded_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "action_dates_history"
            ADD CONSTRAINT "FK_28a4e2b9163d2e94c986533537e" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_dates_history"
            ADD CONSTRAINT "FK_8c74cea8dcee814d6aa52868913" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "milestone_due_history"
            ADD CONSTRAINT "FK_f8c3d72d58f6ff0346ac63564c4" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "milestone_due_history"
            ADD CONSTRAINT "FK_c46c0b7f860abbb1065e65cf014" FOREIGN KEY ("milestone_id") REFERENCES "milestone"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);

        await queryRunner.query(`
            CREATE FUNCTION action_dates_history_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO action_dates_history (organisation_id, action_id, start_date, due_date, progress_percent, superseded_at)
              VALUES (OLD.organisation_id, OLD.id, OLD.start_date, OLD.due_date, OLD.progress_percent, NEW.dates_recorded_at);
              RETURN NULL;
            END;
            $$`);
        await queryRunner.query(`
            CREATE TRIGGER action_dates_history_on_update AFTER UPDATE OF start_date, due_date, progress_percent ON action
            FOR EACH ROW WHEN (OLD.start_date IS DISTINCT FROM NEW.start_date OR OLD.due_date IS DISTINCT FROM NEW.due_date
                               OR OLD.progress_percent IS DISTINCT FROM NEW.progress_percent)
            EXECUTE FUNCTION action_dates_history_on_update()`);
        await queryRunner.query(`
            CREATE FUNCTION milestone_due_history_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO milestone_due_history (organisation_id, milestone_id, due_date, superseded_at)
              VALUES (OLD.organisation_id, OLD.id, OLD.due_date, NEW.due_date_recorded_at);
              RETURN NULL;
            END;
            $$`);
        await queryRunner.query(`
            CREATE TRIGGER milestone_due_history_on_update AFTER UPDATE OF due_date ON milestone
            FOR EACH ROW WHEN (OLD.due_date IS DISTINCT FROM NEW.due_date)
            EXECUTE FUNCTION milestone_due_history_on_update()`);
        for (const { table, actionIds } of HISTORY_FACT_SOURCES) {
            await queryRunner.query(`
            CREATE FUNCTION rag_facts_${table}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                UPDATE action a SET facts_version = a.facts_version + 1 WHERE a.id = ANY (ARRAY(${actionIds('SELECT DISTINCT %c FROM old_rows')}));
              ELSE
                UPDATE action a SET facts_version = a.facts_version + 1
                 WHERE a.id = ANY (ARRAY(${actionIds('SELECT %c FROM new_rows UNION SELECT %c FROM old_rows')}));
              END IF;
              RETURN NULL;
            END $$`);
            await queryRunner.query(`
            CREATE TRIGGER rag_facts_${table}_update AFTER UPDATE ON ${table}
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rag_facts_${table}_changed()`);
            await queryRunner.query(`
            CREATE TRIGGER rag_facts_${table}_delete AFTER DELETE ON ${table}
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rag_facts_${table}_changed()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const { table } of HISTORY_FACT_SOURCES) {
            await queryRunner.query(`DROP TRIGGER rag_facts_${table}_delete ON ${table}`);
            await queryRunner.query(`DROP TRIGGER rag_facts_${table}_update ON ${table}`);
            await queryRunner.query(`DROP FUNCTION rag_facts_${table}_changed()`);
        }
        await queryRunner.query(`DROP TRIGGER milestone_due_history_on_update ON milestone`);
        await queryRunner.query(`DROP FUNCTION milestone_due_history_on_update()`);
        await queryRunner.query(`DROP TRIGGER action_dates_history_on_update ON action`);
        await queryRunner.query(`DROP FUNCTION action_dates_history_on_update()`);
        await queryRunner.query(`
            ALTER TABLE "milestone_due_history" DROP CONSTRAINT "FK_c46c0b7f860abbb1065e65cf014"
        `);
        await queryRunner.query(`
            ALTER TABLE "milestone_due_history" DROP CONSTRAINT "FK_f8c3d72d58f6ff0346ac63564c4"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_dates_history" DROP CONSTRAINT "FK_8c74cea8dcee814d6aa52868913"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_dates_history" DROP CONSTRAINT "FK_28a4e2b9163d2e94c986533537e"
        `);
        await queryRunner.query(`
            ALTER TABLE "milestone" DROP COLUMN "due_date_recorded_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "action" DROP COLUMN "dates_recorded_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_1a1d5624a59ed650bb27eb92d1"
        `);
        await queryRunner.query(`
            DROP TABLE "milestone_due_history"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ccc4dbd4fc90389ded84a5c3dc"
        `);
        await queryRunner.query(`
            DROP TABLE "action_dates_history"
        `);
    }

}

/**
 * The two history tables and how their rows name their actions: `select` is a SELECT of the
 * transition tables' key column, written with %c for the column.
 */
const HISTORY_FACT_SOURCES: { table: string; actionIds: (select: string) => string }[] = [
    { table: 'action_dates_history', actionIds: (select) => select.replace(/%c/g, 'action_id') },
    {
        table: 'milestone_due_history',
        actionIds: (select) => `SELECT DISTINCT m.action_id FROM milestone m WHERE m.id = ANY (ARRAY(${select.replace(/%c/g, 'milestone_id')}))`,
    },
];
