import { Column, Entity, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { PlanOwnedEntity } from '../../database/plan-owned.entity';
import type { InspectionKind } from '../../vocabulary/inspection-kind';
import { RegulatorEntity } from './regulator.entity';

/** A regulatory event: a CQC local authority assessment, an Ofsted ILACS inspection or visit, a JTAI, ... */
@Entity('inspection')
export class InspectionEntity extends PlanOwnedEntity {
  @Column('uuid')
  regulatorId: string;

  @ManyToOne(() => RegulatorEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'regulator_id' })
  regulator?: RegulatorEntity;

  @Column({ type: 'varchar', length: 60 })
  kind: InspectionKind;

  @Column({ length: 300 })
  title: string;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'date', nullable: true })
  publishedDate: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reportReference: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reportUrl: string | null;

  /** On the regulator's own scale; for a CQC LA assessment derived from the scores. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  overallJudgement: string | null;

  /** CQC LA assessment: quality statement key -> score 1-4. */
  @Column({ type: 'jsonb', nullable: true })
  qualityStatementScores: Record<string, number> | null;

  /** Ofsted ILACS: judgement key -> grade on Ofsted's scale. */
  @Column({ type: 'jsonb', nullable: true })
  judgements: Record<string, string> | null;

  @VersionColumn()
  version: number;
}
