import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A regulator. Built-in ones (CQC, Ofsted, HMICFRS) have no organisation and are seeded by a
 * migration; an organisation may add its own (Care Inspectorate Wales, ...).
 */
@Entity('regulator')
@Index(['organisationId', 'code'], { unique: true })
export class RegulatorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** 'cqc', 'ofsted', 'hmicfrs', or an organisation's own code. */
  @Column({ length: 40 })
  code: string;

  @Column({ length: 200 })
  name: string;

  /** The overall judgement scale, best first, e.g. ['Outstanding', 'Good', ...]; empty = no graded judgement. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  judgementScale: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
