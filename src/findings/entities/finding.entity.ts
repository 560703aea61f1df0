import { Column, Entity, Index, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { PlanOwnedEntity } from '../../database/plan-owned.entity';

export type FindingType = 'area_for_improvement' | 'area_for_priority_action' | 'recommendation' | 'requirement';

/** One thing the regulator said must improve. */
@Entity('finding')
@Index(['organisationId', 'inspectionId', 'reference'], { unique: true })
export class FindingEntity extends PlanOwnedEntity {
  @Index()
  @Column('uuid')
  inspectionId: string;

  @ManyToOne('InspectionEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'inspection_id' })
  inspection?: unknown;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  noticeId: string | null;

  @ManyToOne('NoticeEntity', { onDelete: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'notice_id' })
  notice?: unknown;

  /** The finding's reference in the report, e.g. "QS-safeguarding-1" or "para 12". */
  @Column({ length: 60 })
  reference: string;

  @Column({ length: 300 })
  title: string;

  @Column({ type: 'text', default: '' })
  text: string;

  /** The CQC quality statement key or Ofsted judgement key it falls under. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  theme: string | null;

  /** 1-4 where the regulator scores (CQC), else null. */
  @Column({ type: 'smallint', nullable: true })
  score: number | null;

  @Column({ type: 'varchar', length: 40 })
  type: FindingType;

  @VersionColumn()
  version: number;
}
