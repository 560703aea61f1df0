import { MigrationInterface, QueryRunner } from "typeorm";

export class OutboxMessagePlan1796019840094 implements MigrationInterface {
    name = 'OutboxMessagePlan1796019840094'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "outbox_message"
            ADD "plan_id" uuid
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_404cc721cc6bd9d5e6d20eb6e9" ON "outbox_message" ("plan_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_message"
            ADD CONSTRAINT "FK_d33cc94ec3a79914a5bb46930f1" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "outbox_message" DROP CONSTRAINT "FK_d33cc94ec3a79914a5bb46930f1"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_404cc721cc6bd9d5e6d20eb6e9"
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_message" DROP COLUMN "plan_id"
        `);
    }

}
