/**
 * Evidence upload benchmark: the real API in a CHILD process (so its memory is measured on its own),
 * a fresh database cloned from the migrated test template, local-disk storage in a temp DATA_DIR.
 *
 *   npx ts-node --transpile-only bench/evidence-upload.bench.ts
 *
 * 1. One 100 MB file (a CSV, streamed from disk by the client, never held in memory by either side).
 * 2. 1,000 small files (20 KB CSVs, each different, so no dedup), 8 at a time.
 *
 * The API runs compiled to JavaScript (bench/compile-sources.ts), as production runs it (BENCH_TS_NODE=1:
 * under ts-node, as before). The client is curl when it is installed (BENCH_CLIENT=node: a Node
 * client): a Node client costs about three times curl's CPU, on a machine whose two cores it shares.
 * The large file is uploaded LARGE_ROUNDS times; the figures are the medians (speed, RSS growth).
 *
 * Prints throughput and the API process's peak RSS growth over its idle baseline (VmRSS polled every
 * 20 ms, and VmHWM after resetting it through /proc/<pid>/clear_refs), then PASS/FAIL per target:
 * the 100 MB upload grows RSS by < 32 MB and runs at >= 2/3 of a plain sequential write with
 * fdatasync of the same size in the API's storage directory (baseline (c), measured in the same run).
 * Per large upload also the API's context switches and, from /proc/<pid>/io, how long before curl
 * returned the API had read and had written the body's last byte: the upload's end (fdatasync,
 * renames, type, scan, database, move) apart from its streaming.
 * Then the same file goes to a bare Node HTTP server (receive; + SHA-256; + write and fdatasync, once
 * one write per 64 KiB chunk, once in batches as LocalDiskStorage writes): the floor of any Node
 * upload here, and the API's CPU split into those phases; and the loopback TCP ceiling (a raw socket pair, 100 MB from memory, the receiver discards): figures, not judged. Exits 0
 * unless the set-up fails; the figures' PASS/FAIL decide `npm run bench`'s exit status.
 * Env: BENCH_LARGE_MB (100), BENCH_SMALL_COUNT (1000), BENCH_SMALL_KB (20), BENCH_CONCURRENCY (8), BENCH_CPU_PROF (a directory),
 * BENCH_LARGE_ROUNDS (3), BENCH_API_NODE_ARGS (Node options for the API alone), BENCH_TS_NODE=1, BENCH_CLIENT=node.
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { typeormOptions } from '../src/database/typeorm-options';
import { createDatabaseFromTemplate, dropDatabase, TEST_REDIS_URL } from '../test/support/databases';
import globalSetup from '../test/support/global-setup';
import { seedAction, seedPlanBasics } from '../test/support/plan-fixtures';
import { fdatasyncWrite, ratio } from './baselines';
import { compileSources } from './compile-sources';
import { clearQueuePrefix } from './clear-queue-prefix';
import { recordFigures } from './summary';

const ROOT = resolve(__dirname, '..');
const LARGE_MB = Number(process.env.BENCH_LARGE_MB ?? 100);
const SMALL_COUNT = Number(process.env.BENCH_SMALL_COUNT ?? 1000);
const SMALL_KB = Number(process.env.BENCH_SMALL_KB ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const MB = 1024 * 1024;
const TARGET_RSS_GROWTH_MB = 32;
/** The upload reaches at least this share of baseline (c): a plain sequential write + fdatasync. */
const TARGET_SHARE_OF_BASELINE = 2 / 3;
const PASSWORD = 'bench-password-bench-password';
/** The large upload (and baseline (c)) this many times: the figures are the medians. */
const LARGE_ROUNDS = Number(process.env.BENCH_LARGE_ROUNDS ?? 3);
const TS_NODE = process.env.BENCH_TS_NODE === '1';
const CURL = process.env.BENCH_CLIENT === 'node' ? null : findCurl();

const run = promisify(execFile);

