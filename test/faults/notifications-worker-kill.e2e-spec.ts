import { Job, Queue } from 'bullmq';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { DeliveryRun } from '../../src/notifications/outbox/outbox-sender.service';
import { LEASE_MS } from '../../src/notifications/outbox/outbox-sender.service';
import { outboxKey } from '../../src/notifications/outbox/outbox.repository';
import { NotificationScanService, type ScanResult } from '../../src/notifications/scans/notification-scan.service';
import { NOTIFICATION_JOBS, QUEUES } from '../../src/queue/queues';
import { bullConnection } from '../../src/redis/redis.module';
import { eventually } from '../support/evidence-fixtures';
import { seedPlanBasics } from '../support/plan-fixtures';
import { Child, childEnv, startNodeEntry } from '../support/processes';
import { TestApp, type TestOrganisation, type TestUser } from '../support/test-app';

const OWNERS = 24;
const ACTIONS_PER_OWNER = 10;
const MESSAGES = OWNERS * ACTIONS_PER_OWNER;
/** The scan day (a Wednesday; nobody is on weekly digest, so no digests) and the due date that makes every action a 7-day reminder. */
const SCAN_DAY = '2026-11-25';
const DUE_DATE = '2026-12-02';
/** How long the server holds each message after its data, before answering 250: the worker is mid-send most of the time. */
const HOLD_MS = 150;
/** The first worker is killed once the server has accepted this many messages. */
const KILL_AFTER = 40;
const DOMAIN = 'tracker.example.gov.uk';

interface Received {
  messageId: string | null;
  to: string[];
  raw: Buffer;
  /** Accepted while the first worker was alive. */
  beforeKill: boolean;
}

/**
 * A real SMTP server (smtp-server, in process) that holds every message HOLD_MS after its data
 * before answering 250, so a sender is mid-send nearly all the time. A message counts as delivered
 * when the server commits it (and answers 250). `onCommit` runs synchronously once a message is
 * committed, before its 250 goes out: the test kills the worker there, so that message is accepted
 * by the server and certainly not marked sent (the window SMTP cannot close). A message still held on a connection of a process that was killed is dropped (the client
 * never got the 250, the server discards it), as a server that commits on its answer does.
 */
