import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * pack.generation_token: the attempt building a pack now. Each start of a pack job writes a fresh
 * one; the attempt stores its files under it (`packs/<org>/<pack>/<token>/<format>`), and marks
 * the pack ready, with its file rows, only while the token is still its own. Before, every run of
 * a pack wrote the same keys, so a stalled run resuming beside its replacement (two workers, a
 * Redis outage longer than the job lock) could overwrite a ready pack's files, or delete them on
 * failing. Written by `migration:generate`; existing packs keep their old keys (file rows hold the
 * key, so nothing reads them by pattern). Tested in test/faults/pack-two-runs.e2e-spec.ts.
 */
export class PackGenerationToken1796292550878 implements MigrationInterface {
  name = 'PackGenerationToken1796292550878';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "pack"
            ADD "generation_token" uuid
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "pack" DROP COLUMN "generation_token"
        `);
  }
}
