import { SmtpCatcher } from '../../src/notifications/mail/smtp-catcher';
import { SAMPLES } from '../../src/notifications/messages/message-samples.testing';
import type { OutboxSender } from '../../src/notifications/outbox/outbox-sender.service';
import { OutboxService, type OutboxRequest } from '../../src/notifications/outbox/outbox.service';
import { startOutboxSender, type StartedOutboxSender } from '../support/outbox-sender';
import { bearer, inPlan, TestApp, type TestOrganisation, type TestUser } from '../support/test-app';

const MINUTE = 60_000;

/**
 * "An SMTP server that refuses for an hour gets every message delivered after it recovers", with
 * the default retry settings (MAIL_MAX_ATTEMPTS 10, MAIL_RETRY_BASE_SECONDS 60). The real nodemailer
 * transport talks to a real SMTP server in this process that answers 451 to every recipient for 60
 * minutes; the clock is fixed and moved a minute at a time, the sender run each minute as the
 * every-minute delivery job runs it. Nothing is marked failed during the outage; after it every
 * message goes, once. A permanent refusal (550) afterwards fails at once and shows on the dashboard.
 */
describe('faults: the SMTP server refuses for an hour', () => {
  let catcher: SmtpCatcher;
  let t: TestApp;
  let org: TestOrganisation;
  let owners: TestUser[];
  let board: TestUser;
  let sender: OutboxSender;
  let started: StartedOutboxSender;
  let sequence = 0;

  beforeAll(async () => {
    catcher = await SmtpCatcher.start();
    // No MAIL_MAX_ATTEMPTS / MAIL_RETRY_BASE_SECONDS: the defaults are what is under test.
    t = await TestApp.start({ now: '2026-11-25T08:00:00Z', env: { ...catcher.env(), PUBLIC_BASE_URL: 'https://tracker.example.gov.uk' } });
    expect([t.config.MAIL_MAX_ATTEMPTS, t.config.MAIL_RETRY_BASE_SECONDS]).toEqual([10, 60]);
    org = await t.createOrganisation('Wirral Council (test)');
    owners = [await t.createUser(org, 'owner'), await t.createUser(org, 'owner'), await t.createUser(org, 'owner')];
    board = await t.createUser(org, 'board');
    started = await startOutboxSender(t);
    sender = started.sender;
  });

  afterAll(async () => {
    await started?.close();
    await t?.close();
    await catcher?.stop();
  });

  function write(n: number, recipients: TestUser[]) {
    const requests: OutboxRequest[] = Array.from({ length: n }, (_, i) => ({
      organisationId: org.id,
      planId: org.planId,
      recipientId: recipients[i % recipients.length].id,
      kind: 'action_due_7d',
      subjectRef: `outage:${++sequence}`,
      period: '2026-12-02',
      data: SAMPLES.action_due_7d,
    }));
    return t.dataSource.transaction((manager) => t.app.get(OutboxService).enqueueMany(manager, requests));
  }

  async function rows(): Promise<{ id: string; state: string; attempts: number; message_id: string | null; last_error: string | null }[]> {
    return t.dataSource.query('SELECT id, state, attempts, message_id, last_error FROM outbox_message ORDER BY created_at, id');
  }

  const emailFailures = async () => (await t.http().get(inPlan(board.planId, 'dashboard')).set(bearer(board)).expect(200)).body.emailFailures as number;

  it('every message is delivered once after an hour of 451, none marked failed; a later 550 shows on the dashboard', async () => {
    const start = t.clock.now().getTime();
    const at = (minute: number) => t.clock.set(new Date(start + minute * MINUTE));
    catcher.refuse(451);
    const triedAt = new Map<number, number>(); // minute -> messages tried
    let sentAt: number[] = [];

    for (let minute = 0; minute <= 75; minute++) {
      at(minute);
      if (minute === 0) expect((await write(12, owners)).written).toBe(12);
      if (minute === 30) expect((await write(8, owners)).written).toBe(8); // written during the outage
      if (minute === 60) catcher.accept(); // the server recovers
      const run = await sender.deliverDue();
      expect(run.failed).toBe(0);
      if (run.claimed > 0) triedAt.set(minute, run.claimed);
      if (run.sent > 0) sentAt = [...sentAt, ...Array<number>(run.sent).fill(minute)];
      if (minute === 59) {
        // The last minute of the outage: nothing delivered, nothing given up, the dashboard shows no failure.
        const during = await rows();
        expect(during.every((r) => r.state === 'pending' && /^EENVELOPE 451 at RCPT TO/.test(r.last_error ?? ''))).toBe(true);
        expect(catcher.accepted).toBe(0);
        expect(await emailFailures()).toBe(0);
      }
    }

    // Back-off: the first batch tried at 0, 1, 3, 7, 15, 31 and 63 minutes; the second at 30, 31, 33, 37, 45 and 61.
    expect([...triedAt]).toEqual([
      [0, 12],
      [1, 12],
      [3, 12],
      [7, 12],
      [15, 12],
      [30, 8],
      [31, 20],
      [33, 8],
      [37, 8],
      [45, 8],
      [61, 8],
      [63, 12],
    ]);
    expect(catcher.refused).toBe(12 * 6 + 8 * 5);
    expect(sentAt).toEqual([...Array<number>(8).fill(61), ...Array<number>(12).fill(63)]);

    // Every message once, by Message-ID; all sent; nothing failed.
    const stored = await rows();
    expect(stored).toHaveLength(20);
    expect(stored.every((r) => r.state === 'sent' && r.last_error === null)).toBe(true);
    expect(catcher.accepted).toBe(20);
    expect(catcher.messages.map((m) => m.messageId).sort()).toEqual(stored.map((r) => r.message_id).sort());
    expect(new Set(catcher.messages.map((m) => m.messageId)).size).toBe(20);
    expect(owners.map((o) => catcher.to(o.email).length)).toEqual([4 + 3, 4 + 3, 4 + 2]); // round robin over the two batches
    expect(await sender.deliverDue()).toMatchObject({ claimed: 0 });

    // A permanent refusal (no such mailbox) is not retried for hours: it fails at once and the board sees it.
    catcher.refuse(550, 1, 'No such user here');
    await write(1, [board]);
    expect(await sender.deliverDue()).toMatchObject({ claimed: 1, failed: 1, retried: 0 });
    expect((await rows()).filter((r) => r.state === 'failed')).toEqual([expect.objectContaining({ attempts: 1, last_error: expect.stringMatching(/550 at RCPT TO: .*No such user here/) })]);
    expect(await emailFailures()).toBe(1);
    expect(catcher.accepted).toBe(20);
  });
});
