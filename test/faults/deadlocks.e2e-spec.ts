import { Logger } from '@nestjs/common';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { RagComputeService } from '../../src/rag/compute/rag-compute.service';
import { RagFactsRepository } from '../../src/rag/compute/rag-facts.repository';
import { toWriteDocument } from '../../src/rag/compute/rag-facts';
import { adminDatabaseUrl, databaseOf, withClient } from '../support/databases';
import { waitedOnBy } from '../support/wait-for';
import { seedGeneratedActions, seedPlanBasics, type PlanFixture } from '../support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser } from '../support/test-app';

const TODAY = '2026-11-23';
const ACTIONS = 20;

/** What the other side of the cycle saw: it got its second lock (the subject was rolled back), or it was rolled back itself. */
type OtherSide = 'got-its-lock' | 'rolled-back';

/**
 * Two transactions that lock the same rows in opposite orders deadlock, and PostgreSQL rolls one
 * of them back (40P01). Each case plays one side itself, on a superuser connection of its own (to
 * set its deadlock_timeout): it locks a row the subject will need, starts the subject, waits until
 * PostgreSQL shows the subject waiting for that lock (not a timing guess), then asks for a row the
 * subject holds. PostgreSQL breaks the cycle by rolling back whichever side checks first, after its
 * deadlock_timeout: the subject's is the shorter, so it is the subject, unless the test's second
 * lock came later than the subject's check (a stalled machine). Then the test's side is rolled
 * back instead, and the round is played again.
 *
 * - A RAG chunk write (standing in for a second recompute of the plan, or a bulk edit, that took
 *   its locks in another order) is sent again and stores every colour. Before, the deadlock failed
 *   the write, and with it the plan's whole recompute (BullMQ's retry recomputed every action).
 * - An API request rolled back by a deadlock answers 409 write_conflict, not 500, and the same
 *   request sent again succeeds.
 */
