/**
 * Web pages benchmark: server time of the plan's pages, through the whole HTTP stack (session
 * cookie, guards, services, Nunjucks rendering), on plans seeded by bench/seed-large-plan.ts and
 * coloured by a RAG recompute. Each page is fetched a few times to warm up, then N times; the
 * figure is the 95th percentile of the time from request to the last byte, on 127.0.0.1.
 *
 *   npx ts-node --transpile-only bench/web-pages.bench.ts [--demo 60] [--large 5000] [--runs 40]
 *
 * Targets: every page at the demo's size (60 actions, about twice the demo's) p95 < 100 ms;
 * the pages that grow with the plan (the dashboard, the actions list: 25 a page, a filter, a later
 * page) at 5,000 actions p95 < 200 ms. BENCH_SCALE=2 (environment) doubles the large plan (the
 * demo's size stays the demo's).
 * Baseline, measured in the same run with the same signed-in cookie: the accessibility statement,
 * a static page through the same stack (session, guards, CSP, layout) with no service call; each
 * figure's ratio to it says what the page itself costs on this machine, however busy.
 * Every area's pages are in PAGES (path under the plan or a row's page, who opens it, and the sizes).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { londonToday } from '../src/common/dates/calendar-date';
import { loadConfig } from '../src/config/app-config';
import { configureApp } from '../src/configure-app';
import { RagComputeService } from '../src/rag/compute/rag-compute.service';
import { BENCH_PASSWORD, createBenchDatabase, seedLargePlan, type SeededPlan } from './seed-large-plan';
import { percentile, ratio } from './baselines';
import { clearQueuePrefix } from './clear-queue-prefix';
import { recordFigures } from './summary';

/** BENCH_WEB_DATABASE: another name, so that two worktrees can run this bench at once. */
const DATABASE = process.env.BENCH_WEB_DATABASE ?? 'it_bench_web_pages';
const DEMO_TARGET_MS = 100;
const LARGE_TARGET_MS = 200;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface PageToTime {
  name: string;
  /**
   * The page's address under `/plans/:planId` ('' for the dashboard); or, for a single row's page,
   * an absolute address with `:actionId` (an action of the owner's) or `:evidenceId` (evidence
   * waiting for review) in it; `:findingId` in a plan address is the finding most actions answer.
   */
  path: string;
  as: 'board' | 'owner';
  /** Measured on the large plan too (the lists that page). */
  large: boolean;
}

const PAGES: PageToTime[] = [
  { name: 'dashboard', path: '', as: 'board', large: true },
  { name: 'dashboard (an owner)', path: '', as: 'owner', large: false },
  { name: 'the plan', path: '/plan', as: 'board', large: true },
  { name: 'actions list', path: '/actions', as: 'board', large: true },
  { name: 'actions list, red and amber, sorted by due date', path: '/actions?colour=red&colour=amber&sort=dueDate', as: 'board', large: true },
  { name: 'actions list, page 100', path: '/actions?page=100', as: 'board', large: true },
  { name: 'actions list, text search', path: '/actions?q=A1', as: 'board', large: true },
  { name: 'actions list, the actions answering one finding', path: '/actions?finding=:findingId', as: 'board', large: true },
  { name: 'my actions', path: '/my-actions', as: 'owner', large: false },
  { name: 'an action (the owner)', path: '/actions/:actionId', as: 'owner', large: false },
  { name: 'an action (the board)', path: '/actions/:actionId', as: 'board', large: true },
  { name: 'evidence to review', path: '/evidence-review', as: 'board', large: true },
  { name: 'a piece of evidence to review', path: '/evidence/:evidenceId', as: 'board', large: false },
  { name: 'packs', path: '/packs', as: 'board', large: false },
  { name: 'published reports', path: '/reports', as: 'board', large: false },
  { name: 'meetings', path: '/meetings', as: 'board', large: false },
  { name: 'settings', path: '/settings', as: 'board', large: false },
  { name: 'import', path: '/imports', as: 'board', large: false },
  { name: 'messages sent', path: '/notifications', as: 'board', large: false },
];

/** Signs in through the web form as a browser would: the session cookie to send with each page. */
async function webSignIn(base: string, email: string): Promise<string> {
  const form = await fetch(`${base}/sign-in`);
  const html = await form.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0];
  if (!token || !cookie) throw new Error('the sign-in page gave no CSRF token or session cookie');
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams({ _csrf: token, email, password: BENCH_PASSWORD }).toString(),
  });
  const signedIn = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (res.status !== 303 || !signedIn) throw new Error(`web sign-in as ${email} answered ${res.status}`);
  return signedIn;
}

/**
 * Wall time from request to last byte, and this process's CPU time over the same span (the server
 * runs in this process: its own work, rendering included, without the time spent waiting for
 * PostgreSQL or for a CPU on a shared machine; the client's fetch adds a little).
 */
async function timePage(url: string, cookie: string, runs: number): Promise<{ p50: number; p95: number; cpuP95: number; bytes: number }> {
  const once = async () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const res = await fetch(url, { headers: { Cookie: cookie }, redirect: 'manual' });
    const body = await res.text();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    return { ms, cpuMs: (used.user + used.system) / 1000, bytes: body.length };
  };
  for (let i = 0; i < 5; i++) await once();
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const r = await once();
    times.push(r.ms);
    cpu.push(r.cpuMs);
    bytes = r.bytes;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), cpuP95: percentile(cpu, 95), bytes };
}

