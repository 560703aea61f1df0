import type { Client } from 'pg';
import type { SeededPlan } from '../bench/seed-large-plan';
import { explainedSession, type ExplainedSession } from './support/explained-session';

/**
 * The facts-version triggers (migration RagFactsVersion) raise a one-row write's action by its
 * primary key, whatever the session wrote before.
 *
 * PL/pgSQL plans a trigger's statement once per session and keeps the plan, with the row counts of
 * the transition tables it first saw. With `WHERE a.id IN (<the transition table's action ids>)`,
 * a session whose first write was a bulk one kept a hash semi-join that reads every action, and
 * each one-row write after read them all again (one milestone UPDATE 58-62 ms against 1.1-1.3 ms
 * at 100,000 actions). Migration FactsVersionByIdLookup gathers the ids into an array first
 * (`a.id = ANY (ARRAY(SELECT DISTINCT ...))`), which is planned as an index scan at any count.
 * The plans are read from auto_explain (nested statements, analyze), loaded in the session as the
 * superuser and sent to the client as notices; the versions are checked too: each action a
 * statement touched raised once, every other left alone.
 */
describe('facts-version triggers after a bulk write in the same session', () => {
  let session: ExplainedSession;
  let seed: SeededPlan;
  let db: Client;
  let notices: string[];
  let actionKey: string;
  let evidenceKey: string;

  beforeAll(async () => {
    session = await explainedSession('it_fvp', { actions: 600, analyze: true });
    ({ seed, db, notices } = session);
    const key = async (table: string) =>
      (await db.query<{ conname: string }>(`SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'`, [table])).rows[0].conname;
    actionKey = await key('action');
    evidenceKey = await key('evidence');
  }, 120_000);

  afterAll(() => session?.close());

  /** The plan auto_explain sent for the trigger's UPDATE of action (the one such statement since `notices` was emptied). */
  const raisePlan = (): string => {
    const plans = notices.filter((n) => n.includes('SET facts_version = a.facts_version + 1'));
    expect(plans).toHaveLength(1);
    return plans[0];
  };

  /** An index scan of action's primary key (plain or bitmap: the planner's pick for its guess of a few ids), and no read of every action. */
  const expectIdLookup = (plan: string) => {
    expect(plan).toMatch(new RegExp(`(?:Index Scan using "${actionKey}" on action a|Bitmap Index Scan on "${actionKey}")  `));
    expect(plan).not.toMatch(/Seq Scan on action/);
    expect(plan).not.toMatch(/Hash (Semi |Right Semi )?Join/);
  };

  const versions = async (): Promise<Map<string, number>> => {
    const { rows } = await db.query<{ id: string; facts_version: number }>(`SELECT id, facts_version FROM action WHERE organisation_id = $1`, [seed.organisationId]);
    return new Map(rows.map((r) => [r.id, r.facts_version]));
  };

  /** Every action's version moved by the number `raised` gives it (0 when it names none). */
  const expectRaised = (before: Map<string, number>, after: Map<string, number>, raised: (id: string) => number) => {
    expect(after.size).toBe(seed.actions);
    const wrong = [...after].filter(([id, v]) => v !== before.get(id)! + raised(id));
    expect(wrong).toEqual([]);
  };

  it('a one-milestone UPDATE after a 600-milestone UPDATE raises its action by primary key, once', async () => {
    const before = await versions();
    const bulk = await db.query(`UPDATE milestone SET title = title || '.' WHERE organisation_id = $1 AND sort_order = 1`, [seed.organisationId]);
    expect(bulk.rowCount).toBe(seed.actions);
    const afterBulk = await versions();
    expectRaised(before, afterBulk, () => 1);

    notices.length = 0;
    const one = await db.query<{ action_id: string }>(
      `UPDATE milestone SET title = title || '.'
       WHERE id = (SELECT id FROM milestone WHERE organisation_id = $1 AND sort_order = 2 ORDER BY id LIMIT 1) RETURNING action_id`,
      [seed.organisationId],
    );
    expect(one.rowCount).toBe(1);
    expectIdLookup(raisePlan());
    expectRaised(afterBulk, await versions(), (id) => (id === one.rows[0].action_id ? 1 : 0));
  });

  it('an UPDATE moving milestones between actions raises the old action and the new one, each once', async () => {
    const [from, to] = (
      await db.query<{ id: string }>(`SELECT id FROM action WHERE organisation_id = $1 ORDER BY id LIMIT 2`, [seed.organisationId])
    ).rows.map((r) => r.id);
    const before = await versions();
    notices.length = 0;
    // Two of the first action's milestones (the old rows name it twice) move to the second.
    const moved = await db.query(
      `UPDATE milestone SET action_id = $2 WHERE id IN (SELECT id FROM milestone WHERE action_id = $1 ORDER BY sort_order LIMIT 2)`,
      [from, to],
    );
    expect(moved.rowCount).toBe(2);
    expectIdLookup(raisePlan());
    expectRaised(before, await versions(), (id) => (id === from || id === to ? 1 : 0));
  });

  it('a one-row evidence review after a 600-row one finds its action through evidence, by primary keys', async () => {
    const review = (evidence: string) =>
      `INSERT INTO evidence_review (organisation_id, evidence_id, reviewer_id, decision)
       SELECT e.organisation_id, e.id, e.uploaded_by_id, 'accepted' FROM evidence e ${evidence}`;
    const before = await versions();
    const bulk = await db.query(review(`WHERE e.organisation_id = $1 AND e.title LIKE 'Evidence 1 %'`), [seed.organisationId]);
    expect(bulk.rowCount).toBe(seed.actions);
    const afterBulk = await versions();
    expectRaised(before, afterBulk, () => 1);

    const { rows } = await db.query<{ id: string; action_id: string }>(
      `SELECT id, action_id FROM evidence WHERE organisation_id = $1 AND title LIKE 'Evidence 2 %' ORDER BY id LIMIT 1`,
      [seed.organisationId],
    );
    notices.length = 0;
    const one = await db.query(review(`WHERE e.id = $1`), [rows[0].id]);
    expect(one.rowCount).toBe(1);
    const plan = raisePlan();
    expectIdLookup(plan);
    expect(plan).toMatch(new RegExp(`(?:Index Scan using "${evidenceKey}" on evidence e|Bitmap Index Scan on "${evidenceKey}")  `));
    expect(plan).not.toMatch(/Seq Scan on evidence/);
    expectRaised(afterBulk, await versions(), (id) => (id === rows[0].action_id ? 1 : 0));
  });
});