async function main(): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const dbName = `bench_evidence_${id}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-evidence-'));
  const largeFile = join(dataDir, 'large-upload.csv');
  const queuePrefix = `bench-${id}`;
  let api: ChildProcess | null = null;
  let compiledDir: string | null = null;

  try {
    log('preparing the database (clone of the migrated template)');
    await globalSetup();
    const databaseUrl = await createDatabaseFromTemplate(dbName);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      DATA_DIR: join(dataDir, 'data'),
      LOG_LEVEL: 'warn',
      DOCS_ENABLED: 'false',
      STORAGE_DRIVER: 'local',
      EVIDENCE_MAX_BYTES: String((LARGE_MB + 16) * MB),
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-1234',
    };

    log(`generating a ${LARGE_MB} MB CSV on disk`);
    await writeLargeCsv(largeFile, LARGE_MB * MB);

    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the API process there (open it in Chrome DevTools).
    // BENCH_API_NODE_ARGS: more Node options for the API alone (e.g. --trace-gc).
    // --expose-gc: as every production start of the API (package.json, Dockerfile, docker-compose).
    const profile = [
      '--expose-gc',
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', resolve(process.env.BENCH_CPU_PROF)] : []),
      ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ];
    if (TS_NODE) {
      log('starting the API as a child process (ts-node, transpile-only)');
      api = spawn(process.execPath, [...profile, '-r', 'ts-node/register/transpile-only', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    } else {
      log('starting the API as a child process (compiled to JavaScript, as production runs it)');
      compiledDir = compileSources('bench-evidence-api-');
      api = spawn(process.execPath, [...profile, join(compiledDir, 'src', 'main.js')], {
        cwd: ROOT,
        env: { ...env, NODE_PATH: join(ROOT, 'node_modules') },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    }
    const pid = api.pid!;
    const base = `http://127.0.0.1:${port}/api/v1`;
    await waitForHealth(base, api);

    log('creating an organisation, an owner and an action');
    const { stdout } = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'create-organisation', '--name', `Bench Council ${id}`, '--admin-email', `admin-${id}@bench.gov.uk`, '--admin-password', PASSWORD, '--json'],
      { cwd: ROOT, env },
    );
    const created = JSON.parse(stdout.trim().split('\n').pop()!) as { organisationId: string };
    const adminToken = await login(base, `admin-${id}@bench.gov.uk`);
    const ownerEmail = `owner-${id}@bench.gov.uk`;
    const ownerRes = await json(base, 'POST', '/users', adminToken, { email: ownerEmail, name: 'Bench Owner', role: 'owner', password: PASSWORD });
    const ownerToken = await login(base, ownerEmail);
    const ds = new DataSource(typeormOptions(loadConfig({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '2' }), 'worker'));
    await ds.initialize();
    const action = await seedAction(ds, created.organisationId, await seedPlanBasics(ds, created.organisationId), { ownerId: ownerRes.id as string });
    await ds.destroy();
    const uploadPath = `/api/v1/actions/${action.id}/evidence`;

    log('warming up (20 small uploads), then measuring the idle baseline');
    for (let i = 0; i < 20; i++) await uploadBuffer(port, uploadPath, ownerToken, smallCsv(i + 1_000_000, SMALL_KB * 1024), `warm-${i}.csv`);
    await sleep(1500);
    const baseline = await idleRss(pid);

    // Baseline (c): the same number of megabytes written sequentially with fdatasync, in the very
    // directory the API's local storage writes to (DATA_DIR/evidence; same filesystem as .partial/), in this run.
    const storageRoot = join(dataDir, 'data', 'evidence');

    // 1. The large file, LARGE_ROUNDS times, each beside its own baseline (c) and idle RSS; medians.
    const rounds: LargeRound[] = [];
    for (let round = 0; round < LARGE_ROUNDS; round++) {
      const disk = fdatasyncWrite(LARGE_MB, storageRoot);
      const idle = round === 0 ? baseline : await idleRss(pid);
      resetPeak(pid);
      const sampler = startRssSampler(pid);
      const io = startIoWatcher(pid, statSync(largeFile).size);
      const cpuStart = cpuSeconds(pid);
      const threadsStart = threadCpu(pid);
      const switchesStart = contextSwitches(pid);
      const sent = await uploadFile(port, uploadPath, ownerToken, largeFile, 'large-upload.csv');
      const returned = now();
      const cpu = cpuSeconds(pid) - cpuStart;
      const byThread = threadCpuSince(pid, threadsStart);
      const switches = contextSwitches(pid) - switchesStart;
      const { readAt, writtenAt } = io.stop();
      const peak = Math.max(sampler.stop(), readStatus(pid, 'VmHWM'));
      if (sent.status !== 201) throw new Error(`large upload failed: ${sent.status} ${sent.body}`);
      rounds.push({
        seconds: sent.seconds,
        mbPerS: statSync(largeFile).size / MB / sent.seconds,
        growthMb: (peak - idle) / 1024,
        peakMb: peak / 1024,
        cpu,
        byThread,
        clientCpu: sent.clientCpu,
        disk: disk.mbPerSecond,
        switches,
        afterRead: readAt === null ? null : returned - readAt,
        afterWrite: writtenAt === null ? null : returned - writtenAt,
      });
      await sleep(500);
    }
    const disk = { mbPerSecond: median(rounds.map((r) => r.disk)) };
    const largeMbPerS = median(rounds.map((r) => r.mbPerS));
    const largeGrowthMb = median(rounds.map((r) => r.growthMb));
    const largeCpu = median(rounds.map((r) => r.cpu));
    const tails = rounds.filter((r) => r.afterWrite !== null);
    const largeAfterWrite = tails.length > 0 ? median(tails.map((r) => r.afterWrite!)) : null;

    log('the loopback TCP ceiling: a raw socket pair, 100 MB from memory, the receiver discards');
    const transport = await measureTransport(LARGE_MB);

    // Where the time goes: the same file sent to a bare Node HTTP server (no framework, no multipart)
    // that only receives it, then also hashes it, then also writes it with one fdatasync: the floor
    // of any Node upload on this machine, and the API's CPU split into those phases.
    log('the floor: a bare Node receiver, receive / + SHA-256 / + write and fdatasync');
    const floor = await measureFloor(largeFile, storageRoot);
    log('the write path alone (no network): baseline (c) against new 64 KiB chunks written three ways');
    const writes = await measureWrites(LARGE_MB, storageRoot);

    // 2. Many small files.
    await sleep(1000);
    const smallBaseline = await idleRss(pid);
    resetPeak(pid);
    const smallSampler = startRssSampler(pid);
    const bodies = Array.from({ length: SMALL_COUNT }, (_, i) => smallCsv(i, SMALL_KB * 1024));
    let next = 0;
    let failures = 0;
    const smallCpuStart = cpuSeconds(pid);
    const smallStart = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const i = next++;
          const res = await uploadBuffer(port, uploadPath, ownerToken, bodies[i], `small-${i}.csv`);
          if (res.status !== 201) failures++;
        }
      }),
    );
    const smallSeconds = Number(process.hrtime.bigint() - smallStart) / 1e9;
    const smallCpu = cpuSeconds(pid) - smallCpuStart;
    const smallPeak = Math.max(smallSampler.stop(), readStatus(pid, 'VmHWM'));
    const smallBytes = bodies.reduce((n, b) => n + b.length, 0);

    // The CPU ceiling: on this machine's cores, no receiver that does the floor's work (receive,
    // SHA-256, write, fdatasync), beside the client that sends, can finish faster than their CPU
    // time spread perfectly over every core. Printed beside the target, so a FAIL says whether the
    // target is within what the hardware allows for that work.
    const cores = cpus().length;
    const floorWrite = floor[floor.length - 1];
    const floorMbPerS = LARGE_MB / floorWrite.seconds;
    const floorCeiling = LARGE_MB / ((floorWrite.cpu + floorWrite.clientCpu) / cores);
    const apiClientCpu = median(rounds.map((r) => r.clientCpu));
    const apiCeiling = LARGE_MB / ((largeCpu + apiClientCpu) / cores);
    const targetMbPerS = TARGET_SHARE_OF_BASELINE * disk.mbPerSecond;
    const rssPass = largeGrowthMb < TARGET_RSS_GROWTH_MB;
    const speedPass = largeMbPerS >= targetMbPerS;
    const lines = [
      '',
      'Evidence upload benchmark (API in a child process, local disk storage)',
      `  machine: ${cpus().length} CPUs, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
      `  idle RSS baseline:            ${(baseline / 1024).toFixed(1)} MB`,
      `  API: ${TS_NODE ? 'ts-node (transpile-only)' : 'compiled JavaScript'}; client: ${CURL ? `curl (${CURL})` : 'Node http, 256 KiB file reads'}`,
      ...rounds.map(
        (r, i) =>
          `  ${LARGE_MB} MB upload, round ${i + 1}:       ${r.seconds.toFixed(2)} s, ${r.mbPerS.toFixed(1)} MB/s (baseline (c) ${r.disk.toFixed(1)} MB/s), peak RSS ${r.peakMb.toFixed(1)} MB (+${r.growthMb.toFixed(1)} MB over the idle RSS before it), API CPU ${r.cpu.toFixed(2)} s (${r.switches} context switches; by thread: ${r.byThread.map(([name, sec, system]) => `${name} ${sec.toFixed(2)} (kernel ${system.toFixed(2)})`).join(', ')}), client CPU ${r.clientCpu.toFixed(2)} s; the body's last byte read ${seconds(r.afterRead)} and written ${seconds(r.afterWrite)} before curl returned`,
      ),
      `  ${LARGE_MB} MB upload, median of ${LARGE_ROUNDS}:  ${largeMbPerS.toFixed(1)} MB/s, RSS +${largeGrowthMb.toFixed(1)} MB, API CPU ${largeCpu.toFixed(2)} s; after the last write: ${seconds(largeAfterWrite)} (fdatasync, renames, type, scan, database, move, answer; curl's exit)`,
      `  ${SMALL_COUNT} x ${SMALL_KB} KB uploads (x${CONCURRENCY}): ${smallSeconds.toFixed(2)} s, ${(SMALL_COUNT / smallSeconds).toFixed(1)} files/s, ${(smallBytes / MB / smallSeconds).toFixed(1)} MB/s, ${failures} failed, peak RSS +${((smallPeak - smallBaseline) / 1024).toFixed(1)} MB, API CPU ${smallCpu.toFixed(2)} s`,
      '',
      `  ${rssPass ? 'PASS' : 'FAIL'}  RSS growth for the ${LARGE_MB} MB upload < ${TARGET_RSS_GROWTH_MB} MB (median of ${LARGE_ROUNDS}: ${largeGrowthMb.toFixed(1)} MB)`,
      `  baseline (c): ${LARGE_MB} MB sequential write + fdatasync, median of ${LARGE_ROUNDS}: ${disk.mbPerSecond.toFixed(1)} MB/s`,
      `  ${speedPass ? 'PASS' : 'FAIL'}  ${LARGE_MB} MB upload to local disk >= 2/3 of baseline (measured ${largeMbPerS.toFixed(1)} MB/s, ${ratio(largeMbPerS, disk.mbPerSecond)})`,
      `  ${failures === 0 ? 'PASS' : 'FAIL'}  all ${SMALL_COUNT} small uploads succeeded`,
      '',
      `  Where the time goes: the same ${LARGE_MB} MB file (no multipart) to a bare Node HTTP server in a child process, best of ${FLOOR_ROUNDS}:`,
      ...floor.map(
        (f) =>
          `    ${f.mode.padEnd(38)} ${(LARGE_MB / f.seconds).toFixed(1).padStart(7)} MB/s (${ratio(LARGE_MB / f.seconds, disk.mbPerSecond)} of baseline (c)), server CPU ${f.cpu.toFixed(2)} s (${f.faults ?? '?'} minor faults, ${f.switches ?? '?'} context switches), client CPU ${f.clientCpu.toFixed(2)} s`,
      ),
      `  API CPU by phase for the ${LARGE_MB} MB upload (the floor's steps, the rest by difference): ${phaseLine(floor, largeCpu)}`,
      `  The upload is ${ratio(largeMbPerS, floorMbPerS)} of the bare receiver's speed (receive + SHA-256 + write + fdatasync).`,
      `  CPU ceiling on ${cores} cores (CPU time of receiver and client spread perfectly over every core; the target needs ${targetMbPerS.toFixed(1)} MB/s):`,
      `    the bare receiver's work (server ${floorWrite.cpu.toFixed(2)} s + client ${floorWrite.clientCpu.toFixed(2)} s)   at most ${floorCeiling.toFixed(1)} MB/s (${ratio(floorCeiling, disk.mbPerSecond)} of baseline (c))`,
      `    the API's work (API ${largeCpu.toFixed(2)} s + curl ${apiClientCpu.toFixed(2)} s, medians)          at most ${apiCeiling.toFixed(1)} MB/s (${ratio(apiCeiling, disk.mbPerSecond)} of baseline (c))`,
      `  The write path alone, ${LARGE_MB} MB + fdatasync, no network (a child process; median of ${WRITE_ROUNDS}; CPU of all its threads):`,
      ...writes.map((w) => `    ${w.mode.padEnd(62)} CPU ${w.cpu.toFixed(3)} s, ${w.seconds.toFixed(2)} s, ${w.switches} context switches, ${w.faults} minor faults`),
      `  Loopback TCP ceiling (raw Node socket pair, ${LARGE_MB} MB from memory, receiver discards, best of ${FLOOR_ROUNDS}): ${(LARGE_MB / transport.seconds).toFixed(1)} MB/s (${ratio(LARGE_MB / transport.seconds, disk.mbPerSecond)} of baseline (c)), receiver CPU ${transport.cpu.toFixed(2)} s, sender CPU ${transport.clientCpu.toFixed(2)} s`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
    if (process.env.BENCH_CPU_PROF) {
      // The API's profile is written when it exits.
      api.kill('SIGTERM');
      await Promise.race([once(api, 'exit'), sleep(10_000)]);
      process.stdout.write(profilePhases(resolve(process.env.BENCH_CPU_PROF)).join('\n') + '\n');
    }
    recordFigures([
      {
        bench: 'evidence upload',
        figure: `${LARGE_MB} MB upload throughput`,
        value: `${largeMbPerS.toFixed(1)} MB/s`,
        baseline: `${disk.mbPerSecond.toFixed(1)} MB/s`,
        ratio: ratio(largeMbPerS, disk.mbPerSecond),
        target: '>= 0.67x',
        pass: speedPass,
      },
      {
        bench: 'evidence upload',
        figure: `${LARGE_MB} MB upload against a bare Node receiver (receive, SHA-256, write, fdatasync)`,
        value: `${largeMbPerS.toFixed(1)} MB/s`,
        baseline: `${floorMbPerS.toFixed(1)} MB/s`,
        ratio: ratio(largeMbPerS, floorMbPerS),
      },
      {
        bench: 'evidence upload',
        figure: `CPU ceiling on ${cores} cores for the bare receiver's work (receive, SHA-256, write, fdatasync, and the client)`,
        value: `${floorCeiling.toFixed(1)} MB/s`,
        baseline: `${disk.mbPerSecond.toFixed(1)} MB/s`,
        ratio: ratio(floorCeiling, disk.mbPerSecond),
      },
      {
        bench: 'evidence upload',
        figure: `loopback TCP ceiling (raw socket pair, ${LARGE_MB} MB, receiver discards)`,
        value: `${(LARGE_MB / transport.seconds).toFixed(1)} MB/s`,
        baseline: `${disk.mbPerSecond.toFixed(1)} MB/s`,
        ratio: ratio(LARGE_MB / transport.seconds, disk.mbPerSecond),
      },
      { bench: 'evidence upload', figure: `${LARGE_MB} MB upload API RSS growth (median of ${LARGE_ROUNDS})`, value: `${largeGrowthMb.toFixed(1)} MB`, target: `< ${TARGET_RSS_GROWTH_MB} MB`, pass: rssPass },
      { bench: 'evidence upload', figure: `${SMALL_COUNT} x ${SMALL_KB} KB uploads`, value: `${(SMALL_COUNT / smallSeconds).toFixed(1)} files/s, ${failures} failed`, pass: failures === 0 },
    ]);
  } finally {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await Promise.race([once(api, 'exit'), sleep(10_000)]);
    }
    await dropDatabase(dbName).catch(() => undefined);
    await clearQueuePrefix(TEST_REDIS_URL, queuePrefix).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    if (compiledDir) rmSync(compiledDir, { recursive: true, force: true });
  }
}

