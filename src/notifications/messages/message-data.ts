import type { CalendarDate } from '../../common/dates/calendar-date';
import type { MessageLinks } from './message-links';

/**
 * What each template is given. Each type holds only what its recipient may see: an owner's
 * messages carry only that owner's actions, no message carries a file, and no other person is
 * named (a reviewer appears by role, e.g. "Improvement board member" or their job title).
 * Callers build these from rows they have already scoped to the recipient.
 */

export interface ActionRef {
  id: string;
  /** e.g. "A1.4" */
  reference: string;
  title: string;
}

export interface MilestoneRef {
  id: string;
  title: string;
}

export interface MeetingRef {
  /** e.g. "Improvement Board" */
  committeeName: string;
  meetingDate: CalendarDate;
  papersDeadline: CalendarDate;
}

/** A milestone (when given) or the action itself falls due; milestone_* kinds need the milestone. */
export interface DueReminderData {
  action: ActionRef;
  milestone?: MilestoneRef | null;
  dueDate: CalendarDate;
  /**
   * Days left when the scan caught up on a missed day (fewer than the kind's 14, 7 or 1; 0: due
   * today); absent on the reminder's own day.
   */
  daysLeft?: number;
}

export interface OverdueData {
  action: ActionRef;
  milestone?: MilestoneRef | null;
  dueDate: CalendarDate;
  daysOverdue: number;
  /** 1 for the first message, then 2, 3, ... for each weekly reminder. */
  reminder: number;
}

export interface UpdateDueData {
  /** The plan the actions belong to (for the link to the owner's actions). */
  planId: string;
  meeting: MeetingRef;
  /** The previous meeting, since when an update is asked for; null before the first. */
  sinceMeetingDate: CalendarDate | null;
  /** The recipient's own actions with no update since that meeting. */
  actions: (ActionRef & { lastUpdateOn: CalendarDate | null })[];
}

export interface EvidenceRejectedData {
  action: ActionRef;
  milestone?: MilestoneRef | null;
  evidence: { id: string; fileName: string };
  /** The reviewer's role or job title, never their name. */
  reviewerRole: string;
  comment: string;
  reviewedOn: CalendarDate;
}

export interface DigestItem {
  action: ActionRef;
  milestone?: MilestoneRef | null;
  dueDate: CalendarDate;
}

export interface OwnerWeeklyDigestData {
  /** One digest per plan the owner has actions in. */
  planId: string;
  weekStarting: CalendarDate;
  /** Today, for "in 3 days" and "overdue by 5 days". */
  today: CalendarDate;
  overdue: DigestItem[];
  dueSoon: DigestItem[];
  updateDue: UpdateDueData | null;
}

export interface EvidenceReviewDigestData {
  planId: string;
  today: CalendarDate;
  /** Evidence waiting that this board member may review (never what they uploaded themselves). */
  items: { evidenceId: string; fileName: string; action: ActionRef; submittedOn: CalendarDate }[];
}

export interface PackReadyData {
  pack: { id: string; title: string; audience: 'board' | 'scrutiny'; asOf: CalendarDate; formats: string[] };
}

export interface OverrideExpiringData {
  planId: string;
  today: CalendarDate;
  items: { action: ActionRef; colour: 'red' | 'amber' | 'green' | 'blue' | 'grey'; expiresOn: CalendarDate }[];
}

export interface ScrutinyPackPublishedData {
  committeeName: string;
  pack: { id: string; title: string; asOf: CalendarDate };
  meetingDate: CalendarDate | null;
}

/** The data each message kind's template takes. */
export interface MessageDataByKind {
  milestone_due_14d: DueReminderData;
  milestone_due_7d: DueReminderData;
  milestone_due_1d: DueReminderData;
  action_due_14d: DueReminderData;
  action_due_7d: DueReminderData;
  action_due_1d: DueReminderData;
  milestone_overdue: OverdueData;
  action_overdue: OverdueData;
  update_due: UpdateDueData;
  evidence_rejected: EvidenceRejectedData;
  owner_weekly_digest: OwnerWeeklyDigestData;
  evidence_review_digest: EvidenceReviewDigestData;
  pack_ready: PackReadyData;
  override_expiring: OverrideExpiringData;
  scrutiny_pack_published: ScrutinyPackPublishedData;
}

/** Everything a template needs besides its data. */
export interface MessageContext {
  /** The recipient's own name, for the greeting. */
  recipientName: string;
  organisationName: string;
  links: MessageLinks;
  /** Signed one-click unsubscribe link for this message's kind; null for mandatory kinds. */
  unsubscribeUrl: string | null;
}
