import { MigrationInterface, QueryRunner } from "typeorm";

export class IdempotencyKey1763900001200 implements MigrationInterface {
    name = 'IdempotencyKey1763900001200'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "idempotency_key" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "key" character varying(200) NOT NULL,
                "method" character varying(10) NOT NULL,
                "path" character varying(500) NOT NULL,
                "request_hash" character varying(64) NOT NULL,
                "response_status" smallint,
                "response_body" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_213f125e14469be304f9ff1d452" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_40aab95c36e58255f7618768f0" ON "idempotency_key" ("expires_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_de390066dce788f80744a8f662" ON "idempotency_key" ("user_id", "key")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_de390066dce788f80744a8f662"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_40aab95c36e58255f7618768f0"
        `);
        await queryRunner.query(`
            DROP TABLE "idempotency_key"
        `);
    }

}
