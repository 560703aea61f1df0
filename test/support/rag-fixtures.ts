import { Job, Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES, RAG_JOBS } from '../../src/queue/queues';
import { bullConnection } from '../../src/redis/redis.module';
import type { TestApp } from './test-app';

/**
 * Helpers for the RAG and dashboard tests: rows the policy reads (evidence, progress updates)
 * written straight to the database, the stored colour read back, and the real RAG queue driven
 * and awaited (jobs run in the in-process worker, on real Redis).
 */

/** Polls until `check` returns a value that is not undefined, or fails with the last value seen. */
export async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: Error | null = null;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      last = e instanceof Error ? e : new Error(String(e));
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface StoredRag {
  colour: string | null;
  reasons: { code: string; colour: string; text: string }[];
  overridden: boolean;
  policyVersion: number | null;
  asOf: string | null;
  computedAt: Date | null;
  version: number;
  updatedAt: Date;
}

export async function storedRag(ds: DataSource, actionId: string): Promise<StoredRag> {
  const rows = await ds.query<StoredRag[]>(
    `SELECT rag_colour AS colour, rag_reasons AS reasons, rag_overridden AS overridden, rag_policy_version AS "policyVersion",
            rag_as_of::text AS "asOf", rag_computed_at AS "computedAt", version, updated_at AS "updatedAt"
     FROM action WHERE id = $1`,
    [actionId],
  );
  return rows[0];
}

/** Waits until the action's stored RAG satisfies `ok` (the worker has run). */
export function waitForRag(ds: DataSource, actionId: string, ok: (rag: StoredRag) => boolean, what: string): Promise<StoredRag> {
  return waitFor(async () => {
    const rag = await storedRag(ds, actionId);
    return ok(rag) ? rag : undefined;
  }, `${what} (action ${actionId})`);
}

export interface SnapshotRow {
  asOf: string;
  colour: string;
  reasons: { code: string; colour: string; text: string }[];
  overridden: boolean;
  policyVersion: number;
  computedAt: Date;
}

export function snapshots(ds: DataSource, organisationId: string): Promise<(SnapshotRow & { actionId: string })[]> {
  return ds.query(
    `SELECT action_id AS "actionId", as_of::text AS "asOf", colour, reasons, overridden, policy_version AS "policyVersion", computed_at AS "computedAt"
     FROM rag_snapshot WHERE organisation_id = $1 ORDER BY action_id, as_of`,
    [organisationId],
  );
}

let evidenceCounter = 0;

export async function insertEvidence(
  ds: DataSource,
  input: { organisationId: string; actionId: string; uploadedById: string; uploadedAt: string; state?: 'submitted' | 'accepted' | 'rejected'; title?: string; withdrawn?: boolean },
): Promise<string> {
  const n = ++evidenceCounter;
  const rows = await ds.query<{ id: string }[]>(
    `INSERT INTO evidence (organisation_id, action_id, title, file_name, content_type, size_bytes, sha256, storage_key,
                           uploaded_by_id, uploaded_at, review_state, withdrawn_at, version)
     VALUES ($1, $2, $3::text, 'report.pdf', 'application/pdf', 1234, md5($3::text), 'sha256/' || md5($3::text), $4, $5, $6, $7, 1) RETURNING id`,
    [input.organisationId, input.actionId, input.title ?? `Evidence ${n}`, input.uploadedById, input.uploadedAt, input.state ?? 'submitted', input.withdrawn ? input.uploadedAt : null],
  );
  return rows[0].id;
}

export async function insertProgressUpdate(ds: DataSource, input: { organisationId: string; actionId: string; authorId: string; updateDate: string }): Promise<void> {
  await ds.query(
    `INSERT INTO progress_update (organisation_id, action_id, author_id, update_date, narrative, status_at_time, progress_percent_at_time)
     VALUES ($1, $2, $3, $4, 'Progress reported to the board', 'in_progress', 40)`,
    [input.organisationId, input.actionId, input.authorId, input.updateDate],
  );
}

/** The RAG queue as the test's worker sees it, with its events, for adding jobs and awaiting them. */
export class RagQueueDriver {
  readonly queue: Queue;
  readonly events: QueueEvents;

  private constructor(t: TestApp) {
    const options = { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX };
    this.queue = new Queue(QUEUES.rag, options);
    this.events = new QueueEvents(QUEUES.rag, options);
  }

  static async open(t: TestApp): Promise<RagQueueDriver> {
    const driver = new RagQueueDriver(t);
    await driver.events.waitUntilReady();
    return driver;
  }

  /** Adds a job and waits for the worker to finish it; returns its result. */
  async run<T>(name: string, data: object, jobId?: string): Promise<T> {
    const job = await this.queue.add(name, data, jobId ? { jobId } : {});
    return (await job.waitUntilFinished(this.events, 30_000)) as T;
  }

