import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { OrgOwnedEntity } from '../../database/org-owned.entity';
import type { PlanStatus } from '../../vocabulary/plan-status';
import type { ServiceArea } from '../../vocabulary/service-area';

/**
 * One improvement plan of an organisation (adult social care after a CQC assessment, children's
 * services after Ofsted, ...). Inspections, notices, findings, workstreams, actions and packs belong
 * to one plan; `board`, `owner` and `scrutiny` are roles held in a plan (PlanMembershipEntity).
 */
@Entity('plan')
@Index(['organisationId', 'status'])
export class PlanEntity extends OrgOwnedEntity {
  @Column({ length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 40, default: 'other' })
  serviceArea: ServiceArea;

  /** The council's own target date for the plan (a London calendar date), not a regulator's. */
  @Column({ type: 'date', nullable: true })
  targetDate: string | null;

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: PlanStatus;

  /** The programme lead as a role in words ("Director of Adult Social Services"), never a person. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  programmeLead: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @VersionColumn()
  version: number;
}
