import type { Client } from 'pg';
import { eventually } from './evidence-fixtures';
import { bearer, type TestApp, type TestUser } from './test-app';

/**
 * Whether, within `timeoutMs`, another session waits for a lock that `client`'s session holds, as
 * PostgreSQL itself sees it (pg_blocking_pids): a request has reached the database and stands
 * behind the test's transaction, not a timing guess.
 */
export function waitedOnBy(client: Client, timeoutMs: number, everyMs?: number): Promise<boolean> {
  return eventually(async () => {
    const rows = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks l WHERE NOT l.granted AND pg_backend_pid() = ANY (pg_blocking_pids(l.pid))`);
    return rows.rows[0].n > 0;
  }, timeoutMs, everyMs);
}

/** Polls `GET /jobs/:id` until the job completes and returns its status (throws if it fails or takes over a minute). */
export async function waitForJob<T = Record<string, unknown>>(t: TestApp, user: TestUser, jobId: string): Promise<{ state: 'completed'; returnValue: T; [field: string]: unknown }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await t.http().get(`/api/v1/jobs/${jobId}`).set(bearer(user)).expect(200);
    if (res.body.state === 'completed') return res.body;
    if (res.body.state === 'failed') throw new Error(`job ${jobId} failed: ${res.body.failedReason}`);
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${res.body.state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `GET /packs/:id` until the pack is ready and returns it (throws if it fails or takes over two minutes). */
export async function waitForPack<T = Record<string, unknown>>(t: TestApp, user: TestUser, id: string): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await t.http().get(`/api/v1/packs/${id}`).set(bearer(user)).expect(200);
    if (res.body.state === 'ready') return res.body as T;
    if (res.body.state === 'failed') throw new Error(`pack ${id} failed: ${res.body.failureReason}`);
    if (Date.now() > deadline) throw new Error(`pack ${id} still ${res.body.state} (${res.body.progress}%)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
