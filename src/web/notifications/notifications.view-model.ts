import type { Role } from '../../common/request-context/request-context';
import { formatLongDate } from '../../common/dates/calendar-date';
import type { NotificationPreferenceDto, UnsubscribeResultDto } from '../../notifications/dto/notification-preference.dto';
import type { OutboxPageDto, OutboxQueryDto } from '../../notifications/dto/outbox-message.dto';
import { OUTBOX_STATES, type OutboxState } from '../../notifications/entities/outbox-message.entity';
import { MESSAGE_KINDS, NOTIFICATION_KIND_RULES, type MessageKind, type NotificationAudience, type NotificationKind, type NotificationMode } from '../../notifications/notification-kinds';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { planNavigation, type PlanNavigation } from '../common/view/plan-navigation';
import { planPaths, WEB_PATHS } from '../common/web-paths';

/** Pure view models of the e-mail pages: service DTOs in, template context out. */

const MODE_WORDS: Record<NotificationMode, string> = { immediate: 'Send each e-mail as it happens', weekly_digest: 'One summary e-mail a week (Mondays)', off: 'Do not send' };
const AUDIENCE_WORDS: Record<NotificationAudience, string> = {
  owner: 'As an action owner',
  board: 'As an improvement board member',
  scrutiny: 'As a scrutiny committee member',
};

interface RadioItem {
  value: string;
  text: string;
  checked: boolean;
}

export interface PreferenceFieldView {
  kind: NotificationKind;
  /** The form field: `mode-<kind>`. */
  name: string;
  legend: string;
  mandatory: boolean;
  /** Mandatory kinds: the fixed words shown instead of radios. */
  fixedText: string | null;
  items: RadioItem[];
  errorMessage: { text: string } | false;
}

export interface EmailPreferencesViewModel {
  pageTitle: string;
  activeNav: 'account';
  backLink: string;
  errors: FormErrors;
  groups: { heading: string; fields: PreferenceFieldView[] }[];
}

export const modeField = (kind: NotificationKind) => `mode-${kind}`;

/**
 * "Email preferences": every kind for the audiences the user belongs to (owners see owner kinds, and
 * so on; an admin sees all), with radios of the modes the kind allows. Mandatory kinds are shown,
 * with why they cannot be changed, but have no radios. `submitted` keeps a rejected form's choices.
 */
export function emailPreferencesPage(
  preferences: NotificationPreferenceDto[],
  audiences: readonly NotificationAudience[],
  errors: FormErrors = [],
  submitted: Partial<Record<NotificationKind, string>> = {},
): EmailPreferencesViewModel {
  const groups = (['owner', 'board', 'scrutiny'] as const)
    .filter((a) => audiences.includes(a))
    .map((audience) => ({
      heading: AUDIENCE_WORDS[audience],
      fields: preferences
        .filter((p) => p.audience === audience)
        .map((p): PreferenceFieldView => {
          const chosen = submitted[p.kind] ?? p.mode;
          const error = errors.find((e) => e.field === modeField(p.kind));
          return {
            kind: p.kind,
            name: modeField(p.kind),
            legend: capitalise(p.label),
            mandatory: p.mandatory,
            fixedText: p.mandatory ? 'Always sent as it happens: you need these to act before the board meets, so they cannot be switched off.' : null,
            items: p.mandatory ? [] : p.modes.map((m) => ({ value: m, text: MODE_WORDS[m], checked: m === chosen })),
            errorMessage: error ? { text: error.text } : false,
          };
        }),
    }))
    .filter((g) => g.fields.length > 0);
  return { pageTitle: 'Email preferences', activeNav: 'account', backLink: WEB_PATHS.account, errors, groups };
}

/** The audiences a user's roles make them one of (an organisation admin may hold none: shown all). */
export function audiencesOf(roles: readonly (Role | null)[], isAdmin: boolean): NotificationAudience[] {
  if (isAdmin) return ['owner', 'board', 'scrutiny'];
  const set = new Set<NotificationAudience>();
  for (const r of roles) if (r === 'owner' || r === 'board' || r === 'scrutiny') set.add(r);
  return [...set];
}

