import {
  MESSAGE_KIND_NOTIFICATION,
  NOTIFICATION_KIND_RULES,
  NOTIFICATION_KINDS,
  type MessageKind,
  type NotificationKind,
  type NotificationMode,
  type UnsubscribeScope,
} from '../notification-kinds';

/** The modes a person has stored, by kind (kinds never chosen are absent and take the default). */
export type StoredModes = Partial<Record<NotificationKind, NotificationMode>>;

/** What happens to one message for this recipient. */
export type DeliveryDecision = 'send' | 'defer_to_digest' | 'suppressed_off';

/** The mode in force: the stored choice when the kind allows it, else the kind's default. */
export function effectiveMode(kind: NotificationKind, stored: StoredModes): NotificationMode {
  const rule = NOTIFICATION_KIND_RULES[kind];
  const chosen = stored[kind];
  return chosen !== undefined && rule.modes.includes(chosen) ? chosen : rule.defaultMode;
}

/** Every kind with its mode in force: what the preferences page shows. */
export function effectiveModes(stored: StoredModes): Record<NotificationKind, NotificationMode> {
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, effectiveMode(k, stored)])) as Record<NotificationKind, NotificationMode>;
}

/** Why a person may not choose this mode for this kind, in words; null when they may. */
export function modeChoiceProblem(kind: NotificationKind, mode: NotificationMode): string | null {
  const rule = NOTIFICATION_KIND_RULES[kind];
  if (rule.modes.includes(mode)) return null;
  if (mode === 'off' && rule.mandatory) return `e-mails about ${rule.label} cannot be switched off`;
  return `e-mails about ${rule.label} can be ${rule.modes.map((m) => m.replace('_', ' ')).join(' or ')}, not ${mode.replace('_', ' ')}`;
}

/** The kinds this person receives in the owner's weekly digest. */
export function digestKinds(stored: StoredModes): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((k) => effectiveMode(k, stored) === 'weekly_digest');
}

/**
 * Whether a message of this kind goes out on its own. A kind on 'weekly_digest' is left to the
 * owner's weekly digest (the digest scan lists it), and the digest itself goes only to people who
 * have at least one kind on digest.
 */
export function deliveryDecision(kind: MessageKind, stored: StoredModes): DeliveryDecision {
  const notificationKind = MESSAGE_KIND_NOTIFICATION[kind];
  if (notificationKind === null) return digestKinds(stored).length > 0 ? 'send' : 'suppressed_off';
  switch (effectiveMode(notificationKind, stored)) {
    case 'immediate':
      return 'send';
    case 'weekly_digest':
      return 'defer_to_digest';
    case 'off':
      return 'suppressed_off';
  }
}

export interface ModeChange {
  kind: NotificationKind;
  from: NotificationMode;
  to: NotificationMode;
}

/**
 * What a one-click unsubscribe changes: the named kind goes off; the 'weekly_digest' scope turns
 * off every kind the person had on digest. Mandatory kinds never change (none can be on digest).
 */
export function unsubscribeChanges(scope: UnsubscribeScope, stored: StoredModes): ModeChange[] {
  const kinds = scope === 'weekly_digest' ? digestKinds(stored) : [scope];
  return kinds
    .filter((kind) => NOTIFICATION_KIND_RULES[kind].modes.includes('off'))
    .map((kind) => ({ kind, from: effectiveMode(kind, stored), to: 'off' as const }))
    .filter((c) => c.from !== c.to);
}
