import type { NotificationAudience, NotificationKind, NotificationMode, UnsubscribeScope } from '../notification-kinds';

/** One kind of e-mail as the preferences page shows it. */
export class NotificationPreferenceDto {
  kind: NotificationKind;
  /** e.g. "reminders 14, 7 and 1 days before a due date" */
  label: string;
  audience: NotificationAudience;
  mode: NotificationMode;
  /** The modes the person may choose. */
  modes: NotificationMode[];
  mandatory: boolean;
}

export class UnsubscribeResultDto {
  scope: UnsubscribeScope;
  /** The kinds switched off by this click (empty when they already were). */
  switchedOff: NotificationKind[];
}
