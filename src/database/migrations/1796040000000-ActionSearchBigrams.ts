import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-character text searches on actions (issue 17). A trigram index cannot serve ILIKE '%b2%'
 * (the pattern holds no whole trigram), so such a search read every action of the plan (about
 * 150 ms at 100,000 actions). This GIN index holds every pair of adjacent characters of the
 * lower-cased reference and title: `action_search_bigrams(reference, title) @> ARRAY[lower(q)]` is
 * true exactly when the reference or the title contains q case-insensitively (ILIKE lower-cases
 * both sides), for any q of two characters other than a line feed (the separator). Written by
 * hand: TypeORM cannot express an expression index (the entity marks it synchronize: false).
 */
export class ActionSearchBigrams1796040000000 implements MigrationInterface {
  name = 'ActionSearchBigrams1796040000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // plpgsql: a third of the time of the set-based SQL form per row (it runs on every insert and
    // on every change of either column). PARALLEL UNSAFE on purpose (it is safe): it keeps searches
    // that use it on one process, as a count of some thousands of matches costs less than
    // starting parallel workers (13-33 ms against 8-12 ms under load at 100,000 actions).
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

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_action_search_bigrams"`);
    await queryRunner.query(`DROP FUNCTION action_search_bigrams(text, text)`);
  }
}
