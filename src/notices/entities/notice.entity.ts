import { Column, Entity, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { PlanOwnedEntity } from '../../database/plan-owned.entity';
import type { NoticeKind } from '../../vocabulary/notice-kind';

export type NoticeStatus = 'open' | 'downgraded' | 'closed';

/** A formal consequence with a deadline (Section 50 notice, DfE improvement notice, ...). */
@Entity('notice')
export class NoticeEntity extends PlanOwnedEntity {
  @Column({ type: 'varchar', length: 40 })
  kind: NoticeKind;

  @Column({ length: 300 })
  title: string;

  @Column({ type: 'uuid', nullable: true })
  inspectionId: string | null;

  @ManyToOne('InspectionEntity', { onDelete: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'inspection_id' })
  inspection?: unknown;

  @Column({ type: 'date' })
  issuedOn: string;

  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  /** What the notice says is failing. */
  @Column({ type: 'text', default: '' })
  failings: string;

  /** What must be done, and by when. */
  @Column({ type: 'text', default: '' })
  requirements: string;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: NoticeStatus;

  @VersionColumn()
  version: number;
}
