/**
 * E-mail benchmark: 10,000 action owners' weekly digests written to the outbox and delivered over
 * SMTP to a real SMTP server on loopback (the in-process catcher: smtp-server).
 *
 *   npx ts-node --transpile-only bench/mail-digest.bench.ts [--owners 10000] [--connections 8]
 *
 * In a fresh database cloned from the migrated test template: 10,000 owner users in one
 * organisation; each owner's digest (2 overdue items, 3 due soon, an update due on 2 actions) is
 * rendered and written with OutboxService.enqueueMany (the path a weekly scan takes), then the
 * real OutboxSender delivers them all (claims, SMTP with 8 pooled connections (MAIL_MAX_CONNECTIONS),
 * one "sent" mark per message). The SMTP server runs in a child process so it does not share the
 * sender's event loop, and counts what it accepts.
 * Target: write + deliver 10,000 digests in < 60 s. Prints messages per second for each phase.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { addDays } from '../src/common/dates/calendar-date';
import { FixedClock } from '../src/common/clock/clock';
import { loadConfig } from '../src/config/app-config';
import { CoreModule } from '../src/core/core.module';
import { SmtpCatcher } from '../src/notifications/mail/smtp-catcher';
import type { OwnerWeeklyDigestData } from '../src/notifications/messages/message-data';
import { NotificationsModule } from '../src/notifications/notifications.module';
import { NotificationsSenderModule } from '../src/notifications/notifications-sender.module';
import { OutboxSender } from '../src/notifications/outbox/outbox-sender.service';
import { OutboxService, type OutboxRequest } from '../src/notifications/outbox/outbox.service';
import { createDatabaseFromTemplate, dropDatabase, TEST_REDIS_URL } from '../test/support/databases';
import globalSetup from '../test/support/global-setup';
import { clearQueuePrefix } from './clear-queue-prefix';
import { recordFigures } from './summary';

const TARGET_SECONDS = 60;
const WRITE_CHUNK = 1000;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const log = (message: string) => process.stdout.write(`[mail-digest] ${message}\n`);

/** CPU time (user + system) this process has used, in ms: unlike wall time, it hardly depends on what else the machine runs. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Child mode: run the SMTP catcher, report its port, answer "count" with the number accepted. */
async function runCatcherChild(): Promise<void> {
  const catcher = await SmtpCatcher.start({ parse: false, keep: false });
  process.send?.({ port: catcher.port });
  process.on('message', (msg: { cmd: string }) => {
    if (msg.cmd === 'count') process.send?.({ accepted: catcher.accepted });
    if (msg.cmd === 'cpu') process.send?.({ cpuMs: cpuMs() });
    if (msg.cmd === 'stop') void catcher.stop().then(() => process.exit(0));
  });
}

async function ask<T>(child: ChildProcess, cmd: string, key: string): Promise<T> {
  const reply = new Promise<T>((resolve) => {
    const onMessage = (msg: Record<string, unknown>) => {
      if (key in msg) {
        child.off('message', onMessage);
        resolve(msg[key] as T);
      }
    };
    child.on('message', onMessage);
  });
  child.send({ cmd });
  return reply;
}

function digestFor(i: number, today: string): OwnerWeeklyDigestData {
  const action = (n: number) => ({ id: `00000000-0000-4000-8000-${String(i * 10 + n).padStart(12, '0')}`, reference: `A${(i % 9) + 1}.${n}`, title: `Improve practice area ${n} for owner ${i}: audit, training and assurance` });
  const item = (n: number, offset: number) => ({ action: action(n), milestone: n % 2 ? { id: `m-${i}-${n}`, title: `Milestone ${n}: fieldwork complete` } : null, dueDate: addDays(today, offset) });
  const planId = '00000000-0000-4000-8000-00000000b001';
  return {
    planId,
    weekStarting: today,
    today,
    overdue: [item(1, -9), item(2, -2)],
    dueSoon: [item(3, 2), item(4, 6), item(5, 13)],
    updateDue: {
      planId,
      meeting: { committeeName: 'Improvement Board', meetingDate: addDays(today, 18), papersDeadline: addDays(today, 11) },
      sinceMeetingDate: addDays(today, -24),
      actions: [
        { ...action(1), lastUpdateOn: addDays(today, -40) },
        { ...action(3), lastUpdateOn: null },
      ],
    },
  };
}