  async waitForJob<T>(jobId: string): Promise<T> {
    const job = await Job.fromId(this.queue, jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    if (await job.isCompleted()) return job.returnvalue as T;
    return (await job.waitUntilFinished(this.events, 30_000)) as T;
  }

  /** The nightly job, as the scheduler would add it, and the organisation recomputes it queues. */
  async runNightly(): Promise<{ asOf: string; organisations: number; jobIds: string[] }> {
    const result = await this.run<{ asOf: string; organisations: number; jobIds: string[] }>(RAG_JOBS.nightly, {});
    for (const id of result.jobIds) await this.waitForJob(id);
    return result;
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
  }
}

/**
 * The per-plan trend counts that triggers keep (rag_trend_count) against a count of the snapshots
 * themselves: the two lists must be equal (zero counts left by deletions are left out).
 */
export async function trendCountsAndSnapshotCounts(ds: DataSource, organisationId: string): Promise<{ kept: string[]; counted: string[] }> {
  const [kept, counted] = await Promise.all([
    ds.query<{ k: string }[]>(
      `SELECT plan_id || ' ' || as_of || ' ' || colour || ' ' || count AS k FROM rag_trend_count
       WHERE organisation_id = $1 AND count <> 0 ORDER BY 1`,
      [organisationId],
    ),
    ds.query<{ k: string }[]>(
      `SELECT plan_id || ' ' || as_of || ' ' || colour || ' ' || count(*) AS k FROM rag_snapshot
       WHERE organisation_id = $1 GROUP BY plan_id, as_of, colour ORDER BY 1`,
      [organisationId],
    ),
  ]);
  return { kept: kept.map((r) => r.k), counted: counted.map((r) => r.k) };
}

/**
 * The dashboard's kept counts (plan_colour_count, plan_day_count: migration DashboardCounts)
 * against a recount of the rows themselves, as "plan kind group colour count" lines: the two lists
 * must be equal (zero counts left by moves and deletions are left out).
 */
export async function dashboardCountsAndRecounts(ds: DataSource, organisationId: string): Promise<{ kept: string[]; counted: string[] }> {
  const [kept, counted] = await Promise.all([
    ds.query<{ k: string }[]>(
      `SELECT k FROM (
         SELECT plan_id || ' ' || kind || ' ' || group_id || ' ' || colour || ' ' || count AS k FROM plan_colour_count WHERE organisation_id = $1 AND count <> 0
         UNION ALL
         SELECT plan_id || ' ' || kind || ' ' || day || ' ' || count FROM plan_day_count WHERE organisation_id = $1 AND count <> 0) x
       ORDER BY 1`,
      [organisationId],
    ),
    ds.query<{ k: string }[]>(
      `WITH a AS (SELECT id, plan_id, workstream_id, coalesce(rag_colour, 'none') AS colour, status, start_date FROM action WHERE organisation_id = $1),
            pair AS (
              SELECT DISTINCT a.id, a.plan_id, a.colour, k.kind, k.group_id
              FROM a JOIN action_finding af ON af.action_id = a.id JOIN finding f ON f.id = af.finding_id LEFT JOIN inspection i ON i.id = f.inspection_id
              CROSS JOIN LATERAL (VALUES ('notice', f.notice_id), ('inspection', f.inspection_id), ('regulator', i.regulator_id)) k(kind, group_id)
              WHERE k.group_id IS NOT NULL)
       SELECT k FROM (
         SELECT plan_id || ' all ' || plan_id || ' ' || colour || ' ' || count(*) AS k FROM a GROUP BY plan_id, colour
         UNION ALL SELECT plan_id || ' workstream ' || workstream_id || ' ' || colour || ' ' || count(*) FROM a GROUP BY plan_id, workstream_id, colour
         UNION ALL SELECT plan_id || ' ' || kind || ' ' || group_id || ' ' || colour || ' ' || count(*) FROM pair GROUP BY plan_id, kind, group_id, colour
         UNION ALL SELECT a.plan_id || ' milestone_open ' || m.due_date || ' ' || count(*) FROM milestone m JOIN a ON a.id = m.action_id
                   WHERE m.completed_on IS NULL GROUP BY a.plan_id, m.due_date
         UNION ALL SELECT a.plan_id || ' evidence_waiting ' || (e.uploaded_at AT TIME ZONE 'Europe/London')::date || ' ' || count(*) FROM evidence e JOIN a ON a.id = e.action_id
                   WHERE e.review_state = 'submitted' AND e.withdrawn_at IS NULL GROUP BY a.plan_id, (e.uploaded_at AT TIME ZONE 'Europe/London')::date
         UNION ALL SELECT plan_id || ' action_quiet ' || since || ' ' || count(*) FROM (
                     SELECT a.plan_id, coalesce((SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id), a.start_date) AS since
                     FROM a WHERE a.status IN ('in_progress', 'blocked')) q
                   WHERE since IS NOT NULL GROUP BY plan_id, since) x
       ORDER BY 1`,
      [organisationId],
    ),
  ]);
  return { kept: kept.map((r) => r.k), counted: counted.map((r) => r.k) };
}

/**
 * Makes every recorded RAG recompute (rag_recompute_pending, rag_plan_recompute_pending) a minute
 * older, past the reconciler's grace (PENDING_GRACE_MS): a record left by a change that never
 * queued it, rather than one its change is queueing this moment.
 */
export async function ageRecordedRecomputes(ds: DataSource): Promise<void> {
  await ds.query(`UPDATE rag_recompute_pending SET requested_at = requested_at - interval '1 minute'`);
  await ds.query(`UPDATE rag_plan_recompute_pending SET requested_at = requested_at - interval '1 minute'`);
}
