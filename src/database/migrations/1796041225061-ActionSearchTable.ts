import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Text search on actions moves to a side table, action_search (issue 17). The action table carried
 * two pg_trgm GIN indexes and a GIN expression index of character pairs (migrations
 * ActionsTextSearch, ActionSearchBigrams). The RAG recompute's colour writes are never HOT (the
 * colour is indexed), so each wrote an entry into all three and evaluated the pairs function: about
 * 1 s per 100,000 rows of a first run, and the GIN pending lists that searches then scanned.
 *
 * action_search holds, per action, the organisation, plan, reference, sort key and `search` (the
 * reference, a line feed, the title), with the search indexes. Triggers on action keep it: a
 * statement trigger copies inserted rows (one INSERT per statement, from the transition table), a
 * row trigger on UPDATE OF the copied columns rewrites the row when one of them changed, and the
 * foreign key deletes it with the action. Colour writes do not name those columns, so the update
 * trigger does not even fire for them.
 *
 * The table, its key and foreign key are what `migration:generate` wrote for ActionSearchEntity;
 * the functions, triggers, backfill and GIN / INCLUDE indexes are written by hand (TypeORM cannot
 * express them: the entity marks them synchronize: false).
 */
export class ActionSearchTable1796041225061 implements MigrationInterface {
  name = 'ActionSearchTable1796041225061';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_action_search_bigrams"`);
    await queryRunner.query(`DROP FUNCTION action_search_bigrams(text, text)`);
    await queryRunner.query(`DROP INDEX "IDX_action_title_trgm"`);
    await queryRunner.query(`DROP INDEX "IDX_action_reference_trgm"`);
    await queryRunner.query(`
      CREATE TABLE "action_search" (
        "action_id" uuid NOT NULL,
        "organisation_id" uuid NOT NULL,
        "plan_id" uuid NOT NULL,
        "reference" character varying(40) NOT NULL,
        "reference_sort_key" text COLLATE "C" NOT NULL,
        "search" text NOT NULL,
        CONSTRAINT "PK_0ec5448533966432a1d4e587128" PRIMARY KEY ("action_id")
      )`);
    await queryRunner.query(`
      ALTER TABLE "action_search" ADD CONSTRAINT "FK_0ec5448533966432a1d4e587128"
        FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    // Every pair of adjacent characters of the lower-cased text: `action_search_pairs(search) @>
    // ARRAY[lower(q)]` is true exactly when search ILIKE '%q%' for a q of two characters (ILIKE
    // lower-cases both sides). plpgsql over the characters split once (substr walks the text from
    // its start at every call): about a third less time than ActionSearchBigrams' function.
    // PARALLEL UNSAFE on purpose (it is safe): searches using it stay on one process, as a count
    // of some thousands of matches costs less than starting parallel workers.
    await queryRunner.query(`
      CREATE FUNCTION action_search_pairs(search text) RETURNS text[]
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL UNSAFE AS $$
      DECLARE
        c text[] := string_to_array(lower(search), NULL);
        r text[] := '{}';
      BEGIN
        FOR i IN 1 .. cardinality(c) - 1 LOOP
          r[i] := c[i] || c[i + 1];
        END LOOP;
        RETURN r;
      END
      $$`);

    await queryRunner.query(`
      CREATE FUNCTION action_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO action_search (action_id, organisation_id, plan_id, reference, reference_sort_key, search)
        SELECT n.id, n.organisation_id, n.plan_id, n.reference, n.reference_sort_key, n.reference || E'\\n' || n.title FROM new_rows n;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER action_search_insert AFTER INSERT ON action REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION action_search_insert()`);
    await queryRunner.query(`
      CREATE FUNCTION action_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE action_search
           SET organisation_id = NEW.organisation_id, plan_id = NEW.plan_id, reference = NEW.reference,
               reference_sort_key = NEW.reference_sort_key, search = NEW.reference || E'\\n' || NEW.title
         WHERE action_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER action_search_update AFTER UPDATE OF reference, reference_sort_key, title, plan_id, organisation_id ON action
      FOR EACH ROW
      WHEN (OLD.reference IS DISTINCT FROM NEW.reference OR OLD.reference_sort_key IS DISTINCT FROM NEW.reference_sort_key
            OR OLD.title IS DISTINCT FROM NEW.title OR OLD.plan_id IS DISTINCT FROM NEW.plan_id
            OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id)
      EXECUTE FUNCTION action_search_update()`);

    await queryRunner.query(`
      INSERT INTO action_search (action_id, organisation_id, plan_id, reference, reference_sort_key, search)
      SELECT id, organisation_id, plan_id, reference, reference_sort_key, reference || E'\\n' || title FROM action`);
    // A small pending list (256 kB, not the default 4 MB): every search scans the whole list of
    // entries not yet merged, which a bulk insert (an import, a seeded plan) fills; 20 ms per
    // search after 100,000 inserted actions with 4 MB, until a vacuum merged it.
    await queryRunner.query(`CREATE INDEX "IDX_action_search_trgm" ON "action_search" USING gin ("search" gin_trgm_ops) WITH (gin_pending_list_limit = 256)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_action_search_pairs" ON "action_search" USING gin (action_search_pairs("search")) WITH (gin_pending_list_limit = 256)`,
    );
    // A plan's actions in reference order with the text and id beside them: a page of a search
    // matching many actions is read along it from the index alone (an index-only scan).
    await queryRunner.query(
      `CREATE INDEX "IDX_action_search_plan_order" ON "action_search" ("plan_id", "reference_sort_key", "reference") INCLUDE ("organisation_id", "action_id", "search")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER action_search_update ON action`);
    await queryRunner.query(`DROP TRIGGER action_search_insert ON action`);
    await queryRunner.query(`DROP FUNCTION action_search_update()`);
    await queryRunner.query(`DROP FUNCTION action_search_insert()`);
    await queryRunner.query(`DROP TABLE "action_search"`);
    await queryRunner.query(`DROP FUNCTION action_search_pairs(text)`);
    // As migrations ActionsTextSearch and ActionSearchBigrams left them.
    await queryRunner.query(`CREATE INDEX "IDX_action_title_trgm" ON "action" USING gin ("title" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_action_reference_trgm" ON "action" USING gin ("reference" gin_trgm_ops)`);
    await queryRunner.query(`
      CREATE FUNCTION action_search_bigrams(reference text, title text) RETURNS text[]
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL UNSAFE AS $$
      DECLARE
        s text := lower(reference) || E'\\n' || lower(title);
        r text[] := '{}';
      BEGIN
        FOR i IN 1 .. length(s) - 1 LOOP
          r := r || substr(s, i, 2);
        END LOOP;
        RETURN r;
      END
      $$`);
    await queryRunner.query(`CREATE INDEX "IDX_action_search_bigrams" ON "action" USING gin (action_search_bigrams("reference", "title"))`);
  }
}
