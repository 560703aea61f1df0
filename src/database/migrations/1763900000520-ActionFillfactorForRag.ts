import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (a storage parameter; the CLI cannot generate it), for the RAG: every night, and
 * after every change, the RAG job rewrites the current colour columns of action rows (100,000 for
 * a large plan in one recompute). None of those columns is indexed, so PostgreSQL can update a row
 * in place on its own page ("HOT": no new entry in any of the action table's seven indexes), but
 * only when the page has room for the new version. Pages filled to 100% make the first recompute
 * after a bulk load write every index (about five times the work, measured). Half-full pages
 * leave room for one new version of every row; old versions are pruned as pages are reused.
 * Applies to pages written from now on (existing rows move as they are updated or on VACUUM FULL).
 */
export class ActionFillfactorForRag1763900000520 implements MigrationInterface {
  name = 'ActionFillfactorForRag1763900000520';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE action SET (fillfactor = 50)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE action RESET (fillfactor)`);
  }
}
