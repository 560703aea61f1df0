/**
 * Progress pack benchmark, end to end through the database: seeds plans of 500 and 5,000 actions
 * (bench/seed-large-plan.ts: 4 milestones, 2 evidence rows and 1-2 progress updates per action) in
 * a fresh bench database, records the RAG snapshots of the reporting date, then generates a board
 * pack in all four formats through PackGenerationService (the worker's code path without the
 * queue): load the source from PostgreSQL, build the model (and its content hash), render, store.
 * The PDF renders in the packs worker's render thread (the second core) while the others render
 * here, as in the worker. Prints per-step and per-format timings, file sizes and the process's
 * peak RSS (all threads) after each size. (bench/packs-render.bench.ts times the renderers alone.)
 *
 * Baseline in the same run (`--baseline`, on by default; `--baseline no` skips it): after the
 * figures, the same pack again with every format rendered one after another in this thread (no
 * render thread), as before the render thread; the summary prints the ratio.
 *
 *   npx ts-node --transpile-only bench/packs-generate.bench.ts [--sizes 500,5000] [--audience board|scrutiny] [--baseline no]
 *
 * Targets (issue 17): 500 actions under 1 s, 5,000 under 5 s, peak RSS under 400 MB.
 */
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { londonToday } from '../src/common/dates/calendar-date';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { CoreModule } from '../src/core/core.module';
import { CLOCK, type Clock } from '../src/common/clock/clock';
import { PackGenerationService } from '../src/packs/jobs/pack-generation.service';
import { PacksRepository } from '../src/packs/packs.repository';
import { PackSourceLoader } from '../src/packs/source/pack-source.loader';
import { OBJECT_STORAGE, type ObjectStorage } from '../src/storage/object-storage';
import { PacksWorkerModule } from '../src/packs/packs-worker.module';
import { RagComputeService } from '../src/rag/compute/rag-compute.service';
import { createBenchDatabase, seedLargePlan } from './seed-large-plan';
import { clearQueuePrefix } from './clear-queue-prefix';
import { recordFigures } from './summary';
import type { PackAudience } from '../src/vocabulary/pack-audience';

