import { Column, Entity, Index, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { PlanOwnedEntity } from '../../database/plan-owned.entity';
import type { CommitteeEntity } from './committee.entity';

/** A meeting of a committee: the calendar a pack's "next meeting" and the dashboard read. */
@Entity('meeting')
@Index(['planId', 'meetsOn'])
export class MeetingEntity extends PlanOwnedEntity {
  @Index()
  @Column('uuid')
  committeeId: string;

  /** A committee with meetings is not deleted (409 naming them). */
  @ManyToOne('CommitteeEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'committee_id' })
  committee?: CommitteeEntity;

  /** The London calendar date of the meeting. */
  @Column({ type: 'date' })
  meetsOn: string;

  /** Local start time 'HH:MM', when known. */
  @Column({ type: 'varchar', length: 5, nullable: true })
  startsAt: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  venue: string | null;

  /** The last day papers can go out: by default 5 working days before (papersDeadline()), or set. */
  @Column({ type: 'date' })
  papersDeadline: string;

  /** True when someone set the deadline; false when it follows the meeting date by the rule. */
  @Column({ type: 'boolean', default: false })
  papersDeadlineSet: boolean;

  /** A cancelled meeting stays on the record but is nobody's "next meeting". */
  @Column({ type: 'boolean', default: false })
  cancelled: boolean;

  @VersionColumn()
  version: number;
}