describe('faults: deadlocks with another transaction', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let fixture: PlanFixture;
  const adminUrl = () => adminDatabaseUrl(databaseOf(t.config.DATABASE_URL));

  beforeAll(async () => {
    t = await TestApp.start({ now: `${TODAY}T10:00:00Z` });
    org = await t.createOrganisation('Knowsley Council');
    board = await t.createUser(org, 'board');
    fixture = await seedPlanBasics(t.dataSource, org.id, org.planId);
    await seedGeneratedActions(t.dataSource, org.id, fixture, board.id, ACTIONS);
  }, 60_000);

  afterAll(() => t.close());

  /**
   * One round: in a transaction of the test's own, `first` locks what the subject will wait for;
   * `subject()` starts; once it waits, `second` asks for what the subject holds; then commit.
   * `deadlockTimeout`: the test side's (longer than the subject's).
   */
  async function cycle<T>(
    deadlockTimeout: string,
    first: (c: Client) => Promise<unknown>,
    subject: () => Promise<T>,
    second: (c: Client) => Promise<unknown>,
  ): Promise<{ result: T; other: OtherSide }> {
    return withClient(adminUrl(), async (c) => {
      await c.query(`SET deadlock_timeout = '${deadlockTimeout}'`);
      await c.query('BEGIN');
      let settled: Promise<T> | null = null;
      try {
        await first(c);
        const pending = subject();
        settled = pending;
        const waiting = await waitedOnBy(c, 10_000, 10);
        expect(waiting).toBe(true);
        let other: OtherSide = 'got-its-lock';
        try {
          await second(c);
          await c.query('COMMIT');
        } catch (err) {
          if ((err as { code?: string }).code !== '40P01') throw err;
          other = 'rolled-back';
          await c.query('ROLLBACK');
        }
        return { result: await pending, other };
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        await settled?.catch(() => undefined);
        throw err;
      }
    });
  }

  const lockAction = (id: string) => (c: Client) => c.query('SELECT id FROM action WHERE id = $1 FOR UPDATE', [id]);

  it('a RAG chunk write rolled back by a deadlock is sent again and stores every colour', async () => {
    const { policyVersion, results } = await t.app.get(RagComputeService).evaluatePlan(org.id, org.planId, TODAY);
    expect(results).toHaveLength(ACTIONS);
    const ids = results.map((r) => r.actionId).sort();
    // The write locks the plan's actions in id order (toWriteDocument sorts them): it waits for the
    // last while holding the first. Its own connection checks for a deadlock after 5 s.
    const writer = new DataSource({ type: 'postgres', url: adminUrl(), extra: { max: 1, options: '-c deadlock_timeout=5s' } });
    await writer.initialize();
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const write = () =>
        new RagFactsRepository(writer)
          .writeResults({ organisationId: org.id, asOf: TODAY, policyVersion, computedAt: new Date(), writeCurrent: true, document: toWriteDocument(results) })
          .then(
            (counts) => ({ counts, error: null as unknown }),
            (error: unknown) => ({ counts: null, error }),
          );
      const { result, other } = await cycle('60s', lockAction(ids[ids.length - 1]), write, lockAction(ids[0]));

      expect(other).toBe('got-its-lock');
      expect(result.error).toBeNull();
      expect(result.counts).toEqual({ coloursWritten: ACTIONS, coloursUnchanged: 0, snapshotsWritten: ACTIONS });
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ organisationId: org.id, attempt: 1, sqlState: '40P01' }), expect.stringContaining('sending it again'));
      const stored = await t.dataSource.query<{ coloured: number; snapshots: number }[]>(
        `SELECT count(*) FILTER (WHERE rag_as_of = $2::date)::int AS coloured,
                (SELECT count(*)::int FROM rag_snapshot WHERE plan_id = $1 AND as_of = $2::date) AS snapshots
           FROM action WHERE plan_id = $1`,
        [org.planId, TODAY],
      );
      expect(stored[0]).toEqual({ coloured: ACTIONS, snapshots: ACTIONS });
    } finally {
      warn.mockRestore();
      await writer.destroy();
    }
  }, 60_000);

  it('an API request rolled back by a deadlock answers 409 write_conflict, and succeeds when sent again', async () => {
    const newOwner = await t.createUser(org, 'owner');
    const [{ id: actionId }] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM action WHERE plan_id = $1 ORDER BY id LIMIT 1', [org.planId]);
    const version = async () => (await t.dataSource.query<{ version: number }[]>('SELECT version FROM action WHERE id = $1', [actionId]))[0].version;
    const patch = async () =>
      t
        .http()
        .patch(`/api/v1/actions/${actionId}`)
        .set(bearer(board))
        .send({ ownerId: newOwner.id, version: await version() });
    // Giving the action a new owner locks the action row, then the owner's user row FOR SHARE
    // (ActionsService.update). The test's side takes the user row first (as a removal from the
    // plan does), then the action row. The API's connections check after PostgreSQL's 1 s.
    let answered: Awaited<ReturnType<typeof patch>> | null = null;
    for (let round = 1; round <= 3 && answered === null; round++) {
      const { result, other } = await cycle(
        '5s',
        (c) => c.query('SELECT id FROM "user" WHERE id = $1 FOR NO KEY UPDATE', [newOwner.id]),
        patch,
        lockAction(actionId),
      );
      if (other === 'got-its-lock') answered = result;
      else expect(result.status).toBe(200); // the test's side was rolled back: the request went through
      if (other === 'rolled-back') await t.dataSource.query('UPDATE action SET owner_id = $2 WHERE id = $1', [actionId, board.id]);
    }
    expect(answered).not.toBeNull();
    expect(answered!.status).toBe(409);
    expect(answered!.body).toMatchObject({ statusCode: 409, code: 'write_conflict', message: expect.stringContaining('send it again') });
    expect((await t.dataSource.query<{ owner_id: string }[]>('SELECT owner_id FROM action WHERE id = $1', [actionId]))[0].owner_id).not.toBe(newOwner.id);

    const again = await patch();
    expect(again.status).toBe(200);
    expect(again.body.owner.id).toBe(newOwner.id);
  }, 60_000);
});
