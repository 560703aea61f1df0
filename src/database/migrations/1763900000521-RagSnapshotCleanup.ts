import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (a trigger): rag_snapshot has no foreign key to action, because checking one for
 * each of the 100,000 snapshots a large plan writes every night was a fifth of the recompute's
 * time. Deleting an action (or, by cascade, its organisation) deletes its snapshots here instead,
 * as ON DELETE CASCADE did. The RAG writer never inserts a snapshot for an action it has not
 * locked, so none can be left behind by a delete running at the same time.
 */
export class RagSnapshotCleanup1763900000521 implements MigrationInterface {
  name = 'RagSnapshotCleanup1763900000521';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION rag_snapshot_delete_for_action() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM rag_snapshot WHERE action_id = OLD.id;
        RETURN OLD;
      END;
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER rag_snapshot_delete_for_action AFTER DELETE ON action
      FOR EACH ROW EXECUTE FUNCTION rag_snapshot_delete_for_action()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER rag_snapshot_delete_for_action ON action`);
    await queryRunner.query(`DROP FUNCTION rag_snapshot_delete_for_action()`);
  }
}
