/**
 * Progress pack benchmark, end to end through the database: seeds plans of 500 and 5,000 actions
 * (bench/seed-large-plan.ts: 4 milestones, 2 evidence rows and 1-2 progress updates per action) in
 * a fresh bench database, records the RAG snapshots of the reporting date, then generates board
 * packs in all four formats through PackGenerationService (the worker's code path without the
 * queue): load the source from PostgreSQL, build the model (and its content hash), render, store.
 *
 * It measures what production runs: the code compiled to JavaScript (bench/compile-sources.ts),
 * in its own process (bench/packs-generate.runner.ts) with the packs worker's module and its
 * render thread (started at boot, as in the worker). Peak RSS is that process's (all threads:
 * VmHWM, reset before each pack). In that process, in order:
 *   - cold: the first size's pack as the first pack the process renders (cold JIT; `--cold no` skips it);
 *   - warm-up: a 20-action pack, not timed (a long-lived worker has rendered packs before);
 *   - warm: each size (the judged figures);
 *   - baseline (`--baseline no` skips it): each size again with every format rendered one after
 *     another in the main thread (no render thread); the summary prints the ratio.
 *
 *   npx ts-node --transpile-only bench/packs-generate.bench.ts [--sizes 500,5000] [--audience board|scrutiny] [--cold no] [--baseline no]
 *
 * Targets (issue 17): 500 actions under 1 s, 5,000 under 5 s, peak RSS under 400 MB.
 *
 * BENCH_SCALE=2 (environment) multiplies every size (1,000 and 10,000 by default), and each target
 * is judged at its scaled size. The growth line compares the smallest and largest size's warm
 * pack: time and peak RSS (and the RSS above the process's boot RSS), each with its exponent
 * against the data (1.0: linear; more: faster than the data).
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { londonToday } from '../src/common/dates/calendar-date';
import { loadConfig } from '../src/config/app-config';
import { RagComputeService } from '../src/rag/compute/rag-compute.service';
import { NestFactory } from '@nestjs/core';
import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule } from '../src/core/core.module';
import { RagCoreModule } from '../src/rag/rag-core.module';
import { createBenchDatabase, seedLargePlan, type SeededPlan } from './seed-large-plan';
import { clearQueuePrefix } from './clear-queue-prefix';
import { compileSources } from './compile-sources';
import { workerNodeFlags } from './worker-flags';
import { recordFigures } from './summary';
import type { RunnerPlan, RunnerTask } from './packs-generate.runner';
import type { PackGenerationResult } from '../src/packs/jobs/pack-generation.service';

/** Another name (BENCH_PACKS_DATABASE) lets two checkouts run the bench at once. */
const DATABASE = process.env.BENCH_PACKS_DATABASE ?? 'it_bench_packs';
const TARGET_MS: Record<number, number> = { 500: 1_000, 5_000: 5_000 };
/** BENCH_SCALE=2 doubles every size (the growth check: twice the data). */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number (it is '${process.env.BENCH_SCALE}')`);
/** A scaled size is judged against its unscaled size's target. */
const targetFor = (actions: number): number | undefined => TARGET_MS[Math.round(actions / SCALE)];

/** How a figure grows against the data: the ratio, and its exponent (1.0 = linear). */
function growth(from: number, to: number, dataFactor: number): string {
  const factor = to / from;
  return `x${factor.toFixed(1)} (exponent ${(Math.log(factor) / Math.log(dataFactor)).toFixed(2)})`;
}
const TARGET_RSS_MB = 400;
const REPO = join(__dirname, '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type Generated = Extract<PackGenerationResult, { outcome: 'generated' }>;
interface PackReport extends RunnerPlan {
  rssBeforeMb: number;
  peakRssMb: number;
  timings: Generated['timings'];
  files: Generated['files'];
}

/** Runs the compiled runner with the task; returns its boot RSS and one report per pack. */
function runCompiled(dir: string, task: RunnerTask): Promise<{ bootRssMb: number; packs: PackReport[] }> {
  return new Promise((resolve, reject) => {
    // The worker's own flags (package.json start:worker).
    const child = spawn(process.execPath, [...workerNodeFlags(), join(dir, 'bench', 'packs-generate.runner.js'), JSON.stringify(task)], {
      env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const packs: PackReport[] = [];
    let bootRssMb = NaN;
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line.startsWith('@boot ')) bootRssMb = (JSON.parse(line.slice(6)) as { rssMb: number }).rssMb;
        else if (line.startsWith('@pack ')) {
          const report = JSON.parse(line.slice(6)) as PackReport;
          packs.push(report);
          const t = report.timings;
          process.stdout.write(
            `  ${report.mode.padEnd(10)} ${String(report.actions).padStart(5)} actions: total ${t.totalMs} ms (load ${t.loadMs}, model ${t.modelMs}, render ${t.renderMs}: ${formatsOf(report)}; store ${t.storeMs}); peak RSS ${report.peakRssMb} MB (before ${report.rssBeforeMb} MB)\n`,
          );
        } else if (line) process.stdout.write(`${line}\n`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ bootRssMb, packs }) : reject(new Error(`the pack runner exited with code ${code}`))));
  });
}

const formatsOf = (r: PackReport) => r.files.map((f) => `${f.format} ${f.renderMs} ms (${(f.sizeBytes / 1024).toFixed(0)} KiB)`).join(', ');

@Module({})
class RagBenchModule {
  static forRoot(config: ReturnType<typeof loadConfig>): DynamicModule {
    return { module: RagBenchModule, imports: [CoreModule.forRoot({ config, databaseClient: 'worker' }), RagCoreModule] };
  }
}

async function main(): Promise<void> {
  const sizes = (arg('sizes') ?? '500,5000').split(',').map((n) => Math.round(Number(n) * SCALE));
  const audience = arg('audience') ?? 'board';
  const withCold = arg('cold') !== 'no';
  const withBaseline = arg('baseline') !== 'no';
  const asOf = londonToday(new Date());
  const databaseUrl = await createBenchDatabase(DATABASE);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-packs-'));
  const queuePrefix = `bench-packs-${randomUUID().slice(0, 8)}`;
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, QUEUE_PREFIX: queuePrefix, DATA_DIR: dataDir, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', NODE_ENV: 'development' });

  const warmUp = await seedLargePlan(databaseUrl, { actions: 20, asOf });
  const seeded: SeededPlan[] = [];
  for (const size of sizes) {
    const plan = await seedLargePlan(databaseUrl, { actions: size, asOf });
    seeded.push(plan);
    process.stdout.write(`seeded ${size} actions (${plan.milestones} milestones, ${plan.evidence} evidence, ${plan.progressUpdates} updates) in ${plan.seconds.toFixed(1)} s\n`);
  }
  // The snapshots a nightly run would have left: the pack then measures loading, model and render.
  const ragApp = await NestFactory.createApplicationContext(RagBenchModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const rag = ragApp.get(RagComputeService);
    for (const plan of [warmUp, ...seeded]) await rag.recomputeOrganisation(plan.organisationId, asOf);
  } finally {
    await ragApp.close();
  }

  process.stdout.write('[bench] compiling the packs worker code... ');
  const compiledAt = Date.now();
  const dir = compileSources('packs-bench-', ['bench/packs-generate.runner.ts']);
  process.stdout.write(`${((Date.now() - compiledAt) / 1000).toFixed(1)} s\n`);

  const entry = (plan: SeededPlan, mode: RunnerPlan['mode']): RunnerPlan => ({ label: `${plan.actions}`, organisationId: plan.organisationId, planId: plan.planId, boardEmail: plan.boardEmail, actions: plan.actions, mode });
  const packs: RunnerPlan[] = [
    ...(withCold ? [entry(seeded[0], 'cold')] : []),
    entry(warmUp, 'warm-up'),
    ...seeded.map((p) => entry(p, 'warm')),
    ...(withBaseline ? seeded.map((p) => entry(p, 'one-thread')) : []),
  ];
  let failed = false;
  try {
    process.stdout.write(`${audience} packs, all four formats, compiled, in the packs worker's process (render thread started at boot):\n`);
    if (process.env.BENCH_PACKS_TASK_FILE) writeFileSync(process.env.BENCH_PACKS_TASK_FILE, JSON.stringify({ databaseUrl, dataDir, queuePrefix, audience, asOf, packs }));
    const { bootRssMb, packs: reports } = await runCompiled(dir, { databaseUrl, dataDir, queuePrefix, audience, asOf, packs });
    process.stdout.write(`  the process's RSS after boot: ${bootRssMb} MB\n\n`);
    const rows: string[][] = [];
    for (const plan of seeded) {
      const warm = reports.find((r) => r.mode === 'warm' && r.actions === plan.actions) as PackReport;
      const cold = reports.find((r) => r.mode === 'cold' && r.actions === plan.actions);
      const serial = reports.find((r) => r.mode === 'one-thread' && r.actions === plan.actions);
      const target = targetFor(plan.actions);
      const timePass = target === undefined || warm.timings.totalMs < target;
      const rssPass = warm.peakRssMb < TARGET_RSS_MB;
      failed ||= !timePass || !rssPass;
      const baseline = serial ? { baseline: `${(serial.timings.totalMs / 1000).toFixed(2)} s one thread`, ratio: (warm.timings.totalMs / serial.timings.totalMs).toFixed(2) } : {};
      recordFigures([
        { bench: 'packs (DB to files)', figure: `${plan.actions}-action ${audience} pack, 4 formats, warm worker`, value: `${(warm.timings.totalMs / 1000).toFixed(2)} s (${formatsOf(warm)})${cold ? `; cold ${(cold.timings.totalMs / 1000).toFixed(2)} s` : ''}`, ...baseline, target: target ? `< ${target / 1000} s` : undefined, pass: timePass },
        { bench: 'packs (DB to files)', figure: `${plan.actions}-action pack, worker peak RSS (all threads)`, value: `${warm.peakRssMb} MB${cold ? `; cold ${cold.peakRssMb} MB` : ''}`, target: `< ${TARGET_RSS_MB} MB`, pass: rssPass },
      ]);
      for (const r of [cold, warm, serial]) {
        if (!r) continue;
        rows.push([r.mode, String(r.actions), String(r.timings.loadMs), String(r.timings.modelMs), ...['pdf', 'docx', 'xlsx', 'json'].map((f) => String(r.files.find((x) => x.format === f)?.renderMs ?? '')), String(r.timings.storeMs), String(r.timings.totalMs), String(r.peakRssMb), r.mode === 'warm' ? `${timePass && rssPass ? 'PASS' : 'FAIL'}` : '']);
      }
    }
    const header = ['run', 'actions', 'load ms', 'model ms', 'pdf ms', 'docx ms', 'xlsx ms', 'json ms', 'store ms', 'total ms', 'peak RSS MB', 'target'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
    process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
    process.stdout.write(`targets (warm): ${Math.round(500 * SCALE)} actions < 1 s, ${Math.round(5000 * SCALE).toLocaleString('en-GB')} < 5 s, peak RSS < ${TARGET_RSS_MB} MB${SCALE !== 1 ? ` (BENCH_SCALE=${SCALE})` : ''}\n`);
    const warm = reports.filter((r) => r.mode === 'warm').sort((x, y) => x.actions - y.actions);
    if (warm.length >= 2) {
      const a = warm[0];
      const b = warm[warm.length - 1];
      const data = b.actions / a.actions;
      const above = (r: PackReport) => Math.max(1, r.peakRssMb - bootRssMb);
      const value =
        `time ${growth(a.timings.totalMs, b.timings.totalMs, data)}, peak RSS ${growth(a.peakRssMb, b.peakRssMb, data)}, ` +
        `RSS above boot (${bootRssMb} MB) ${growth(above(a), above(b), data)}`;
      process.stdout.write(`Growth ${a.actions} -> ${b.actions} actions (data x${data.toFixed(1)}${SCALE !== 1 ? `, BENCH_SCALE=${SCALE}` : ''}), warm: ${value}\n`);
      recordFigures([{ bench: 'packs (DB to files)', figure: `growth ${a.actions.toLocaleString('en-GB')} -> ${b.actions.toLocaleString('en-GB')} actions (data x${data.toFixed(1)})`, value }]);
    }
  } finally {
    await clearQueuePrefix(config.REDIS_URL, queuePrefix);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