interface LargeRound {
  seconds: number;
  /** The API's context switches (voluntary and not, all threads) during the upload. */
  switches: number;
  /** Seconds from the API's reading (writing) the body's last byte, as /proc/<pid>/io saw it, to curl's return: what the upload's end costs. */
  afterRead: number | null;
  afterWrite: number | null;
  mbPerS: number;
  growthMb: number;
  peakMb: number;
  cpu: number;
  /** The API's CPU during the upload by thread name (seconds, and of them in the kernel), largest first. */
  byThread: [string, number, number][];
  clientCpu: number;
  disk: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// ---- the floor: a bare Node receiver ----

const FLOOR_ROUNDS = 2;

interface FloorFigure {
  mode: string;
  seconds: number;
  cpu: number;
  clientCpu: number;
  /** The receiver's minor page faults and voluntary context switches (all threads), when it reports them. */
  faults?: number;
  switches?: number;
}

/**
 * A plain `http` server in its own process: per request it reads the body and (by mode) hashes it
 * with SHA-256 and writes it to a new file in `directory`, then one fdatasync, answering with its
 * CPU time (all its threads, so the libuv pool's writes count), minor page faults and context switches.
 * Two ways of writing: `write-chunks`, one fs.write per socket chunk (64 KiB), each queued behind the
 * last, reading never paused (the naive floor of earlier runs); `write`, as LocalDiskStorage does:
 * the chunks gathered into batches of up to 1 MiB, one writev in flight, reading paused while a full
 * batch waits for it, so at most about 2 MiB is held.
 */
const FLOOR_SERVER = `
const http = require('node:http'), fs = require('node:fs'), crypto = require('node:crypto'), path = require('node:path');
const BATCH = 1024 * 1024;
let n = 0;
const server = http.createServer((req, res) => {
  const mode = req.url.slice(1);
  const cpu0 = process.cpuUsage(), ru0 = process.resourceUsage();
  const hash = mode !== 'receive' ? crypto.createHash('sha256') : null;
  const file = mode.startsWith('write') ? path.join(process.argv[1], 'floor-' + n++ + '.bin') : null;
  const fd = file ? fs.openSync(file, 'wx') : null;
  let writing = Promise.resolve(), inFlight = null, batch = [], batchBytes = 0;
  const writev = (buffers) => new Promise((ok, fail) => fs.writev(fd, buffers, (err) => (err ? fail(err) : ok())));
  const flush = () => { const b = batch; batch = []; batchBytes = 0; inFlight = writev(b).then(() => { inFlight = null; if (batch.length > 0) flush(); req.resume(); }); writing = inFlight; };
  req.on('data', (chunk) => {
    if (hash) hash.update(chunk);
    if (mode === 'write-chunks') writing = writing.then(() => new Promise((ok, fail) => fs.write(fd, chunk, (err) => (err ? fail(err) : ok()))));
    if (mode === 'write') {
      batch.push(chunk); batchBytes += chunk.length;
      if (!inFlight) flush(); else if (batchBytes >= BATCH) req.pause();
    }
  });
  req.on('end', async () => {
    await writing;
    while (inFlight) await inFlight;
    if (batch.length > 0) await writev(batch);
    if (fd !== null) { fs.fdatasyncSync(fd); fs.closeSync(fd); }
    if (hash) hash.digest('hex');
    const cpu = process.cpuUsage(cpu0), ru = process.resourceUsage();
    res.end(JSON.stringify({ cpu: (cpu.user + cpu.system) / 1e6, faults: ru.minorPageFault - ru0.minorPageFault, switches: ru.voluntaryContextSwitches - ru0.voluntaryContextSwitches }));
    if (file) fs.rmSync(file);
  });
});
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
`;

async function measureFloor(file: string, directory: string): Promise<FloorFigure[]> {
  const child = spawn(process.execPath, ['-e', FLOOR_SERVER, directory], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const [port] = (await once(child, 'message')) as [number];
    const modes: [string, string][] = [
      ['receive', 'receive only'],
      ['hash', 'receive + SHA-256'],
      ['write-chunks', '+ write per 64 KiB chunk, no back-pressure'],
      // Last: the floor the API is compared with (it writes this way).
      ['write', 'receive + SHA-256 + write + fdatasync'],
    ];
    const best = new Map<string, FloorFigure>();
    for (let round = 0; round < FLOOR_ROUNDS; round++) {
      for (const [path, mode] of modes) {
        const res = await sendRaw(port, `/${path}`, file);
        const reply = JSON.parse(res.body) as { cpu: number; faults: number; switches: number };
        const figure = { mode, seconds: res.seconds, cpu: reply.cpu, clientCpu: res.clientCpu, faults: reply.faults, switches: reply.switches };
        if (!best.has(mode) || best.get(mode)!.seconds > figure.seconds) best.set(mode, figure);
      }
    }
    return modes.map(([, mode]) => best.get(mode)!);
  } finally {
    child.kill();
  }
}

/** The file as a plain POST body (curl -T, or Node piping it from disk). */
function sendRaw(port: number, path: string, file: string): Promise<Sent> {
  if (CURL) return curl([`http://127.0.0.1:${port}${path}`, '-X', 'POST', '-T', file, '-H', 'Content-Type: application/octet-stream']);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  return new Promise((resolveSend, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'Content-Length': statSync(file).size } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolveSend({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          seconds: Number(process.hrtime.bigint() - t0) / 1e9,
          clientCpu: cpuUsageSeconds(process.cpuUsage(cpu0)),
        }),
      );
    });
    req.on('error', reject);
    createReadStream(file, { highWaterMark: CLIENT_READ_BYTES }).pipe(req);
  });
}

