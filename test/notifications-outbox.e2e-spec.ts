import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import type { AuthUser } from '../src/common/request-context/request-context';
import { MAIL_TRANSPORT, type MailTransport } from '../src/notifications/mail/mail-transport';
import { SmtpCatcher } from '../src/notifications/mail/smtp-catcher';
import { SAMPLES } from '../src/notifications/messages/message-samples.testing';
import type { MessageKind } from '../src/notifications/notification-kinds';
import { LEASE_MS, type OutboxSender } from '../src/notifications/outbox/outbox-sender.service';
import { OutboxRepository } from '../src/notifications/outbox/outbox.repository';
import { OutboxService, type OutboxRequest } from '../src/notifications/outbox/outbox.service';
import { OutboxTrigger } from '../src/notifications/outbox/outbox-trigger.service';
import { PreferencesService } from '../src/notifications/preferences/preferences.service';
import { QUEUES } from '../src/queue/queues';
import { WorkerModule } from '../src/worker.module';
import { startOutboxSender } from './support/outbox-sender';
import { TestApp, type TestOrganisation, type TestUser } from './support/test-app';

/**
 * The outbox end to end on the real PostgreSQL, with the real nodemailer transport delivering to a
 * real SMTP server in this process. Each "sender" below is its own Nest context (its own database
 * pool and SMTP pool), as a worker replica would be. The clock is fixed and moved by hand, so
 * back-off and leases take no real time.
 */
