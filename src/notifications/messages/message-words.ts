import { daysBetween, formatLongDate, type CalendarDate } from '../../common/dates/calendar-date';
import { NOTIFICATION_KIND_RULES, type NotificationKind } from '../notification-kinds';
import type { MessageFooter } from './message-document';
import type { ActionRef, MessageContext, MilestoneRef } from './message-data';

/** Shared wording for the templates. */

export const longDate = formatLongDate;

/** "today", "tomorrow", "in 3 days" (or "3 days ago" for the past). */
export function relativeDay(from: CalendarDate, to: CalendarDate): string {
  const days = daysBetween(from, to);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export function dayCount(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** "A1.4 Review the safeguarding pathway" */
export function actionName(action: ActionRef): string {
  return `${action.reference} ${action.title}`;
}

/** "milestone ‘Audit fieldwork complete’ of action A1.4" or "action A1.4" */
export function subjectName(action: ActionRef, milestone?: MilestoneRef | null): string {
  return milestone ? `milestone ‘${milestone.title}’ of action ${action.reference}` : `action ${action.reference}`;
}

export function greeting(ctx: MessageContext): string {
  return `Dear ${ctx.recipientName},`;
}

/** The footer: why they get it, and one click to stop it (or why they cannot). */
export function footerFor(kind: NotificationKind | 'weekly_digest', ctx: MessageContext, reason: string): MessageFooter {
  const preferencesHref = ctx.links.preferences();
  if (kind !== 'weekly_digest' && NOTIFICATION_KIND_RULES[kind].mandatory) {
    return {
      reason,
      unsubscribe: null,
      mandatoryNote: `E-mails about ${NOTIFICATION_KIND_RULES[kind].label} cannot be switched off: you need them to act before the next board.`,
      preferencesHref,
    };
  }
  const what = kind === 'weekly_digest' ? 'this weekly digest (and the reminders it collects)' : `e-mails about ${NOTIFICATION_KIND_RULES[kind].label}`;
  return {
    reason,
    unsubscribe: ctx.unsubscribeUrl ? { text: `Stop ${what} with one click`, href: ctx.unsubscribeUrl } : null,
    preferencesHref,
  };
}

export function ownerReason(ctx: MessageContext): string {
  return `You get this e-mail because you own actions in the improvement plan of ${ctx.organisationName}.`;
}

export function boardReason(ctx: MessageContext): string {
  return `You get this e-mail because you are an improvement board member for the improvement plan of ${ctx.organisationName}.`;
}
