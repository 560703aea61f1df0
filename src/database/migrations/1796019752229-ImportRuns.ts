import { MigrationInterface, QueryRunner } from "typeorm";

export class ImportRuns1796019752229 implements MigrationInterface {
    name = 'ImportRuns1796019752229'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "import_mapping" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "plan_id" uuid NOT NULL,
                "mapping" jsonb NOT NULL,
                "status_words" jsonb NOT NULL DEFAULT '{}',
                "owner_matches" jsonb NOT NULL DEFAULT '{}',
                "updated_by_id" uuid NOT NULL,
                CONSTRAINT "PK_b851a428225ebaa9a5e683f3ebf" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b36697521243040cf2e05c2b2d" ON "import_mapping" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3412c85969bff6266468a9f030" ON "import_mapping" ("plan_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_5ea2cc2799514dd6e9c7664060" ON "import_mapping" ("organisation_id", "plan_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "import_run" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "plan_id" uuid NOT NULL,
                "created_by_id" uuid NOT NULL,
                "file_name" character varying(255) NOT NULL,
                "storage_key" character varying(512) NOT NULL,
                "sha256" character varying(64) NOT NULL,
                "size_bytes" bigint NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'uploaded',
                "choices" jsonb NOT NULL DEFAULT '{}',
                "mapping" jsonb,
                "preview" jsonb,
                "counts" jsonb,
                "error" jsonb,
                "job_id" character varying(100),
                "committed_at" TIMESTAMP WITH TIME ZONE,
                "committed_by_id" uuid,
                "audit_events" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_efe3e6d8cb9f51ca4e9cd1cf5d3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f78a0f23b5d38231bd69540110" ON "import_run" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_00b49edbc9d2a0b47a10991f0b" ON "import_run" ("plan_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_09f870aa45313502cf6991dc15" ON "import_run" ("plan_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "imported_action" (
                "action_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "plan_id" uuid NOT NULL,
                "import_run_id" uuid NOT NULL,
                "reference" character varying(40) NOT NULL,
                "file_hash" character varying(64) NOT NULL,
                "written_hash" character varying(64) NOT NULL,
                "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_9f160925a7975622ade824ca32f" PRIMARY KEY ("action_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_2df5b2540e2757762af61bdcb0" ON "imported_action" ("import_run_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_32a926f001aa2a2b84915bdd19" ON "imported_action" ("plan_id", "reference")
        `);
        await queryRunner.query(`
            ALTER TABLE "import_mapping"
            ADD CONSTRAINT "FK_b36697521243040cf2e05c2b2d4" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "import_mapping"
            ADD CONSTRAINT "FK_3412c85969bff6266468a9f0302" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "import_run"
            ADD CONSTRAINT "FK_f78a0f23b5d38231bd69540110b" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "import_run"
            ADD CONSTRAINT "FK_00b49edbc9d2a0b47a10991f0b2" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "imported_action"
            ADD CONSTRAINT "FK_9f160925a7975622ade824ca32f" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "imported_action"
            ADD CONSTRAINT "FK_2df5b2540e2757762af61bdcb04" FOREIGN KEY ("import_run_id") REFERENCES "import_run"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "imported_action" DROP CONSTRAINT "FK_2df5b2540e2757762af61bdcb04"
        `);
        await queryRunner.query(`
            ALTER TABLE "imported_action" DROP CONSTRAINT "FK_9f160925a7975622ade824ca32f"
        `);
        await queryRunner.query(`
            ALTER TABLE "import_run" DROP CONSTRAINT "FK_00b49edbc9d2a0b47a10991f0b2"
        `);
        await queryRunner.query(`
            ALTER TABLE "import_run" DROP CONSTRAINT "FK_f78a0f23b5d38231bd69540110b"
        `);
        await queryRunner.query(`
            ALTER TABLE "import_mapping" DROP CONSTRAINT "FK_3412c85969bff6266468a9f0302"
        `);
        await queryRunner.query(`
            ALTER TABLE "import_mapping" DROP CONSTRAINT "FK_b36697521243040cf2e05c2b2d4"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_32a926f001aa2a2b84915bdd19"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_2df5b2540e2757762af61bdcb0"
        `);
        await queryRunner.query(`
            DROP TABLE "imported_action"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_09f870aa45313502cf6991dc15"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_00b49edbc9d2a0b47a10991f0b"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f78a0f23b5d38231bd69540110"
        `);
        await queryRunner.query(`
            DROP TABLE "import_run"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5ea2cc2799514dd6e9c7664060"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3412c85969bff6266468a9f030"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b36697521243040cf2e05c2b2d"
        `);
        await queryRunner.query(`
            DROP TABLE "import_mapping"
        `);
    }

}
