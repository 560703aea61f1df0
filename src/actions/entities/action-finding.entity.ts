import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** An action answers one or more findings; a finding may be answered by several actions. */
@Entity('action_finding')
export class ActionFindingEntity {
  @PrimaryColumn('uuid')
  actionId: string;

  @ManyToOne('ActionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: unknown;

  @Index()
  @PrimaryColumn('uuid')
  findingId: string;

  @ManyToOne('FindingEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'finding_id' })
  finding?: unknown;

  @Column('uuid')
  organisationId: string;
}
