/**
 * The RAG recompute's first run, two versions of the code alternated on the same seeded rows, each
 * beside its own baseline (a). Seeding 100,000 actions takes minutes; this seeds nothing: each run
 * clones a database seeded once (`bench/seed-large-plan.ts --database <template>`), a file copy of a
 * few seconds, so every run starts from the same rows as a fresh seed.
 *
 *   npx ts-node --transpile-only bench/rag-first-run.compare.ts --template DB --a DIR [--b DIR] [--rounds 3]
 *       [--a-node-args "FLAGS"] [--b-node-args "FLAGS"] [--explain] [--keep-database] [--waits]
 *
 * --a-node-args / --b-node-args: flags for that side's worker (e.g. "--cpu-prof --cpu-prof-dir=DIR"), after the flags
 * production starts the worker with (package.json start:worker, as the bench uses).
 * --explain: auto_explain (analyze, buffers, triggers, nested statements) of every statement over
 * 100 ms in the server log: where the database's time goes.
 *
 * Each round runs A then B, the next B then A (ABBA...), so a change of load falls on both alike. Per
 * run: the clone (BENCH_RAG_DATABASE), baseline (a) without triggers (bench/baselines.ts, then
 * VACUUM action, as rag-recompute.bench.ts does), the version's worker (DIR/src compiled as the
 * bench compiles it) started cold, the first run and the re-run. Printed per run and as medians per
 * side: wall times, ratios to that run's own baseline, the worker's CPU and that of the database
 * backends serving the recompute (/proc schedstat), peak RSS and the load average. Baseline and
 * recompute are treated alike (one measurement each per run, medians of both): neither side gets a
 * best-of.
 *
 * DIR is a checkout of the project (its src/ is compiled; this checkout's node_modules are used).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { londonToday } from '../src/common/dates/calendar-date';
import { loadConfig } from '../src/config/app-config';
import { bullConnection } from '../src/redis/redis.module';
import { QUEUES, RAG_JOBS } from '../src/queue/queues';
import { appDatabaseUrl, ownerDatabaseUrl, dropDatabase, TEST_OWNER_ROLE, TEST_REDIS_URL, withAdminClient, withClient } from '../test/support/databases';
import { ratio, sqlRagPass } from './baselines';
import { clearQueuePrefix } from './clear-queue-prefix';
import { compileSources } from './compile-sources';
import { workerNodeFlags } from './worker-flags';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const DATABASE = process.env.BENCH_RAG_DATABASE ?? 'it_bench_rag';
const REPO = join(__dirname, '..');

interface Side {
  name: 'a' | 'b';
  workerJs: string;
  out: string;
  nodeArgs: string[];
}

interface Run {
  side: string;
  baselineMs: number;
  baselinePgCpuMs: number;
  firstMs: number;
  rerunMs: number;
  firstJobMs: number;
  evaluateMs: number;
  firstNodeCpuMs: number;
  firstPgCpuMs: number;
  rerunNodeCpuMs: number;
  rerunPgCpuMs: number;
  peakRssMb: number;
  load: string;
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const ticks = 100; // USER_HZ on Linux

function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
}

function schedMs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
}

/** CPU of the database's backends (but `self`) between start and stop; a backend opened meanwhile counts from zero. */
async function pgCpu(admin: Client): Promise<() => Promise<number>> {
  const pids = async () =>
    (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [DATABASE])).rows.map((r) => r.pid);
  const before = new Map((await pids()).map((pid) => [pid, schedMs(pid)]));
  return async () => (await pids()).reduce((sum, pid) => sum + schedMs(pid) - (before.get(pid) ?? 0), 0);
}

