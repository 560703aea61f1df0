import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard counts' triggers on progress_update (DashboardCounts) rewritten so that their cost
 * grows with the rows written, whatever the planner guesses (issue 17: seeding a second
 * organisation's 120,000 progress updates into a database already holding one spent more than
 * 9 minutes in the one INSERT).
 *
 * What was slow: each function looked up, per affected action, its latest progress update from
 * before the statement with a correlated subquery that also read the transition table:
 * `(SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id AND NOT EXISTS
 * (SELECT 1 FROM new_rows x WHERE x.id = p.id))` (and `(SELECT max(o.update_date) FROM old_rows o
 * WHERE o.action_id = a.id)` on UPDATE and DELETE). A transition table has no index and no
 * statistics: the DISTINCT of its action ids is estimated at 200 rows whatever it holds, and the
 * subquery ran once per action with a scan of the whole transition table inside it (a nested loop
 * anti join: 100,000 actions x 120,000 rows).
 *
 * Now every function has the same shape, linear in the rows written:
 * - the transition tables are read once: aggregated by action (hash aggregate), or, for UPDATE,
 *   hash-joined old to new on id, keeping only the rows whose action or date changed (an UPDATE
 *   that moves neither does nothing more);
 * - the affected actions and their progress updates are read by key (LATERAL ... OFFSET 0: an
 *   index lookup per action, never a scan of the whole table, so a one-row write stays cheap);
 * - the rows written in the statement are told apart from the others by one hash anti join
 *   against the transition table's ids;
 * - nested loops (other than those by-key lookups, which can only be nested loops) and merge joins
 *   are off in the functions, so no estimate can turn a join of two unindexed sets into a nested
 *   loop.
 * The counts are those of before (test/dashboard-counts.e2e-spec.ts: kept counts equal a recount
 * after inserts, moves, date changes and deletes of progress updates). Hand-written: CREATE OR
 * REPLACE of the three functions only (the triggers are unchanged).
 */
const SETTINGS = `SET jit = off SET work_mem = '64MB' SET enable_nestloop = off SET enable_mergejoin = off`;

/** An affected action (`ids.action_id`), if it is started and unfinished (the only ones counted), read by key. */
const ACTION_BY_KEY = `CROSS JOIN LATERAL (SELECT a.id, a.plan_id, a.organisation_id, a.start_date FROM action a
                            WHERE a.id = ids.action_id AND a.status IN ('in_progress', 'blocked') OFFSET 0) a`;

/** Moves each action from its day before the statement (`before`) to its day after (`after`), start date when no update. */
function applyQuietDelta(withs: string, from: string, before: string, after: string): string {
  return `${withs}
      INSERT INTO plan_day_count (plan_id, kind, day, organisation_id, count)
      SELECT acts.plan_id, 'action_quiet', x.day, acts.organisation_id, sum(x.delta)::int
      FROM ${from}
      CROSS JOIN LATERAL (VALUES (coalesce(${before}, acts.start_date), -1), (coalesce(${after}, acts.start_date), 1)) x(day, delta)
      WHERE x.day IS NOT NULL
      GROUP BY acts.plan_id, x.day, acts.organisation_id HAVING sum(x.delta) <> 0 ORDER BY acts.plan_id, x.day
      ON CONFLICT (plan_id, kind, day) DO UPDATE SET count = plan_day_count.count + EXCLUDED.count`;
}

function fn(name: string, body: string): string {
  return `
    CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql
    ${SETTINGS} AS $$
    BEGIN
      ${body};
      RETURN NULL;
    END $$`;
}

