import { MigrationInterface, QueryRunner } from "typeorm";

export class NotificationsOutbox1763900001600 implements MigrationInterface {
    name = 'NotificationsOutbox1763900001600'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "notification_preference" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "user_id" uuid NOT NULL,
                "kind" character varying(40) NOT NULL,
                "mode" character varying(20) NOT NULL,
                CONSTRAINT "chk_notification_preference_mode" CHECK (mode IN ('immediate', 'weekly_digest', 'off')),
                CONSTRAINT "PK_ba8d816b10f3dcfcd2e71ce5776" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_018d08ab9e9c689ea890ea9988" ON "notification_preference" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_0f7529aefc65bd035491bb755b" ON "notification_preference" ("user_id", "kind")
        `);
        await queryRunner.query(`
            CREATE TABLE "outbox_message" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "recipient_user_id" uuid NOT NULL,
                "recipient_address" character varying(320) NOT NULL,
                "kind" character varying(40) NOT NULL,
                "subject_ref" character varying(200) NOT NULL,
                "period" character varying(40) NOT NULL,
                "subject" character varying(300) NOT NULL,
                "body_text" text NOT NULL,
                "body_html" text NOT NULL,
                "unsubscribe_url" text,
                "state" character varying(10) NOT NULL DEFAULT 'pending',
                "attempts" smallint NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "lease_until" TIMESTAMP WITH TIME ZONE,
                "lease_token" uuid,
                "last_error" character varying(1000),
                "skip_reason" character varying(30),
                "message_id" character varying(300),
                "smtp_response" character varying(500),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "uq_outbox_message_key" UNIQUE (
                    "recipient_user_id",
                    "kind",
                    "subject_ref",
                    "period"
                ),
                CONSTRAINT "chk_outbox_message_state" CHECK (
                    state IN (
                        'pending',
                        'sending',
                        'sent',
                        'failed',
                        'skipped'
                    )
                ),
                CONSTRAINT "PK_2f36ee5236f2793f3e7bd554589" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f9abd9217ca3bef49ac24c436a" ON "outbox_message" ("organisation_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d1f4e734fe83d5b127277e3d36" ON "outbox_message" ("organisation_id", "state")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outbox_message_lease" ON "outbox_message" ("lease_until")
            WHERE state = 'sending'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outbox_message_due" ON "outbox_message" ("next_attempt_at")
            WHERE state = 'pending'
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preference"
            ADD CONSTRAINT "FK_018d08ab9e9c689ea890ea99885" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preference"
            ADD CONSTRAINT "FK_ff040d2d2e35c49b00525783829" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_message"
            ADD CONSTRAINT "FK_d1179b30896cb907f1410a24f78" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_message"
            ADD CONSTRAINT "FK_93f34c0682782956d6a7dd7b055" FOREIGN KEY ("recipient_user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "outbox_message" DROP CONSTRAINT "FK_93f34c0682782956d6a7dd7b055"
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_message" DROP CONSTRAINT "FK_d1179b30896cb907f1410a24f78"
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preference" DROP CONSTRAINT "FK_ff040d2d2e35c49b00525783829"
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preference" DROP CONSTRAINT "FK_018d08ab9e9c689ea890ea99885"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_message_due"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_message_lease"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d1f4e734fe83d5b127277e3d36"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f9abd9217ca3bef49ac24c436a"
        `);
        await queryRunner.query(`
            DROP TABLE "outbox_message"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0f7529aefc65bd035491bb755b"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_018d08ab9e9c689ea890ea9988"
        `);
        await queryRunner.query(`
            DROP TABLE "notification_preference"
        `);
    }

}