/** The changes a submitted form asks for, and a message per field with a value the kind does not allow. */
export function preferenceChanges(
  preferences: NotificationPreferenceDto[],
  audiences: readonly NotificationAudience[],
  body: Partial<Record<string, string>>,
): { changes: { kind: NotificationKind; mode: NotificationMode }[]; errors: FieldError[]; submitted: Partial<Record<NotificationKind, string>> } {
  const changes: { kind: NotificationKind; mode: NotificationMode }[] = [];
  const errors: FieldError[] = [];
  const submitted: Partial<Record<NotificationKind, string>> = {};
  for (const p of preferences) {
    if (p.mandatory || !audiences.includes(p.audience)) continue;
    const value = body[modeField(p.kind)];
    if (value === undefined || value === '') continue;
    submitted[p.kind] = value;
    if (!(p.modes as string[]).includes(value)) {
      errors.push({ field: modeField(p.kind), text: `Select how you want ${p.label}`, href: `#${modeField(p.kind)}` });
      continue;
    }
    if (value !== p.mode) changes.push({ kind: p.kind, mode: value as NotificationMode });
  }
  return { changes, errors, submitted };
}

export interface UnsubscribeViewModel {
  pageTitle: string;
  state: 'confirm' | 'done' | 'invalid';
  token: string;
  action: string;
  heading: string;
  paragraphs: string[];
  preferencesHref: string;
}

/** The landing page of the link in an e-mail: confirm (GET), done (POST), or a link that does not work. */
export function unsubscribePage(state: 'confirm' | 'invalid', token: string, problem?: string): UnsubscribeViewModel;
export function unsubscribePage(state: 'done', token: string, result: UnsubscribeResultDto): UnsubscribeViewModel;
export function unsubscribePage(state: UnsubscribeViewModel['state'], token: string, detail?: string | UnsubscribeResultDto): UnsubscribeViewModel {
  const base = { token, action: WEB_PATHS.unsubscribe, preferencesHref: WEB_PATHS.emailPreferences };
  if (state === 'confirm') {
    return { ...base, state, pageTitle: 'Unsubscribe', heading: 'Unsubscribe from these e-mails', paragraphs: ['You will stop getting this kind of e-mail from the improvement tracker. E-mails you must act on, such as rejected evidence, still come.'] };
  }
  if (state === 'invalid') {
    return { ...base, state, pageTitle: 'Unsubscribe link not working', heading: 'This unsubscribe link does not work', paragraphs: [typeof detail === 'string' ? detail : 'The link is not valid.'] };
  }
  const result = detail as UnsubscribeResultDto;
  const what = result.scope === 'weekly_digest' ? 'your weekly summary e-mail' : NOTIFICATION_KIND_RULES[result.scope].label;
  return {
    ...base,
    state,
    pageTitle: 'You have unsubscribed',
    heading: 'You have unsubscribed',
    paragraphs: [result.switchedOff.length > 0 ? `You will no longer get e-mails about ${what}.` : `You were already unsubscribed from e-mails about ${what}.`, 'You can turn them back on from your e-mail preferences after signing in.'],
  };
}

const KIND_WORDS: Record<MessageKind, string> = {
  milestone_due_14d: 'Milestone due in 14 days',
  milestone_due_7d: 'Milestone due in 7 days',
  milestone_due_1d: 'Milestone due tomorrow',
  action_due_14d: 'Action due in 14 days',
  action_due_7d: 'Action due in 7 days',
  action_due_1d: 'Action due tomorrow',
  milestone_overdue: 'Milestone overdue',
  action_overdue: 'Action overdue',
  update_due: 'Progress update due',
  evidence_rejected: 'Evidence not accepted',
  owner_weekly_digest: 'Weekly summary',
  evidence_review_digest: 'Evidence waiting for review',
  pack_ready: 'Pack ready',
  override_expiring: 'Override expiring',
  scrutiny_pack_published: 'Scrutiny pack published',
};

