import { Column, Entity, Index, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { OrgOwnedEntity } from '../../database/org-owned.entity';

@Entity('milestone')
@Index(['actionId', 'dueDate'])
export class MilestoneEntity extends OrgOwnedEntity {
  @Column('uuid')
  actionId: string;

  @ManyToOne('ActionEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'action_id' })
  action?: unknown;

  @Column({ length: 300 })
  title: string;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'date', nullable: true })
  completedOn: string | null;

  /** A milestone may fall after its action's due date only when someone said so explicitly. */
  @Column({ default: false })
  allowAfterActionDue: boolean;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @VersionColumn()
  version: number;
}
