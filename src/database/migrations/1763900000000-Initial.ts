import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1763900000000 implements MigrationInterface {
    name = 'Initial1763900000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "action_finding" (
                "action_id" uuid NOT NULL,
                "finding_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                CONSTRAINT "PK_7455c0415f1327bc0a7ab270e32" PRIMARY KEY ("action_id", "finding_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d16c073ddb0a53cccca567d733" ON "action_finding" ("finding_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "action" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "reference" character varying(40) NOT NULL,
                "reference_sort_key" text COLLATE "C" NOT NULL DEFAULT '',
                "title" character varying(300) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "workstream_id" uuid NOT NULL,
                "owner_id" uuid NOT NULL,
                "lead_agency" character varying(200),
                "start_date" date,
                "due_date" date NOT NULL,
                "success_measures" text NOT NULL DEFAULT '',
                "status" character varying(20) NOT NULL DEFAULT 'not_started',
                "progress_percent" smallint NOT NULL DEFAULT '0',
                "completed_on" date,
                "effectiveness_check_due" date,
                "embedded_on" date,
                "rag_colour" character varying(10),
                "rag_reasons" jsonb NOT NULL DEFAULT '[]',
                "rag_overridden" boolean NOT NULL DEFAULT false,
                "rag_policy_version" integer,
                "rag_as_of" date,
                "rag_computed_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                CONSTRAINT "PK_2d9db9cf5edfbbae74eb56e3a39" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_69c1bbea6b06d9d58ea3909e04" ON "action" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f6e77503a8f63b8556191c82e1" ON "action" ("organisation_id", "reference_sort_key")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_206296e41d150fe95a335913ab" ON "action" ("organisation_id", "due_date")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_290cb61cd087bce0c08ded370f" ON "action" ("organisation_id", "owner_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_0fe18ab29e88e80e71bddf5167" ON "action" ("organisation_id", "workstream_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_8b2469da796dc317bccb4478ad" ON "action" ("organisation_id", "reference")
        `);
        await queryRunner.query(`
            CREATE TABLE "milestone" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "action_id" uuid NOT NULL,
                "title" character varying(300) NOT NULL,
                "due_date" date NOT NULL,
                "completed_on" date,
                "allow_after_action_due" boolean NOT NULL DEFAULT false,
                "sort_order" integer NOT NULL DEFAULT '0',
                "version" integer NOT NULL,
                CONSTRAINT "PK_f8372abce331f60ba7b33fe23a7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f20442489a18e6212431a6e8a0" ON "milestone" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3af17b63e008ce9e0ae0a329ec" ON "milestone" ("action_id", "due_date")
        `);
        await queryRunner.query(`
            CREATE TABLE "progress_update" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "action_id" uuid NOT NULL,
                "author_id" uuid NOT NULL,
                "update_date" date NOT NULL,
                "narrative" text NOT NULL,
                "status_at_time" character varying(20) NOT NULL,
                "progress_percent_at_time" smallint NOT NULL,
                CONSTRAINT "PK_5ac3567b3caf930f1bad30796f8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_031b834070ba2d167287e495f7" ON "progress_update" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_810e59a3e17fbffd87023f9da7" ON "progress_update" ("action_id", "update_date")
        `);
        await queryRunner.query(`
            CREATE TABLE "audit_event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "actor_id" uuid,
                "actor_kind" character varying(20) NOT NULL DEFAULT 'user',
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "entity_type" character varying(50) NOT NULL,
                "entity_id" uuid NOT NULL,
                "action" character varying(50) NOT NULL,
                "changes" jsonb NOT NULL DEFAULT '{}',
                "request_id" character varying(100),
                CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bbe30c248d8cc7cf5b6b00e11b" ON "audit_event" ("organisation_id", "entity_type", "entity_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_47dea4df898583840e76103abb" ON "audit_event" ("organisation_id", "occurred_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "evidence_review" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "evidence_id" uuid NOT NULL,
                "reviewer_id" uuid NOT NULL,
                "decision" character varying(20) NOT NULL,
                "comment" text NOT NULL DEFAULT '',
                "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8d9bf85d7456cc74eefd0a7d765" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a01e8e5218ec479705e179bb69" ON "evidence_review" ("evidence_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "evidence" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "action_id" uuid NOT NULL,
                "milestone_id" uuid,
                "title" character varying(300) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "file_name" character varying(255) NOT NULL,
                "content_type" character varying(120) NOT NULL,
                "size_bytes" bigint NOT NULL,
                "sha256" character varying(64) NOT NULL,
                "storage_key" character varying(200) NOT NULL,
                "uploaded_by_id" uuid NOT NULL,
                "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "review_state" character varying(20) NOT NULL DEFAULT 'submitted',
                "reviewed_by_id" uuid,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                "review_comment" text,
                "supersedes_id" uuid,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_by_id" uuid,
                "version" integer NOT NULL,
                CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_77ccec326efa9443dd330c099c" ON "evidence" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_c5634a775d5b27317434a8c635" ON "evidence" ("sha256")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_0dbcba6bbbc984aad9360df004" ON "evidence" ("organisation_id", "review_state")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f03f3fb12e4f1fded48a22fef9" ON "evidence" ("organisation_id", "action_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "finding" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "inspection_id" uuid NOT NULL,
                "notice_id" uuid,
                "reference" character varying(60) NOT NULL,
                "title" character varying(300) NOT NULL,
                "text" text NOT NULL DEFAULT '',
                "theme" character varying(80),
                "score" smallint,
                "type" character varying(40) NOT NULL,
                "version" integer NOT NULL,
                CONSTRAINT "PK_a904dfcf401ccfbaa60bb6eec29" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e6524189654cbf72d880a55d54" ON "finding" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_78ab741c4fafaa076c97e71c47" ON "finding" ("inspection_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5fe9947e9e518f6a0e1381b58c" ON "finding" ("notice_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_7ad5528cf06ffd49ace2dc824b" ON "finding" ("organisation_id", "inspection_id", "reference")
        `);
        await queryRunner.query(`
            CREATE TABLE "regulator" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid,
                "code" character varying(40) NOT NULL,
                "name" character varying(200) NOT NULL,
                "judgement_scale" jsonb NOT NULL DEFAULT '[]',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7d3505039f960bb8a1283adaa91" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_4d6bb7a3722f69e54c0951a5ba" ON "regulator" ("organisation_id", "code")
        `);
        await queryRunner.query(`
            CREATE TABLE "inspection" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "regulator_id" uuid NOT NULL,
                "kind" character varying(60) NOT NULL,
                "title" character varying(300) NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date,
                "published_date" date,
                "report_reference" character varying(200),
                "report_url" character varying(1000),
                "overall_judgement" character varying(100),
                "quality_statement_scores" jsonb,
                "judgements" jsonb,
                "version" integer NOT NULL,
                CONSTRAINT "PK_1e895c2ae7b7d9d1ec464950013" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_83177c4aa746465b068a94297a" ON "inspection" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "notice_status_change" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "notice_id" uuid NOT NULL,
                "from_status" character varying(20),
                "to_status" character varying(20) NOT NULL,
                "changed_on" date NOT NULL,
                "changed_by_id" uuid,
                "note" text NOT NULL DEFAULT '',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_97a75538ec422642b23dcbae39d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ad20895a8191b2ff313d0ff0aa" ON "notice_status_change" ("notice_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "notice" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "kind" character varying(40) NOT NULL,
                "title" character varying(300) NOT NULL,
                "inspection_id" uuid,
                "issued_on" date NOT NULL,
                "deadline" date,
                "failings" text NOT NULL DEFAULT '',
                "requirements" text NOT NULL DEFAULT '',
                "status" character varying(20) NOT NULL DEFAULT 'open',
                "version" integer NOT NULL,
                CONSTRAINT "PK_705062b14410ff1a04998f86d72" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_59c84dfc22272a2385e83f5947" ON "notice" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "organisation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(200) NOT NULL,
                "slug" character varying(100) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_b800a0efd2f9f19719d0c4d793d" UNIQUE ("slug"),
                CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "pack_file" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "pack_id" uuid NOT NULL,
                "format" character varying(10) NOT NULL,
                "storage_key" character varying(200) NOT NULL,
                "content_type" character varying(120) NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" character varying(64) NOT NULL,
                CONSTRAINT "PK_221fe9a0e1f7f23f23090bd9247" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_4ac73025017f7b436d03af1514" ON "pack_file" ("pack_id", "format")
        `);
        await queryRunner.query(`
            CREATE TABLE "pack" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "audience" character varying(20) NOT NULL,
                "as_of" date NOT NULL,
                "title" character varying(300) NOT NULL,
                "formats" jsonb NOT NULL,
                "state" character varying(20) NOT NULL DEFAULT 'queued',
                "progress" smallint NOT NULL DEFAULT '0',
                "failure_reason" text,
                "content_hash" character varying(64),
                "requested_by_id" uuid NOT NULL,
                "job_id" character varying(100),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "published_by_id" uuid,
                CONSTRAINT "PK_c125718b999b41a621b0d799e02" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_0da8eac56e21236cb2ca4234ac" ON "pack" ("organisation_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "rag_override" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "action_id" uuid NOT NULL,
                "colour" character varying(10) NOT NULL,
                "reason" text NOT NULL,
                "expires_on" date NOT NULL,
                "set_by_id" uuid NOT NULL,
                "set_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "ended_by_id" uuid,
                CONSTRAINT "PK_c81e05c1a3265031de2961085f7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_18a1732e04bcdc6188c88cce4e" ON "rag_override" ("action_id", "ended_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "rag_day_count" (
                "organisation_id" uuid NOT NULL,
                "as_of" date NOT NULL,
                "red" integer NOT NULL,
                "amber" integer NOT NULL,
                "green" integer NOT NULL,
                "grey" integer NOT NULL,
                "blue" integer NOT NULL,
                "counted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_b0a883658c13bbd18305876bd51" PRIMARY KEY ("organisation_id", "as_of")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "rag_policy" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "settings" jsonb NOT NULL,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b439514a15c6c936cc79db3fb5f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_507d395f9eb97d05973abce62a" ON "rag_policy" ("organisation_id", "version")
        `);
        await queryRunner.query(`
            CREATE TABLE "rag_snapshot" (
                "action_id" uuid NOT NULL,
                "as_of" date NOT NULL,
                "organisation_id" uuid NOT NULL,
                "colour" character varying(10) NOT NULL,
                "reasons" jsonb NOT NULL DEFAULT '[]',
                "overridden" boolean NOT NULL DEFAULT false,
                "policy_version" integer NOT NULL,
                "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_87398390c7abd7033739bc4f2f7" PRIMARY KEY ("action_id", "as_of")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_fced6491baa27e28934a88acda" ON "rag_snapshot" ("organisation_id", "as_of")
        `);
        await queryRunner.query(`
            CREATE TABLE "user" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "email" character varying(320) NOT NULL,
                "name" character varying(200) NOT NULL,
                "role" character varying(20) NOT NULL,
                "job_title" character varying(200),
                "partner_agency" character varying(200),
                "active" boolean NOT NULL DEFAULT true,
                "password_hash" character varying(200) NOT NULL,
                "version" integer NOT NULL,
                CONSTRAINT "PK_cace4a159ff9f2512dd42373760" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_c7a4825eaaf9118259b890ad65" ON "user" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user" ("email")
        `);
        await queryRunner.query(`
            CREATE TABLE "workstream" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "code" character varying(20) NOT NULL,
                "title" character varying(300) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "lead_role" character varying(200),
                "sort_order" integer NOT NULL DEFAULT '0',
                "version" integer NOT NULL,
                CONSTRAINT "PK_c3a7194a6f7999f31ef0e5cb4ce" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_4d02e01ddd7bdec5806aa21c5e" ON "workstream" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_d14f04ff397952dacc0425884f" ON "workstream" ("organisation_id", "code")
        `);
        await queryRunner.query(`
            ALTER TABLE "action_finding"
            ADD CONSTRAINT "FK_f74e16dae08def3bd4b01218d99" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_finding"
            ADD CONSTRAINT "FK_d16c073ddb0a53cccca567d7335" FOREIGN KEY ("finding_id") REFERENCES "finding"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action"
            ADD CONSTRAINT "FK_69c1bbea6b06d9d58ea3909e047" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action"
            ADD CONSTRAINT "FK_5908f0a21ec63146cb3e9d1b009" FOREIGN KEY ("workstream_id") REFERENCES "workstream"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action"
            ADD CONSTRAINT "FK_3b1358207298b30e31ad793d1a8" FOREIGN KEY ("owner_id") REFERENCES "user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "milestone"
            ADD CONSTRAINT "FK_f20442489a18e6212431a6e8a0f" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "milestone"
            ADD CONSTRAINT "FK_2b62839b687dcf5f5673c655a9e" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "progress_update"
            ADD CONSTRAINT "FK_031b834070ba2d167287e495f79" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "progress_update"
            ADD CONSTRAINT "FK_d88e17a4bdde83d52c707f679f6" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "progress_update"
            ADD CONSTRAINT "FK_53c3e590baf82d46924c856e1ca" FOREIGN KEY ("author_id") REFERENCES "user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence_review"
            ADD CONSTRAINT "FK_cb3aa46d1700953da1e26ec2693" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence_review"
            ADD CONSTRAINT "FK_a01e8e5218ec479705e179bb69e" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence"
            ADD CONSTRAINT "FK_77ccec326efa9443dd330c099c4" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence"
            ADD CONSTRAINT "FK_f9384b64f05845dafc167dcc21f" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence"
            ADD CONSTRAINT "FK_5e87d4bf755d6ca54bbfed50e31" FOREIGN KEY ("milestone_id") REFERENCES "milestone"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence"
            ADD CONSTRAINT "FK_d256fa7698a08d015b06613bfcf" FOREIGN KEY ("uploaded_by_id") REFERENCES "user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "finding"
            ADD CONSTRAINT "FK_e6524189654cbf72d880a55d54c" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "finding"
            ADD CONSTRAINT "FK_78ab741c4fafaa076c97e71c479" FOREIGN KEY ("inspection_id") REFERENCES "inspection"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "finding"
            ADD CONSTRAINT "FK_5fe9947e9e518f6a0e1381b58c2" FOREIGN KEY ("notice_id") REFERENCES "notice"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "inspection"
            ADD CONSTRAINT "FK_83177c4aa746465b068a94297a9" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "inspection"
            ADD CONSTRAINT "FK_5ff0f88076bb503e2db67d7d995" FOREIGN KEY ("regulator_id") REFERENCES "regulator"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notice_status_change"
            ADD CONSTRAINT "FK_ad20895a8191b2ff313d0ff0aa3" FOREIGN KEY ("notice_id") REFERENCES "notice"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notice"
            ADD CONSTRAINT "FK_59c84dfc22272a2385e83f59470" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notice"
            ADD CONSTRAINT "FK_6d2af77eb4b914521a9367cd058" FOREIGN KEY ("inspection_id") REFERENCES "inspection"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pack_file"
            ADD CONSTRAINT "FK_80afc68f8e3e7261e8117e97a84" FOREIGN KEY ("pack_id") REFERENCES "pack"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pack"
            ADD CONSTRAINT "FK_dfaffe049a33d6cebf10f0da405" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "rag_override"
            ADD CONSTRAINT "FK_6f67498da8b0e4ead258274b05c" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "rag_day_count"
            ADD CONSTRAINT "FK_9633b6be6ff8307979598246969" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "rag_policy"
            ADD CONSTRAINT "FK_83ab62acd7877cb6bd5fdcca7c9" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user"
            ADD CONSTRAINT "FK_c7a4825eaaf9118259b890ad65d" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "workstream"
            ADD CONSTRAINT "FK_4d02e01ddd7bdec5806aa21c5e6" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "workstream" DROP CONSTRAINT "FK_4d02e01ddd7bdec5806aa21c5e6"
        `);
        await queryRunner.query(`
            ALTER TABLE "user" DROP CONSTRAINT "FK_c7a4825eaaf9118259b890ad65d"
        `);
        await queryRunner.query(`
            ALTER TABLE "rag_policy" DROP CONSTRAINT "FK_83ab62acd7877cb6bd5fdcca7c9"
        `);
        await queryRunner.query(`
            ALTER TABLE "rag_day_count" DROP CONSTRAINT "FK_9633b6be6ff8307979598246969"
        `);
        await queryRunner.query(`
            ALTER TABLE "rag_override" DROP CONSTRAINT "FK_6f67498da8b0e4ead258274b05c"
        `);
        await queryRunner.query(`
            ALTER TABLE "pack" DROP CONSTRAINT "FK_dfaffe049a33d6cebf10f0da405"
        `);
        await queryRunner.query(`
            ALTER TABLE "pack_file" DROP CONSTRAINT "FK_80afc68f8e3e7261e8117e97a84"
        `);
        await queryRunner.query(`
            ALTER TABLE "notice" DROP CONSTRAINT "FK_6d2af77eb4b914521a9367cd058"
        `);
        await queryRunner.query(`
            ALTER TABLE "notice" DROP CONSTRAINT "FK_59c84dfc22272a2385e83f59470"
        `);
        await queryRunner.query(`
            ALTER TABLE "notice_status_change" DROP CONSTRAINT "FK_ad20895a8191b2ff313d0ff0aa3"
        `);
        await queryRunner.query(`
            ALTER TABLE "inspection" DROP CONSTRAINT "FK_5ff0f88076bb503e2db67d7d995"
        `);
        await queryRunner.query(`
            ALTER TABLE "inspection" DROP CONSTRAINT "FK_83177c4aa746465b068a94297a9"
        `);
        await queryRunner.query(`
            ALTER TABLE "finding" DROP CONSTRAINT "FK_5fe9947e9e518f6a0e1381b58c2"
        `);
        await queryRunner.query(`
            ALTER TABLE "finding" DROP CONSTRAINT "FK_78ab741c4fafaa076c97e71c479"
        `);
        await queryRunner.query(`
            ALTER TABLE "finding" DROP CONSTRAINT "FK_e6524189654cbf72d880a55d54c"
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence" DROP CONSTRAINT "FK_d256fa7698a08d015b06613bfcf"
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence" DROP CONSTRAINT "FK_5e87d4bf755d6ca54bbfed50e31"
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence" DROP CONSTRAINT "FK_f9384b64f05845dafc167dcc21f"
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence" DROP CONSTRAINT "FK_77ccec326efa9443dd330c099c4"
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence_review" DROP CONSTRAINT "FK_a01e8e5218ec479705e179bb69e"
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence_review" DROP CONSTRAINT "FK_cb3aa46d1700953da1e26ec2693"
        `);
        await queryRunner.query(`
            ALTER TABLE "progress_update" DROP CONSTRAINT "FK_53c3e590baf82d46924c856e1ca"
        `);
        await queryRunner.query(`
            ALTER TABLE "progress_update" DROP CONSTRAINT "FK_d88e17a4bdde83d52c707f679f6"
        `);
        await queryRunner.query(`
            ALTER TABLE "progress_update" DROP CONSTRAINT "FK_031b834070ba2d167287e495f79"
        `);
        await queryRunner.query(`
            ALTER TABLE "milestone" DROP CONSTRAINT "FK_2b62839b687dcf5f5673c655a9e"
        `);
        await queryRunner.query(`
            ALTER TABLE "milestone" DROP CONSTRAINT "FK_f20442489a18e6212431a6e8a0f"
        `);
        await queryRunner.query(`
            ALTER TABLE "action" DROP CONSTRAINT "FK_3b1358207298b30e31ad793d1a8"
        `);
        await queryRunner.query(`
            ALTER TABLE "action" DROP CONSTRAINT "FK_5908f0a21ec63146cb3e9d1b009"
        `);
        await queryRunner.query(`
            ALTER TABLE "action" DROP CONSTRAINT "FK_69c1bbea6b06d9d58ea3909e047"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_finding" DROP CONSTRAINT "FK_d16c073ddb0a53cccca567d7335"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_finding" DROP CONSTRAINT "FK_f74e16dae08def3bd4b01218d99"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d14f04ff397952dacc0425884f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4d02e01ddd7bdec5806aa21c5e"
        `);
        await queryRunner.query(`
            DROP TABLE "workstream"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e12875dfb3b1d92d7d7c5377e2"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c7a4825eaaf9118259b890ad65"
        `);
        await queryRunner.query(`
            DROP TABLE "user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_fced6491baa27e28934a88acda"
        `);
        await queryRunner.query(`
            DROP TABLE "rag_snapshot"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_507d395f9eb97d05973abce62a"
        `);
        await queryRunner.query(`
            DROP TABLE "rag_policy"
        `);
        await queryRunner.query(`
            DROP TABLE "rag_day_count"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_18a1732e04bcdc6188c88cce4e"
        `);
        await queryRunner.query(`
            DROP TABLE "rag_override"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0da8eac56e21236cb2ca4234ac"
        `);
        await queryRunner.query(`
            DROP TABLE "pack"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4ac73025017f7b436d03af1514"
        `);
        await queryRunner.query(`
            DROP TABLE "pack_file"
        `);
        await queryRunner.query(`
            DROP TABLE "organisation"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_59c84dfc22272a2385e83f5947"
        `);
        await queryRunner.query(`
            DROP TABLE "notice"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ad20895a8191b2ff313d0ff0aa"
        `);
        await queryRunner.query(`
            DROP TABLE "notice_status_change"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_83177c4aa746465b068a94297a"
        `);
        await queryRunner.query(`
            DROP TABLE "inspection"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4d6bb7a3722f69e54c0951a5ba"
        `);
        await queryRunner.query(`
            DROP TABLE "regulator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7ad5528cf06ffd49ace2dc824b"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5fe9947e9e518f6a0e1381b58c"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_78ab741c4fafaa076c97e71c47"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e6524189654cbf72d880a55d54"
        `);
        await queryRunner.query(`
            DROP TABLE "finding"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f03f3fb12e4f1fded48a22fef9"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0dbcba6bbbc984aad9360df004"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c5634a775d5b27317434a8c635"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_77ccec326efa9443dd330c099c"
        `);
        await queryRunner.query(`
            DROP TABLE "evidence"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a01e8e5218ec479705e179bb69"
        `);
        await queryRunner.query(`
            DROP TABLE "evidence_review"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_47dea4df898583840e76103abb"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bbe30c248d8cc7cf5b6b00e11b"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_event"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_810e59a3e17fbffd87023f9da7"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_031b834070ba2d167287e495f7"
        `);
        await queryRunner.query(`
            DROP TABLE "progress_update"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3af17b63e008ce9e0ae0a329ec"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f20442489a18e6212431a6e8a0"
        `);
        await queryRunner.query(`
            DROP TABLE "milestone"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_8b2469da796dc317bccb4478ad"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0fe18ab29e88e80e71bddf5167"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_290cb61cd087bce0c08ded370f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_206296e41d150fe95a335913ab"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f6e77503a8f63b8556191c82e1"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_69c1bbea6b06d9d58ea3909e04"
        `);
        await queryRunner.query(`
            DROP TABLE "action"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d16c073ddb0a53cccca567d733"
        `);
        await queryRunner.query(`
            DROP TABLE "action_finding"
        `);
    }

}