async function main(): Promise<void> {
  const owners = arg('owners', 10_000);
  const connections = arg('connections', 8);
  const id = randomBytes(4).toString('hex');
  const dbName = `it_bench_mail_${id}`;
  const queuePrefix = `bench-mail-${id}`;
  let child: ChildProcess | null = null;
  let context: Awaited<ReturnType<Awaited<ReturnType<ReturnType<typeof Test.createTestingModule>['compile']>>['init']>> | null = null;

  try {
    log('preparing the database (clone of the migrated template)');
    await globalSetup();
    const databaseUrl = await createDatabaseFromTemplate(dbName);

    log('starting the SMTP server (smtp-server) in a child process');
    child = fork(__filename, ['--catcher'], { execArgv: ['-r', 'ts-node/register/transpile-only'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const [{ port }] = (await once(child, 'message')) as [{ port: number }];

    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(port),
      SMTP_REQUIRE_TLS: 'false',
      MAIL_FROM: 'Improvement tracker <noreply@tracker.example.gov.uk>',
      MAIL_MAX_CONNECTIONS: String(connections),
      PUBLIC_BASE_URL: 'https://tracker.example.gov.uk',
    });
    const clock = new FixedClock(new Date('2026-11-23T07:00:00Z'));
    const ref = await Test.createTestingModule({ imports: [CoreModule.forRoot({ config, clock, databaseClient: 'worker' }), NotificationsModule, NotificationsSenderModule] }).compile();
    context = await ref.init();
    const dataSource = context.get(DataSource);

    log(`seeding ${owners.toLocaleString('en-GB')} owners`);
    const [{ id: organisationId }] = await dataSource.query(`INSERT INTO organisation (name, slug) VALUES ('Bench Council', $1) RETURNING id`, [`bench-mail-${id}`]);
    await dataSource.query(
      `INSERT INTO "user" (organisation_id, email, name, role, active, password_hash, version)
       SELECT $1, 'owner' || n || '@partner.example.org', 'Owner ' || n, 'owner', true, 'x', 1 FROM generate_series(1, $2) n`,
      [organisationId, owners],
    );
    // Every owner chose the weekly digest for reminders.
    await dataSource.query(
      `INSERT INTO notification_preference (organisation_id, user_id, kind, mode)
       SELECT organisation_id, id, k, 'weekly_digest' FROM "user", unnest(ARRAY['due_reminder', 'overdue', 'update_due']) k WHERE organisation_id = $1`,
      [organisationId],
    );
    const ownerIds: string[] = (await dataSource.query(`SELECT id FROM "user" WHERE organisation_id = $1 ORDER BY email`, [organisationId])).map((r: { id: string }) => r.id);

    const outbox = context.get(OutboxService);
    const sender = context.get(OutboxSender);
    const today = '2026-11-23';

    log('writing the weekly digests to the outbox');
    const writeStarted = performance.now();
    const writeCpuStarted = cpuMs();
    // Chunks of 1,000 in their own transactions, two at a time (as a scan would): one renders
    // while PostgreSQL stores the other.
    const chunks: string[][] = [];
    for (let i = 0; i < ownerIds.length; i += WRITE_CHUNK) chunks.push(ownerIds.slice(i, i + WRITE_CHUNK));
    let written = 0;
    let next = 0;
    const writeChunk = async (): Promise<void> => {
      for (let c = next++; c < chunks.length; c = next++) {
        const requests: OutboxRequest<'owner_weekly_digest'>[] = chunks[c].map((recipientId, j) => ({
          organisationId,
          recipientId,
          kind: 'owner_weekly_digest',
          subjectRef: 'digest',
          period: '2026-W48',
          data: digestFor(c * WRITE_CHUNK + j, today),
        }));
        const summary = await dataSource.transaction((manager) => outbox.enqueueMany(manager, requests));
        written += summary.written;
      }
    };
    await Promise.all([writeChunk(), writeChunk()]);
    const writeMs = performance.now() - writeStarted;
    const writeCpuMs = cpuMs() - writeCpuStarted;
    log(`wrote ${written.toLocaleString('en-GB')} in ${(writeMs / 1000).toFixed(1)} s (${Math.round((written * 1000) / writeMs)}/s); CPU of this process ${(writeCpuMs / 1000).toFixed(1)} s`);

    log(`delivering over SMTP (${connections} connections)`);
    const sendStarted = performance.now();
    const sendCpuStarted = cpuMs();
    const catcherCpuStarted = await ask<number>(child, 'cpu', 'cpuMs');
    let sent = 0;
    for (;;) {
      const run = await sender.deliverDue({ budgetMs: 3_600_000 });
      sent += run.sent;
      if (run.claimed === 0) break;
    }
    const sendMs = performance.now() - sendStarted;
    const sendCpuMs = cpuMs() - sendCpuStarted;
    const catcherCpuMs = (await ask<number>(child, 'cpu', 'cpuMs')) - catcherCpuStarted;
    const accepted = await ask<number>(child, 'count', 'accepted');
    const [{ n: sentRows }] = await dataSource.query(`SELECT count(*)::int AS n FROM outbox_message WHERE state = 'sent'`);
    const totalS = (writeMs + sendMs) / 1000;
    log(`sent ${sent.toLocaleString('en-GB')} in ${(sendMs / 1000).toFixed(1)} s (${Math.round((sent * 1000) / sendMs)}/s); the SMTP server accepted ${accepted.toLocaleString('en-GB')}; rows marked sent: ${sentRows}`);
    log(`CPU while delivering: sender ${(sendCpuMs / 1000).toFixed(1)} s, SMTP server ${(catcherCpuMs / 1000).toFixed(1)} s (PostgreSQL not counted); load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
    const ok = written === owners && sent === owners && accepted === owners && sentRows === owners;
    log(`total ${totalS.toFixed(1)} s for ${owners.toLocaleString('en-GB')} digests (target < ${TARGET_SECONDS} s): ${ok && totalS < TARGET_SECONDS ? 'PASS' : 'FAIL'}`);
    if (!ok) log('MISMATCH: written, sent, accepted and marked counts differ');

    recordFigures([
      { bench: 'mail digest', figure: `write ${owners.toLocaleString('en-GB')} weekly digests to the outbox`, value: `${(writeMs / 1000).toFixed(1)} s (${Math.round((written * 1000) / writeMs)}/s)` },
      { bench: 'mail digest', figure: `deliver them over SMTP (${connections} connections)`, value: `${(sendMs / 1000).toFixed(1)} s (${Math.round((sent * 1000) / sendMs)}/s)` },
      { bench: 'mail digest', figure: 'CPU: writer, sender, SMTP server', value: `${(writeCpuMs / 1000).toFixed(1)} s, ${(sendCpuMs / 1000).toFixed(1)} s, ${(catcherCpuMs / 1000).toFixed(1)} s` },
      { bench: 'mail digest', figure: 'write + deliver, every message accepted once', value: `${totalS.toFixed(1)} s`, target: `< ${TARGET_SECONDS} s`, pass: ok && totalS < TARGET_SECONDS },
    ]);
  } finally {
    await context?.close();
    if (child) {
      child.send({ cmd: 'stop' });
      await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 2000))]);
      child.kill();
    }
    await dropDatabase(dbName);
    await clearQueuePrefix(TEST_REDIS_URL, queuePrefix);
  }
}

if (process.argv.includes('--catcher')) {
  runCatcherChild().catch((err: unknown) => {
    process.stderr.write(`[mail-digest catcher] ${String(err)}\n`);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`[mail-digest] failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}
