import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { PlanOwnedEntity } from '../../database/plan-owned.entity';
import type { RegulatorDeadlineKey, RuleSource } from '../regulator-deadlines';

/**
 * A deadline a regulator's published rules set after an inspection or notice, kept as a milestone
 * of the plan's regulator-deadlines action (src/deadlines/regulator-deadlines.service.ts). The row
 * says where the milestone comes from (the event and the rule) and whether the board marked it not
 * applicable. It goes with its event and with its milestone (ON DELETE CASCADE).
 */
@Entity('regulator_deadline')
@Index(['inspectionId'])
@Index(['noticeId'])
export class RegulatorDeadlineEntity extends PlanOwnedEntity {
  @Column({ type: 'uuid', nullable: true })
  inspectionId: string | null;

  @ManyToOne('InspectionEntity', { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'inspection_id' })
  inspection?: unknown;

  @Column({ type: 'uuid', nullable: true })
  noticeId: string | null;

  @ManyToOne('NoticeEntity', { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'notice_id' })
  notice?: unknown;

  /** Which rule ('ilacs_action_plan', ...); with the event, identifies the deadline. */
  @Column({ type: 'varchar', length: 60 })
  key: RegulatorDeadlineKey;

  /** The regulator-deadlines action the milestone belongs to. */
  @Column('uuid')
  actionId: string;

  @Index({ unique: true })
  @Column('uuid')
  milestoneId: string;

  @ManyToOne('MilestoneEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: unknown;

  /** How the date was reached: '70 working days after the report was published on ...'. */
  @Column({ type: 'text' })
  basis: string;

  /** The rule in words, citing its documents. */
  @Column({ type: 'text' })
  rule: string;

  @Column({ type: 'jsonb' })
  sources: RuleSource[];

  /**
   * Set when the board marks the deadline not applicable (with its reason): from the day it is
   * recorded the milestone no longer drives the action's colour (earlier dates keep theirs).
   */
  @Column({ type: 'text', nullable: true })
  notApplicableReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  notApplicableAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  notApplicableById: string | null;
}
