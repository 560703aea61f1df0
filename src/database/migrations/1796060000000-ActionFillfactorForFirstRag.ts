import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (a storage parameter; the CLI cannot generate it). ActionFillfactorForRag left half
 * of each page free so that the RAG's colour writes are HOT (a new row version on the same page, no
 * index entry). That is not enough room for the first recompute of actions that have no colour
 * yet: their rows grow by the colour, reasons, date and version (about 210 -> 320 bytes for the
 * bench's actions), and the old versions cannot be pruned while the recompute's snapshot is open,
 * so a page needs room for a new version of every row it holds. At 50% a third of the first run's
 * updates found none and wrote an entry in each of the action table's ten indexes (a 5,000-row
 * write 0.2 s while pages had room, 0.9-1.1 s after). 30% leaves room for every row's new version,
 * at the price of a larger table (1.7x the pages). Applies to pages written from now on.
 */
export class ActionFillfactorForFirstRag1796060000000 implements MigrationInterface {
  name = 'ActionFillfactorForFirstRag1796060000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE action SET (fillfactor = 30)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE action SET (fillfactor = 50)`);
  }
}
