import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { MessageKind } from '../notification-kinds';

/**
 * pending -> sending (claimed, with a lease) -> sent; a failed attempt goes back to pending with a
 * later next_attempt_at, or to failed after the last attempt; skipped when the recipient was
 * deactivated or switched the kind off before it went.
 */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';
export const OUTBOX_STATES: readonly OutboxState[] = ['pending', 'sending', 'sent', 'failed', 'skipped'];

export type OutboxSkipReason = 'recipient_inactive' | 'unsubscribed';

/**
 * One e-mail to one person, written in the transaction of the event that causes it (or by a
 * scheduled scan) and delivered by the worker. The unique key (recipient, kind, subject reference,
 * period) makes writing the same message twice a no-op: re-running a scan sends nothing new.
 * The subject and both bodies are rendered when the row is written, so the row is exactly what
 * was (or will be) sent.
 */
@Entity('outbox_message')
@Check('chk_outbox_message_state', `state IN ('pending', 'sending', 'sent', 'failed', 'skipped')`)
@Unique('uq_outbox_message_key', ['recipientUserId', 'kind', 'subjectRef', 'period'])
@Index('ix_outbox_message_due', ['nextAttemptAt'], { where: `state = 'pending'` })
@Index('ix_outbox_message_lease', ['leaseUntil'], { where: `state = 'sending'` })
@Index(['organisationId', 'state'])
@Index(['organisationId', 'createdAt'])
@Index(['planId', 'createdAt'])
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: unknown;

  /** The plan the message is about (what the board's "Messages sent" list filters by); null for none. */
  @Column({ type: 'uuid', nullable: true })
  planId: string | null;

  @ManyToOne('PlanEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: unknown;

  @Column('uuid')
  recipientUserId: string;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_user_id' })
  recipientUser?: unknown;

  /** The address when the message was written (a later change of address does not redirect it). */
  @Column({ length: 320 })
  recipientAddress: string;

  @Column({ type: 'varchar', length: 40 })
  kind: MessageKind;

  /** What the message is about, e.g. 'milestone:<uuid>', 'meeting:<uuid>', 'digest'. */
  @Column({ length: 200 })
  subjectRef: string;

  /** Which occurrence, e.g. the due date '2026-12-01', the week '2026-W49', the day '2026-11-23'. */
  @Column({ length: 40 })
  period: string;

  @Column({ length: 300 })
  subject: string;

  @Column('text')
  bodyText: string;

  @Column('text')
  bodyHtml: string;

  /** One-click unsubscribe link (List-Unsubscribe header); null for mandatory kinds. */
  @Column({ type: 'text', nullable: true })
  unsubscribeUrl: string | null;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  state: OutboxState;

  /** Deliveries tried (a claim counts, so a crash mid-send uses one up). */
  @Column({ type: 'smallint', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  /** While sending: the claim runs out at this time, after which another sender may take the row. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  /** While sending: which claim holds the row, so a sender whose lease ran out cannot mark it. */
  @Column({ type: 'uuid', nullable: true })
  leaseToken: string | null;

  /** The last failure, as the SMTP server or the network said it (never credentials). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  skipReason: OutboxSkipReason | null;

  /** The Message-ID header sent: `<outbox-<id>@<from domain>>`, the same on every attempt. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  /** What the SMTP server answered on acceptance (e.g. "250 2.0.0 Ok: queued as 4F2A1"). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  smtpResponse: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
