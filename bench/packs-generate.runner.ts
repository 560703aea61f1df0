/**
 * The packs worker's side of bench/packs-generate.bench.ts, run compiled (bench/compile-sources.ts)
 * in its own process, as the worker runs: the worker's pack module on the bench database, the
 * render thread started at boot. Reads its task (JSON) from argv[2], writes one JSON line per pack
 * (prefixed `@pack `) to stdout. Peak RSS is this process's (all threads: VmHWM from /proc), reset
 * before each pack (clear_refs), so each figure is that pack's own peak.
 */
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { CoreModule } from '../src/core/core.module';
import { CLOCK, type Clock } from '../src/common/clock/clock';
import { PackGenerationService } from '../src/packs/jobs/pack-generation.service';
import { PacksRepository } from '../src/packs/packs.repository';
import { PackSourceLoader } from '../src/packs/source/pack-source.loader';
import { OBJECT_STORAGE, type ObjectStorage } from '../src/storage/object-storage';
import { PacksWorkerModule } from '../src/packs/packs-worker.module';
import { RagComputeService } from '../src/rag/compute/rag-compute.service';

export interface RunnerPlan {
  label: string;
  organisationId: string;
  planId: string;
  boardEmail: string;
  actions: number;
  /** Not timed: the warm-up. */
  mode: 'cold' | 'warm-up' | 'warm' | 'one-thread';
  /** All four unless given (to see one format's cost alone). */
  formats?: string[];
}

export interface RunnerTask {
  databaseUrl: string;
  dataDir: string;
  queuePrefix: string;
  audience: string;
  asOf: string;
  packs: RunnerPlan[];
}

@Module({})
class PacksBenchModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: PacksBenchModule, imports: [CoreModule.forRoot({ config, databaseClient: 'worker' }), PacksWorkerModule] };
  }
}

/**
 * BENCH_PACKS_CREATED_AT (an ISO time) dates every pack it inserts then (the pack's generation time):
 * the same data then gives the same bytes from run to run, so two builds' files can be compared by
 * their sha256 (printed with each pack).
 */
const CREATED_AT = process.env.BENCH_PACKS_CREATED_AT ?? null;

const status = (field: 'VmRSS' | 'VmHWM'): number => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
};

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2]) as RunnerTask;
  const config = loadConfig({ ...process.env, DATABASE_URL: task.databaseUrl, QUEUE_PREFIX: task.queuePrefix, DATA_DIR: task.dataDir, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', NODE_ENV: 'development' });
  const app = await NestFactory.createApplicationContext(PacksBenchModule.forRoot(config), { logger: ['error', 'warn'] });
  const pg = new Client({ connectionString: task.databaseUrl });
  await pg.connect();
  try {
    const generation = app.get(PackGenerationService);
    const serial = new PackGenerationService(app.get(PacksRepository), app.get(PackSourceLoader), app.get(RagComputeService), app.get<ObjectStorage>(OBJECT_STORAGE), app.get<Clock>(CLOCK));
    process.stdout.write(`@boot ${JSON.stringify({ rssMb: status('VmRSS') })}\n`);
    for (const plan of task.packs) {
      const packId = randomUUID();
      await pg.query(
        `INSERT INTO pack (id, organisation_id, plan_id, audience, as_of, title, formats, requested_by_id, job_id, created_at)
         SELECT $1, $2, $7, $3, $4, 'Bench pack', $8, u.id, $6, coalesce($9::timestamptz, now()) FROM "user" u WHERE u.email = $5`,
        [packId, plan.organisationId, task.audience, task.asOf, plan.boardEmail, `pack-${packId}`, plan.planId, JSON.stringify(plan.formats ?? ['pdf', 'docx', 'xlsx', 'json']), CREATED_AT],
      );
      (globalThis as { gc?: () => void }).gc?.();
      const rssBefore = status('VmRSS');
      writeFileSync('/proc/self/clear_refs', '5');
      const service = plan.mode === 'one-thread' ? serial : generation;
      const outcome = await service.generate({ organisationId: plan.organisationId, packId }, { jobId: `pack-${packId}`, attempt: 1, maxAttempts: 1 });
      if (outcome.outcome !== 'generated') throw new Error(`pack ${packId} was ${outcome.reason}`);
      const peakRssMb = status('VmHWM');
      process.stdout.write(`@pack ${JSON.stringify({ ...plan, rssBeforeMb: rssBefore, peakRssMb, timings: outcome.timings, files: outcome.files })}\n`);
    }
  } finally {
    await pg.end();
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