class SlowSmtp {
  readonly received: Received[] = [];
  /** Messages held (data in, no answer yet) per session. */
  readonly held = new Map<string, number>();
  private readonly open = new Set<string>();
  private readonly dead = new Set<string>();
  dropped = 0;
  killed = false;
  onCommit: (() => void) | null = null;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<SlowSmtp> {
    let self: SlowSmtp | null = null;
    const server = new SMTPServer({
      logger: false,
      disableReverseLookup: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      onConnect(session: SMTPServerSession, callback) {
        self?.open.add(session.id);
        callback();
      },
      onClose(session: SMTPServerSession) {
        self?.open.delete(session.id);
      },
      onData(stream: Readable, session: SMTPServerSession, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const s = self!;
          s.held.set(session.id, (s.held.get(session.id) ?? 0) + 1);
          setTimeout(() => {
            s.held.set(session.id, (s.held.get(session.id) ?? 1) - 1);
            if (s.dead.has(session.id)) {
              s.dropped += 1;
              return callback(new Error('connection lost before the answer'));
            }
            const raw = Buffer.concat(chunks);
            s.received.push({
              messageId: header(raw, 'message-id'),
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              raw,
              beforeKill: !s.killed,
            });
            s.onCommit?.();
            callback();
          }, HOLD_MS);
        });
      },
    });
    server.on('error', () => undefined);
    const port = await new Promise<number>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
    });
    self = new SlowSmtp(server, port);
    return self;
  }

  /** Messages held right now (data received, 250 not yet sent). */
  heldNow(): number {
    return [...this.held.values()].reduce((n, v) => n + v, 0);
  }

  /** The connections open now belong to a process just killed: whatever they still hold is lost. */
  connectionsLost(): void {
    for (const id of this.open) this.dead.add(id);
  }

  env(): Record<string, string> {
    return { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(this.port), SMTP_SECURE: 'false', SMTP_REQUIRE_TLS: 'false', MAIL_FROM: `Improvement tracker <noreply@${DOMAIN}>` };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** One header of a raw message (unfolded), enough for the Message-ID. */
function header(raw: Buffer, name: string): string | null {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1');
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r\\n[ \\t].*)*)`, 'im').exec(head);
  return match ? match[1].replace(/\r\n[ \t]+/g, ' ').trim() : null;
}

/** The delivery runs a worker logged ('E-mail delivery finished'), from its pino lines. */
function deliveredBy(worker: Child): number {
  let sent = 0;
  for (const line of worker.output.split('\n')) {
    if (!line.includes('E-mail delivery finished')) continue;
    try {
      sent += Number((JSON.parse(line) as { sent?: number }).sent ?? 0);
    } catch {
      // not a JSON log line
    }
  }
  return sent;
}

/** How many reminder scans a worker finished, from its log. */
function scansBy(worker: Child): number {
  return worker.output.split('\n').filter((line) => line.includes('Reminder scan finished')).length;
}

/**
 * kill -9 of the real worker process (src/worker.ts under ts-node, as in production but for the
 * build) while it delivers a batch of reminders written by the nightly scan to a slow SMTP server;
 * then two worker replicas at once, the lease running out (the workers' clock moved past it with
 * DEMO_CLOCK_FILE), and the scan re-run by both replicas and by the API process. Every message
 * arrives, and only the messages the server had accepted from the killed worker before it could
 * mark them sent go a second time, each with its original Message-ID: exactly once holds at the
 * outbox key / Message-ID level (SMTP has no way to close that last window).
 */
describe('faults: the notifications worker is killed mid-send', () => {
  let t: TestApp;
  let smtp: SlowSmtp;
  let org: TestOrganisation;
  let queue: Queue;
  let clockDir: string;
  const workers: Child[] = [];

  beforeAll(async () => {
    smtp = await SlowSmtp.start();
    t = await TestApp.start({
      now: `${SCAN_DAY}T07:00:00Z`,
      env: { ...smtp.env(), PUBLIC_BASE_URL: `https://${DOMAIN}`, UNSUBSCRIBE_SECRET: 'kill-unsubscribe-secret-kill-unsubscribe-secret' },
    });
    org = await t.createOrganisation('Knowsley Council (test)');
    const owners: TestUser[] = [];
    for (let i = 0; i < OWNERS; i++) owners.push(await t.createUser(org, 'owner'));
    const plan = await seedPlanBasics(t.dataSource, org.id);
    await t.dataSource.query(
      `INSERT INTO action (plan_id, organisation_id, reference, title, workstream_id, owner_id, start_date, due_date, status, progress_percent, rag_colour, version)
       SELECT $1, $2, 'K' || g, 'Killed worker action ' || g, $3, ($4::uuid[])[g % ${OWNERS} + 1], DATE '2026-10-01', $5::date, 'in_progress', 20, 'grey', 1
       FROM generate_series(0, $6 - 1) g`,
      [org.planId, org.id, plan.workstreamId, owners.map((o) => o.id), DUE_DATE, MESSAGES],
    );
    queue = new Queue(QUEUES.notifications, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX });
    clockDir = mkdtempSync(join(tmpdir(), 'notify-kill-clock-'));
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) await w.kill9();
    await queue?.close();
    await t?.close();
    await smtp?.stop();
    if (clockDir) rmSync(clockDir, { recursive: true, force: true });
  });

  function startWorker(): Child {
    const worker = startNodeEntry('worker', {
      ...childEnv(t.config, 'info'),
      DEMO_CLOCK_FILE: join(clockDir, 'clock'),
      MAIL_MAX_CONNECTIONS: '4',
      PUBLIC_BASE_URL: `https://${DOMAIN}`,
      UNSUBSCRIBE_SECRET: 'kill-unsubscribe-secret-kill-unsubscribe-secret',
      ...smtp.env(),
    });
    workers.push(worker);
    return worker;
  }

  /** Adds notifications jobs at once and waits until every one has finished; their results. */
  async function runJobs<R>(jobs: { name: string; data: object }[], timeoutMs = 180_000): Promise<R[]> {
    const added = await Promise.all(jobs.map((j) => queue.add(j.name, j.data, { attempts: 1 })));
    const done = async () => {
      const states = await Promise.all(added.map((j) => queue.getJobState(j.id!)));
      if (states.includes('failed')) throw new Error(`a notifications job failed: ${states.join(', ')}`);
      return states.every((s) => s === 'completed');
    };
    expect(await eventually(done, timeoutMs, 100)).toBe(true);
    return Promise.all(added.map(async (j) => (await Job.fromId(queue, j.id!))!.returnvalue as R));
  }

  const deliver = (n: number) => runJobs<DeliveryRun>(Array.from({ length: n }, () => ({ name: NOTIFICATION_JOBS.deliver, data: { reason: 'manual' } })));
  const scan = (n: number) => runJobs<ScanResult>(Array.from({ length: n }, () => ({ name: NOTIFICATION_JOBS.scan, data: { day: SCAN_DAY, reason: 'manual' } })));

  async function states(): Promise<Record<string, number>> {
    const rows: { state: string; n: string }[] = await t.dataSource.query(`SELECT state, count(*) AS n FROM outbox_message GROUP BY state`);
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  it('every message arrives; only what the server accepted from the dead worker goes again, with the same Message-ID; the outbox ends all sent', async () => {
    // The nightly scan (here in the API process) writes the batch.
    const first = await t.app.get(NotificationScanService).scanDay(SCAN_DAY);
    expect(first).toMatchObject({ requested: MESSAGES, written: MESSAGES, byKind: { action_due_7d: { written: MESSAGES } } });

    // 1. Worker 1 delivers the batch; it is killed -9 the moment the server has committed message KILL_AFTER (or the next one while others are held mid-send).
    let heldAtKill = -1;
    const worker1 = startWorker();
    const killed = new Promise<void>((resolve) => {
      smtp.onCommit = () => {
        if (smtp.killed || smtp.received.length < KILL_AFTER || smtp.heldNow() === 0) return;
        worker1.process.kill('SIGKILL');
        smtp.killed = true;
        heldAtKill = smtp.heldNow();
        smtp.connectionsLost();
        smtp.onCommit = null;
        resolve();
      };
    });
    await worker1.waitFor(/worker started/, 120_000);
    await killed;
    await worker1.exited;
    const acceptedFromWorker1 = smtp.received.filter((m) => m.beforeKill);
    expect(heldAtKill).toBeGreaterThanOrEqual(1);
    expect(acceptedFromWorker1.length).toBeGreaterThanOrEqual(KILL_AFTER);

    // A statement worker 1 sent just before it died still runs to its end in its PostgreSQL backend
    // (the backend notices the lost client only when it answers): read what the kill left once no
    // backend of this database is busy, else a row marked sent a moment later is counted in the window.
    expect(
      await eventually(async () => {
        const [busy] = await t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state NOT IN ('idle')`,
        );
        return busy.n === 0;
      }, 10_000, 50),
    ).toBe(true);
    // What the kill left: rows the server accepted but worker 1 never marked (the window), the rest of its claim leased, the remainder pending.
    const afterKill: { id: string; state: string }[] = await t.dataSource.query(`SELECT id, state FROM outbox_message`);
    const stateOf = new Map(afterKill.map((r) => [`<outbox-${r.id}@${DOMAIN}>`, r.state]));
    const window = new Set(acceptedFromWorker1.map((m) => m.messageId!).filter((id) => stateOf.get(id) === 'sending'));
    const leased = afterKill.filter((r) => r.state === 'sending').length;
    expect(window.size).toBeGreaterThanOrEqual(1); // at least the message the kill came on
    expect(leased).toBeGreaterThan(window.size); // messages held or not yet started are leased too
    expect(afterKill.filter((r) => r.state === 'sent').length).toBe(acceptedFromWorker1.length - window.size);

    // 2. Two worker replicas at once, on the real clock: they share the pending rows and leave the dead worker's leased ones alone.
    const [worker2, worker3] = [startWorker(), startWorker()];
    await Promise.all([worker2.waitFor(/worker started/, 120_000), worker3.waitFor(/worker started/, 120_000)]);
    await deliver(4);
    // (a delivery the every-minute job started may still be finishing)
    await eventually(async () => (await states()).sent === MESSAGES - leased, 60_000, 100);
    expect(await states()).toEqual({ sending: leased, sent: MESSAGES - leased });
    // The rows are marked sent before the run's log line has crossed the child's stdout pipe (as for
    // the scans below): a clean-clone run under load read 0 for a replica whose line was still in flight.
    const sentByReplicas = MESSAGES - leased - (acceptedFromWorker1.length - window.size);
    await eventually(() => deliveredBy(worker2) + deliveredBy(worker3) >= sentByReplicas, 10_000);
    expect(deliveredBy(worker2) + deliveredBy(worker3)).toBe(sentByReplicas);
    expect(deliveredBy(worker2)).toBeGreaterThan(0);
    expect(deliveredBy(worker3)).toBeGreaterThan(0);
    expect(smtp.received.length).toBe(acceptedFromWorker1.length + sentByReplicas);

    // 3. The lease runs out (the workers' clock moves past it): the replicas take the dead claim over and deliver it.
    writeFileSync(join(clockDir, 'clock'), new Date(Date.now() + LEASE_MS + 60_000).toISOString());
    await deliver(4);
    await eventually(async () => (await states()).sent === MESSAGES, 60_000, 100);
    expect(await states()).toEqual({ sent: MESSAGES });

    // 4. The nightly scan re-run, by both replicas at once (four times) and by the API process: nothing new is written or sent.
    const receivedBefore = smtp.received.length;
    const reruns = await scan(4);
    expect(reruns.map((r) => [r.requested, r.written])).toEqual(Array.from({ length: 4 }, () => [MESSAGES, 0]));
    // A job is finished (queue event) before its log line has crossed the child's stdout pipe.
    await eventually(() => scansBy(worker2) + scansBy(worker3) >= 4, 5_000);
    expect(scansBy(worker2) + scansBy(worker3)).toBe(4);
    expect(scansBy(worker2)).toBeGreaterThan(0);
    expect(scansBy(worker3)).toBeGreaterThan(0);
    expect(await t.app.get(NotificationScanService).scanDay(SCAN_DAY)).toMatchObject({ requested: MESSAGES, written: 0 });
    expect((await deliver(2)).map((r) => r.claimed)).toEqual([0, 0]);
    expect(smtp.received.length).toBe(receivedBefore);

    // Every message arrived; counted by Message-ID and by outbox key, only the window went twice, with the same Message-ID.
    const rows: { id: string; recipient_user_id: string; recipient_address: string; kind: string; subject_ref: string; period: string; subject: string; message_id: string; attempts: number }[] =
      await t.dataSource.query(`SELECT id, recipient_user_id, recipient_address, kind, subject_ref, period, subject, message_id, attempts FROM outbox_message`);
    expect(rows).toHaveLength(MESSAGES);
    const byMessageId = new Map(rows.map((r) => [`<outbox-${r.id}@${DOMAIN}>`, r]));
    const perMessageId = new Map<string, number>();
    const perKey = new Map<string, number>();
    const perRecipientAndSubject = new Map<string, number>();
    for (const m of smtp.received) {
      const row = byMessageId.get(m.messageId ?? '');
      expect(row).toBeDefined(); // every message at the server is an outbox row's, by its Message-ID
      expect(m.to).toEqual([row!.recipient_address.toLowerCase()]);
      const subject = (await simpleParser(m.raw)).subject;
      expect(subject).toBe(row!.subject);
      perMessageId.set(m.messageId!, (perMessageId.get(m.messageId!) ?? 0) + 1);
      const key = outboxKey({ recipientUserId: row!.recipient_user_id, kind: row!.kind, subjectRef: row!.subject_ref, period: row!.period });
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      const seen = `${m.to[0]} ${subject}`;
      perRecipientAndSubject.set(seen, (perRecipientAndSubject.get(seen) ?? 0) + 1);
    }
    expect(perMessageId.size).toBe(MESSAGES);
    expect(perKey.size).toBe(MESSAGES);
    expect(perRecipientAndSubject.size).toBe(MESSAGES); // no message went again under another Message-ID
    const twice = [...perMessageId].filter(([, n]) => n > 1);
    expect(twice.every(([, n]) => n === 2)).toBe(true);
    expect(new Set(twice.map(([id]) => id))).toEqual(window);
    expect([...perKey.values()].filter((n) => n > 1)).toHaveLength(window.size);
    expect(smtp.received.length).toBe(MESSAGES + window.size);
    for (const r of rows) expect(r.message_id).toBe(`<outbox-${r.id}@${DOMAIN}>`);
    expect(smtp.dropped).toBeGreaterThanOrEqual(1); // held when the worker died, never answered, delivered later once
    process.stdout.write(
      `notifications worker kill: ${MESSAGES} messages, killed after ${acceptedFromWorker1.length} accepted (${heldAtKill} held), ${window.size} in the window sent twice with the same Message-ID, ` +
        `replicas sent ${deliveredBy(worker2)} + ${deliveredBy(worker3)}, scans re-run ${scansBy(worker2)} + ${scansBy(worker3)}\n`,
    );
  }, 600_000);
});
