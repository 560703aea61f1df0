/**
 * Dashboard benchmark: GET /api/v1/plans/:planId/dashboard at 100,000 actions (400,000 milestones,
 * 200,000 evidence rows, 120,000 progress updates, 133,000 finding links; two committees with a
 * meeting each), through the real API in this process, as a board member.
 *
 *   1. seed (bench/seed-large-plan.ts), then colour every action with the real full recompute
 *      (RagComputeService, as the nightly job runs it) for today and `--history` earlier dates, so
 *      the trend has its points and the kept counts were written by the triggers, not by a backfill;
 *   2. warm up, then `--requests` sequential requests: p50 / p95 / p99;
 *   3. baselines, in the same run: a Node `pg` loop reading the kept colour counts (the fastest
 *      single query the page needs); the API's floor, a small plan-scoped GET through the same
 *      guards interleaved with the dashboard's requests; and for scale the GROUP BY recount of the
 *      colour roll-ups that the kept counts replace (what each request ran before).
 *
 *   npx ts-node --transpile-only bench/dashboard.bench.ts [--actions 100000] [--requests 200] [--history 11] [--keep-database]
 *     [--reuse <database kept by an earlier run>] [--profile: each SQL statement's time inside the requests]
 *
 * Target (issue 17): p95 < 50 ms at 100,000 actions.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { addDays, londonToday } from '../src/common/dates/calendar-date';
import { loadConfig } from '../src/config/app-config';
import { configureApp } from '../src/configure-app';
import { RagComputeService } from '../src/rag/compute/rag-compute.service';
import { RagColoursRepository } from '../src/rag/compute/rag-colours.repository';
import { appDatabaseUrl, dropDatabase } from '../test/support/databases';
import { percentile, ratio, sqlLoop } from './baselines';
import { clearQueuePrefix } from './clear-queue-prefix';
import { BENCH_PASSWORD, createBenchDatabase, seedLargePlan } from './seed-large-plan';
import { recordFigures } from './summary';

const DATABASE = 'it_bench_dashboard';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

async function seeded(actions: number, today: string): Promise<{ url: string; seed: { organisationId: string; planId: string; boardEmail: string } }> {
  process.stdout.write(`[bench] ${actions} actions: seeding... `);
  const url = await createBenchDatabase(DATABASE);
  const seed = await seedLargePlan(url, { actions, asOf: today });
  process.stdout.write(`${seed.seconds.toFixed(1)} s\n`);
  return { url, seed };
}

/** --reuse <database>: a database this bench (or seed-large-plan.ts) seeded, kept; no seeding or recompute. */
async function existingPlan(database: string): Promise<{ url: string; seed: { organisationId: string; planId: string; boardEmail: string } }> {
  const url = appDatabaseUrl(database);
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ organisationId: string; planId: string; boardEmail: string }>(
      `SELECT pm.organisation_id AS "organisationId", pm.plan_id AS "planId", u.email AS "boardEmail"
       FROM plan_membership pm JOIN "user" u ON u.id = pm.user_id WHERE pm.role = 'board' AND u.email LIKE 'board-%@bench.gov.uk' LIMIT 1`,
    );
    return { url, seed: rows[0] };
  } finally {
    await db.end();
  }
}

