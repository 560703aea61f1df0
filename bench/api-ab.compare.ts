/**
 * Two versions of the API side by side (bench/api-overhead.bench.ts's kept database): the same
 * request to each in turn, in many short autocannon rounds, and each one's Node CPU time per
 * request. On a shared, loaded machine a change in load falls on both versions alike, which
 * separate runs of api-overhead.bench.ts cannot promise.
 *
 *   npx ts-node --transpile-only bench/api-ab.compare.ts --a DIR --b DIR [--database it_bench_api] [--rounds 10] [--seconds 2] [--connections 10]
 *       [--a-node-args "FLAGS"] [--b-node-args "FLAGS"]
 *
 * --a-node-args / --b-node-args: flags for that side's Node (the same DIR twice compares flags alone,
 * e.g. --b-node-args "--max-semi-space-size=32").
 *
 * DIR is a checkout of the project (with node_modules and this commit's bench/sql-capture.preload.ts);
 * the database is one that `api-overhead.bench.ts --keep-database` left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { appDatabaseUrl, TEST_REDIS_URL, withClient } from '../test/support/databases';
import { clearQueuePrefix } from './clear-queue-prefix';
import { childCpuMs } from './child-cpu';
import { BENCH_PASSWORD } from './seed-large-plan';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

interface Api {
  name: string;
  child: ChildProcess;
  base: string;
  requests: number;
  cpuMs: number;
}

async function start(name: string, dir: string, env: NodeJS.ProcessEnv): Promise<Api> {
  const port = await freePort();
  const nodeArgs = (arg(`${name}-node-args`) ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '-r', 'ts-node/register/transpile-only', '-r', './bench/sql-capture.preload.ts', 'src/main.ts'], {
    cwd: dir,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  for (const deadline = Date.now() + 600_000; ; await sleep(250)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start`);
    }
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not yet
    }
  }
  return { name, child, base, requests: 0, cpuMs: 0 };
}


async function cannon(url: string, token: string, connections: number, seconds: number): Promise<number> {
  const result = await autocannon({ url, connections, duration: seconds, headers: { Authorization: `Bearer ${token}` } });
  if (result.non2xx + result.errors + result.timeouts > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.total;
}

async function main(): Promise<void> {
  const dirs = { a: arg('a'), b: arg('b') };
  if (!dirs.a || !dirs.b) throw new Error('--a DIR --b DIR');
  const database = arg('database') ?? 'it_bench_api';
  const rounds = Number(arg('rounds') ?? 10);
  const seconds = Number(arg('seconds') ?? 2);
  const connections = Number(arg('connections') ?? 10);
  const databaseUrl = appDatabaseUrl(database);
  const seed = await withClient(databaseUrl, async (c) => {
    const r = await c.query<{ plan_id: string; email: string }>(
      `SELECT m.plan_id, u.email FROM plan_membership m JOIN "user" u ON u.id = m.user_id WHERE m.role = 'board' AND u.email LIKE 'board-%@bench.gov.uk' LIMIT 1`,
    );
    return r.rows[0];
  });
  const prefix = `bench-ab-${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ab-'));
  const env = (side: string): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `${prefix}-${side}`,
    DATA_DIR: join(dataDir, side),
    LOG_LEVEL: arg('log-level') ?? 'info',
    OPENAPI_ENABLED: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-1234',
  });
  const apis: Api[] = [];
  try {
    // Both at once: a loaded machine takes minutes to start each one.
    const started = await Promise.allSettled([start('a', dirs.a, env('a')), start('b', dirs.b, env('b'))]);
    for (const s of started) if (s.status === 'fulfilled') apis.push(s.value);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    const login = await fetch(`${apis[0].base}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: seed.email, password: BENCH_PASSWORD }) });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const list = (await (await fetch(`${apis[0].base}/plans/${seed.plan_id}/actions?pageSize=50`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { items: { id: string }[] };
    const paths = [`/plans/${seed.plan_id}/actions?pageSize=50`, `/actions/${list.items[0].id}`];
    for (const path of paths) {
      for (const api of apis) {
        api.requests = 0;
        api.cpuMs = 0;
        await cannon(`${api.base}${path}`, token, connections, 2); // warm-up
      }
      for (let round = 0; round < rounds; round++) {
        // a, b then b, a: neither always goes first.
        for (const api of round % 2 === 0 ? apis : [...apis].reverse()) {
          const before = await childCpuMs(api.child);
          api.requests += await cannon(`${api.base}${path}`, token, connections, seconds);
          api.cpuMs += (await childCpuMs(api.child)) - before;
        }
      }
      const [a, b] = apis.map((api) => ({ rps: api.requests / (rounds * seconds), cpu: api.cpuMs / api.requests }));
      process.stdout.write(
        `${path.replace(seed.plan_id, ':planId').replace(list.items[0].id, ':id')}: a ${a.rps.toFixed(0)} req/s, ${a.cpu.toFixed(2)} ms CPU/request; ` +
          `b ${b.rps.toFixed(0)} req/s, ${b.cpu.toFixed(2)} ms CPU/request; b/a req/s ${(b.rps / a.rps).toFixed(2)}, CPU/request ${(b.cpu / a.cpu).toFixed(2)}\n`,
      );
    }
  } finally {
    for (const api of apis) api.child.kill('SIGTERM');
    await clearQueuePrefix(TEST_REDIS_URL, `${prefix}-a`);
    await clearQueuePrefix(TEST_REDIS_URL, `${prefix}-b`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
