import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { PlanRole } from '../../common/request-context/request-context';

/** A user's role in one plan: board, owner or scrutiny. One role per person and plan. */
@Entity('plan_membership')
@Index(['planId', 'userId'], { unique: true })
export class PlanMembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  planId: string;

  @ManyToOne('PlanEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: unknown;

  @Index()
  @Column('uuid')
  userId: string;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: unknown;

  @Column({ type: 'varchar', length: 20 })
  role: PlanRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