async function runBench(): Promise<void> {
  const actions = Number(arg('actions') ?? 100_000);
  const requests = Number(arg('requests') ?? 200);
  const history = Number(arg('history') ?? 11);
  const today = londonToday(new Date());

  const reuse = arg('reuse');
  const { url, seed } = reuse ? await existingPlan(reuse) : await seeded(actions, today);
  const db = new Client({ connectionString: url });
  await db.connect();
  // Two committees, each with its next meeting: the dashboard counts what is due before them.
  if (!reuse) await db.query(
    `INSERT INTO committee (organisation_id, plan_id, name, audience, version)
     VALUES ($1, $2, 'Improvement Board', 'board', 1), ($1, $2, 'Scrutiny Committee', 'scrutiny', 1)`,
    [seed.organisationId, seed.planId],
  );
  if (!reuse) await db.query(
    `INSERT INTO meeting (organisation_id, plan_id, committee_id, meets_on, papers_deadline, version)
     SELECT $1, $2, c.id, $3::date + CASE c.audience WHEN 'board' THEN 14 ELSE 28 END, $3::date + 7, 1 FROM committee c WHERE c.plan_id = $2`,
    [seed.organisationId, seed.planId, today],
  );

  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    QUEUE_PREFIX: `bench-dash-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    NODE_ENV: 'development',
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config }), { bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1`;
  try {
    const compute = app.get(RagComputeService);
    process.stdout.write(`[bench] recompute for ${history} earlier dates and today... `);
    const started = performance.now();
    for (let d = history; d >= 0 && !reuse; d--) await compute.recomputeOrganisation(seed.organisationId, addDays(today, -d));
    process.stdout.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    await db.query('VACUUM (ANALYZE) plan_colour_count, plan_day_count, rag_trend_count, action');

    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: seed.boardEmail, password: BENCH_PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { Authorization: `Bearer ${accessToken}` };
    const get = async (): Promise<{ ms: number; body: { overall: { total: number }; trend: unknown[]; overdueMilestones: { total: number }; nextMeetings: unknown[] } }> => {
      const t0 = performance.now();
      const res = await fetch(`${base}/plans/${seed.planId}/dashboard`, { headers });
      const body = (await res.json()) as Awaited<ReturnType<typeof get>>['body'];
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}: ${JSON.stringify(body)}`);
      return { ms: performance.now() - t0, body };
    };
    for (let i = 0; i < 20; i++) await get();
    // --profile: each SQL statement's time inside the requests (the DataSource's query, patched).
    const profile = new Map<string, number[]>();
    if (process.argv.includes('--profile')) {
      const ds = app.get(DataSource);
      const query = ds.query.bind(ds);
      ds.query = (async (sql: string, params?: unknown[]) => {
        const t0 = performance.now();
        try {
          return await query(sql, params);
        } finally {
          const key = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
          profile.set(key, [...(profile.get(key) ?? []), performance.now() - t0]);
        }
      }) as typeof ds.query;
    }
    // The API's floor, interleaved so that load moves both alike: a small plan-scoped read through
    // the same guards (GET /plans/:planId/meetings: two rows).
    const floor = async (): Promise<number> => {
      const t0 = performance.now();
      const res = await fetch(`${base}/plans/${seed.planId}/meetings`, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`meetings answered ${res.status}`);
      return performance.now() - t0;
    };
    const latencies: number[] = [];
    const floorMs: number[] = [];
    let last = (await get()).body;
    for (let i = 0; i < requests; i++) {
      const r = await get();
      latencies.push(r.ms);
      last = r.body;
      floorMs.push(await floor());
    }
    const d = sorted(latencies);
    const f = sorted(floorMs);

    // Baseline: the fastest single query the page needs, in a pg loop (1 client, 3 s).
    const kept = await sqlLoop(
      url,
      [
        {
          text: `SELECT kind, group_id, colour, count FROM plan_colour_count WHERE plan_id = $2 AND organisation_id = $1 AND kind = ANY($3::text[]) AND count <> 0`,
          values: [seed.organisationId, seed.planId, ['all', 'workstream', 'notice', 'inspection', 'regulator']],
        },
      ],
      { clients: 1, seconds: 3 },
    );
    // For scale: the per-request recount of the colour roll-ups that the kept counts replace.
    // (The organisation has one plan: without a plan the repository takes the GROUP BY path.)
    const recountMs: number[] = [];
    const repo = app.get(RagColoursRepository);
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await repo.countsByGroup(seed.organisationId, { kind: 'stored' }, ['all', 'workstream', 'notice', 'inspection', 'regulator'], null);
      recountMs.push(performance.now() - t0);
    }

    process.stdout.write(
      `\nGET /plans/:planId/dashboard at ${actions.toLocaleString('en-GB')} actions (${last.trend.length} trend points, ${last.overdueMilestones.total} overdue milestones, ` +
        `${last.nextMeetings.length} committees), ${requests} sequential requests after 20 to warm up:\n` +
        `  p50 ${ms(percentile(d, 50))}, p95 ${ms(percentile(d, 95))}, p99 ${ms(percentile(d, 99))}, max ${ms(d[d.length - 1])}\n` +
        `  the API's floor, GET /plans/:planId/meetings interleaved: p50 ${ms(percentile(f, 50))}, p95 ${ms(percentile(f, 95))}\n` +
        `  baseline, pg loop reading the kept colour counts: p50 ${ms(kept.p50)}, p95 ${ms(kept.p95)} (${kept.requestsPerSecond.toFixed(0)}/s)\n` +
        `  for scale, the GROUP BY recount of the colour roll-ups that each request ran before: median ${ms(percentile(sorted(recountMs), 50))}\n`,
    );
    for (const [sql, times] of [...profile].sort((a, b) => percentile(sorted(b[1]), 50) - percentile(sorted(a[1]), 50))) {
      process.stdout.write(`  ${ms(percentile(sorted(times), 50)).padStart(9)} p50  ${String(times.length).padStart(4)}x  ${sql}\n`);
    }
    const size = actions.toLocaleString('en-GB');
    recordFigures([
      {
        bench: 'Dashboard',
        figure: `GET /plans/:planId/dashboard p95, ${size} actions`,
        value: ms(percentile(d, 95)),
        baseline: `${ms(kept.p95)} (kept counts, pg loop)`,
        ratio: ratio(percentile(d, 95), kept.p95),
        target: '< 50 ms',
        pass: actions !== 100_000 ? undefined : percentile(d, 95) < 50,
      },
      { bench: 'Dashboard', figure: `GET /plans/:planId/dashboard p50 / p99, ${size} actions`, value: `${ms(percentile(d, 50))} / ${ms(percentile(d, 99))}` },
      {
        bench: 'Dashboard',
        figure: `GET /plans/:planId/dashboard p95 against the API's floor (GET /plans/:planId/meetings, interleaved)`,
        value: ms(percentile(d, 95)),
        baseline: ms(percentile(f, 95)),
        ratio: ratio(percentile(d, 95), percentile(f, 95)),
      },
    ]);
  } finally {
    await db.end();
    await app.close();
    await clearQueuePrefix(config.REDIS_URL, config.QUEUE_PREFIX);
    if (!reuse && !process.argv.includes('--keep-database')) await dropDatabase(DATABASE);
  }
}

if (require.main === module) {
  runBench().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
