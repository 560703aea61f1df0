/**
 * API overhead benchmark (issue 17): what the HTTP API costs on top of the SQL it runs.
 *
 * Seeds one plan of 100,000 actions (bench/seed-large-plan.ts), starts the real API (src/main.ts)
 * in a child process, signs in as the plan's board member, then for two reads:
 *   GET /api/v1/plans/:planId/actions?pageSize=50      GET /api/v1/actions/:id
 *   1. captures the exact SQL one request issues, text and parameters, including the per-request
 *      user lookup of the bearer token (bench/sql-capture.preload.ts records what `pg` receives);
 *   2. autocannon against the endpoint (after a warm-up), N connections for S seconds;
 *   3. baseline (b), bench/baselines.ts `sqlLoop`: a Node `pg` loop running exactly those
 *      statements, one "request" being the whole list, with as many clients as autocannon's
 *      connections, for as long.
 * Prints req/s and p50/p99 for both; target: the API reaches at least half the baseline's req/s.
 * Also each side's Node CPU time per request (the API process; the baseline's loop), which the
 * machine's load changes far less than req/s (bench/api-ab.compare.ts compares two versions so).
 * When it misses (or with --profile), the API is profiled under autocannon again (a V8 CPU profile
 * of the running process, through the inspector) and the bench prints where its CPU time went:
 * by cost (validation, serialisation, logging, auth, TypeORM...), by package and by function.
 * V8's profiler samples wall-clock time: on a loaded machine a socket write that wakes another
 * process (PostgreSQL, autocannon) also counts the time the API then waits for the CPU, so native
 * writes look far bigger than their CPU time. For CPU time alone, `perf record -e cpu-clock -g -p
 * <pid>` of an API started with BENCH_API_NODE_ARGS="--perf-basic-prof-only-functions".
 *
 *   npx ts-node --transpile-only bench/api-overhead.bench.ts [--actions 100000] [--connections 10] [--seconds 10]
 *       [--rounds 5] [--warm-up 3] [--log-level info] [--profile] [--keep-profile] [--keep-database] [--reuse-database]
 *       [--database it_bench_api] [--endpoint list|action] [--no-profile] [--ceilings]
 *
 * --ceilings also runs, in the same rounds, bare servers answering the same SQL (node:http, Express,
 * Fastify when installed): what is reachable on this machine at all, as ratios of baseline (b).
 * BENCH_API_NODE_ARGS adds flags to the API's Node (e.g. `--max-semi-space-size=32`). The API runs compiled
 * to JavaScript (bench/compile-sources.ts), as production runs it; BENCH_TS_NODE=1 runs it under ts-node.
 *
 * The API and the baseline run in turn, in rounds (5 of 2 s each by default), after a warm-up of
 * each: on a shared machine, a change in load during the run then falls on both sides.
 *
 * The API logs at LOG_LEVEL=info (the production default: one line per request) to /dev/null.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { EventEmitter } from 'node:events';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { londonToday } from '../src/common/dates/calendar-date';
import { appDatabaseUrl, databaseExists, dropDatabase, TEST_REDIS_URL, withClient } from '../test/support/databases';
import { percentile, ratio, sqlLoop } from './baselines';
import { clearQueuePrefix } from './clear-queue-prefix';
import { childCpuMs } from './child-cpu';
import { compileSources } from './compile-sources';
import { BENCH_PASSWORD, createBenchDatabase, seedLargePlan } from './seed-large-plan';
import { recordFigures } from './summary';

// --database NAME: another database (two runs side by side on a shared server).
const DATABASE = arg('database') ?? 'it_bench_api';
const ROOT = join(__dirname, '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const log = (message: string) => process.stdout.write(`[api-overhead] ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Statement {
  text: string;
  values: unknown[];
}

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Node CPU time per request (the API process; the baseline's loop), in ms: what the load of the machine does not change. */
  cpuMsPerRequest: number;
}