async function main(): Promise<void> {
  const demoSize = Number(arg('demo') ?? 60);
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  if (!(scale > 0)) throw new Error(`BENCH_SCALE must be a positive number (it is '${process.env.BENCH_SCALE}')`);
  const largeSize = Math.round(Number(arg('large') ?? 5000) * scale);
  const runs = Number(arg('runs') ?? 40);
  const asOf = londonToday(new Date());
  const databaseUrl = await createBenchDatabase(DATABASE);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-web-'));
  const queuePrefix = `bench-web-${randomUUID().slice(0, 8)}`;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: queuePrefix,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    NODE_ENV: 'development',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  });

  const plans: { plan: SeededPlan; large: boolean }[] = [];
  for (const [size, large] of [
    [demoSize, false],
    [largeSize, true],
  ] as const) {
    const plan = await seedLargePlan(databaseUrl, { actions: size, asOf });
    plans.push({ plan, large });
    process.stdout.write(`seeded ${size} actions in ${plan.seconds.toFixed(1)} s\n`);
  }

  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config }), { bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let failed = false;
  const rows: string[][] = [];
  try {
    const rag = app.get(RagComputeService, { strict: false });
    for (const { plan, large } of plans) {
      await rag.recomputeOrganisation(plan.organisationId, asOf);
      const owner = await db.query<{ email: string }>(
        `SELECT u.email FROM "user" u JOIN action a ON a.owner_id = u.id WHERE a.plan_id = $1 GROUP BY u.email ORDER BY count(*) DESC, u.email LIMIT 1`,
        [plan.planId],
      );
      const cookies = { board: await webSignIn(base, plan.boardEmail), owner: await webSignIn(base, owner.rows[0].email) };
      const rowIds = (
        await db.query<{ action_id: string; evidence_id: string | null; finding_id: string }>(
          `SELECT a.id AS action_id,
                  (SELECT af.finding_id FROM action_finding af JOIN action fa ON fa.id = af.action_id
                   WHERE fa.plan_id = $1 GROUP BY af.finding_id ORDER BY count(*) DESC, af.finding_id LIMIT 1) AS finding_id,
                  (SELECT e.id FROM evidence e JOIN action ea ON ea.id = e.action_id JOIN "user" ub ON ub.email = $3
                   WHERE ea.plan_id = $1 AND e.review_state = 'submitted' AND e.withdrawn_at IS NULL AND e.uploaded_by_id <> ub.id
                   ORDER BY e.uploaded_at LIMIT 1) AS evidence_id
           FROM action a JOIN "user" u ON u.id = a.owner_id
           WHERE a.plan_id = $1 AND u.email = $2 ORDER BY a.reference_sort_key LIMIT 1`,
          [plan.planId, owner.rows[0].email, plan.boardEmail],
        )
      ).rows[0];
      const addressOf = (path: string) =>
        path.startsWith('/actions/') || path.startsWith('/evidence/')
          ? `${base}${path.replace(':actionId', rowIds.action_id).replace(':evidenceId', rowIds.evidence_id ?? 'none')}`
          : `${base}/plans/${plan.planId}${path.replace(':findingId', rowIds.finding_id)}`;
      const baseline = await timePage(`${base}/accessibility`, cookies.board, runs);
      rows.push([String(plan.actions), 'baseline: accessibility statement', 'board', baseline.p50.toFixed(1), baseline.p95.toFixed(1), baseline.cpuP95.toFixed(1), '', (baseline.bytes / 1024).toFixed(0), '']);
      for (const page of PAGES) {
        if (large && !page.large) continue;
        if (page.path.includes(':evidenceId') && !rowIds.evidence_id) continue;
        const target = large ? LARGE_TARGET_MS : DEMO_TARGET_MS;
        const { p50, p95, cpuP95, bytes } = await timePage(addressOf(page.path), cookies[page.as], runs);
        const pass = p95 < target;
        failed ||= !pass;
        rows.push([String(plan.actions), page.name, page.as, p50.toFixed(1), p95.toFixed(1), cpuP95.toFixed(1), `< ${target} (${ratio(p95, baseline.p95)} baseline)`, (bytes / 1024).toFixed(0), pass ? 'PASS' : 'FAIL']);
        recordFigures([
          {
            bench: 'web pages (server time)',
            figure: `${page.name}, ${plan.actions} actions, p95`,
            value: `${p95.toFixed(1)} ms (p50 ${p50.toFixed(1)} ms, CPU p95 ${cpuP95.toFixed(1)} ms)`,
            baseline: `${baseline.p95.toFixed(1)} ms (static page)`,
            ratio: ratio(p95, baseline.p95),
            target: `< ${target} ms`,
            pass,
          },
        ]);
      }
    }
  } finally {
    await db.end();
    await app.close();
    await clearQueuePrefix(config.REDIS_URL, queuePrefix);
    rmSync(dataDir, { recursive: true, force: true });
  }

  process.stdout.write(`\nload average while measuring (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} CPUs\n`);
  const header = ['actions', 'page', 'as', 'p50 ms', 'p95 ms', 'CPU p95 ms', 'target (p95)', 'KiB', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  process.stdout.write(`\n${line(header)}\n${rows.map(line).join('\n')}\n`);
  if (failed) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
