import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (the CLI cannot generate triggers): keeps action.reference_sort_key in step with
 * action.reference, whoever writes the row. Every run of digits is zero-padded to 10 and the
 * whole upper-cased, so the plan lists A1.2 before A1.10 with a plain, indexable ORDER BY
 * (the column is COLLATE "C"). Digit runs longer than 10 keep their last 10 digits: references
 * are short ("A1.3", "KO2-A4"), and the unique reference still breaks any tie.
 */
export class ActionReferenceSortKey1763900000310 implements MigrationInterface {
  name = 'ActionReferenceSortKey1763900000310';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION action_reference_sort_key(reference text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT upper(regexp_replace(regexp_replace(reference, '(\\d+)', '0000000000\\1', 'g'), '\\d*(\\d{10})', '\\1', 'g'))
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION action_set_reference_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.reference_sort_key := action_reference_sort_key(NEW.reference);
        RETURN NEW;
      END;
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER action_reference_sort_key BEFORE INSERT OR UPDATE OF reference ON action
      FOR EACH ROW EXECUTE FUNCTION action_set_reference_sort_key()`);
    await queryRunner.query(`UPDATE action SET reference_sort_key = action_reference_sort_key(reference)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER action_reference_sort_key ON action`);
    await queryRunner.query(`DROP FUNCTION action_set_reference_sort_key()`);
    await queryRunner.query(`DROP FUNCTION action_reference_sort_key(text)`);
  }
}