// ---------------------------------------------------------------------------------------------
// The API in a child process
// ---------------------------------------------------------------------------------------------

class ApiProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly base: string,
  ) {}

  /**
   * The API compiled to JavaScript (bench/compile-sources.ts, into `compiledDir`), run as production
   * runs it (`node --expose-gc dist/main.js`); BENCH_TS_NODE=1: under ts-node instead. ts-node
   * loads Node's `domain` module, which then wraps every EventEmitter's construction and `emit` in
   * the whole process (2-3% of the API's CPU time), a cost production does not pay.
   */
  static async start(env: NodeJS.ProcessEnv, compiledDir: string | null): Promise<ApiProcess> {
    const port = await freePort();
    const args = compiledDir
      ? ['--expose-gc', ...nodeArgs(), '-r', join(compiledDir, 'bench', 'sql-capture.preload.js'), join(compiledDir, 'src', 'main.js')]
      : ['--expose-gc', ...nodeArgs(), '-r', 'ts-node/register/transpile-only', '-r', './bench/sql-capture.preload.ts', 'src/main.ts'];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...env, PORT: String(port), ...(compiledDir ? { NODE_PATH: join(ROOT, 'node_modules') } : {}) },
      // Standard output is the request log: to /dev/null, still written (what production pays).
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const api = new ApiProcess(child, `http://127.0.0.1:${port}/api/v1`);
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('the API did not become healthy within 3 minutes');
      try {
        if ((await fetch(`${api.base}/health`)).ok) return api;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
  }

  /** The SQL the API sends while `during` runs (nothing else is asking it anything). */
  async capture(during: () => Promise<void>): Promise<Statement[]> {
    const answer = new Promise<Statement[]>((resolve) => {
      const onMessage = (m: unknown) => {
        const captured = (m as { sqlCapture?: Statement[] } | null)?.sqlCapture;
        if (!captured) return;
        this.child.off('message', onMessage);
        resolve(captured);
      };
      this.child.on('message', onMessage);
    });
    this.child.send('sql-capture:start');
    await sleep(50);
    await during();
    this.child.send('sql-capture:stop');
    return answer;
  }

  /** A V8 CPU profile of the API (bench/sql-capture.preload.ts) while `during` runs, written to `file`. */
  async profile(file: string, during: () => Promise<void>): Promise<void> {
    const written = new Promise<void>((resolve) => {
      const onMessage = (m: unknown) => {
        if ((m as { cpuProfileWritten?: string } | null)?.cpuProfileWritten !== file) return;
        this.child.off('message', onMessage);
        resolve();
      };
      this.child.on('message', onMessage);
    });
    this.child.send({ cpuProfile: 'start' });
    await sleep(200);
    await during();
    this.child.send({ cpuProfile: 'stop', file });
    await written;
  }

  /** CPU time the API process has used so far (user + system), in milliseconds. */
  cpuMs(): Promise<number> {
    return childCpuMs(this.child);
  }


  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.kill('SIGTERM');
    });
  }
}

/**
 * --ceilings: what this machine reaches with less than the API, in the same rounds: a bare `node:http`
 * server and a bare Express app (and Fastify, if it is installed) that run the same captured SQL on a
 * `pg` pool (one client per connection) and answer the largest result's rows as JSON. No auth, no
 * validation, no logging: a ceiling for any HTTP API on Node here, not a design to copy.
 */