// ---- the loopback TCP ceiling: a raw socket pair ----

/** A raw `net` server in its own process: reads each connection to its end (Node's default 64 KiB reads), discards it, answers with its CPU time. */
const TRANSPORT_SERVER = `
const net = require('node:net');
const server = net.createServer((socket) => {
  const cpu0 = process.cpuUsage();
  socket.on('data', () => undefined);
  socket.on('end', () => { const cpu = process.cpuUsage(cpu0); socket.end(JSON.stringify({ cpu: (cpu.user + cpu.system) / 1e6 })); });
});
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
`;

// ---- the write path alone ----

const WRITE_ROUNDS = 5;

interface WriteFigure {
  mode: string;
  cpu: number;
  seconds: number;
  switches: number;
  faults: number;
}

/**
 * In its own process, per mode: `argv[2]` MB written to a new file in `argv[1]`, then fdatasync,
 * WRITE_ROUNDS times, modes alternating; prints each mode's median CPU (all threads), wall time,
 * voluntary context switches and minor faults. A "chunk" is a new 64 KiB buffer filled by a copy,
 * as Node's HTTP parser hands over every socket read; baseline (c) writes one hot 1 MiB buffer.
 */
const WRITES_SCRIPT = `
const fs = require('node:fs'), path = require('node:path');
const [dir, mb] = [process.argv[1], Number(process.argv[2])];
const MB = 1 << 20, CH = 64 << 10, chunks = (mb * MB) / CH, hot = Buffer.alloc(MB, 7);
const chunk = () => { const b = Buffer.allocUnsafe(CH); hot.copy(b, 0, 0, CH); return b; };
const write = (fd, b) => new Promise((ok, no) => fs.write(fd, b, (e) => (e ? no(e) : ok())));
const writev = (fd, bs) => new Promise((ok, no) => fs.writev(fd, bs, (e) => (e ? no(e) : ok())));
const turn = () => new Promise(setImmediate);
const modes = {
  'baseline (c): writeSync of one hot 1 MiB buffer': async (fd) => { for (let i = 0; i < mb; i++) fs.writeSync(fd, hot); },
  'new chunks, fs.writeSync each (main thread)': async (fd) => { for (let i = 0; i < chunks; i++) fs.writeSync(fd, chunk()); },
  'new chunks, one fs.write each, queued (the old floor)': async (fd) => {
    let p = Promise.resolve();
    for (let i = 0; i < chunks; i++) { const b = chunk(); p = p.then(() => write(fd, b)); if (i % 16 === 0) await turn(); }
    await p;
  },
  'new chunks, 1 MiB writev batches, one in flight (LocalDiskStorage)': async (fd) => {
    let inFlight = null, batch = [], bytes = 0;
    for (let i = 0; i < chunks; i++) {
      batch.push(chunk()); bytes += CH;
      if (bytes >= MB) { if (inFlight) await inFlight; inFlight = writev(fd, batch); batch = []; bytes = 0; }
      if (i % 16 === 0) await turn();
    }
    await inFlight;
  },
};
(async () => {
  const runs = {};
  for (let round = 0; round < ${WRITE_ROUNDS}; round++) for (const [mode, run] of Object.entries(modes)) {
    const file = path.join(dir, 'writes-' + process.pid + '.bin'), fd = fs.openSync(file, 'wx');
    const c0 = process.cpuUsage(), u0 = process.resourceUsage(), t0 = performance.now();
    await run(fd);
    fs.fdatasyncSync(fd);
    const c = process.cpuUsage(c0), u = process.resourceUsage(), seconds = (performance.now() - t0) / 1000;
    fs.closeSync(fd); fs.rmSync(file);
    (runs[mode] ??= []).push({ cpu: (c.user + c.system) / 1e6, seconds, switches: u.voluntaryContextSwitches - u0.voluntaryContextSwitches, faults: u.minorPageFault - u0.minorPageFault });
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const out = Object.entries(runs).map(([mode, r]) => ({ mode, ...Object.fromEntries(['cpu', 'seconds', 'switches', 'faults'].map((k) => [k, median(r.map((x) => x[k]))])) }));
  process.stdout.write(JSON.stringify(out));
})();
`;