/** Delivery states as GOV.UK tags: a colour class and always the word. */
const STATE_TAGS: Record<OutboxState, { text: string; classes: string }> = {
  pending: { text: 'Waiting', classes: 'govuk-tag--blue' },
  sending: { text: 'Sending', classes: 'govuk-tag--light-blue' },
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
  skipped: { text: 'Not sent', classes: 'govuk-tag--grey' },
};

export interface MessagesSentViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  action: string;
  filters: { kind: string; state: string; recipientId: string; from: string; to: string };
  kindItems: { value: string; text: string; selected: boolean }[];
  stateItems: { value: string; text: string; selected: boolean }[];
  head: { text: string }[];
  rows: ({ text: string } | { html: string })[][];
  total: number;
  summary: string;
  pagination: { previous: { href: string } | null; next: { href: string } | null };
  emptyText: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function londonDateTime(iso: string): string {
  const d = new Date(iso);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return `${formatLongDate(day)}, ${time}`;
}

/** "Messages sent" for the board: the plan's outbox, newest first, with filters (a GET form: works without JavaScript). */
export function messagesSentPage(plan: { id: string; title: string }, role: Role, page: OutboxPageDto, query: Partial<OutboxQueryDto>): MessagesSentViewModel {
  const filters = { kind: query.kind ?? '', state: query.state ?? '', recipientId: query.recipientId ?? '', from: query.from ?? '', to: query.to ?? '' };
  const base = planPaths(plan.id).notifications;
  const link = (p: number) => {
    const params = new URLSearchParams(Object.entries({ ...filters, page: String(p) }).filter(([, v]) => v !== ''));
    return `${base}?${params.toString()}`;
  };
  const pageNumber = page.page;
  const last = Math.max(1, Math.ceil(page.total / page.pageSize));
  return {
    pageTitle: 'Messages sent',
    planNav: planNavigation(plan, role, 'notifications'),
    action: base,
    filters,
    kindItems: [{ value: '', text: 'All kinds', selected: filters.kind === '' }, ...MESSAGE_KINDS.map((k) => ({ value: k, text: KIND_WORDS[k], selected: k === filters.kind }))],
    stateItems: [{ value: '', text: 'All states', selected: filters.state === '' }, ...OUTBOX_STATES.map((s) => ({ value: s, text: STATE_TAGS[s].text, selected: s === filters.state }))],
    head: [{ text: 'Written' }, { text: 'To' }, { text: 'Kind' }, { text: 'Subject' }, { text: 'Delivery' }],
    rows: page.items.map((m) => {
      const tag = STATE_TAGS[m.state];
      const detail = m.state === 'failed' && m.lastError ? `<br><span class="govuk-body-s">${escape(m.lastError)}</span>` : m.state === 'skipped' && m.skipReason ? `<br><span class="govuk-body-s">${m.skipReason === 'unsubscribed' ? 'switched off by the recipient' : 'recipient deactivated'}</span>` : '';
      return [
        { text: londonDateTime(m.createdAt) },
        { html: `${escape(m.recipientName)}<br><span class="govuk-body-s">${escape(m.recipientAddress)}</span>` },
        { text: KIND_WORDS[m.kind] },
        { text: m.subject },
        { html: `<strong class="govuk-tag ${tag.classes}">${tag.text}</strong>${m.sentAt ? `<br><span class="govuk-body-s">${escape(londonDateTime(m.sentAt))}</span>` : ''}${detail}` },
      ];
    }),
    total: page.total,
    summary: page.total === 0 ? 'No messages match.' : `Showing ${(pageNumber - 1) * page.pageSize + 1} to ${Math.min(page.total, pageNumber * page.pageSize)} of ${page.total} messages`,
    pagination: { previous: pageNumber > 1 ? { href: link(pageNumber - 1) } : null, next: pageNumber < last ? { href: link(pageNumber + 1) } : null },
    emptyText: 'No e-mails match these filters.',
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
