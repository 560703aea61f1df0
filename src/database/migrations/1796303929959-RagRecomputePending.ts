import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recomputes that could not be queued (Redis down or not answering), kept until the worker's
 * reconciler queues them (RagReconciler.requeuePending): rag_recompute_pending, an action's, recorded
 * after an edit; rag_plan_recompute_pending, a whole plan's, recorded after a RAG policy change or a
 * large import. Before, they waited for the next nightly run (and an action created meanwhile, or a
 * plan imported, stayed uncoloured until then). One row per action or plan, deleted with it. Written
 * by `migration:generate`. Tested in test/faults/redis-down.e2e-spec.ts.
 */
export class RagRecomputePending1796303929959 implements MigrationInterface {
    name = 'RagRecomputePending1796303929959'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "rag_plan_recompute_pending" (
                "plan_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "requested_by_id" uuid,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_2fa94b2e6b10fe11c45c7853071" PRIMARY KEY ("plan_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "rag_recompute_pending" (
                "action_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_709aefa698f96d04bf1853e94ba" PRIMARY KEY ("action_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "rag_plan_recompute_pending"
            ADD CONSTRAINT "FK_2fa94b2e6b10fe11c45c7853071" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "rag_recompute_pending"
            ADD CONSTRAINT "FK_709aefa698f96d04bf1853e94ba" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "rag_recompute_pending" DROP CONSTRAINT "FK_709aefa698f96d04bf1853e94ba"
        `);
        await queryRunner.query(`
            ALTER TABLE "rag_plan_recompute_pending" DROP CONSTRAINT "FK_2fa94b2e6b10fe11c45c7853071"
        `);
        await queryRunner.query(`
            DROP TABLE "rag_recompute_pending"
        `);
        await queryRunner.query(`
            DROP TABLE "rag_plan_recompute_pending"
        `);
    }

}
