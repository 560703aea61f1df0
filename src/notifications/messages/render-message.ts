import type { MessageKind } from '../notification-kinds';
import { evidenceReviewDigestMessage, overrideExpiringMessage, packReadyMessage, scrutinyPackPublishedMessage } from './board-messages';
import { renderDocument, type MessageDocument, type RenderedMessage } from './message-document';
import type { MessageContext, MessageDataByKind } from './message-data';
import { dueReminderMessage, evidenceRejectedMessage, overdueMessage, ownerWeeklyDigestMessage, updateDueMessage } from './owner-messages';

type Templates = { [K in MessageKind]: (ctx: MessageContext, data: MessageDataByKind[K]) => MessageDocument };

/** Every message kind's template: adding a kind without one does not compile. */
export const TEMPLATES: Templates = {
  milestone_due_14d: (ctx, d) => dueReminderMessage(ctx, d, 'milestone', 14),
  milestone_due_7d: (ctx, d) => dueReminderMessage(ctx, d, 'milestone', 7),
  milestone_due_1d: (ctx, d) => dueReminderMessage(ctx, d, 'milestone', 1),
  action_due_14d: (ctx, d) => dueReminderMessage(ctx, d, 'action', 14),
  action_due_7d: (ctx, d) => dueReminderMessage(ctx, d, 'action', 7),
  action_due_1d: (ctx, d) => dueReminderMessage(ctx, d, 'action', 1),
  milestone_overdue: (ctx, d) => overdueMessage(ctx, d, 'milestone'),
  action_overdue: (ctx, d) => overdueMessage(ctx, d, 'action'),
  update_due: updateDueMessage,
  evidence_rejected: evidenceRejectedMessage,
  owner_weekly_digest: ownerWeeklyDigestMessage,
  evidence_review_digest: evidenceReviewDigestMessage,
  pack_ready: packReadyMessage,
  override_expiring: overrideExpiringMessage,
  scrutiny_pack_published: scrutinyPackPublishedMessage,
};

/** Subject, plain text and HTML of one message. Pure: the same input gives the same bytes. */
export function renderMessage<K extends MessageKind>(kind: K, data: MessageDataByKind[K], ctx: MessageContext): RenderedMessage {
  const template = TEMPLATES[kind] as (ctx: MessageContext, data: MessageDataByKind[K]) => MessageDocument;
  return renderDocument(template(ctx, data));
}