async function measureWrites(megabytes: number, directory: string): Promise<WriteFigure[]> {
  const { stdout } = await run(process.execPath, ['-e', WRITES_SCRIPT, directory, String(megabytes)], { maxBuffer: MB });
  return JSON.parse(stdout) as WriteFigure[];
}

/** `megabytes` sent from one 1 MiB buffer in memory (no file, no HTTP): what loopback TCP allows a Node receiver here. Best of FLOOR_ROUNDS. */
async function measureTransport(megabytes: number): Promise<FloorFigure> {
  const child = spawn(process.execPath, ['-e', TRANSPORT_SERVER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const [port] = (await once(child, 'message')) as [number];
    const block = Buffer.alloc(MB, 'x');
    let best: FloorFigure | null = null;
    for (let round = 0; round < FLOOR_ROUNDS; round++) {
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const reply = await new Promise<string>((resolveSend, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        let sent = 0;
        let answer = '';
        const pump = (): void => {
          while (sent < megabytes) {
            sent++;
            if (!socket.write(block)) {
              socket.once('drain', pump);
              return;
            }
          }
          socket.end();
        };
        socket.on('connect', pump);
        socket.on('data', (d: Buffer) => (answer += d.toString()));
        socket.on('end', () => resolveSend(answer));
        socket.on('error', reject);
      });
      const figure = {
        mode: 'raw socket',
        seconds: Number(process.hrtime.bigint() - t0) / 1e9,
        cpu: (JSON.parse(reply) as { cpu: number }).cpu,
        clientCpu: cpuUsageSeconds(process.cpuUsage(cpu0)),
      };
      if (!best || figure.seconds < best.seconds) best = figure;
    }
    return best!;
  } finally {
    child.kill();
  }
}

/** "receiving 0.05 s, SHA-256 0.06 s, writing 0.10 s, the rest 0.30 s (multipart parsing, streams, GC, Nest, database)" */
function phaseLine(floor: FloorFigure[], apiCpu: number): string {
  const [receive, hash] = floor.map((f) => f.cpu);
  const write = floor[floor.length - 1].cpu;
  const parts: [string, number][] = [
    ['receiving', receive],
    ['SHA-256', Math.max(0, hash - receive)],
    ['writing + fdatasync', Math.max(0, write - hash)],
  ];
  const rest = apiCpu - write;
  return `${parts.map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ')}, the rest ${rest.toFixed(2)} s (multipart parsing, streams, garbage collection, Nest, database) of ${apiCpu.toFixed(2)} s`;
}

const cpuUsageSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

// ---- the API's CPU profile (BENCH_CPU_PROF), by phase of the large upload ----

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string };
}

