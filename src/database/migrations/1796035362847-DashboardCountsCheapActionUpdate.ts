import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard counts' trigger on action UPDATE (DashboardCounts), made cheap (issue 17): it cost
 * ~0.3 s on a 100,000-row UPDATE that changed no counted column (the RAG bench's baseline (a)) and
 * ~2.3-3.3 s on one that changed every colour, against ~0.5-1 s for the UPDATE itself.
 *
 * What was slow (EXPLAIN ANALYZE of the trigger's statements, auto_explain.log_nested_statements):
 * transition tables have row counts but no statistics, so the old function's joins were estimated
 * at 50,000,000 rows for 100,000: old_rows and new_rows were each sorted twice (two statements,
 * merge joins), and the final GROUP BY sorted a million rows on disk (external merge).
 *
 * Now, in ONE statement (the two upserts are data-modifying CTEs over one `ch`):
 * - old_rows and new_rows are read once, hash-joined on id, and only the rows where a counted
 *   column differs are kept (colour, workstream, plan, organisation, whether the action is started
 *   and unfinished, start date): a statement that changes none of them (the re-run, the bench's
 *   baseline) does no more than that join.
 * - Colour counts: the changed rows are first aggregated to (old key, new key) -> number of
 *   actions, a handful of rows, and only then unpivoted to -n/+n for 'all' and 'workstream'; the
 *   notice / inspection / regulator groups come from the links of the actions whose colour, plan or
 *   organisation changed, distinct per action and group, then aggregated the same way. The links are
 *   read per changed action through action_finding's primary key (LATERAL ... OFFSET 0, so the
 *   planner cannot turn it into a hash of all 133,000 links: that cost ~90 ms per 5,000-row chunk of
 *   a recompute, whose writes come in chunks of 5,000).
 * - The day count ('action_quiet') looks up the latest progress update only for the actions whose
 *   started-and-unfinished state, start date, plan or organisation changed (not for a colour change).
 * - Hash joins and hash aggregates throughout (merge join and sort off in the function: the
 *   estimates are far too high for the planner to choose them on cost); the final upserts still
 *   run in key order.
 * The counts are the same as before (test/dashboard-counts.e2e-spec.ts: kept counts equal a
 * recount after many kinds of writes). Hand-written: CREATE OR REPLACE of the function only.
 */
const FUNCTION = `
    CREATE OR REPLACE FUNCTION dashboard_counts_action_update() RETURNS trigger LANGUAGE plpgsql
    SET jit = off SET work_mem = '64MB' SET enable_mergejoin = off SET enable_sort = off AS $$
    BEGIN
      WITH ch AS MATERIALIZED (
             SELECT n.id, o.plan_id AS o_plan, o.organisation_id AS o_org, o.workstream_id AS o_ws, coalesce(o.rag_colour, 'none') AS o_colour,
                    o.status IN ('in_progress', 'blocked') AS o_quiet, o.start_date AS o_start,
                    n.plan_id, n.organisation_id, n.workstream_id, coalesce(n.rag_colour, 'none') AS colour,
                    n.status IN ('in_progress', 'blocked') AS quiet, n.start_date
             FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.rag_colour, o.workstream_id, o.plan_id, o.organisation_id, o.status IN ('in_progress', 'blocked'), o.start_date)
                   IS DISTINCT FROM (n.rag_colour, n.workstream_id, n.plan_id, n.organisation_id, n.status IN ('in_progress', 'blocked'), n.start_date)),
           moved AS (
             SELECT o_plan, o_org, o_ws, o_colour, plan_id, organisation_id, workstream_id, colour, count(*) AS n
             FROM ch WHERE (o_plan, o_org, o_ws, o_colour) IS DISTINCT FROM (plan_id, organisation_id, workstream_id, colour)
             GROUP BY o_plan, o_org, o_ws, o_colour, plan_id, organisation_id, workstream_id, colour),
           linked AS (
             SELECT o_plan, o_org, o_colour, plan_id, organisation_id, colour, kind, group_id, count(*) AS n
             FROM (SELECT DISTINCT ch.id, ch.o_plan, ch.o_org, ch.o_colour, ch.plan_id, ch.organisation_id, ch.colour, k.kind, k.group_id
                   FROM ch
                   CROSS JOIN LATERAL (SELECT l.finding_id FROM action_finding l WHERE l.action_id = ch.id OFFSET 0) l
                   JOIN finding f ON f.id = l.finding_id
                   LEFT JOIN inspection i ON i.id = f.inspection_id
                   CROSS JOIN LATERAL (VALUES ('notice', f.notice_id), ('inspection', f.inspection_id), ('regulator', i.regulator_id)) k(kind, group_id)
                   WHERE k.group_id IS NOT NULL AND (ch.o_plan, ch.o_org, ch.o_colour) IS DISTINCT FROM (ch.plan_id, ch.organisation_id, ch.colour)) p
             GROUP BY o_plan, o_org, o_colour, plan_id, organisation_id, colour, kind, group_id),
           colours AS (
             INSERT INTO plan_colour_count (plan_id, kind, group_id, colour, organisation_id, count)
             SELECT plan_id, kind, group_id, colour, organisation_id, sum(delta)::int
             FROM (SELECT x.* FROM moved m CROSS JOIN LATERAL (VALUES
                     (m.o_plan, m.o_org, 'all', m.o_plan, m.o_colour, -m.n), (m.o_plan, m.o_org, 'workstream', m.o_ws, m.o_colour, -m.n),
                     (m.plan_id, m.organisation_id, 'all', m.plan_id, m.colour, m.n), (m.plan_id, m.organisation_id, 'workstream', m.workstream_id, m.colour, m.n)
                   ) x(plan_id, organisation_id, kind, group_id, colour, delta)
                   UNION ALL
                   SELECT x.* FROM linked g CROSS JOIN LATERAL (VALUES
                     (g.o_plan, g.o_org, g.kind, g.group_id, g.o_colour, -g.n), (g.plan_id, g.organisation_id, g.kind, g.group_id, g.colour, g.n)
                   ) x(plan_id, organisation_id, kind, group_id, colour, delta)) d
             GROUP BY plan_id, kind, group_id, colour, organisation_id HAVING sum(delta) <> 0 ORDER BY plan_id, kind, group_id, colour
             ON CONFLICT (plan_id, kind, group_id, colour) DO UPDATE SET count = plan_colour_count.count + EXCLUDED.count
             RETURNING 1)
      INSERT INTO plan_day_count (plan_id, kind, day, organisation_id, count)
      SELECT x.plan_id, 'action_quiet', x.day, x.organisation_id, sum(x.delta)::int
      FROM ch
      CROSS JOIN LATERAL (SELECT max(p.update_date) AS last FROM progress_update p WHERE p.action_id = ch.id) u
      CROSS JOIN LATERAL (VALUES (ch.o_plan, ch.o_org, CASE WHEN ch.o_quiet THEN coalesce(u.last, ch.o_start) END, -1),
                                 (ch.plan_id, ch.organisation_id, CASE WHEN ch.quiet THEN coalesce(u.last, ch.start_date) END, 1)) x(plan_id, organisation_id, day, delta)
      WHERE (ch.o_quiet OR ch.quiet)
        AND (ch.o_plan, ch.o_org, ch.o_quiet, CASE WHEN ch.o_quiet THEN ch.o_start END) IS DISTINCT FROM (ch.plan_id, ch.organisation_id, ch.quiet, CASE WHEN ch.quiet THEN ch.start_date END)
        AND x.day IS NOT NULL
      GROUP BY x.plan_id, x.day, x.organisation_id HAVING sum(x.delta) <> 0 ORDER BY x.plan_id, x.day
      ON CONFLICT (plan_id, kind, day) DO UPDATE SET count = plan_day_count.count + EXCLUDED.count;
      RETURN NULL;
    END $$`;

/** The function as DashboardCounts1796030437074 created it (pg_get_functiondef). */
const PREVIOUS = `
    CREATE OR REPLACE FUNCTION public.dashboard_counts_action_update()
     RETURNS trigger
     LANGUAGE plpgsql
     SET jit TO 'off'
     SET work_mem TO '32MB'
    AS $function$
        BEGIN
          WITH ch AS MATERIALIZED (
                    SELECT n.id, o.plan_id AS o_plan, o.organisation_id AS o_org, o.workstream_id AS o_ws, coalesce(o.rag_colour, 'none') AS o_colour,
                           n.plan_id, n.organisation_id, n.workstream_id, coalesce(n.rag_colour, 'none') AS colour
                    FROM old_rows o JOIN new_rows n ON n.id = o.id
                    WHERE (o.rag_colour, o.workstream_id, o.plan_id, o.organisation_id) IS DISTINCT FROM (n.rag_colour, n.workstream_id, n.plan_id, n.organisation_id)),
                  pairs AS (
                    SELECT DISTINCT l.action_id AS id, k.kind, k.group_id
                    FROM action_finding l
                    JOIN finding f ON f.id = l.finding_id
                    LEFT JOIN inspection i ON i.id = f.inspection_id
                    CROSS JOIN LATERAL (VALUES ('notice', f.notice_id), ('inspection', f.inspection_id), ('regulator', i.regulator_id)) k(kind, group_id)
                    WHERE l.action_id IN (SELECT id FROM ch) AND k.group_id IS NOT NULL),
                  moved AS (
                    SELECT ch.id, ch.o_plan, ch.o_org, ch.o_colour, ch.plan_id, ch.organisation_id, ch.colour, g.kind, g.group_id, g.o_group_id
                    FROM ch CROSS JOIN LATERAL (VALUES ('all', ch.plan_id, ch.o_plan), ('workstream', ch.workstream_id, ch.o_ws)) g(kind, group_id, o_group_id)
                    UNION ALL
                    SELECT ch.id, ch.o_plan, ch.o_org, ch.o_colour, ch.plan_id, ch.organisation_id, ch.colour, p.kind, p.group_id, p.group_id
                    FROM pairs p JOIN ch ON ch.id = p.id)
        INSERT INTO plan_colour_count (plan_id, kind, group_id, colour, organisation_id, count)
        SELECT plan_id, kind, group_id, colour, organisation_id, sum(delta)::int FROM (SELECT o_plan AS plan_id, o_org AS organisation_id, kind, o_group_id AS group_id, o_colour AS colour, -count(*) AS delta FROM moved GROUP BY 1, 2, 3, 4, 5
     UNION ALL 
    SELECT plan_id, organisation_id, kind, group_id, colour, count(*) AS delta FROM moved GROUP BY 1, 2, 3, 4, 5) d
        GROUP BY plan_id, kind, group_id, colour, organisation_id HAVING sum(delta) <> 0 ORDER BY plan_id, kind, group_id, colour
        ON CONFLICT (plan_id, kind, group_id, colour) DO UPDATE SET count = plan_colour_count.count + EXCLUDED.count;
    WITH ch AS MATERIALIZED (
                    SELECT n.id, o.plan_id AS o_plan, o.organisation_id AS o_org, o.status AS o_status, o.start_date AS o_start,
                           n.plan_id, n.organisation_id, n.status, n.start_date
                    FROM old_rows o JOIN new_rows n ON n.id = o.id
                    WHERE (o.status, o.start_date, o.plan_id, o.organisation_id) IS DISTINCT FROM (n.status, n.start_date, n.plan_id, n.organisation_id)),
                  o AS (SELECT id, o_plan AS plan_id, o_org AS organisation_id, o_status AS status, o_start AS start_date FROM ch),
                  n AS (SELECT id, plan_id, organisation_id, status, start_date FROM ch)
        INSERT INTO plan_day_count (plan_id, kind, day, organisation_id, count)
        SELECT plan_id, kind, day, organisation_id, sum(delta)::int FROM (SELECT a.plan_id, a.organisation_id, 'action_quiet' AS kind, coalesce((SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id), a.start_date) AS day, -1 AS delta
              FROM o a WHERE a.status IN ('in_progress', 'blocked')
     UNION ALL 
    SELECT a.plan_id, a.organisation_id, 'action_quiet' AS kind, coalesce((SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id), a.start_date) AS day, 1 AS delta
              FROM n a WHERE a.status IN ('in_progress', 'blocked')) d
        WHERE day IS NOT NULL
        GROUP BY plan_id, kind, day, organisation_id HAVING sum(delta) <> 0 ORDER BY plan_id, kind, day
        ON CONFLICT (plan_id, kind, day) DO UPDATE SET count = plan_day_count.count + EXCLUDED.count;
          RETURN NULL;
        END $function$`;

export class DashboardCountsCheapActionUpdate1796035362847 implements MigrationInterface {
  name = 'DashboardCountsCheapActionUpdate1796035362847';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(FUNCTION);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(PREVIOUS);
  }
}
