import { Column, Entity, Index } from 'typeorm';
import { PlanOwnedEntity } from '../../database/plan-owned.entity';
import type { ImportPreview } from '../preview/import-preview';
import type { ImportChoices } from '../preview/import-choices';

export const IMPORT_RUN_STATUSES = ['uploaded', 'previewing', 'previewed', 'committing', 'committed', 'failed'] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  skipped: number;
}

export interface ImportRunError {
  code: string;
  message: string;
  details?: unknown;
}

/**
 * One import of a tracker into a plan: the original file (kept as provenance), who ran it and when,
 * the choices the user made, the preview the worker built, and what the commit did.
 */
@Entity('import_run')
@Index(['planId', 'createdAt'])
export class ImportRunEntity extends PlanOwnedEntity {
  @Column('uuid')
  createdById: string;

  /** Cleaned for display; never a path. */
  @Column({ length: 255 })
  fileName: string;

  /** `imports/<organisationId>/<id>`. */
  @Column({ length: 512 })
  storageKey: string;

  @Column({ length: 64 })
  sha256: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 20, default: 'uploaded' })
  status: ImportRunStatus;

  /** The user's choices: columns, status words, owner matches, dates, conflict resolutions. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  choices: ImportChoices;

  /** The mapping the last preview used (saved for the plan on commit). */
  @Column({ type: 'jsonb', nullable: true })
  mapping: unknown;

  /** The last preview (counts, rows, issues): what the user confirms. */
  @Column({ type: 'jsonb', nullable: true })
  preview: ImportPreview | null;

  @Column({ type: 'jsonb', nullable: true })
  counts: ImportCounts | null;

  @Column({ type: 'jsonb', nullable: true })
  error: ImportRunError | null;

  /** The BullMQ job working on it now (preview or commit), for logs and polling. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  jobId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  committedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  committedById: string | null;

  @Column({ type: 'int', default: 0 })
  auditEvents: number;
}
