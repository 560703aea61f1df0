import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { PlanOwnedEntity } from '../../database/plan-owned.entity';

/** A priority / key outcome of the plan; actions are grouped under one. */
@Entity('workstream')
@Index(['planId', 'code'], { unique: true })
export class WorkstreamEntity extends PlanOwnedEntity {
  /** Short code, e.g. "KO1". */
  @Column({ length: 20 })
  code: string;

  @Column({ length: 300 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** The lead's role in words (for packs), e.g. "Principal Social Worker". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  leadRole: string | null;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @VersionColumn()
  version: number;
}
