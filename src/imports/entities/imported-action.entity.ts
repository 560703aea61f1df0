import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * What the last import wrote to an action, so a re-import can tell a row changed in the file from
 * one changed in the system since: `fileHash` is the fingerprint of the file's values (resolved to
 * the plan), `writtenHash` the fingerprint of the action as it stood after that import.
 */
@Entity('imported_action')
@Index(['planId', 'reference'])
export class ImportedActionEntity {
  @PrimaryColumn('uuid')
  actionId: string;

  @ManyToOne('ActionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: unknown;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  planId: string;

  @Index()
  @Column('uuid')
  importRunId: string;

  @ManyToOne('ImportRunEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'import_run_id' })
  importRun?: unknown;

  @Column({ length: 40 })
  reference: string;

  @Column({ length: 64 })
  fileHash: string;

  @Column({ length: 64 })
  writtenHash: string;

  @Column({ type: 'timestamptz' })
  importedAt: Date;
}
