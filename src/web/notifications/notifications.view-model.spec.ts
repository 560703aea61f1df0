import type { NotificationPreferenceDto } from '../../notifications/dto/notification-preference.dto';
import type { OutboxPageDto } from '../../notifications/dto/outbox-message.dto';
import { NOTIFICATION_KIND_RULES, NOTIFICATION_KINDS } from '../../notifications/notification-kinds';
import { audiencesOf, emailPreferencesPage, messagesSentPage, preferenceChanges, unsubscribePage } from './notifications.view-model';

const PREFERENCES: NotificationPreferenceDto[] = NOTIFICATION_KINDS.map((kind) => {
  const rule = NOTIFICATION_KIND_RULES[kind];
  return { kind, label: rule.label, audience: rule.audience, mode: kind === 'overdue' ? 'weekly_digest' : rule.defaultMode, modes: [...rule.modes], mandatory: rule.mandatory };
});

describe('e-mail page view models', () => {
  it('shows the kinds of the audiences the user belongs to; mandatory kinds fixed, without radios', () => {
    const vm = emailPreferencesPage(PREFERENCES, ['owner']);
    expect(vm.groups.map((g) => g.heading)).toEqual(['As an action owner']);
    const fields = vm.groups[0].fields;
    expect(fields.map((f) => f.kind)).toEqual(['due_reminder', 'overdue', 'update_due', 'evidence_rejected']);
    expect(fields.find((f) => f.kind === 'overdue')?.items.filter((i) => i.checked).map((i) => i.value)).toEqual(['weekly_digest']);
    const rejected = fields.find((f) => f.kind === 'evidence_rejected');
    expect(rejected).toMatchObject({ mandatory: true, items: [] });
    expect(rejected?.fixedText).toContain('cannot be switched off');
    expect(emailPreferencesPage(PREFERENCES, audiencesOf(['board', 'scrutiny'], false)).groups.map((g) => g.heading)).toEqual(['As an improvement board member', 'As a scrutiny committee member']);
    expect(audiencesOf([null], true)).toEqual(['owner', 'board', 'scrutiny']);
  });

  it('turns a submitted form into changes, ignoring mandatory and other audiences\' kinds, and names a bad field', () => {
    const result = preferenceChanges(PREFERENCES, ['owner'], { 'mode-due_reminder': 'off', 'mode-overdue': 'weekly_digest', 'mode-update_due': 'monthly', 'mode-evidence_rejected': 'off', 'mode-pack_ready': 'off' });
    expect(result.changes).toEqual([{ kind: 'due_reminder', mode: 'off' }]);
    expect(result.errors).toEqual([{ field: 'mode-update_due', text: 'Select how you want requests for a progress update before a board meeting', href: '#mode-update_due' }]);
    const page = emailPreferencesPage(PREFERENCES, ['owner'], result.errors, result.submitted);
    expect(page.groups[0].fields.find((f) => f.kind === 'update_due')?.errorMessage).toEqual({ text: 'Select how you want requests for a progress update before a board meeting' });
    expect(page.groups[0].fields.find((f) => f.kind === 'due_reminder')?.items.find((i) => i.checked)?.value).toBe('off');
  });

  it('unsubscribe: confirm with the token in the form, then says what was switched off', () => {
    expect(unsubscribePage('confirm', 'v1.x')).toMatchObject({ state: 'confirm', token: 'v1.x', action: '/notifications/unsubscribe' });
    expect(unsubscribePage('done', 'v1.x', { scope: 'overdue', switchedOff: ['overdue'] }).paragraphs[0]).toBe('You will no longer get e-mails about reminders when a milestone or action is overdue.');
    expect(unsubscribePage('done', 'v1.x', { scope: 'weekly_digest', switchedOff: [] }).paragraphs[0]).toBe('You were already unsubscribed from e-mails about your weekly summary e-mail.');
  });

  it('messages sent: rows with the state as a tag word, escaped, London times, and pagination keeping the filters', () => {
    const page: OutboxPageDto = {
      page: 2,
      pageSize: 1,
      total: 3,
      items: [
        {
          id: 'm1',
          kind: 'evidence_rejected',
          recipientId: 'u1',
          recipientName: 'Owner <One>',
          recipientAddress: 'one@example.gov.uk',
          subject: 'Evidence not accepted',
          period: 'rejected',
          state: 'failed',
          attempts: 10,
          lastError: '550 <no such user>',
          skipReason: null,
          createdAt: '2026-07-01T08:30:00.000Z',
          sentAt: null,
          nextAttemptAt: '2026-07-01T08:30:00.000Z',
        },
      ],
    };
    const vm = messagesSentPage({ id: 'p1', title: 'Plan' }, 'board', page, { state: 'failed', kind: undefined });
    expect(vm.summary).toBe('Showing 2 to 2 of 3 messages');
    expect(vm.rows[0][0]).toEqual({ text: '1 July 2026, 09:30' });
    expect(vm.rows[0][1]).toEqual({ html: 'Owner &#60;One&#62;<br><span class="govuk-body-s">one@example.gov.uk</span>' });
    expect(JSON.stringify(vm.rows[0][4])).toContain('Failed');
    expect(JSON.stringify(vm.rows[0][4])).toContain('550 &#60;no such user&#62;');
    expect(vm.pagination).toEqual({ previous: { href: '/plans/p1/notifications?state=failed&page=1' }, next: { href: '/plans/p1/notifications?state=failed&page=3' } });
    expect(vm.planNav.items.find((i) => i.current)?.text).toBe('Messages sent');
    expect(vm.stateItems.find((i) => i.selected)?.value).toBe('failed');
  });
});
