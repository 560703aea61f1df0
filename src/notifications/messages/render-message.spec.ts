import { MESSAGE_KINDS, MESSAGE_KIND_NOTIFICATION, NOTIFICATION_KIND_RULES, type MessageKind } from '../notification-kinds';
import { cleanSubject, escapeHtml } from './message-document';
import type { MessageContext, MessageDataByKind } from './message-data';
import { MessageLinks } from './message-links';
import { SAMPLE_ACTION, SAMPLE_MILESTONE, SAMPLE_PLAN_ID, SAMPLES } from './message-samples.testing';
import { renderMessage } from './render-message';

const BASE = 'https://tracker.example.gov.uk';
const UNSUBSCRIBE = `${BASE}/notifications/unsubscribe?token=v1.abc`;
const ctx: MessageContext = {
  recipientName: 'Priya Natarajan',
  organisationName: 'Warrington Borough Council',
  links: new MessageLinks(BASE),
  unsubscribeUrl: UNSUBSCRIBE,
};

const action = SAMPLE_ACTION;
const milestone = SAMPLE_MILESTONE;

const render = <K extends MessageKind>(kind: K, data: MessageDataByKind[K] = SAMPLES[kind], context = ctx) => renderMessage(kind, data, context);
const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

describe('message templates', () => {
  describe.each(MESSAGE_KINDS.map((k) => [k]))('%s', (kind) => {
    const message = render(kind);

    it('has a one-line subject and a plain-text part that starts with the heading', () => {
      expect(message.subject).toBe(cleanSubject(message.subject));
      expect(message.subject.length).toBeGreaterThan(10);
      expect(message.text).toMatch(/^[^\n]+\n=+\n\nDear Priya Natarajan,\n/);
    });

    it('is simple, accessible HTML: language, title, one h1, a main landmark, no scripts, images or external styles', () => {
      const { html } = message;
      expect(html.startsWith('<!DOCTYPE html><html lang="en-GB">')).toBe(true);
      expect(html).toContain(`<title>${escapeHtml(message.subject)}</title>`);
      expect(html.match(/<h1[ >]/g)).toHaveLength(1);
      expect(html.match(/<main[ >]/g)).toHaveLength(1);
      expect(html.match(/<footer[ >]/g)).toHaveLength(1);
      expect(html).not.toMatch(/<(script|img|link|style|iframe|form)\b/i);
      expect(html).not.toMatch(/ class=/);
    });

    it('links only to the service, with the preferences page and, unless mandatory, a one-click unsubscribe in the footer', () => {
      const links = hrefs(message.html);
      expect(links.every((l) => l.startsWith(`${BASE}/`))).toBe(true);
      expect(links).toContain(`${BASE}/account/email-preferences`);
      const notificationKind = MESSAGE_KIND_NOTIFICATION[kind];
      const mandatory = notificationKind !== null && NOTIFICATION_KIND_RULES[notificationKind].mandatory;
      expect(links.includes(UNSUBSCRIBE)).toBe(!mandatory);
      expect(message.text.includes(UNSUBSCRIBE)).toBe(!mandatory);
      const footer = message.html.slice(message.html.indexOf('<footer'));
      expect(footer).toMatch(/You get this e-mail because/);
      if (mandatory) expect(footer).toMatch(/cannot be switched off/);
    });

    it('writes dates the way people do ("23 November 2026"), never as ISO dates', () => {
      expect(`${message.subject}\n${message.text}`).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
      expect(message.html.replace(/href="[^"]*"/g, '')).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    });

    it('says the same in text and HTML: every link of the HTML is in the text', () => {
      for (const link of hrefs(message.html)) expect(message.text).toContain(link);
    });
  });

  it('escapes everything it is given in the HTML part', () => {
    const hostile = `<script>alert("x")</script> & 'Smith' <b>`;
    const message = render('evidence_rejected', {
      ...SAMPLES.evidence_rejected,
      action: { ...action, title: hostile, reference: '<A1>' },
      evidence: { id: 'e1', fileName: `"><img src=x onerror=alert(1)>.pdf` },
      reviewerRole: hostile,
      comment: hostile,
    });
    expect(message.html).not.toMatch(/<script|<img|<b>|onerror=alert\(1\)>/);
    expect(message.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Smith&#39; &lt;b&gt;');
    expect(message.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.pdf');
    // The plain-text part is the words as given.
    expect(message.text).toContain(hostile);
  });

  it('escapes link addresses too, and refuses anything but http(s) links', () => {
    const odd = { ...ctx, links: new MessageLinks('https://tracker.example.gov.uk/a"b') };
    expect(render('pack_ready', SAMPLES.pack_ready, odd).html).toContain('href="https://tracker.example.gov.uk/a&quot;b/packs/');
    expect(() => render('pack_ready', SAMPLES.pack_ready, { ...ctx, unsubscribeUrl: 'javascript:alert(1)' })).toThrow(/javascript/);
  });

  it('keeps a subject on one line, cutting a very long title', () => {
    const message = render('action_due_7d', { action: { ...action, title: `Line one\r\nBcc: someone@example.com ${'x'.repeat(400)}` }, dueDate: '2026-11-30' });
    expect(message.subject).not.toMatch(/[\r\n]/);
    expect(message.subject.length).toBeLessThanOrEqual(250);
    expect(message.subject).toMatch(/^Due in 7 days: action A1\.4 Line one Bcc: someone@example\.com x+…$/);
  });

  describe('owner messages', () => {
    it('milestone due in 7 days (golden text)', () => {
      const message = render('milestone_due_7d');
      expect(message.subject).toBe('Due in 7 days: milestone ‘Audit fieldwork complete’ (action A1.4)');
      expect(message.text).toBe(
        [
          'Milestone due in 7 days',
          '=======================',
          '',
          'Dear Priya Natarajan,',
          '',
          'The milestone ‘Audit fieldwork complete’ of action A1.4 is due on 30 November 2026.',
          '',
          'Action: A1.4 Review the safeguarding pathway end to end',
          'Milestone: Audit fieldwork complete',
          'Due: 30 November 2026',
          '',
          'If it is done, mark the milestone complete and upload the evidence. If it will slip, say why in a progress update.',
          '',
          'Open action A1.4:',
          `${BASE}/actions/${action.id}#milestone-${milestone.id}`,
          '',
          '-- ',
          '',
          'You get this e-mail because you own actions in the improvement plan of Warrington Borough Council.',
          `Stop e-mails about reminders 14, 7 and 1 days before a due date with one click: ${UNSUBSCRIBE}`,
          `Choose which e-mails you get: ${BASE}/account/email-preferences`,
          '',
        ].join('\n'),
      );
      expect(message.html).toContain('<h1 style="');
      expect(message.html).toMatch(/<h1[^>]*>Milestone due in 7 days<\/h1>/);
      expect(message.html).toMatch(/<th scope="row"[^>]*>Due<\/th><td[^>]*>30 November 2026<\/td>/);
    });

    it.each([
      ['milestone_due_14d', 'Due in 14 days: milestone ‘Audit fieldwork complete’ (action A1.4)', 'Milestone due in 14 days'],
      ['milestone_due_1d', 'Due tomorrow: milestone ‘Audit fieldwork complete’ (action A1.4)', 'Milestone due tomorrow'],
      ['action_due_14d', 'Due in 14 days: action A1.4 Review the safeguarding pathway end to end', 'Action due in 14 days'],
      ['action_due_1d', 'Due tomorrow: action A1.4 Review the safeguarding pathway end to end', 'Action due tomorrow'],
    ] as const)('%s: "%s"', (kind, subject, heading) => {
      const message = render(kind);
      expect(message.subject).toBe(subject);
      expect(message.text.split('\n')[0]).toBe(heading);
    });

    it('a catch-up (the scan missed the day) says the days really left', () => {
      expect(render('milestone_due_7d', { ...SAMPLES.milestone_due_7d, daysLeft: 6 }).subject).toBe('Due in 6 days: milestone ‘Audit fieldwork complete’ (action A1.4)');
      expect(render('action_due_1d', { ...SAMPLES.action_due_1d, daysLeft: 0 }).text.split('\n')[0]).toBe('Action due today');
    });

    it('a milestone reminder needs its milestone', () => {
      expect(() => render('milestone_due_7d', { action, dueDate: '2026-11-30' })).toThrow(/milestone/);
    });

    it('overdue: the first message, then weekly reminders that say how long', () => {
      const first = render('milestone_overdue');
      expect(first.subject).toBe('Overdue: milestone ‘Audit fieldwork complete’ (action A1.4), due 22 November 2026');
      expect(first.text).toContain('is overdue by 1 day.');
      expect(first.text).not.toContain('once a week');
      const weekly = render('action_overdue');
      expect(weekly.subject).toBe('Still overdue (21 days): action A1.4 Review the safeguarding pathway end to end');
      expect(weekly.text.split('\n')[0]).toBe('Action still overdue');
      expect(weekly.text).toContain('We will remind you once a week until it is resolved.');
    });

    it('update due: names the meeting, the papers deadline and each action with its last update', () => {
      const message = render('update_due');
      expect(message.subject).toBe('Progress update due by 4 December 2026 for the Improvement Board on 11 December 2026');
      expect(message.text).toContain('The Improvement Board meets on 11 December 2026. Please add a progress update by 4 December 2026 (the papers deadline) to these 2 actions, which have no update since the last meeting on 13 November 2026:');
      expect(message.text).toContain(`- A1.4 Review the safeguarding pathway end to end (${BASE}/actions/${action.id}) (last update 2 October 2026)`);
      expect(message.text).toContain('(no update yet)');
      expect(message.html.match(/<li /g)).toHaveLength(2);
      expect(hrefs(message.html)).toContain(`${BASE}/plans/${SAMPLE_PLAN_ID}/my-actions`);
    });

    it('evidence rejected: the reviewer by role with their comment quoted, and no way to switch it off', () => {
      const message = render('evidence_rejected', SAMPLES.evidence_rejected, { ...ctx, unsubscribeUrl: null });
      expect(message.subject).toBe('Evidence not accepted: ‘audit-tool-v2.xlsx’ on action A1.4');
      expect(message.text).toContain('Reviewed by: Head of Quality Assurance');
      expect(message.text).toContain("The reviewer's comment:\n> The audit tool does not cover section 42 enquiries.\n> Please add them and re-upload.");
      expect(message.html).toMatch(/<blockquote[^>]*>The audit tool does not cover section 42 enquiries\.<br>Please add them and re-upload\.<\/blockquote>/);
      expect(message.text).toContain('cannot be switched off');
      // The action's page, at the item: the review page (/evidence/:id) is the board's, an owner gets 403 there.
      const { action, evidence } = SAMPLES.evidence_rejected;
      expect(hrefs(message.html)).toContain(`${BASE}/actions/${action.id}#evidence-${evidence.id}`);
      expect(hrefs(message.html)).not.toContain(`${BASE}/evidence/${evidence.id}`);
    });

    it('weekly digest: sections for overdue, due soon and updates, each item linked', () => {
      const message = render('owner_weekly_digest');
      expect(message.subject).toBe('Your improvement actions, week of 23 November 2026: 1 overdue, 1 due soon, 1 update due');
      expect(message.html.match(/<h2[ >]/g)).toHaveLength(3);
      expect(message.text).toContain('Overdue\n-------\n\n- Milestone ‘Audit fieldwork complete’ of A1.4');
      expect(message.text).toContain(': was due 16 November 2026, overdue by 7 days');
      expect(message.text).toContain(': due 30 November 2026 (in 7 days)');
      expect(message.text).toContain('Stop this weekly digest (and the reminders it collects) with one click');
      const empty = render('owner_weekly_digest', { ...SAMPLES.owner_weekly_digest, overdue: [], dueSoon: [], updateDue: null });
      expect(empty.subject).toBe('Your improvement actions, week of 23 November 2026: nothing due');
      expect(empty.html).not.toMatch(/<h2[ >]/);
    });
  });

  describe('board and scrutiny messages', () => {
    it('evidence review digest: oldest first, with days waiting, and never who uploaded it', () => {
      const message = render('evidence_review_digest');
      expect(message.subject).toBe('2 pieces of evidence waiting for review (23 November 2026)');
      const text = message.text;
      expect(text.indexOf('board-minutes.pdf')).toBeLessThan(text.indexOf('training-records.csv'));
      expect(text).toContain('submitted 10 November 2026, waiting 13 days');
      expect(text).toContain('Evidence you uploaded yourself is not listed');
      expect(hrefs(message.html)).toContain(`${BASE}/plans/${SAMPLE_PLAN_ID}/evidence-review`);
    });

    it('pack ready: a scrutiny pack is to check and publish, a board pack to read', () => {
      const scrutiny = render('pack_ready');
      expect(scrutiny.subject).toBe('Scrutiny pack for 30 November 2026 is ready');
      expect(scrutiny.text).toContain('Formats: PDF, Word, Excel');
      expect(scrutiny.text).toContain('Check and publish the pack:');
      const board = render('pack_ready', { pack: { ...SAMPLES.pack_ready.pack, audience: 'board' } });
      expect(board.subject).toBe('Board pack for 30 November 2026 is ready');
      expect(board.text).toContain('Open the pack:');
    });

    it('overrides expiring: soonest first, colour in words, relative days', () => {
      const message = render('override_expiring');
      expect(message.subject).toBe('2 RAG overrides expire soon');
      expect(message.text.indexOf('A2.2')).toBeLessThan(message.text.indexOf('A1.4 Review'));
      expect(message.text).toContain('overridden to Green, expires 24 November 2026 (tomorrow)');
      expect(message.text).toContain('overridden to Amber, expires 26 November 2026 (in 3 days)');
      const one = render('override_expiring', { ...SAMPLES.override_expiring, items: SAMPLES.override_expiring.items.slice(0, 1) });
      expect(one.subject).toBe('RAG override on action A1.4 expires in 3 days');
    });

    it('scrutiny pack published: the committee, the meeting and the reporting date, no plan detail', () => {
      const message = render('scrutiny_pack_published');
      expect(message.subject).toBe('Scrutiny pack published: Adult social care improvement plan: progress report');
      expect(message.text).toContain('published for the Protecting the Most Vulnerable Committee, for the meeting on 15 December 2026');
      expect(message.text).toContain('You get this e-mail because you are a member of the Protecting the Most Vulnerable Committee at Warrington Borough Council.');
      expect(message.text).not.toContain('A1.4');
    });

    it('lists need something to list', () => {
      expect(() => render('evidence_review_digest', { planId: SAMPLE_PLAN_ID, today: '2026-11-23', items: [] })).toThrow();
      expect(() => render('override_expiring', { planId: SAMPLE_PLAN_ID, today: '2026-11-23', items: [] })).toThrow();
      expect(() => render('update_due', { ...SAMPLES.update_due, actions: [] })).toThrow();
    });
  });

  it('renders the same bytes for the same input', () => {
    expect(render('owner_weekly_digest')).toEqual(render('owner_weekly_digest'));
  });
});
