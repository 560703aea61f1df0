import { MigrationInterface, QueryRunner } from "typeorm";

export class ActionsPlanOrder1763900002200 implements MigrationInterface {
    name = 'ActionsPlanOrder1763900002200'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "IDX_7560a1204f0d7ecdc5885ef981" ON "action" ("plan_id", "reference_sort_key", "reference")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7560a1204f0d7ecdc5885ef981"
        `);
    }

}