const CEILING_SERVER = `
const { Pool } = require('pg');
const statements = JSON.parse(process.env.CEILING_STATEMENTS);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.CEILING_CLIENTS) });
async function answer() {
  const client = await pool.connect();
  try {
    let rows = [];
    for (const s of statements) {
      const r = await client.query(s);
      if (r.rows.length >= rows.length) rows = r.rows;
    }
    return JSON.stringify({ items: rows });
  } finally {
    client.release();
  }
}
process.on('message', (m) => { if (m === 'cpu-usage') process.send({ cpuUsage: process.cpuUsage() }); });
const fail = (res, e) => { res.statusCode = 500; res.end(String(e)); };
const kind = process.env.CEILING_KIND;
let server;
if (kind === 'node:http') {
  server = require('node:http').createServer((req, res) => {
    answer().then((body) => { res.setHeader('Content-Type', 'application/json; charset=utf-8'); res.end(body); }, (e) => fail(res, e));
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send('listening'));
} else if (kind === 'express') {
  const app = require('express')();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res) => { answer().then((body) => res.type('json').send(body), (e) => fail(res, e)); });
  app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send('listening'));
} else if (kind === 'fastify') {
  const app = require('fastify')();
  app.get('/*', async (req, reply) => { reply.type('application/json; charset=utf-8'); return answer(); });
  app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => process.send('listening'));
}
`;

const CEILING_KINDS = ['node:http', 'express', 'fastify'] as const;
/** Every ceiling server started, stopped at the end even when the bench fails. */
const ceilingChildren: ChildProcess[] = [];