const PHASES: [RegExp, string][] = [
  [/busboy|streamsearch/, 'multipart parsing (busboy)'],
  [/crypto\/hash|hashing-stream/, 'SHA-256 and size check (HashingStream)'],
  [/local-disk\.storage|writeBuffers|writev|node:fs|internal\/fs/, 'storage writes (LocalDiskStorage)'],
  [/\(garbage collector\)/, 'garbage collection'],
  [/_http_|node:net|stream_base|\(native\) onStreamRead|internal\/streams|async_hooks|task_queues/, 'socket, HTTP and stream plumbing'],
];

/** Self time of the API's profile in the window of the large upload (the longest run of hashing and boundary-search samples), by phase. */
function profilePhases(dir: string): string[] {
  const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort().pop();
  if (!file) return ['  (no CPU profile was written)'];
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const name = (n: ProfileNode) => (n.callFrame.url ? n.callFrame.url : `(native) ${n.callFrame.functionName}`);
  // Hashing and boundary search run on every chunk: dense during the large upload, sparse in small ones.
  const inUpload = (id: number) => /streamsearch|crypto\/hash/.test(byId.get(id)!.callFrame.url);
  let t = 0;
  const times = profile.timeDeltas.map((d) => (t += d));
  // Runs of upload samples less than 0.3 s apart; the largest run is the large upload.
  let best = { first: 0, last: -1, n: 0 };
  let cur = { first: 0, last: -1, n: 0 };
  profile.samples.forEach((id, i) => {
    if (!inUpload(id)) return;
    if (cur.n > 0 && times[i] - times[cur.last] < 300_000) cur = { ...cur, last: i, n: cur.n + 1 };
    else cur = { first: i, last: i, n: 1 };
    if (cur.n > best.n) best = cur;
  });
  const phases = new Map<string, number>();
  let busy = 0;
  for (let i = best.first; i <= best.last; i++) {
    const node = byId.get(profile.samples[i])!;
    if (node.callFrame.functionName === '(idle)') continue;
    const ms = ((times[i + 1] ?? times[i]) - times[i]) / 1000;
    busy += ms;
    const phase = PHASES.find(([re]) => re.test(name(node)))?.[1] ?? (node.callFrame.url ? 'everything else (JS)' : 'everything else (native, V8)');
    phases.set(phase, (phases.get(phase) ?? 0) + ms);
  }
  return [
    `  API CPU profile of the ${LARGE_MB} MB upload (${file}): ${(busy / 1000).toFixed(2)} s busy over ${((times[best.last] - times[best.first]) / 1e6).toFixed(2)} s, self time by phase:`,
    ...[...phases.entries()].sort((a, b) => b[1] - a[1]).map(([k, ms]) => `    ${(ms / 1000).toFixed(2).padStart(6)} s  ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${k}`),
    '',
  ];
}

