import type { Client } from 'pg';
import type { SeededPlan } from '../bench/seed-large-plan';
import { explainedSession, type ExplainedSession } from './support/explained-session';

/**
 * The statement-level triggers that join a write's old rows to its new rows (the dashboard counts'
 * trigger on action UPDATE, the trend counts' trigger on rag_snapshot UPDATE) join them by hash,
 * whatever the session ran before.
 *
 * PL/pgSQL plans a trigger's statement once per session and keeps the plan, with the row counts of
 * the transition tables it first saw. A session whose first such UPDATE touched no row (a
 * recompute's write for an earlier date fires the action trigger with none; so does a one-action
 * recompute that finds nothing changed) kept a plan built for one row: a nested loop over
 * old_rows x new_rows, which then compared 25,000,000 pairs for each 5,000-row chunk of a later
 * full recompute (2.7 s against 0.3-0.4 s fresh for the action trigger, 2.9 s against 0.14-0.15 s
 * for the trend trigger, on a 100,000-action plan on a quiet VM). Migration TransitionJoinsByHash
 * turns nested loops off in those functions. The plans are read from auto_explain, loaded in the
 * session as the superuser, with the nested statements' plans sent to the client as notices.
 */
describe('transition-table joins in the count triggers', () => {
  let session: ExplainedSession;
  let seed: SeededPlan;
  let db: Client;
  let notices: string[];

  beforeAll(async () => {
    session = await explainedSession('it_ttp', { actions: 600 });
    ({ seed, db, notices } = session);
  }, 120_000);

  afterAll(() => session?.close());

  /** The plan auto_explain sent for the nested statement whose text contains `marker`. */
  const planOf = (marker: string): string => {
    const plans = notices.filter((n) => n.includes(marker));
    expect(plans).toHaveLength(1);
    return plans[0];
  };

  it('the action trigger hash-joins old and new rows after a session began with an UPDATE of no row', async () => {
    await db.query(`UPDATE action SET rag_colour = 'red' WHERE false`);
    notices.length = 0;
    const updated = await db.query(`UPDATE action SET rag_colour = CASE WHEN rag_colour = 'amber' THEN 'green' ELSE 'amber' END WHERE organisation_id = $1`, [seed.organisationId]);
    expect(updated.rowCount).toBe(600);

    const plan = planOf('FROM old_rows o JOIN new_rows n ON n.id = o.id');
    expect(plan).toMatch(/Hash Cond: \((?:o\.id = n\.id|n\.id = o\.id)\)/);
    expect(plan).not.toMatch(/Join Filter: \(\(o\.id = n\.id\)/);

    // The counts the trigger keeps still equal a recount.
    const { rows } = await db.query<{ kept: number; counted: number }>(
      `SELECT (SELECT count FROM plan_colour_count WHERE plan_id = $1 AND kind = 'all' AND colour = 'amber') AS kept,
              (SELECT count(*)::int FROM action WHERE plan_id = $1 AND rag_colour = 'amber') AS counted`,
      [seed.planId],
    );
    expect(rows[0].counted).toBeGreaterThan(0);
    expect(rows[0].kept).toBe(rows[0].counted);
  });

  it('the trend trigger hash-joins old and new snapshots after a session began with an UPDATE of no row', async () => {
    await db.query(
      `INSERT INTO rag_snapshot (organisation_id, plan_id, action_id, as_of, colour, reasons, overridden, policy_version, computed_at)
       SELECT organisation_id, plan_id, id, '2026-11-23', 'green', '[]'::jsonb, false, 1, now() FROM action WHERE organisation_id = $1`,
      [seed.organisationId],
    );
    await db.query(`UPDATE rag_snapshot SET colour = 'red' WHERE false`);
    notices.length = 0;
    const updated = await db.query(`UPDATE rag_snapshot SET colour = 'red' WHERE organisation_id = $1 AND as_of = '2026-11-23'`, [seed.organisationId]);
    expect(updated.rowCount).toBe(600);

    const plan = planOf('FROM old_rows o JOIN new_rows n ON n.action_id = o.action_id');
    expect(plan).toMatch(/Hash Cond: \(.*action_id = .*action_id/);
    expect(plan).not.toMatch(/Join Filter: \(\(o(?:_1)?\.action_id = n(?:_1)?\.action_id\)/);

    const { rows } = await db.query<{ kept: number | null }>(`SELECT count AS kept FROM rag_trend_count WHERE plan_id = $1 AND as_of = '2026-11-23' AND colour = 'red'`, [seed.planId]);
    expect(rows[0].kept).toBe(600);
  });
});