const DATABASE = 'it_bench_packs';
const TARGET_MS: Record<number, number> = { 500: 1_000, 5_000: 5_000 };
const TARGET_RSS_MB = 400;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The worker's pack side only: core (database, Redis, queues, clock) and the packs worker module. */
@Module({})
class PacksBenchModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: PacksBenchModule, imports: [CoreModule.forRoot({ config }), PacksWorkerModule] };
  }
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** Peak resident set of this process so far (ru_maxrss is in KiB on Linux). */
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function main(): Promise<void> {
  const sizes = (arg('sizes') ?? '500,5000').split(',').map(Number);
  const audience = (arg('audience') ?? 'board') as PackAudience;
  const asOf = londonToday(new Date());
  const databaseUrl = await createBenchDatabase(DATABASE);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-packs-'));
  const queuePrefix = `bench-packs-${randomUUID().slice(0, 8)}`;
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, QUEUE_PREFIX: queuePrefix, DATA_DIR: dataDir, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', NODE_ENV: 'development' });

  const seeded = [];
  for (const size of sizes) {
    const plan = await seedLargePlan(databaseUrl, { actions: size, asOf });
    seeded.push(plan);
    process.stdout.write(`seeded ${size} actions (${plan.milestones} milestones, ${plan.evidence} evidence, ${plan.progressUpdates} updates) in ${plan.seconds.toFixed(1)} s\n`);
  }

  const app = await NestFactory.createApplicationContext(PacksBenchModule.forRoot(config), { logger: ['error', 'warn'] });
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const rows: string[][] = [];
  let failed = false;
  try {
    const generation = app.get(PackGenerationService);
    // The baseline: the same service without the render thread (every format here, one after another).
    const serial = new PackGenerationService(app.get(PacksRepository), app.get(PackSourceLoader), app.get(RagComputeService), app.get<ObjectStorage>(OBJECT_STORAGE), app.get<Clock>(CLOCK));
    const withBaseline = arg('baseline') !== 'no';
    const rag = app.get(RagComputeService);
    process.stdout.write(`baseline RSS after boot: ${mb(process.memoryUsage().rss)} MB\n\n`);

    for (const plan of seeded) {
      // The snapshots a nightly run would have left: the pack then measures loading, model and render.
      const recomputeStarted = Date.now();
      await rag.recomputeOrganisation(plan.organisationId, asOf);
      const recomputeMs = Date.now() - recomputeStarted;

      const newPack = async (): Promise<string> => {
        const packId = randomUUID();
        await pg.query(
          `INSERT INTO pack (id, organisation_id, plan_id, audience, as_of, title, formats, requested_by_id, job_id)
           SELECT $1, $2, $7, $3, $4, 'Bench pack', '["pdf","docx","xlsx","json"]', u.id, $6 FROM "user" u WHERE u.email = $5`,
          [packId, plan.organisationId, audience, asOf, plan.boardEmail, `pack-${packId}`, plan.planId],
        );
        return packId;
      };
      const run = async (service: PackGenerationService) => {
        const packId = await newPack();
        const outcome = await service.generate({ organisationId: plan.organisationId, packId }, { jobId: `pack-${packId}`, attempt: 1, maxAttempts: 1 });
        if (outcome.outcome !== 'generated') throw new Error(`pack ${packId} was ${outcome.reason}`);
        return outcome;
      };
      const result = await run(generation);
      const { timings, files } = result;
      const peak = peakRssMb();
      const target = TARGET_MS[plan.actions];
      const pass = (target === undefined || timings.totalMs < target) && peak < TARGET_RSS_MB;
      failed ||= !pass;
      const perFormat = files.map((f) => `${f.format} ${f.renderMs} ms (${(f.sizeBytes / 1024).toFixed(0)} KiB)`).join(', ');
      process.stdout.write(
        `${plan.actions} actions, ${audience} pack, all four formats:\n` +
          `  snapshots recomputed beforehand: ${recomputeMs} ms (not in the pack time)\n` +
          `  load ${timings.loadMs} ms, model + hash ${timings.modelMs} ms, render ${timings.renderMs} ms [${perFormat}], store ${timings.storeMs} ms\n` +
          `  total ${timings.totalMs} ms${target ? ` (target < ${target} ms)` : ''}; peak RSS so far ${peak} MB (target < ${TARGET_RSS_MB} MB): ${pass ? 'PASS' : 'FAIL'}\n\n`,
      );
      let baseline: { baseline?: string; ratio?: string } = {};
      if (withBaseline) {
        const serialResult = await run(serial);
        const serialMs = serialResult.timings.totalMs;
        const serialFormats = serialResult.files.map((f) => `${f.format} ${f.renderMs} ms`).join(', ');
        process.stdout.write(`  baseline, same pack rendered one format after another in one thread: total ${serialMs} ms [${serialFormats}]; ratio ${(timings.totalMs / serialMs).toFixed(2)}\n\n`);
        baseline = { baseline: `${(serialMs / 1000).toFixed(2)} s one thread`, ratio: (timings.totalMs / serialMs).toFixed(2) };
      }
      recordFigures([
        { bench: 'packs (DB to files)', figure: `${plan.actions}-action ${audience} pack, 4 formats`, value: `${(timings.totalMs / 1000).toFixed(2)} s (${perFormat})`, ...baseline, target: target ? `< ${target / 1000} s` : undefined, pass: target === undefined || timings.totalMs < target },
        { bench: 'packs (DB to files)', figure: `${plan.actions}-action pack peak RSS`, value: `${peak} MB`, target: `< ${TARGET_RSS_MB} MB`, pass: peak < TARGET_RSS_MB },
      ]);
      rows.push([
        String(plan.actions),
        String(timings.loadMs),
        String(timings.modelMs),
        ...['pdf', 'docx', 'xlsx', 'json'].map((f) => String(files.find((x) => x.format === f)?.renderMs ?? '')),
        String(timings.storeMs),
        String(timings.totalMs),
        String(peak),
      ]);
    }
  } finally {
    await pg.end();
    await app.close();
    await clearQueuePrefix(config.REDIS_URL, queuePrefix);
    rmSync(dataDir, { recursive: true, force: true });
  }

  const header = ['actions', 'load ms', 'model ms', 'pdf ms', 'docx ms', 'xlsx ms', 'json ms', 'store ms', 'total ms', 'peak RSS MB'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
  if (failed) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