// ---- the child's memory ----

/** A field of /proc/<pid>/status, in kB. */
function readStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/** A /proc stat file (a process's or a thread's): its name and its user and system CPU seconds (clock ticks of 1/100 s). */
function statCpu(path: string): { name: string; user: number; system: number } {
  const stat = readFileSync(path, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/** User + system CPU time the process has used (from /proc/<pid>/stat). */
function cpuSeconds(pid: number): number {
  const { user, system } = statCpu(`/proc/${pid}/stat`);
  return user + system;
}

/** Writing 5 to clear_refs resets VmHWM to the current RSS, so it then reports the peak of what follows. */
function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted here: the 20 ms sampling still gives the peak.
  }
}

const now = (): number => Number(process.hrtime.bigint()) / 1e9;
const seconds = (s: number | null): string => (s === null ? '(not seen)' : `${s.toFixed(3)} s`);

interface ThreadCpu {
  name: string;
  seconds: number;
  system: number;
}

/** CPU seconds so far of each of the process's threads, by thread id, with its name (/proc/<pid>/task/<tid>/stat). */
function threadCpu(pid: number): Map<string, ThreadCpu> {
  const threads = new Map<string, ThreadCpu>();
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const { name, user, system } = statCpu(`/proc/${pid}/task/${task}/stat`);
      // The main thread is the one whose id is the process's. Node's other threads share its name
      // ("node"): V8's platform workers (garbage collection, compilation) and libuv's pool (file
      // writes and fdatasync; libuv names them only from 1.50, Node 20 ships 1.46), so they are
      // summed as "other" (their kernel share is mostly the pool's writes).
      threads.set(task, { name: task === String(pid) ? 'main' : name === 'node' ? 'other' : name, seconds: user + system, system });
    } catch {
      // The thread ended.
    }
  }
  return threads;
}

/**
 * CPU seconds each thread name used since `before` (threads started since count from zero),
 * largest first, with the part spent in the kernel (system time).
 */
function threadCpuSince(pid: number, before: Map<string, ThreadCpu>): [string, number, number][] {
  const byName = new Map<string, [number, number]>();
  for (const [tid, now] of threadCpu(pid)) {
    const used = now.seconds - (before.get(tid)?.seconds ?? 0);
    const system = now.system - (before.get(tid)?.system ?? 0);
    const sum = byName.get(now.name) ?? [0, 0];
    if (used > 0) byName.set(now.name, [sum[0] + used, sum[1] + system]);
  }
  return [...byName].map(([name, [used, system]]): [string, number, number] => [name, used, system]).sort((x, y) => y[1] - x[1]);
}

/** The API's context switches so far, voluntary and not, summed over its threads. */
function contextSwitches(pid: number): number {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const status = readFileSync(`/proc/${pid}/task/${task}/status`, 'utf8');
      for (const m of status.matchAll(/^(?:non)?voluntary_ctxt_switches:\s+(\d+)$/gm)) total += Number(m[1]);
    } catch {
      // The thread ended.
    }
  }
  return total;
}

/**
 * Polls /proc/<pid>/io every 5 ms: when the API had read (rchar: socket and file reads), and written
 * (wchar: the file's writev calls, also its small database and log writes), `bytes` more than at
 * the start, i.e. when the body was in and when its last byte went to the disk. Null if not seen
 * (no /proc/<pid>/io, or the upload answered within one poll).
 */
function startIoWatcher(pid: number, bytes: number): { stop(): { readAt: number | null; writtenAt: number | null } } {
  const counters = (): { rchar: number; wchar: number } | null => {
    try {
      const io = readFileSync(`/proc/${pid}/io`, 'utf8');
      return { rchar: Number(/^rchar: (\d+)/m.exec(io)?.[1]), wchar: Number(/^wchar: (\d+)/m.exec(io)?.[1]) };
    } catch {
      return null;
    }
  };
  const start = counters();
  let readAt: number | null = null;
  let writtenAt: number | null = null;
  const poll = (): void => {
    const c = counters();
    if (!start || !c) return;
    if (readAt === null && c.rchar - start.rchar >= bytes) readAt = now();
    if (writtenAt === null && c.wchar - start.wchar >= bytes) writtenAt = now();
  };
  const timer = setInterval(poll, 5);
  return {
    stop: () => {
      clearInterval(timer);
      return { readAt, writtenAt };
    },
  };
}

