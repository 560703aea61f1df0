import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { NoticeStatus } from './notice.entity';

/** The history of a notice's status (open -> downgraded -> closed). */
@Entity('notice_status_change')
export class NoticeStatusChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Index()
  @Column('uuid')
  noticeId: string;

  @ManyToOne('NoticeEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notice_id' })
  notice?: unknown;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus: NoticeStatus | null;

  @Column({ type: 'varchar', length: 20 })
  toStatus: NoticeStatus;

  @Column({ type: 'date' })
  changedOn: string;

  @Column({ type: 'uuid', nullable: true })
  changedById: string | null;

  @Column({ type: 'text', default: '' })
  note: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
