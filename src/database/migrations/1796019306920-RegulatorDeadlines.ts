import { MigrationInterface, QueryRunner } from "typeorm";

export class RegulatorDeadlines1796019306920 implements MigrationInterface {
    name = 'RegulatorDeadlines1796019306920'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "regulator_deadline" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "plan_id" uuid NOT NULL,
                "inspection_id" uuid,
                "notice_id" uuid,
                "key" character varying(60) NOT NULL,
                "action_id" uuid NOT NULL,
                "milestone_id" uuid NOT NULL,
                "basis" text NOT NULL,
                "rule" text NOT NULL,
                "sources" jsonb NOT NULL,
                "not_applicable_reason" text,
                "not_applicable_at" TIMESTAMP WITH TIME ZONE,
                "not_applicable_by_id" uuid,
                CONSTRAINT "PK_2dd20d4b1e5a2999ed264bbcede" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_9cff5fbf59c3fe087406b39abb" ON "regulator_deadline" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_15d7e8d7986f370144350cf921" ON "regulator_deadline" ("plan_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_0b9db5a5ef7de42e9205497ee1" ON "regulator_deadline" ("milestone_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3c81ad0ab9c94f12a829d8282e" ON "regulator_deadline" ("notice_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_96a260aeb5841bebee079b6d84" ON "regulator_deadline" ("inspection_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "regulator_deadline"
            ADD CONSTRAINT "FK_9cff5fbf59c3fe087406b39abba" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "regulator_deadline"
            ADD CONSTRAINT "FK_15d7e8d7986f370144350cf9210" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "regulator_deadline"
            ADD CONSTRAINT "FK_96a260aeb5841bebee079b6d84d" FOREIGN KEY ("inspection_id") REFERENCES "inspection"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "regulator_deadline"
            ADD CONSTRAINT "FK_3c81ad0ab9c94f12a829d8282e6" FOREIGN KEY ("notice_id") REFERENCES "notice"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "regulator_deadline"
            ADD CONSTRAINT "FK_0b9db5a5ef7de42e9205497ee18" FOREIGN KEY ("milestone_id") REFERENCES "milestone"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "regulator_deadline" DROP CONSTRAINT "FK_0b9db5a5ef7de42e9205497ee18"
        `);
        await queryRunner.query(`
            ALTER TABLE "regulator_deadline" DROP CONSTRAINT "FK_3c81ad0ab9c94f12a829d8282e6"
        `);
        await queryRunner.query(`
            ALTER TABLE "regulator_deadline" DROP CONSTRAINT "FK_96a260aeb5841bebee079b6d84d"
        `);
        await queryRunner.query(`
            ALTER TABLE "regulator_deadline" DROP CONSTRAINT "FK_15d7e8d7986f370144350cf9210"
        `);
        await queryRunner.query(`
            ALTER TABLE "regulator_deadline" DROP CONSTRAINT "FK_9cff5fbf59c3fe087406b39abba"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_96a260aeb5841bebee079b6d84"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3c81ad0ab9c94f12a829d8282e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0b9db5a5ef7de42e9205497ee1"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_15d7e8d7986f370144350cf921"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9cff5fbf59c3fe087406b39abb"
        `);
        await queryRunner.query(`
            DROP TABLE "regulator_deadline"
        `);
    }

}
