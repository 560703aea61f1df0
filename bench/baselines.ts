/**
 * Baselines measured in the same run as the project's figures, so that every figure is read as a
 * ratio against what this machine does without the project in the way: a noisy or slower machine
 * moves both sides, a regression in the project moves only one.
 *
 *   (a) sqlRagPass: one set-based SQL statement over the same seeded rows: reads the facts the
 *       RAG policy reads (milestones, evidence, progress updates) and UPDATEs every action with a
 *       simplified colour; run inside a transaction that is rolled back, so the data is unchanged.
 *       Judged without the project's triggers (what the hardware allows); also measured with them.
 *   (b) sqlLoop: a Node `pg` loop running given SQL statements for a fixed time, as many
 *       concurrent clients as the API bench uses: requests per second and latency percentiles.
 *   (c) fdatasyncWrite: a sequential write of N MB to a file, then fdatasync: MB/s.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * (a) The plain set-based SQL pass: milliseconds, and the number of actions updated.
 *
 * `withoutTriggers`: the project's own triggers on action (the dashboard counts' statement trigger
 * with its transition tables, among others) are disabled for the UPDATE (`ALTER TABLE action
 * DISABLE TRIGGER USER`, inside the rolled-back transaction, so `databaseUrl` must be the tables'
 * owner): what the hardware does with the bare UPDATE. Foreign-key checks stay on. The bench prints
 * both passes, so the triggers' cost is visible, and judges against the bare one.
 *
 * The statement runs with the session settings the recompute's own reads use
 * (RagFactsRepository.streamFacts: work_mem 64 MB, no JIT). With the server's default 4 MB, at
 * 100,000 actions PostgreSQL gives up its in-memory hash plan (HashAggregate, one batch) for merge
 * joins over index scans and a sort spilled to disk: about 1 million buffer visits, 196,000 reads
 * and 69,000 evicted dirty pages written by the backend itself, 2.3 s against 1.07 s (EXPLAIN
 * ANALYZE BUFFERS, 1 December 2026). That baseline was slower than the hardware, and grew faster
 * than the data (x25 for x10) for that reason alone.
 */
export async function sqlRagPass(
  databaseUrl: string,
  organisationId: string,
  asOf: string,
  options: { withoutTriggers?: boolean } = {},
): Promise<{ ms: number; actions: number; cpuMs?: number }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(`SET LOCAL work_mem = '64MB'`);
    await db.query('SET LOCAL jit = off');
    if (options.withoutTriggers) await db.query('ALTER TABLE action DISABLE TRIGGER USER');
    const backendCpu = await backendCpuMeter(db);
    const started = performance.now();
    const result = await db.query(
      `WITH m AS (
         SELECT action_id,
                count(*) FILTER (WHERE completed_on IS NULL AND due_date < $2::date) AS overdue,
                count(*) FILTER (WHERE completed_on IS NULL AND due_date < $2::date - 28) AS long_overdue,
                count(*) FILTER (WHERE completed_on IS NULL) AS open
         FROM milestone WHERE organisation_id = $1 GROUP BY action_id),
       e AS (
         SELECT action_id, bool_or(review_state = 'rejected') AS rejected, bool_or(review_state = 'accepted') AS accepted
         FROM evidence WHERE organisation_id = $1 AND withdrawn_at IS NULL GROUP BY action_id),
       u AS (SELECT action_id, max(update_date) AS last_update FROM progress_update WHERE organisation_id = $1 GROUP BY action_id)
       UPDATE action a SET rag_computed_colour = CASE
           WHEN a.status IN ('complete', 'embedded') AND coalesce(e.accepted, false) THEN 'blue'
           WHEN a.status = 'not_started' AND a.start_date > $2::date THEN 'grey'
           WHEN coalesce(m.long_overdue, 0) > 0 OR a.status = 'blocked' THEN 'red'
           WHEN coalesce(m.overdue, 0) > 0 OR coalesce(e.rejected, false) OR u.last_update IS NULL OR u.last_update < $2::date - 42 THEN 'amber'
           ELSE 'green' END
       FROM action a0
       LEFT JOIN m ON m.action_id = a0.id LEFT JOIN e ON e.action_id = a0.id LEFT JOIN u ON u.action_id = a0.id
       WHERE a.id = a0.id AND a0.organisation_id = $1`,
      [organisationId, asOf],
    );
    const ms = performance.now() - started;
    return { ms, actions: result.rowCount ?? 0, cpuMs: backendCpu?.() };
  } finally {
    await db.query('ROLLBACK').catch(() => undefined);
    await db.end();
  }
}

/**
 * The CPU time the client's backend spends from now (milliseconds, from /proc/<pid>/schedstat: the
 * server runs on this machine); undefined where /proc cannot tell.
 */
async function backendCpuMeter(db: Client): Promise<(() => number | undefined) | undefined> {
  const pid = (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const read = () => {
    try {
      return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    } catch {
      return undefined;
    }
  };
  const start = read();
  return start === undefined ? undefined : () => {
    const end = read();
    return end === undefined ? undefined : end - start;
  };
}

export interface LoopFigures {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Every request's latency (ms, sorted) and the time the loop ran, to add runs together. */
  samples: number[];
  seconds: number;
}

/**
 * (b) Each of `clients` connections runs the statements in turn (one "request" is the whole list,
 * as one API request issues them) for `seconds`.
 */
export async function sqlLoop(databaseUrl: string, statements: { text: string; values: unknown[] }[], options: { clients: number; seconds: number }): Promise<LoopFigures> {
  const clients = await Promise.all(
    Array.from({ length: options.clients }, async () => {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      return c;
    }),
  );
  const latencies: number[] = [];
  const until = performance.now() + options.seconds * 1000;
  const started = performance.now();
  try {
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() < until) {
          const t0 = performance.now();
          for (const s of statements) await c.query(s);
          latencies.push(performance.now() - t0);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((x, y) => x - y);
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    samples: latencies,
    seconds: elapsed,
  };
}

/** (c) A sequential write of `megabytes` MB in 1 MB blocks, then fdatasync: MB/s. */
export function fdatasyncWrite(megabytes: number, directory = tmpdir()): { mbPerSecond: number; seconds: number } {
  const dir = mkdtempSync(join(directory, 'bench-fdatasync-'));
  const file = join(dir, 'baseline.bin');
  const block = randomBytes(1024 * 1024);
  const fd = openSync(file, 'w');
  const started = performance.now();
  try {
    for (let i = 0; i < megabytes; i++) writeSync(fd, block);
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const seconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return { mbPerSecond: megabytes / seconds, seconds };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** "1.34x" */
export const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}x`;