const FUNCTIONS = [
  // INSERT: before = the latest of the action's other updates; after = the later of that and the new ones.
  fn(
    'dashboard_counts_progress_update_insert',
    applyQuietDelta(
      `WITH nw AS MATERIALIZED (SELECT id, action_id, update_date FROM new_rows),
            acts AS MATERIALIZED (
              SELECT a.id, a.plan_id, a.organisation_id, a.start_date, ids.last_new
              FROM (SELECT action_id, max(update_date) AS last_new FROM nw GROUP BY action_id) ids
              ${ACTION_BY_KEY}),
            kept AS (
              SELECT acts.id AS action_id, max(p.update_date) AS last
              FROM acts CROSS JOIN LATERAL (SELECT p.id, p.update_date FROM progress_update p WHERE p.action_id = acts.id OFFSET 0) p
              WHERE NOT EXISTS (SELECT 1 FROM nw WHERE nw.id = p.id)
              GROUP BY acts.id)`,
      'acts LEFT JOIN kept ON kept.action_id = acts.id',
      'kept.last',
      'greatest(kept.last, acts.last_new)',
    ),
  ),
  // UPDATE: only rows whose action or date changed matter. before = the latest of the action's
  // untouched updates and the changed rows' old values under it; after = its latest now.
  fn(
    'dashboard_counts_progress_update_update',
    applyQuietDelta(
      `WITH ch AS MATERIALIZED (
              SELECT o.id, o.action_id AS o_action, o.update_date AS o_date, n.action_id
              FROM old_rows o JOIN new_rows n ON n.id = o.id
              WHERE (o.action_id, o.update_date) IS DISTINCT FROM (n.action_id, n.update_date)),
            gone AS (SELECT o_action AS action_id, max(o_date) AS last FROM ch GROUP BY o_action),
            acts AS MATERIALIZED (
              SELECT a.id, a.plan_id, a.organisation_id, a.start_date
              FROM (SELECT o_action AS action_id FROM ch UNION SELECT action_id FROM ch) ids
              ${ACTION_BY_KEY}),
            cur AS (
              SELECT acts.id AS action_id, max(p.update_date) AS last, max(p.update_date) FILTER (WHERE ch.id IS NULL) AS untouched
              FROM acts CROSS JOIN LATERAL (SELECT p.id, p.update_date FROM progress_update p WHERE p.action_id = acts.id OFFSET 0) p
              LEFT JOIN ch ON ch.id = p.id
              GROUP BY acts.id)`,
      'acts LEFT JOIN cur ON cur.action_id = acts.id LEFT JOIN gone ON gone.action_id = acts.id',
      'greatest(cur.untouched, gone.last)',
      'cur.last',
    ),
  ),
  // DELETE: before = the later of the action's latest remaining update and the deleted ones; after = the remaining one.
  fn(
    'dashboard_counts_progress_update_delete',
    applyQuietDelta(
      `WITH acts AS MATERIALIZED (
              SELECT a.id, a.plan_id, a.organisation_id, a.start_date, ids.last_gone
              FROM (SELECT action_id, max(update_date) AS last_gone FROM old_rows GROUP BY action_id) ids
              ${ACTION_BY_KEY})`,
      'acts CROSS JOIN LATERAL (SELECT max(p.update_date) AS last FROM progress_update p WHERE p.action_id = acts.id OFFSET 0) cur',
      'greatest(cur.last, acts.last_gone)',
      'cur.last',
    ),
  ),
];