function installed(name: string): boolean {
  try {
    require.resolve(name, { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

async function startCeiling(kind: string, databaseUrl: string, statements: Statement[], clients: number): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs(), '-e', CEILING_SERVER], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, CEILING_KIND: kind, CEILING_CLIENTS: String(clients), CEILING_STATEMENTS: JSON.stringify(statements) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  ceilingChildren.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the ${kind} ceiling server exited with code ${code}`)));
  });
  return { base: `http://127.0.0.1:${port}`, child };
}

/** BENCH_API_NODE_ARGS: flags for the API's (and the ceiling servers') Node, e.g. `--max-semi-space-size=32`. */
function nodeArgs(): string[] {
  return (process.env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await res.json()) as T;
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** Requests completed and the time they took, from one or more runs; read as req/s and percentiles. */
class Tally {
  requests = 0;
  seconds = 0;
  cpuMs = 0;
  readonly latencies: number[] = [];

  add(requests: number, seconds: number, latencies: number[]): void {
    this.requests += requests;
    this.seconds += seconds;
    for (const l of latencies) this.latencies.push(l);
  }

  figures(): Figures {
    const sorted = [...this.latencies].sort((x, y) => x - y);
    return { requestsPerSecond: this.requests / this.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), cpuMsPerRequest: this.cpuMs / this.requests };
  }
}

/** This process's CPU time so far (user + system), in milliseconds. */
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** autocannon for `seconds`; every response's latency into `tally` (when given). Any non-2xx or error stops the bench. */
async function cannon(url: string, token: string, connections: number, seconds: number, tally?: Tally): Promise<void> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers: { Authorization: `Bearer ${token}` } }, (err: unknown, r: autocannon.Result) =>
      err ? reject(err instanceof Error ? err : new Error('autocannon failed')) : resolve(r),
    );
    (instance as unknown as EventEmitter).on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`autocannon on ${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  tally?.add(result.requests.total, result.duration, latencies);
}

// ---------------------------------------------------------------------------------------------
// Where the API's CPU time goes: a V8 CPU profile (--cpu-prof) summarised by package and function
// ---------------------------------------------------------------------------------------------

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** What a script belongs to: an npm package, an area of src/, a Node internal, or V8 itself. */
function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const src = /\/(src|bench)\/([^/]+)/.exec(url);
  if (src) return `${src[1]}/${src[2].replace(/\.ts$/, '')}`;
  if (url.startsWith('node:')) return url;
  return url;
}

/** What the issue calls each cost, for the packages that make it up. */
const COSTS: [RegExp, string][] = [
  [/^(class-validator|class-transformer|validator|src\/common)$/, 'validation (pipes, class-validator/transformer)'],
  [/^(pino|pino-http|nestjs-pino|sonic-boom|fast-redact|pino-std-serializers|thread-stream|quick-format-unescaped|safe-stable-stringify)$/, 'logging (pino)'],
  [/^(passport|passport-jwt|jsonwebtoken|jws|jwa|@nestjs\/passport|src\/auth|src\/users)$/, 'auth (JWT, user lookup)'],
  [/^(typeorm|@nestjs\/typeorm)$/, 'TypeORM (query building, hydration)'],
  [/^(pg|pg-protocol|pg-types|pg-pool|postgres-date|postgres-array|postgres-interval|postgres-bytea)$/, 'pg driver (protocol, parsing)'],
  [/^(express|router|body-parser|finalhandler|send|qs|path-to-regexp|helmet|on-finished|raw-body|content-type|type-is|accepts|negotiator|mime-types|cookie|vary|depd|http-errors|statuses|parseurl|encodeurl|etag|fresh|range-parser|proxy-addr|forwarded|ipaddr\.js|@nestjs\/core|@nestjs\/common|@nestjs\/platform-express|rxjs|nestjs-cls|reflect-metadata)$/, 'HTTP and Nest (routing, middleware, guards)'],
  [/^\(native\) (stringify|parse|JSON\.stringify|JSON\.parse)$/, 'serialisation (JSON)'],
  [/^(node:|\(native\))/, 'Node internals (sockets, HTTP parser, JSON)'],
  [/^\(garbage collector\)$/, 'garbage collection'],
];

function costOf(owner: string): string {
  for (const [pattern, name] of COSTS) if (pattern.test(owner)) return name;
  if (owner.startsWith('src/')) return `the application (${owner})`;
  return owner;
}

interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  costs: [string, number][];
  owners: [string, number][];
  functions: [string, number][];
}

function summariseProfiles(dir: string): ProfileSummary {
  const costs = new Map<string, number>();
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  const add = (m: Map<string, number>, key: string, value: number) => m.set(key, (m.get(key) ?? 0) + value);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // The profiler's own work (starting, stopping, collecting the profile) is not the API's. Every
    // query the API sends runs under the preload's `capturingQuery` (the SQL capture's wrapper of
    // pg's Client#query): that is the API's work, kept (it was left out before, and with it the
    // sending of every statement: a third of the profile).
    const profilerOwn = (id: number): boolean => {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const frame = byId.get(cur)?.callFrame;
        if (frame?.url.includes('sql-capture.preload') && frame.functionName !== 'capturingQuery') return true;
      }
      return false;
    };
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      const node = byId.get(id);
      if (!node || profilerOwn(id)) return;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)' || functionName === '(program)') {
        idleMs += ms;
        return;
      }
      totalMs += ms;
      const owner = ownerOf(url, functionName);
      add(owners, owner, ms);
      add(costs, costOf(owner), ms);
      add(functions, `${functionName || '(anonymous)'} ${owner}${url ? `:${lineNumber + 1}` : ''}`, ms);
    });
  }
  const top = (m: Map<string, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { totalMs, idleMs, costs: top(costs, 10), owners: top(owners, 15), functions: top(functions, 15) };
}

function printProfile(summary: ProfileSummary): string[] {
  const pct = (ms: number) => `${((100 * ms) / summary.totalMs).toFixed(1)}%`;
  const lines = [
    `API CPU profile under autocannon: ${(summary.totalMs / 1000).toFixed(1)} s busy (${(summary.idleMs / 1000).toFixed(1)} s idle or unattributed), self time:`,
    '  by cost:',
    ...summary.costs.map(([k, ms]) => `    ${pct(ms).padStart(6)}  ${k}`),
    '  by package or source area:',
    ...summary.owners.map(([k, ms]) => `    ${pct(ms).padStart(6)}  ${k}`),
    '  by function:',
    ...summary.functions.map(([k, ms]) => `    ${pct(ms).padStart(6)}  ${k}`),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
  return lines;
}

/** The plan a previous run kept: its id, its board member and its number of actions. */
async function keptSeed(url: string): Promise<{ planId: string; boardEmail: string; actions: number } | null> {
  return withClient(url, async (c) => {
    const row = await c.query<{ plan_id: string; board_email: string; actions: number }>(
      `SELECT p.id AS plan_id, u.email AS board_email, (SELECT count(*)::int FROM action WHERE plan_id = p.id) AS actions
         FROM plan p JOIN plan_membership m ON m.plan_id = p.id AND m.role = 'board' JOIN "user" u ON u.id = m.user_id
        WHERE u.email LIKE 'board-%@bench.gov.uk' LIMIT 1`,
    );
    return row.rows[0] ? { planId: row.rows[0].plan_id, boardEmail: row.rows[0].board_email, actions: row.rows[0].actions } : null;
  });
}

// ---------------------------------------------------------------------------------------------

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

async function runBench(): Promise<void> {
  const actions = Number(arg('actions') ?? 100_000);
  const connections = Number(arg('connections') ?? 10);
  const seconds = Number(arg('seconds') ?? 10);
  const warmSeconds = Number(arg('warm-up') ?? 3);
  const rounds = Number(arg('rounds') ?? 5);
  const logLevel = arg('log-level') ?? 'info';
  const today = londonToday(new Date());

  // --reuse-database: the plan a previous run kept (--keep-database), when it has as many actions.
  const kept = process.argv.includes('--reuse-database') && (await databaseExists(DATABASE)) ? await keptSeed(appDatabaseUrl(DATABASE)) : null;
  let databaseUrl: string;
  let seed: { planId: string; boardEmail: string };
  if (kept && kept.actions === actions) {
    databaseUrl = appDatabaseUrl(DATABASE);
    seed = kept;
    log(`reusing the kept ${actions.toLocaleString('en-GB')}-action plan in ${DATABASE}`);
  } else {
    log(`seeding ${actions.toLocaleString('en-GB')} actions...`);
    databaseUrl = await createBenchDatabase(DATABASE);
    const seeded = await seedLargePlan(databaseUrl, { actions, asOf: today });
    seed = seeded;
    log(`seeded in ${seeded.seconds.toFixed(1)} s`);
  }
  const queuePrefix = `bench-api-${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    DATA_DIR: join(dataDir, 'data'),
    LOG_LEVEL: logLevel,
    OPENAPI_ENABLED: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-1234',
  };

  let api: ApiProcess | null = null;
  let compiledDir: string | null = null;
  try {
    log('starting the API (src/main.ts, child process)...');
    compiledDir = process.env.BENCH_TS_NODE === '1' ? null : compileSources('bench-api-', ['bench/sql-capture.preload.ts']);
    log(compiledDir ? '(compiled to JavaScript, as production runs it; BENCH_TS_NODE=1 for ts-node)' : '(under ts-node: BENCH_TS_NODE=1)');
    api = await ApiProcess.start(env, compiledDir);
    const login = await fetch(`${api.base}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: seed.boardEmail, password: BENCH_PASSWORD }),
    });
    if (login.status !== 200 && login.status !== 201) throw new Error(`sign-in as the board member answered ${login.status}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;

    const listPath = `/plans/${seed.planId}/actions?pageSize=50`;
    const page = await getJson<{ items: { id: string }[]; total: number }>(`${api.base}${listPath}`, token);
    if (page.items.length !== 50 || page.total !== actions) throw new Error(`the list answered ${page.items.length} items of ${page.total}`);
    // --endpoint list|action: only that one (comparing two versions of the code on one of them).
    const only = arg('endpoint');
    const endpoints = [
      { key: 'list', name: 'GET /plans/:planId/actions?pageSize=50', path: listPath },
      { key: 'action', name: 'GET /actions/:id', path: `/actions/${page.items[0].id}` },
    ].filter((e) => !only || e.key === only);
    for (let i = 0; i < 20; i++) for (const e of endpoints) await getJson(`${api.base}${e.path}`, token);

    const results: { name: string; path: string; statements: Statement[]; api: Figures; baseline: Figures }[] = [];
    for (const e of endpoints) {
      const url = `${api.base}${e.path}`;
      const statements = await api.capture(() => getJson(url, token).then(() => undefined));
      log(`${e.name}: ${statements.length} SQL statements per request:`);
      for (const s of statements) log(`  ${s.text.replace(/\s+/g, ' ').slice(0, 160)}${s.text.length > 160 ? '...' : ''}  [${s.values.length} parameters]`);
      // In rounds, API and baseline in turn, so that a change in the machine's load falls on both.
      log(`${e.name}: warm-up ${warmSeconds} s each, then ${rounds} rounds of ${f1(seconds / rounds)} s of autocannon (${connections} connections) and of baseline (b) (the same ${statements.length} statements in a pg loop, ${connections} clients)...`);
      await cannon(url, token, connections, warmSeconds);
      await sqlLoop(databaseUrl, statements, { clients: connections, seconds: warmSeconds });
      const apiTally = new Tally();
      const baselineTally = new Tally();
      const ceilings: { kind: string; base: string; child: ChildProcess; tally: Tally }[] = [];
      if (process.argv.includes('--ceilings')) {
        for (const kind of CEILING_KINDS) {
          if (kind === 'fastify' && !installed('fastify')) {
            log('ceiling fastify: not installed (not a dependency), not measured');
            continue;
          }
          ceilings.push({ kind, ...(await startCeiling(kind, databaseUrl, statements, connections)), tally: new Tally() });
        }
        for (const c of ceilings) await cannon(`${c.base}${e.path}`, token, connections, warmSeconds);
      }
      for (let round = 0; round < rounds; round++) {
        for (const c of ceilings) {
          const cpu = await childCpuMs(c.child);
          await cannon(`${c.base}${e.path}`, token, connections, seconds / rounds, c.tally);
          c.tally.cpuMs += (await childCpuMs(c.child)) - cpu;
        }
        const apiCpu = await api.cpuMs();
        await cannon(url, token, connections, seconds / rounds, apiTally);
        apiTally.cpuMs += (await api.cpuMs()) - apiCpu;
        const loopCpu = ownCpuMs();
        const loop = await sqlLoop(databaseUrl, statements, { clients: connections, seconds: seconds / rounds });
        baselineTally.cpuMs += ownCpuMs() - loopCpu;
        baselineTally.add(loop.samples.length, loop.seconds, loop.samples);
      }
      const measured = apiTally.figures();
      const baseline = baselineTally.figures();
      log(`${e.name}: API ${f0(measured.requestsPerSecond)} req/s, baseline ${f0(baseline.requestsPerSecond)} req/s (${ratio(measured.requestsPerSecond, baseline.requestsPerSecond)})`);
      log(
        `${e.name}: Node CPU per request (less swayed by the load than req/s): API ${f2(measured.cpuMsPerRequest)} ms, baseline (b)'s loop ${f2(baseline.cpuMsPerRequest)} ms`,
      );
      for (const c of ceilings) {
        const f = c.tally.figures();
        log(
          `${e.name}: ceiling bare ${c.kind} + pg: ${f0(f.requestsPerSecond)} req/s (${ratio(f.requestsPerSecond, baseline.requestsPerSecond)} of baseline (b)), p50 / p99 ${f1(f.p50)} / ${f1(f.p99)} ms, Node CPU ${f2(f.cpuMsPerRequest)} ms/request`,
        );
        c.child.kill('SIGTERM');
      }
      results.push({ ...e, statements, api: measured, baseline });
    }

    process.stdout.write(`\nAPI against baseline (b) at ${actions.toLocaleString('en-GB')} actions, ${connections} connections, ${seconds} s each in ${rounds} alternating rounds, LOG_LEVEL=${logLevel}\n`);
    const head = ['endpoint', 'SQL/request', 'API req/s', 'API p50 / p99', 'baseline req/s', 'baseline p50 / p99', 'API / baseline', 'target', 'result', 'CPU ms/req API / baseline'];
    const rows = results.map((r) => [
      r.name,
      String(r.statements.length),
      f0(r.api.requestsPerSecond),
      `${f1(r.api.p50)} / ${f1(r.api.p99)} ms`,
      f0(r.baseline.requestsPerSecond),
      `${f1(r.baseline.p50)} / ${f1(r.baseline.p99)} ms`,
      ratio(r.api.requestsPerSecond, r.baseline.requestsPerSecond),
      '>= 0.5x',
      r.api.requestsPerSecond >= 0.5 * r.baseline.requestsPerSecond ? 'PASS' : 'FAIL',
      `${f2(r.api.cpuMsPerRequest)} / ${f2(r.baseline.cpuMsPerRequest)}`,
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    for (const row of [head, widths.map((w) => '-'.repeat(w)), ...rows]) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i])).join(' | ')}\n`);

    const missed = results.some((r) => r.api.requestsPerSecond < 0.5 * r.baseline.requestsPerSecond);
    let topCosts = '';
    if ((missed && !process.argv.includes('--no-profile')) || process.argv.includes('--profile')) {
      const profileDir = mkdtempSync(join(tmpdir(), 'bench-api-prof-'));
      log(`profiling the API under autocannon (V8 CPU profile into ${profileDir})...`);
      const running = api;
      for (const [i, e] of endpoints.entries()) {
        await running.profile(join(profileDir, `api-${i}.cpuprofile`), () => cannon(`${running.base}${e.path}`, token, connections, seconds));
      }
      const summary = summariseProfiles(profileDir);
      if (summary.totalMs > 0) {
        printProfile(summary);
        const pct = (ms: number) => `${((100 * ms) / summary.totalMs).toFixed(0)}%`;
        topCosts = summary.costs
          .slice(0, 4)
          .map(([k, ms]) => `${k} ${pct(ms)}`)
          .join(', ');
      } else log('the CPU profile is empty');
      if (process.argv.includes('--keep-profile')) log(`profiles kept in ${profileDir} (open them in Chrome DevTools)`);
      else rmSync(profileDir, { recursive: true, force: true });
    }

    recordFigures(
      results.map((r) => ({
        bench: 'API overhead',
        figure: `${r.name} req/s (p50 / p99), ${actions.toLocaleString('en-GB')} actions, ${connections} connections`,
        value: `${f0(r.api.requestsPerSecond)} (${f1(r.api.p50)} / ${f1(r.api.p99)} ms)`,
        baseline: `${f0(r.baseline.requestsPerSecond)} (${f1(r.baseline.p50)} / ${f1(r.baseline.p99)} ms)`,
        ratio: ratio(r.api.requestsPerSecond, r.baseline.requestsPerSecond),
        target: 'API >= 0.5x baseline req/s',
        pass: r.api.requestsPerSecond >= 0.5 * r.baseline.requestsPerSecond,
      })),
    );
    if (topCosts) recordFigures([{ bench: 'API overhead', figure: 'top costs in the API (CPU profile under autocannon)', value: topCosts }]);
  } finally {
    for (const c of ceilingChildren) if (c.exitCode === null) c.kill('SIGTERM');
    await api?.stop();
    await clearQueuePrefix(TEST_REDIS_URL, queuePrefix);
    rmSync(dataDir, { recursive: true, force: true });
    if (compiledDir) rmSync(compiledDir, { recursive: true, force: true });
    if (!process.argv.includes('--keep-database')) await dropDatabase(DATABASE);
  }
}

if (require.main === module) {
  runBench().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
