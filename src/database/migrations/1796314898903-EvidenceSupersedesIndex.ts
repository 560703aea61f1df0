import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which upload replaced an evidence item: read with every item and every list of items shown
 * (EvidenceRepository.findSupersedingIds, isSuperseded). With no index on supersedes_id, PostgreSQL
 * read the organisation's evidence through its organisation index and filtered it: 63-66 ms per read
 * at 100,000 actions (200,000 items), the slowest statement of GET /evidence/:id, of an action's
 * evidence list and of the web action page. Partial: few items replace another. Written by
 * `migration:generate`. Tested in test/evidence-scale.e2e-spec.ts.
 */
export class EvidenceSupersedesIndex1796314898903 implements MigrationInterface {
    name = 'EvidenceSupersedesIndex1796314898903'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "IDX_evidence_supersedes" ON "evidence" ("supersedes_id")
            WHERE supersedes_id IS NOT NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_evidence_supersedes"
        `);
    }

}
