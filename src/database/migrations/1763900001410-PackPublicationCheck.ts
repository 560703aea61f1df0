import { MigrationInterface, QueryRunner } from "typeorm";

export class PackPublicationCheck1763900001410 implements MigrationInterface {
    name = 'PackPublicationCheck1763900001410'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "pack"
            ADD "publication_check" jsonb
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "pack" DROP COLUMN "publication_check"
        `);
    }

}
