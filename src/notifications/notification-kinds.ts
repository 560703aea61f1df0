/**
 * The two vocabularies of e-mail:
 *
 * - a **message kind** is what one outbox row is ('milestone_due_7d'); it is part of the row's
 *   unique key and picks the template;
 * - a **notification kind** is what a person chooses about ('due_reminder': immediate, weekly
 *   digest or off) and what an unsubscribe link names. Several message kinds share one.
 *
 * Pure data: no Nest or TypeORM here.
 */

export type NotificationKind =
  | 'due_reminder'
  | 'overdue'
  | 'update_due'
  | 'evidence_rejected'
  | 'evidence_review'
  | 'pack_ready'
  | 'override_expiring'
  | 'scrutiny_pack_published';

export type NotificationMode = 'immediate' | 'weekly_digest' | 'off';
export const NOTIFICATION_MODES: readonly NotificationMode[] = ['immediate', 'weekly_digest', 'off'];

/** Who a kind is for, in plan roles. */
export type NotificationAudience = 'owner' | 'board' | 'scrutiny';

export interface NotificationKindRule {
  audience: NotificationAudience;
  /** What a person gets until they choose otherwise. */
  defaultMode: NotificationMode;
  /** The modes a person may choose: mandatory kinds never include 'off'. */
  modes: readonly NotificationMode[];
  /** Cannot be switched off (the owner must act on it before the board). */
  mandatory: boolean;
  /** The words on the preferences page and in footers ("reminders before a due date"). */
  label: string;
}

export const NOTIFICATION_KIND_RULES: Readonly<Record<NotificationKind, NotificationKindRule>> = {
  due_reminder: { audience: 'owner', defaultMode: 'immediate', modes: NOTIFICATION_MODES, mandatory: false, label: 'reminders 14, 7 and 1 days before a due date' },
  overdue: { audience: 'owner', defaultMode: 'immediate', modes: NOTIFICATION_MODES, mandatory: false, label: 'reminders when a milestone or action is overdue' },
  update_due: { audience: 'owner', defaultMode: 'immediate', modes: NOTIFICATION_MODES, mandatory: false, label: 'requests for a progress update before a board meeting' },
  // "At once, with the reviewer's comment": the owner has to act before the next board.
  evidence_rejected: { audience: 'owner', defaultMode: 'immediate', modes: ['immediate'], mandatory: true, label: 'evidence you uploaded being rejected' },
  // Already a daily digest by nature; board and scrutiny kinds have no weekly digest.
  evidence_review: { audience: 'board', defaultMode: 'immediate', modes: ['immediate', 'off'], mandatory: false, label: 'a daily list of evidence waiting for review' },
  pack_ready: { audience: 'board', defaultMode: 'immediate', modes: ['immediate', 'off'], mandatory: false, label: 'a progress pack being ready' },
  override_expiring: { audience: 'board', defaultMode: 'immediate', modes: ['immediate', 'off'], mandatory: false, label: 'RAG overrides about to expire' },
  scrutiny_pack_published: { audience: 'scrutiny', defaultMode: 'immediate', modes: ['immediate', 'off'], mandatory: false, label: 'a scrutiny pack being published for your committee' },
};

export const NOTIFICATION_KINDS = Object.keys(NOTIFICATION_KIND_RULES) as NotificationKind[];

export const MESSAGE_KINDS = [
  'milestone_due_14d',
  'milestone_due_7d',
  'milestone_due_1d',
  'action_due_14d',
  'action_due_7d',
  'action_due_1d',
  'milestone_overdue',
  'action_overdue',
  'update_due',
  'evidence_rejected',
  'owner_weekly_digest',
  'evidence_review_digest',
  'pack_ready',
  'override_expiring',
  'scrutiny_pack_published',
] as const;

export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * What a message kind counts as for preferences. The owner's weekly digest is the vehicle for the
 * kinds a person put on 'weekly_digest', so it has no kind of its own: it is sent when at least one
 * of them is on digest, and its unsubscribe link names the scope 'weekly_digest'.
 */
export const MESSAGE_KIND_NOTIFICATION: Readonly<Record<MessageKind, NotificationKind | null>> = {
  milestone_due_14d: 'due_reminder',
  milestone_due_7d: 'due_reminder',
  milestone_due_1d: 'due_reminder',
  action_due_14d: 'due_reminder',
  action_due_7d: 'due_reminder',
  action_due_1d: 'due_reminder',
  milestone_overdue: 'overdue',
  action_overdue: 'overdue',
  update_due: 'update_due',
  evidence_rejected: 'evidence_rejected',
  owner_weekly_digest: null,
  evidence_review_digest: 'evidence_review',
  pack_ready: 'pack_ready',
  override_expiring: 'override_expiring',
  scrutiny_pack_published: 'scrutiny_pack_published',
};

/** What an unsubscribe link switches off: one kind, or every kind the person has on weekly digest. */
export type UnsubscribeScope = NotificationKind | 'weekly_digest';

export function isMessageKind(value: unknown): value is MessageKind {
  return typeof value === 'string' && (MESSAGE_KINDS as readonly string[]).includes(value);
}

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && Object.hasOwn(NOTIFICATION_KIND_RULES, value);
}

export function isUnsubscribeScope(value: unknown): value is UnsubscribeScope {
  return value === 'weekly_digest' || isNotificationKind(value);
}

export function isMandatory(kind: NotificationKind): boolean {
  return NOTIFICATION_KIND_RULES[kind].mandatory;
}
