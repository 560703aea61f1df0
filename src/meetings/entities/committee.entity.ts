import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { PlanOwnedEntity } from '../../database/plan-owned.entity';
import type { PackAudience } from '../../vocabulary/pack-audience';

/**
 * A committee that receives the plan's packs, e.g. "Adult Social Care Improvement Board" (audience
 * board) or "Scrutiny Committee" (audience scrutiny). Committees belong to a plan (issue 19).
 */
@Entity('committee')
@Index(['planId', 'name'], { unique: true })
export class CommitteeEntity extends PlanOwnedEntity {
  @Column({ length: 200 })
  name: string;

  /** Which pack it receives: the board pack or the (published) scrutiny pack. */
  @Column({ type: 'varchar', length: 20 })
  audience: PackAudience;

  @VersionColumn()
  version: number;
}