/** The functions as DashboardCounts1796030437074 created them (pg_get_functiondef). */
const PREVIOUS = [
  `CREATE OR REPLACE FUNCTION public.dashboard_counts_progress_update_insert()
 RETURNS trigger
 LANGUAGE plpgsql
 SET jit TO 'off'
 SET work_mem TO '32MB'
AS $function$
    BEGIN
      WITH ids AS MATERIALIZED (SELECT DISTINCT action_id FROM (SELECT action_id FROM new_rows) x),
                acts AS (SELECT a.* FROM action a JOIN ids ON ids.action_id = a.id)
    INSERT INTO plan_day_count (plan_id, kind, day, organisation_id, count)
    SELECT plan_id, kind, day, organisation_id, sum(delta)::int FROM (SELECT a.plan_id, a.organisation_id, 'action_quiet' AS kind, coalesce((SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id), a.start_date) AS day, 1 AS delta
          FROM acts a WHERE a.status IN ('in_progress', 'blocked')
 UNION ALL 
SELECT a.plan_id, a.organisation_id, 'action_quiet' AS kind, coalesce(greatest((SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id AND NOT EXISTS (SELECT 1 FROM new_rows x WHERE x.id = p.id)),
                        NULL::date), a.start_date) AS day, -1 AS delta
          FROM acts a WHERE a.status IN ('in_progress', 'blocked')) d
    WHERE day IS NOT NULL
    GROUP BY plan_id, kind, day, organisation_id HAVING sum(delta) <> 0 ORDER BY plan_id, kind, day
    ON CONFLICT (plan_id, kind, day) DO UPDATE SET count = plan_day_count.count + EXCLUDED.count;
      RETURN NULL;
    END $function$`,
  `CREATE OR REPLACE FUNCTION public.dashboard_counts_progress_update_update()
 RETURNS trigger
 LANGUAGE plpgsql
 SET jit TO 'off'
 SET work_mem TO '32MB'
AS $function$
    BEGIN
      WITH ids AS MATERIALIZED (SELECT DISTINCT action_id FROM (SELECT action_id FROM new_rows UNION ALL SELECT action_id FROM old_rows) x),
                acts AS (SELECT a.* FROM action a JOIN ids ON ids.action_id = a.id)
    INSERT INTO plan_day_count (plan_id, kind, day, organisation_id, count)
    SELECT plan_id, kind, day, organisation_id, sum(delta)::int FROM (SELECT a.plan_id, a.organisation_id, 'action_quiet' AS kind, coalesce((SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id), a.start_date) AS day, 1 AS delta
          FROM acts a WHERE a.status IN ('in_progress', 'blocked')
 UNION ALL 
SELECT a.plan_id, a.organisation_id, 'action_quiet' AS kind, coalesce(greatest((SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id AND NOT EXISTS (SELECT 1 FROM new_rows x WHERE x.id = p.id)),
                        (SELECT max(o.update_date) FROM old_rows o WHERE o.action_id = a.id)), a.start_date) AS day, -1 AS delta
          FROM acts a WHERE a.status IN ('in_progress', 'blocked')) d
    WHERE day IS NOT NULL
    GROUP BY plan_id, kind, day, organisation_id HAVING sum(delta) <> 0 ORDER BY plan_id, kind, day
    ON CONFLICT (plan_id, kind, day) DO UPDATE SET count = plan_day_count.count + EXCLUDED.count;
      RETURN NULL;
    END $function$`,
  `CREATE OR REPLACE FUNCTION public.dashboard_counts_progress_update_delete()
 RETURNS trigger
 LANGUAGE plpgsql
 SET jit TO 'off'
 SET work_mem TO '32MB'
AS $function$
    BEGIN
      WITH ids AS MATERIALIZED (SELECT DISTINCT action_id FROM (SELECT action_id FROM old_rows) x),
                acts AS (SELECT a.* FROM action a JOIN ids ON ids.action_id = a.id)
    INSERT INTO plan_day_count (plan_id, kind, day, organisation_id, count)
    SELECT plan_id, kind, day, organisation_id, sum(delta)::int FROM (SELECT a.plan_id, a.organisation_id, 'action_quiet' AS kind, coalesce((SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id), a.start_date) AS day, 1 AS delta
          FROM acts a WHERE a.status IN ('in_progress', 'blocked')
 UNION ALL 
SELECT a.plan_id, a.organisation_id, 'action_quiet' AS kind, coalesce(greatest((SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id),
                        (SELECT max(o.update_date) FROM old_rows o WHERE o.action_id = a.id)), a.start_date) AS day, -1 AS delta
          FROM acts a WHERE a.status IN ('in_progress', 'blocked')) d
    WHERE day IS NOT NULL
    GROUP BY plan_id, kind, day, organisation_id HAVING sum(delta) <> 0 ORDER BY plan_id, kind, day
    ON CONFLICT (plan_id, kind, day) DO UPDATE SET count = plan_day_count.count + EXCLUDED.count;
      RETURN NULL;
    END $function$`,
];

export class DashboardCountsProgressUpdateJoins1796053409280 implements MigrationInterface {
  name = 'DashboardCountsProgressUpdateJoins1796053409280';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const f of FUNCTIONS) await queryRunner.query(f);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const f of PREVIOUS) await queryRunner.query(f);
  }
}
