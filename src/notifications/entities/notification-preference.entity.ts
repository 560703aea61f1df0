import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgOwnedEntity } from '../../database/org-owned.entity';
import type { NotificationKind, NotificationMode } from '../notification-kinds';

/** A person's choice for one kind of e-mail; kinds with no row take their default. */
@Entity('notification_preference')
@Index(['userId', 'kind'], { unique: true })
@Check('chk_notification_preference_mode', `mode IN ('immediate', 'weekly_digest', 'off')`)
export class NotificationPreferenceEntity extends OrgOwnedEntity {
  @Column('uuid')
  userId: string;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: unknown;

  @Column({ type: 'varchar', length: 40 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 20 })
  mode: NotificationMode;
}
