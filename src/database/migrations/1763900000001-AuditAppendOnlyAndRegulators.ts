import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (the CLI cannot generate triggers or reference data):
 * - the audit trail is append-only in the database itself: a trigger refuses UPDATE and DELETE
 *   (and TRUNCATE), whoever the client is;
 * - the built-in regulators with their overall judgement scales.
 */
export class AuditAppendOnlyAndRegulators1763900000001 implements MigrationInterface {
  name = 'AuditAppendOnlyAndRegulators1763900000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()`);
    await queryRunner.query(`
      INSERT INTO regulator (organisation_id, code, name, judgement_scale) VALUES
        (NULL, 'cqc', 'Care Quality Commission', '["Outstanding", "Good", "Requires improvement", "Inadequate"]'),
        (NULL, 'ofsted', 'Ofsted', '["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]'),
        (NULL, 'hmicfrs', 'HM Inspectorate of Constabulary and Fire & Rescue Services', '["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"]')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM regulator WHERE organisation_id IS NULL AND code IN ('cqc', 'ofsted', 'hmicfrs')`);
    await queryRunner.query(`DROP TRIGGER audit_event_no_truncate ON audit_event`);
    await queryRunner.query(`DROP TRIGGER audit_event_append_only ON audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_event_refuse_change()`);
  }
}
