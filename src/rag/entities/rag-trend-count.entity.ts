import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many of a plan's actions had each colour at one reporting date: the dashboard's and the packs'
 * trend, read in one small query instead of counting a year of snapshots (1.2 million rows at
 * 100,000 actions) per request. Kept exact by statement-level triggers on rag_snapshot (migration
 * RagTrendCounts): every insert, colour change and delete of snapshots adds its delta, in the same
 * transaction, so the counts can never disagree with the snapshots. Rows may hold 0.
 */
@Entity('rag_trend_count')
export class RagTrendCountEntity {
  @PrimaryColumn('uuid')
  planId: string;

  @PrimaryColumn({ type: 'date' })
  asOf: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  colour: string;

  @Column('uuid')
  organisationId: string;

  @Column('int')
  count: number;
}
