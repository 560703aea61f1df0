import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated, then tidied. The web pages' server-side sessions live in PostgreSQL (the system of
 * record), not in Redis, which carries only queues and rate limits: a Redis restart must not sign
 * everyone out. `user.token_version` ends every bearer token and web session issued before a
 * password change or reset, or before a reactivation.
 */
export class WebSessionAndTokenVersion1763900001400 implements MigrationInterface {
  name = 'WebSessionAndTokenVersion1763900001400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "web_session" (
        "sid" character varying(64) NOT NULL,
        "data" jsonb NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_e07661598f4722b7fb2b17af469" PRIMARY KEY ("sid")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_dcb9992c30940815b04537eadf" ON "web_session" ("expires_at")`);
    await queryRunner.query(`ALTER TABLE "user" ADD "token_version" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "token_version"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dcb9992c30940815b04537eadf"`);
    await queryRunner.query(`DROP TABLE "web_session"`);
  }
}