async function cloneTemplate(template: string): Promise<void> {
  await dropDatabase(DATABASE);
  await withAdminClient((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(DATABASE)} TEMPLATE ${c.escapeIdentifier(template)} OWNER ${c.escapeIdentifier(TEST_OWNER_ROLE)}`));
}

async function startWorker(side: Side, databaseUrl: string, prefix: string, queue: Queue): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...side.nodeArgs, side.workerJs], {
    env: { ...process.env, NODE_PATH: join(REPO, 'node_modules'), DATABASE_URL: databaseUrl, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while ((await queue.getWorkersCount()) === 0) {
    if (child.exitCode !== null) throw new Error(`worker ${side.name} exited (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error('the worker did not start within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

function stopWorker(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function oneRun(side: Side, template: string, asOf: string): Promise<Run> {
  await cloneTemplate(template);
  const url = appDatabaseUrl(DATABASE);
  const organisationId = await withClient(url, async (c) => (await c.query<{ id: string }>('SELECT id FROM organisation ORDER BY id LIMIT 1')).rows[0].id);
  const admin = new Client({ connectionString: ownerDatabaseUrl(DATABASE) });
  await admin.connect();
  const prefix = `bench-rag-ab-${randomBytes(4).toString('hex')}`;
  const options = { connection: bullConnection(loadConfig({ ...process.env, DATABASE_URL: url, REDIS_URL: TEST_REDIS_URL })), prefix };
  const queue = new Queue(QUEUES.rag, options);
  const events = new QueueEvents(QUEUES.rag, options);
  let worker: ChildProcess | undefined;
  try {
    if (process.argv.includes('--explain')) {
      // Plans of the slow statements (and those the triggers run) in the server log, for sessions opened from now on.
      for (const setting of [
        `session_preload_libraries = 'auto_explain'`,
        `auto_explain.log_min_duration = '100ms'`,
        'auto_explain.log_analyze = on',
        'auto_explain.log_nested_statements = on',
        'auto_explain.log_triggers = on',
        'auto_explain.log_buffers = on',
      ]) {
        await withAdminClient((c) => c.query(`ALTER DATABASE ${c.escapeIdentifier(DATABASE)} SET ${setting}`));
      }
    }
    const baseline = await sqlRagPass(ownerDatabaseUrl(DATABASE), organisationId, asOf, { withoutTriggers: true });
    const baselinePgCpuMs = baseline.cpuMs ?? NaN;
    await admin.query('VACUUM action');
    worker = await startWorker(side, url, prefix, queue);
    await events.waitUntilReady();
    const pid = worker.pid ?? 0;
    const recompute = async () => {
      const node0 = processCpuMs(pid);
      const pg = await pgCpu(admin);
      const started = performance.now();
      const job = await queue.add(RAG_JOBS.recomputeOrganisation, { organisationId, asOf }, { jobId: `rag-ab-${randomBytes(6).toString('hex')}` });
      const result = (await job.waitUntilFinished(events, 300_000)) as { timings: { totalMs: number; evaluateMs: number } };
      const wallMs = performance.now() - started;
      return { wallMs, result, nodeCpuMs: processCpuMs(pid) - node0, pgCpuMs: await pg() };
    };
    const sampler = process.argv.includes('--waits') ? sampleWaits() : undefined;
    const first = await recompute();
    if (sampler) process.stdout.write(`${await sampler.stop()}\n`);
    const rerun = await recompute();
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const peakRssMb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
    return {
      side: side.name,
      baselineMs: baseline.ms,
      baselinePgCpuMs,
      firstMs: first.wallMs,
      rerunMs: rerun.wallMs,
      firstJobMs: first.result.timings.totalMs,
      evaluateMs: first.result.timings.evaluateMs,
      firstNodeCpuMs: first.nodeCpuMs,
      firstPgCpuMs: first.pgCpuMs,
      rerunNodeCpuMs: rerun.nodeCpuMs,
      rerunPgCpuMs: rerun.pgCpuMs,
      peakRssMb,
      load: loadAverage(),
    };
  } finally {
    if (worker) await stopWorker(worker);
    await events.close();
    await queue.close();
    await admin.end();
    await clearQueuePrefix(TEST_REDIS_URL, prefix);
  }
}

/**
 * --waits: what the database's backends are doing during the first run, sampled every 20 ms from
 * pg_stat_activity: per kind of statement (its first words), the share of samples on a CPU (no
 * wait event) and in each wait event (Lock/transactionid: a row another transaction holds; IO/WAL*:
 * the commit's flush).
 */
function sampleWaits(): { stop: () => Promise<string> } {
  const counts = new Map<string, number>();
  let running = true;
  // A superuser's view: other roles' statements and states are hidden from the tables' owner.
  const loop = withAdminClient(async (admin) => {
    while (running) {
      const rows = await admin.query<{ what: string; wait: string }>(
        `SELECT left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 40) AS what, coalesce(wait_event_type || '/' || wait_event, 'CPU') AS wait
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state = 'active'`,
        [DATABASE],
      );
      for (const r of rows.rows) counts.set(`${r.what} | ${r.wait}`, (counts.get(`${r.what} | ${r.wait}`) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  return {
    stop: async () => {
      running = false;
      await loop;
      return [...counts].sort((x, y) => y[1] - x[1]).map(([k, n]) => `  ${String(n).padStart(5)} ${k}`).join('\n');
    },
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function line(r: Run): string {
  const f = (n: number) => n.toFixed(0).padStart(5);
  return (
    `${r.side}  baseline ${f(r.baselineMs)} ms (pg cpu ${f(r.baselinePgCpuMs)})  first ${f(r.firstMs)} ms ${ratio(r.firstMs, r.baselineMs)} ` +
    `(job ${f(r.firstJobMs)}, evaluate ${f(r.evaluateMs)}; cpu node ${f(r.firstNodeCpuMs)} pg ${f(r.firstPgCpuMs)})  ` +
    `re-run ${f(r.rerunMs)} ms ${ratio(r.rerunMs, r.baselineMs)} (cpu node ${f(r.rerunNodeCpuMs)} pg ${f(r.rerunPgCpuMs)})  peak RSS ${r.peakRssMb.toFixed(0)} MB  load ${r.load}`
  );
}

async function main(): Promise<void> {
  const template = arg('template');
  if (!template) throw new Error('--template DB: a database seeded by bench/seed-large-plan.ts');
  if (template === DATABASE) throw new Error('the template must not be BENCH_RAG_DATABASE (each run drops and clones that one)');
  const rounds = Number(arg('rounds') ?? 3);
  const dirs = (['a', 'b'] as const).flatMap((name) => (arg(name) ? [{ name, dir: arg(name) as string }] : []));
  if (dirs.length === 0) throw new Error('--a DIR (and --b DIR)');
  const asOf = londonToday(new Date());
  const sides: Side[] = dirs.map(({ name, dir }) => {
    const out = compileSources(`rag-ab-${name}-`, [], dir);
    // The flags production starts the worker with (its heap limit shapes the GC and the RSS), then the side's own.
    const extra = (arg(`${name}-node-args`) ?? '').split(/\s+/).filter(Boolean);
    return { name, out, workerJs: join(out, 'src', 'worker.js'), nodeArgs: [...workerNodeFlags(), ...extra] };
  });
  const runs: Run[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const run = await oneRun(side, template, asOf);
        runs.push(run);
        process.stdout.write(`${line(run)}\n`);
      }
    }
  } finally {
    for (const side of sides) rmSync(side.out, { recursive: true, force: true });
    // The last run's database as its recomputes left it, only when asked for.
    if (!process.argv.includes('--keep-database')) await dropDatabase(DATABASE);
  }
  for (const side of sides) {
    const mine = runs.filter((r) => r.side === side.name);
    const m = (pick: (r: Run) => number) => median(mine.map(pick));
    process.stdout.write(
      `median ${side.name} (${mine.length} runs): baseline ${m((r) => r.baselineMs).toFixed(0)} ms, first ${m((r) => r.firstMs).toFixed(0)} ms (ratio ${m((r) => r.firstMs / r.baselineMs).toFixed(2)}x), ` +
        `re-run ${m((r) => r.rerunMs).toFixed(0)} ms (ratio ${m((r) => r.rerunMs / r.baselineMs).toFixed(2)}x); first run CPU node ${m((r) => r.firstNodeCpuMs).toFixed(0)} ms, ` +
        `pg ${m((r) => r.firstPgCpuMs).toFixed(0)} ms; peak RSS ${m((r) => r.peakRssMb).toFixed(0)} MB\n`,
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