function startRssSampler(pid: number): { stop(): number } {
  let peak = readStatus(pid, 'VmRSS');
  const timer = setInterval(() => {
    peak = Math.max(peak, readStatus(pid, 'VmRSS'));
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, readStatus(pid, 'VmRSS'));
    },
  };
}

/** The median of a second's samples while nothing is happening. */
async function idleRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    samples.push(readStatus(pid, 'VmRSS'));
    await sleep(20);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

// ---- files ----

/** A CSV of about `bytes` bytes, written in 1 MiB pieces (the benchmark process never holds it whole). */
async function writeLargeCsv(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('case_id,reviewed_on,team,outcome,notes\n');
  let written = 0;
  let row = 0;
  while (written < bytes) {
    const lines: string[] = [];
    let size = 0;
    while (size < MB && written + size < bytes) {
      const line = `C-${String(row).padStart(8, '0')},2026-10-${String((row % 28) + 1).padStart(2, '0')},Front door,${row % 3 ? 'Good' : 'Requires improvement'},Case file audited against the threshold guidance\n`;
      lines.push(line);
      size += line.length;
      row++;
    }
    if (!out.write(lines.join(''))) await once(out, 'drain');
    written += size;
  }
  out.end();
  await once(out, 'finish');
}

/** A distinct CSV of about `bytes` bytes. */
function smallCsv(seed: number, bytes: number): Buffer {
  const lines = [`case_id,reviewed_on,outcome,batch_${seed}\n`];
  let size = lines[0].length;
  for (let row = 0; size < bytes; row++) {
    const line = `C-${seed}-${row},2026-10-${String((row % 28) + 1).padStart(2, '0')},Good,ok\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join(''));
}

// ---- HTTP ----

interface UploadResult {
  status: number;
  body: string;
}

/** A request sent and answered, with the client's wall time and CPU time for it. */
interface Sent extends UploadResult {
  seconds: number;
  clientCpu: number;
}

/** curl on the PATH (its CPU per 100 MB is about a third of a Node client's), else null. */
function findCurl(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Runs curl with `args` in a shell that then prints its children's CPU times (`times`): the
 * answer's body, status, curl's own transfer time (time_total) and its CPU time.
 */
async function curl(args: string[]): Promise<Sent> {
  const marker = `@@bench-${randomBytes(4).toString('hex')}@@`;
  const { stdout } = await run(
    'bash',
    ['-c', 'curl "$@"; status=$?; times; exit $status', 'bench-curl', '-sS', '-H', 'Expect:', '-w', `\n${marker} %{http_code} %{time_total}\n`, ...args],
    { maxBuffer: 16 * MB },
  );
  const at = stdout.lastIndexOf(marker);
  if (at < 0) throw new Error(`curl gave no status: ${stdout.slice(0, 500)}`);
  const body = stdout.slice(0, at).replace(/\n$/, '');
  const [statusLine, , childTimes] = stdout.slice(at + marker.length).trim().split('\n');
  const [status, seconds] = statusLine.trim().split(' ').map(Number);
  // `times` prints the shell's own user/system times, then its children's: "0m0.010s 0m0.050s".
  const clientCpu = (childTimes ?? '')
    .trim()
    .split(/\s+/)
    .map((t) => /^(\d+)m([\d.]+)s$/.exec(t))
    .reduce((sum, m) => sum + (m ? Number(m[1]) * 60 + Number(m[2]) : 0), 0);
  return { status, body, seconds, clientCpu };
}

function multipartFraming(fileName: string): { boundary: string; head: Buffer; tail: Buffer } {
  const boundary = `----bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBenchmark upload\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  return { boundary, head, tail: Buffer.from(`\r\n--${boundary}--\r\n`) };
}

function post(port: number, path: string, token: string, boundary: string, length: number, write: (req: http.ClientRequest) => void): Promise<UploadResult> {
  return new Promise((resolvePost, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolvePost({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    write(req);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
/** The client's file reads, for the API and the floor alike. */
const CLIENT_READ_BYTES = 256 * 1024;

/** Streams the file from disk inside the multipart body (curl -F, or Node). */
async function uploadFile(port: number, path: string, token: string, file: string, fileName: string): Promise<Sent> {
  if (CURL) {
    return curl([
      `http://127.0.0.1:${port}${path}`,
      '-H',
      `Authorization: Bearer ${token}`,
      '-F',
      'title=Benchmark upload',
      '-F',
      `file=@${file};filename=${fileName};type=text/csv`,
    ]);
  }
  const { boundary, head, tail } = multipartFraming(fileName);
  const length = head.length + statSync(file).size + tail.length;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = await post(port, path, token, boundary, length, (req) => {
    req.write(head);
    // 256 KiB reads (1 MiB made no difference that the shared machine's noise did not hide).
    const source = createReadStream(file, { highWaterMark: CLIENT_READ_BYTES });
    source.pipe(req, { end: false });
    source.on('end', () => req.end(tail));
    source.on('error', (err) => req.destroy(err));
  });
  return { ...result, seconds: Number(process.hrtime.bigint() - t0) / 1e9, clientCpu: cpuUsageSeconds(process.cpuUsage(cpu0)) };
}

function uploadBuffer(port: number, path: string, token: string, data: Buffer, fileName: string): Promise<UploadResult> {
  const { boundary, head, tail } = multipartFraming(fileName);
  return post(port, path, token, boundary, head.length + data.length + tail.length, (req) => req.end(Buffer.concat([head, data, tail])));
}

async function json(base: string, method: string, path: string, token: string | null, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const parsed = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

async function login(base: string, email: string): Promise<string> {
  return (await json(base, 'POST', '/auth/login', null, { email, password: PASSWORD })).accessToken as string;
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error('the API did not become healthy within 2 minutes');
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

main().then(
  () => {
    agent.destroy();
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`[bench] failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
