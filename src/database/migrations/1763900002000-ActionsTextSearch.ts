import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Text search on actions (`GET /plans/:planId/actions?q=`, the actions page) matches
 * `reference ILIKE '%q%' OR title ILIKE '%q%'`; a B-tree cannot serve a leading wildcard, so every
 * search read the whole organisation's actions. pg_trgm's GIN indexes serve both sides of the OR
 * (a BitmapOr). Written by hand: TypeORM cannot express an operator class, so the entity declares
 * these indexes with `synchronize: false` and the schema builder leaves them alone.
 *
 * pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it without being
 * a superuser.
 */
export class ActionsTextSearch1763900002000 implements MigrationInterface {
  name = 'ActionsTextSearch1763900002000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "IDX_action_title_trgm" ON "action" USING gin ("title" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_action_reference_trgm" ON "action" USING gin ("reference" gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_action_reference_trgm"`);
    await queryRunner.query(`DROP INDEX "IDX_action_title_trgm"`);
    // The extension stays: other objects may use it, and dropping it needs its owner.
  }
}
