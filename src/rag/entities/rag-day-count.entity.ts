import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * How many of an organisation's snapshots at one reporting date have each colour: the dashboard's
 * trend reads twelve of these rows instead of counting a million snapshots. Recounted from
 * rag_snapshot after every organisation recompute for the date, and for the day before by the
 * recompute of a new day (single-action jobs during a day change only that day's snapshots).
 */
@Entity('rag_day_count')
export class RagDayCountEntity {
  @PrimaryColumn('uuid')
  organisationId: string;

  @PrimaryColumn({ type: 'date' })
  asOf: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: unknown;

  @Column('int')
  red: number;

  @Column('int')
  amber: number;

  @Column('int')
  green: number;

  @Column('int')
  grey: number;

  @Column('int')
  blue: number;

  @Column({ type: 'timestamptz' })
  countedAt: Date;
}
