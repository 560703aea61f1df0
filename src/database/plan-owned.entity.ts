import { Column, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgOwnedEntity } from './org-owned.entity';

/**
 * A row of one improvement plan (inspection, notice, finding, workstream, action, pack). What hangs
 * off such a row (milestones, evidence, snapshots, ...) reaches its plan through it.
 */
export abstract class PlanOwnedEntity extends OrgOwnedEntity {
  @Index()
  @Column('uuid')
  planId: string;

  /** Plans are never deleted while they hold rows (closing freezes them instead). */
  @ManyToOne('PlanEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'plan_id' })
  plan?: unknown;
}
