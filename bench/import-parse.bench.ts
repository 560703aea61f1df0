/**
 * Import reading benchmark: generates a 5,000-row tracker (deterministic, the shape of fixture (a):
 * Ref | Area for improvement | Action | Lead officer | ... | Success measure, with text, fuzzy and
 * exact dates and council status words), then times parseImportFile on it as .xlsx and as .csv,
 * and times how long a 100 MB CSV of unknown size takes to be refused. Prints ms and peak RSS.
 * Target for the whole import preview (this reading plus the comparison with the plan, later):
 * under 3 s for 5,000 rows.
 *
 *   node -r ts-node/register/transpile-only bench/import-parse.bench.ts [--rows 5000]
 *
 * Each case runs in its own child process (with this process's loader flags and the worker's
 * heap cap), after a small warm-up parse, so its peak RSS is its own. The RSS includes ts-node.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ImportErrorCode, ImportException } from '../src/imports/imports.exception';
import { parseImportFile } from '../src/imports/parse-import-file';
import { importInputFromBuffer, type ImportFileInput } from '../src/imports/read/import-input';
import { syntheticTrackerCsv, syntheticTrackerXlsx } from '../src/imports/testing/tracker-fixtures.testing';
import { recordFigures } from './summary';

type Case = 'xlsx' | 'csv' | 'csv-100mb';
const CASES: Case[] = ['xlsx', 'csv', 'csv-100mb'];
const TARGET_MS = 3000;
const TARGET_RSS_MB = 512;
/** The worker's V8 heap cap (package.json start:worker, docker-compose.yml). */
const WORKER_HEAP_MB = 384;

export interface ImportBenchRow {
  case: Case;
  rows: number;
  fileBytes: number;
  ms: number;
  /** CPU time of the parse (user + system): what the work costs, whatever else the machine is doing. */
  cpuMs: number;
  peakRssMb: number;
  outcome: string;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function hugeCsv(): ImportFileInput {
  const row = Buffer.from(`1.1,"${'Review every concern raised through the online form. '.repeat(20)}",Priya Raman,31/03/2026,On track\n`);
  const chunk = Buffer.concat(Array.from({ length: Math.ceil((1024 * 1024) / row.length) }, () => row));
  return {
    fileName: 'huge.csv',
    open: async function* () {
      yield Buffer.from('Ref,Action,Lead officer,Target date,Status\n');
      for (let produced = 0; produced < 100 * 1024 * 1024; produced += chunk.length) yield chunk;
    },
  };
}

async function runCase(which: Case, rows: number): Promise<ImportBenchRow> {
  if (which === 'csv-100mb') {
    const started = performance.now();
    const cpu = process.cpuUsage();
    let outcome = 'accepted (unexpected)';
    try {
      await parseImportFile(hugeCsv(), { limits: { maxRows: 1_000_000 } });
    } catch (error) {
      outcome = error instanceof ImportException ? error.code : String(error);
    }
    return { case: which, rows: 0, fileBytes: 100 * 1024 * 1024, ms: performance.now() - started, cpuMs: cpuMs(cpu), peakRssMb: peakRssMb(), outcome };
  }
  const make = which === 'xlsx' ? syntheticTrackerXlsx : async (n: number) => syntheticTrackerCsv(n);
  // Warm-up: module loading and JIT are not charged to the timed run.
  await parseImportFile(importInputFromBuffer(await make(50), `warm.${which}`), { today: '2026-01-15' });
  const file = await make(rows);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await parseImportFile(importInputFromBuffer(file, `tracker.${which}`), { today: '2026-01-15' });
  const ms = performance.now() - started;
  const cpuTime = cpuMs(cpu);
  const { summary } = result;
  return {
    case: which,
    rows: summary.dataRows,
    fileBytes: file.length,
    ms,
    cpuMs: cpuTime,
    peakRssMb: peakRssMb(),
    outcome: `${summary.dataRows} rows, ${summary.errors} errors, ${summary.warnings} warnings`,
  };
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const CHILD_RESULT = 'BENCH_RESULT ';

function inChild(which: Case, rows: number): Promise<ImportBenchRow> {
  const loader = __filename.endsWith('.ts') && !process.execArgv.some((a) => a.includes('ts-node')) ? ['-r', 'ts-node/register/transpile-only'] : [];
  return new Promise((resolve, reject) => {
    const args = [`--max-old-space-size=${WORKER_HEAP_MB}`, ...process.execArgv, ...loader, __filename, '--child', which, '--rows', String(rows)];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(CHILD_RESULT));
      if (code !== 0 || !line) return reject(new Error(`import bench child for ${which} failed (exit ${code}): ${out}`));
      resolve(JSON.parse(line.slice(CHILD_RESULT.length)) as ImportBenchRow);
    });
  });
}

export async function main(): Promise<ImportBenchRow[]> {
  const rows = Number(argValue('--rows') ?? 5000);
  const results: ImportBenchRow[] = [];
  for (const which of CASES) results.push(await inChild(which, rows));
  const load = loadavg()[0];
  console.log(`Each case in its own Node process with --max-old-space-size=${WORKER_HEAP_MB} (load average ${load.toFixed(1)} on ${cpus().length} cores):`);
  console.table(
    results.map((r) => ({
      case: r.case,
      'file size': `${(r.fileBytes / 1024 / 1024).toFixed(1)} MB`,
      'parse ms': r.ms.toFixed(0),
      'CPU ms': r.cpuMs.toFixed(0),
      'peak RSS MB': r.peakRssMb.toFixed(0),
      outcome: r.outcome,
    })),
  );
  for (const r of results) {
    if (r.case === 'csv-100mb') {
      const refused = r.outcome === String(ImportErrorCode.FileTooLarge);
      console.log(`100 MB CSV of unknown size: ${r.outcome} after ${r.ms.toFixed(0)} ms, peak RSS ${r.peakRssMb.toFixed(0)} MB ${refused ? 'OK' : 'NOT REFUSED'}`);
      recordFigures([
        {
          bench: 'import parse',
          figure: '100 MB CSV (size unknown) refused',
          value: `${r.outcome} in ${(r.ms / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s), peak RSS ${r.peakRssMb.toFixed(0)} MB`,
          target: 'file_too_large',
          pass: refused,
        },
      ]);
      continue;
    }
    const ok = r.ms < TARGET_MS;
    console.log(
      `${r.rows}-row ${r.case}: ${r.ms.toFixed(0)} ms, CPU ${r.cpuMs.toFixed(0)} ms (target for the whole preview < ${TARGET_MS} ms) ${ok ? 'OK' : 'OVER'}; peak RSS ${r.peakRssMb.toFixed(0)} MB`,
    );
    recordFigures([
      {
        bench: 'import parse',
        figure: `${r.rows}-row tracker, ${r.case}: read and understand`,
        value: `${(r.ms / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s, load ${load.toFixed(1)})`,
        target: `< ${TARGET_MS / 1000} s (whole preview)`,
        pass: ok,
      },
      { bench: 'import parse', figure: `${r.rows}-row tracker, ${r.case}: peak RSS`, value: `${r.peakRssMb.toFixed(0)} MB`, target: `< ${TARGET_RSS_MB} MB`, pass: r.peakRssMb < TARGET_RSS_MB },
    ]);
  }
  return results;
}

if (require.main === module) {
  const which = argValue('--child') as Case | undefined;
  const rows = Number(argValue('--rows') ?? 5000);
  const run = which
    ? runCase(which, rows).then((row) => {
        process.stdout.write(`${CHILD_RESULT}${JSON.stringify(row)}\n`);
      })
    : main();
  run.catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