describe('Notifications outbox (e2e)', () => {
  const BASE = 'https://tracker.example.gov.uk';
  let catcher: SmtpCatcher;
  let t: TestApp;
  let org: TestOrganisation;
  let owner: TestUser;
  let board: TestUser;
  let outbox: OutboxService;
  let senders: INestApplicationContext[] = [];
  let sequence = 0;

  beforeAll(async () => {
    catcher = await SmtpCatcher.start();
    t = await TestApp.start({
      env: { ...catcher.env(), PUBLIC_BASE_URL: BASE, MAIL_MAX_ATTEMPTS: '4', MAIL_RETRY_BASE_SECONDS: '60', UNSUBSCRIBE_SECRET: 'e2e-unsubscribe-secret-e2e-unsubscribe-secret' },
    });
    org = await t.createOrganisation('Warrington Borough Council (test)');
    owner = await t.createUser(org, 'owner');
    board = await t.createUser(org, 'board');
    outbox = t.app.get(OutboxService);
  });

  afterAll(async () => {
    for (const s of senders) await s.close();
    await t?.close();
    await catcher?.stop();
  });

  beforeEach(async () => {
    catcher.accept();
    catcher.clear();
    // Each test starts with an empty outbox and its own key space.
    await t.dataSource.query('DELETE FROM outbox_message');
  });

  /** A new sender process (worker replica): its own database pool and SMTP connections, the shared fixed clock. */
  async function startSender(): Promise<OutboxSender> {
    const started = await startOutboxSender(t);
    senders.push(started.context);
    return started.sender;
  }

  function request<K extends MessageKind>(kind: K, recipient: TestUser, subjectRef = `test:${++sequence}`, period = '2026-11-23'): OutboxRequest<K> {
    return { organisationId: org.id, recipientId: recipient.id, kind, subjectRef, period, data: SAMPLES[kind] };
  }

  function write(requests: OutboxRequest[]) {
    return t.dataSource.transaction((manager) => outbox.enqueueMany(manager, requests));
  }

  async function rows(): Promise<{ id: string; state: string; attempts: number; next_attempt_at: Date; last_error: string | null; skip_reason: string | null; message_id: string | null; smtp_response: string | null; subject: string; unsubscribe_url: string | null; sent_at: Date | null }[]> {
    return t.dataSource.query('SELECT * FROM outbox_message ORDER BY created_at, id');
  }

  function advance(ms: number): void {
    t.clock.set(new Date(t.clock.now().getTime() + ms));
  }

  const authUser = (u: TestUser): AuthUser => ({ id: u.id, organisationId: u.organisationId, role: u.role === 'admin' ? 'admin' : 'member', email: u.email, name: 'test', plans: {} });

  it('delivers each message over SMTP with a stable Message-ID, both parts, and marks it sent', async () => {
    const sender = await startSender();
    const summary = await write([request('milestone_due_7d', owner), request('evidence_rejected', owner), request('pack_ready', board)]);
    expect(summary).toMatchObject({ written: 3, duplicate: 0 });

    const run = await sender.deliverDue();
    expect(run).toMatchObject({ enabled: true, claimed: 3, sent: 3, retried: 0, failed: 0 });
    expect(catcher.accepted).toBe(3);

    const stored = await rows();
    expect(stored.every((r) => r.state === 'sent' && r.attempts === 1 && r.sent_at !== null && /^250/.test(r.smtp_response ?? ''))).toBe(true);
    for (const row of stored) {
      expect(row.message_id).toBe(`<outbox-${row.id}@tracker.example.gov.uk>`);
      const [got] = catcher.messages.filter((m) => m.messageId === row.message_id);
      expect(got.parsed?.subject).toBe(row.subject);
      expect(got.parsed?.text).toMatch(/^[^\n]+\n=+\n/);
      expect(got.parsed?.html).toMatch(/^<!DOCTYPE html><html lang="en-GB">/);
      expect(got.parsed?.attachments).toEqual([]);
      expect(got.parsed?.from?.value).toEqual([{ name: 'Improvement tracker', address: 'noreply@tracker.example.gov.uk' }]);
    }
    expect(catcher.to(owner.email)).toHaveLength(2);
    expect(catcher.to(board.email)).toHaveLength(1);

    // One-click unsubscribe header on optional kinds; none on the mandatory evidence rejection.
    const reminder = catcher.messages.find((m) => /Due in 7 days/.test(m.parsed?.subject ?? ''));
    const unfolded = (raw?: Buffer) => (raw ?? Buffer.alloc(0)).toString().replace(/\r\n[ \t]+/g, ' ');
    expect(unfolded(reminder?.raw)).toMatch(/List-Unsubscribe: <https:\/\/tracker\.example\.gov\.uk\/notifications\/unsubscribe\?token=v1\./);
    expect(unfolded(reminder?.raw)).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const rejected = catcher.messages.find((m) => /Evidence not accepted/.test(m.parsed?.subject ?? ''));
    expect(rejected?.raw.toString()).not.toContain('List-Unsubscribe');

    expect(await sender.deliverDue()).toMatchObject({ claimed: 0 });
    expect(await outbox.deliveryCounts(org.id)).toEqual({ pending: 0, sending: 0, sent: 3, failed: 0, skipped: 0 });
  });

  it('writes in the caller transaction: a rollback leaves nothing, and the same key twice gives one row and one e-mail', async () => {
    const sender = await startSender();
    await expect(
      t.dataSource.transaction(async (manager) => {
        await outbox.enqueue(manager, request('action_due_1d', owner, 'action:rolled-back'));
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await rows()).toHaveLength(0);

    const key = request('milestone_due_14d', owner, 'milestone:m1', '2026-12-07');
    expect((await write([key, key])).outcomes).toEqual(['written', 'duplicate']);
    expect((await write([key])).outcomes).toEqual(['duplicate']);
    await sender.deliverDue();
    // A re-run scan after the message went: still nothing new to send.
    expect((await write([key])).outcomes).toEqual(['duplicate']);
    await sender.deliverDue();
    expect(catcher.accepted).toBe(1);
    expect(await rows()).toHaveLength(1);
    // Another period of the same subject is another message (the due date moved).
    expect((await write([{ ...key, period: '2026-12-14' }])).outcomes).toEqual(['written']);
  });

  it('two senders racing over the same rows deliver each message exactly once', async () => {
    const [a, b] = [await startSender(), await startSender()];
    const requests = Array.from({ length: 160 }, (_, i) => request(i % 2 ? 'action_due_7d' : 'milestone_overdue', i % 3 ? owner : board, `race:${i}`));
    expect((await write(requests)).written).toBe(160);

    const runs = await Promise.all([a.deliverDue(), b.deliverDue(), a.deliverDue(), b.deliverDue()]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(160);
    expect(runs.reduce((n, r) => n + r.claimed, 0)).toBe(160);
    expect(runs.filter((r) => r.sent > 0).length).toBeGreaterThan(1); // both really took part
    expect(catcher.accepted).toBe(160);
    expect(new Set(catcher.messages.map((m) => m.messageId)).size).toBe(160);
    expect((await rows()).every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('a server refusing for a while (451) gets every message after it recovers, with back-off in between', async () => {
    const sender = await startSender();
    await write(Array.from({ length: 6 }, (_, i) => request('action_due_7d', owner, `refused:${i}`)));
    catcher.refuse(451);

    expect(await sender.deliverDue()).toMatchObject({ claimed: 6, retried: 6, sent: 0 });
    let stored = await rows();
    expect(stored.every((r) => r.state === 'pending' && r.attempts === 1 && /^EENVELOPE 451 at RCPT TO/.test(r.last_error ?? ''))).toBe(true);
    expect(stored[0].next_attempt_at.getTime() - t.clock.now().getTime()).toBe(60_000);
    // Not due yet: nothing is tried.
    expect(await sender.deliverDue()).toMatchObject({ claimed: 0 });

    advance(60_000);
    expect(await sender.deliverDue()).toMatchObject({ claimed: 6, retried: 6 });
    stored = await rows();
    expect(stored[0].next_attempt_at.getTime() - t.clock.now().getTime()).toBe(120_000); // doubled

    catcher.accept();
    advance(120_000);
    expect(await sender.deliverDue()).toMatchObject({ claimed: 6, sent: 6 });
    expect(catcher.accepted).toBe(6);
    expect((await rows()).every((r) => r.state === 'sent' && r.attempts === 3 && r.last_error === null)).toBe(true);
  });

  it('stays failed after the last attempt (counted for the dashboard), fails a 5xx recipient at once, and can be retried', async () => {
    const sender = await startSender();
    await write([request('action_due_7d', owner, 'always-refused')]);
    catcher.refuse(421);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await sender.deliverDue();
      advance(60 * 60_000);
    }
    expect((await rows())[0]).toMatchObject({ state: 'failed', attempts: 4 });
    expect(await sender.deliverDue()).toMatchObject({ claimed: 0 });

    catcher.refuse(550, 1, 'No such user here');
    await write([request('action_due_7d', board, 'no-such-user')]);
    expect(await sender.deliverDue()).toMatchObject({ claimed: 1, failed: 1 });
    const failed = (await rows()).find((r) => r.attempts === 1);
    expect(failed).toMatchObject({ state: 'failed', last_error: expect.stringMatching(/550 at RCPT TO: .*No such user here/) });
    expect(await outbox.deliveryCounts(org.id)).toMatchObject({ failed: 2, pending: 0, sent: 0 });

    catcher.accept();
    expect(await outbox.retryFailed(org.id)).toBe(2);
    expect(await sender.deliverDue()).toMatchObject({ sent: 2 });
    expect(await outbox.deliveryCounts(org.id)).toMatchObject({ failed: 0, sent: 2 });
  });

  it('a worker killed mid-send: its rows wait out the lease, then one other sender delivers them; the dead claim can no longer mark them', async () => {
    const sender = await startSender();
    await write([request('update_due', owner, 'meeting:1'), request('override_expiring', board, 'overrides:1')]);
    // The "killed" worker claimed both and died before sending.
    const repository = t.app.get(OutboxRepository);
    const now = t.clock.now();
    const dead = await repository.claimDue(now, 10, new Date(now.getTime() + LEASE_MS), '00000000-0000-4000-8000-00000000dead');
    expect(dead).toHaveLength(2);

    expect(await sender.deliverDue()).toMatchObject({ claimed: 0 }); // still leased
    advance(LEASE_MS - 1000);
    expect(await sender.deliverDue()).toMatchObject({ claimed: 0 });
    advance(2000);
    expect(await sender.deliverDue()).toMatchObject({ claimed: 2, sent: 2 });
    expect(catcher.accepted).toBe(2);
    expect((await rows()).map((r) => r.attempts)).toEqual([2, 2]);
    // The dead worker coming back to life cannot overwrite what the new claim did.
    expect(await repository.markSent('00000000-0000-4000-8000-00000000dead', [{ id: dead[0].id, sentAt: now, messageId: 'x', smtpResponse: 'x' }])).toEqual(new Set());
  });

  it('the remaining window: killed after the server accepted but before marking sent, the message goes once more after the lease, with the same Message-ID', async () => {
    const sender = await startSender();
    await write([request('evidence_rejected', owner, 'evidence:window')]);
    const repository = t.app.get(OutboxRepository);
    const now = t.clock.now();
    const [claimed] = await repository.claimDue(now, 10, new Date(now.getTime() + LEASE_MS), '00000000-0000-4000-8000-00000000dead');
    // The dead worker got as far as the SMTP server accepting the message.
    const transport = senders[senders.length - 1].get<MailTransport>(MAIL_TRANSPORT);
    await transport.send({
      from: t.config.MAIL_FROM ?? '',
      to: claimed.recipientAddress,
      subject: claimed.subject,
      text: claimed.bodyText,
      html: claimed.bodyHtml,
      messageId: sender.messageIdFor(claimed.id),
      date: t.clock.now(),
      headers: {},
    });
    advance(LEASE_MS + 1000);
    expect(await sender.deliverDue()).toMatchObject({ sent: 1 });
    expect(catcher.accepted).toBe(2);
    expect(new Set(catcher.messages.map((m) => m.messageId))).toEqual(new Set([`<outbox-${claimed.id}@tracker.example.gov.uk>`]));
  });

  it('a deactivated user receives nothing: not written, and skipped if already waiting', async () => {
    const sender = await startSender();
    const leaver = await t.createUser(org, 'owner');
    await write([request('action_due_7d', leaver, 'leaver:1')]);
    await t.dataSource.query('UPDATE "user" SET active = false WHERE id = $1', [leaver.id]);
    expect((await write([request('action_due_7d', leaver, 'leaver:2')])).outcomes).toEqual(['recipient_inactive']);
    expect(await sender.deliverDue()).toMatchObject({ claimed: 1, skipped: 1, sent: 0 });
    expect((await rows())[0]).toMatchObject({ state: 'skipped', skip_reason: 'recipient_inactive' });
    expect(catcher.accepted).toBe(0);
  });

  it('preferences: off suppresses, weekly digest defers to the digest, mandatory kinds always go, and one click unsubscribes', async () => {
    const sender = await startSender();
    const preferences = t.app.get(PreferencesService);
    const person = await t.createUser(org, 'owner');
    await preferences.set(authUser(person), 'due_reminder', 'off');
    await preferences.set(authUser(person), 'overdue', 'weekly_digest');
    await expect(preferences.set(authUser(person), 'evidence_rejected', 'off')).rejects.toMatchObject({ code: 'validation_failed', status: 400, message: 'mode: e-mails about evidence you uploaded being rejected cannot be switched off' });

    const summary = await write([
      request('milestone_due_7d', person),
      request('action_overdue', person),
      request('owner_weekly_digest', person, 'digest', '2026-W48'),
      request('evidence_rejected', person),
      request('update_due', person),
    ]);
    expect(summary.outcomes).toEqual(['suppressed_off', 'deferred_to_digest', 'written', 'written', 'written']);

    // The update-due message's own link switches that kind off; it had not gone yet, so it is skipped.
    const [updateDue] = await t.dataSource.query(`SELECT unsubscribe_url FROM outbox_message WHERE recipient_user_id = $1 AND kind = 'update_due'`, [person.id]);
    const token = new URL(updateDue.unsubscribe_url).searchParams.get('token') ?? '';
    expect(await preferences.unsubscribe(token)).toEqual({ scope: 'update_due', switchedOff: ['update_due'] });
    expect(await preferences.unsubscribe(token)).toEqual({ scope: 'update_due', switchedOff: [] });
    // Change a character in the middle (the last one of base64url may carry only padding bits, and may already be the one we write).
    const middle = Math.floor(token.length / 2);
    const tampered = `${token.slice(0, middle)}${token[middle] === 'A' ? 'B' : 'A'}${token.slice(middle + 1)}`;
    await expect(preferences.unsubscribe(tampered)).rejects.toMatchObject({ code: 'invalid_unsubscribe_token' });

    expect(await sender.deliverDue()).toMatchObject({ sent: 2, skipped: 1 });
    expect(catcher.to(person.email).map((m) => m.parsed?.subject).sort()).toEqual([
      expect.stringMatching(/^Evidence not accepted/),
      expect.stringMatching(/^Your improvement actions, week of/),
    ]);
    const list = await preferences.list(authUser(person));
    expect(Object.fromEntries(list.map((p) => [p.kind, p.mode]))).toMatchObject({ due_reminder: 'off', overdue: 'weekly_digest', update_due: 'off', evidence_rejected: 'immediate' });

    // The digest's own link turns off what the digest collects.
    const [digest] = await t.dataSource.query(`SELECT unsubscribe_url FROM outbox_message WHERE recipient_user_id = $1 AND kind = 'owner_weekly_digest'`, [person.id]);
    expect(await preferences.unsubscribe(new URL(digest.unsubscribe_url).searchParams.get('token') ?? '')).toEqual({ scope: 'weekly_digest', switchedOff: ['overdue'] });

    const audit = await t.dataSource.query(`SELECT action FROM audit_event WHERE entity_type = 'notification_preference' ORDER BY occurred_at, action`);
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'create', 'unsubscribe', 'unsubscribe']);
  });

  it('refuses a recipient from another organisation', async () => {
    const other = await t.createOrganisation();
    await expect(write([{ ...request('pack_ready', board), organisationId: other.id }])).rejects.toThrow(/not a user of organisation/);
    expect(await rows()).toHaveLength(0);
  });

  it('through the worker: the trigger after a commit makes the notifications queue deliver within seconds', async () => {
    const workerRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot({ config: t.config, clock: t.clock })] }).compile();
    const worker = await workerRef.init();
    senders.push(worker);
    await write([request('scrutiny_pack_published', owner, 'pack:published')]);
    await t.app.get(OutboxTrigger).messagesWritten();
    await catcher.waitFor(1, 20_000);
    expect(catcher.messages[0].parsed?.subject).toBe('Scrutiny pack published: Adult social care improvement plan: progress report');
    for (let i = 0; i < 50 && (await rows())[0].state !== 'sent'; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await rows())[0].state).toBe('sent');
    // The every-minute run and the daily scan are job schedulers in Redis (so replicas share them), the scan in London time.
    const queue = worker.get<Queue>(getQueueToken(QUEUES.notifications), { strict: false });
    const schedulers = (await queue.getJobSchedulers()).map((s) => [s.key, s.every ?? s.pattern, s.tz ?? null]).sort();
    expect(schedulers).toEqual([
      ['notifications-deliver', 60_000, null],
      ['notifications-scan', '0 6 * * *', 'Europe/London'],
    ]);
    await worker.close();
    senders = senders.filter((s) => s !== worker);
  });
});
