import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dashboard counts kept as the rows are written (issue 17: GET /dashboard recounted 100,000
 * actions, 133,000 finding links, 400,000 milestones, 200,000 evidence rows and 120,000 progress
 * updates per request).
 *
 * - plan_colour_count (plan, kind, group, colour): the stored colours rolled up overall and by
 *   workstream, notice, inspection and regulator (an action counts once per group however many of
 *   its findings fall in it). Kept by statement-level triggers with transition tables on action
 *   (insert, update of colour/workstream/plan, delete), action_finding (links added, moved,
 *   removed), finding (notice or inspection changed) and inspection (regulator changed). Each
 *   trigger takes the affected actions' contribution before the statement away and adds their
 *   contribution after it, so moves between groups and shared groups stay exact. Before an action
 *   row is deleted, a row trigger removes its finding links first (their trigger still sees the
 *   action's colour; the cascade would otherwise remove them after the action is gone).
 * - plan_day_count (plan, kind, day): open milestones by due date, evidence waiting for review by
 *   London upload day, started unfinished actions by the day of their latest progress update (or
 *   start date). Date-dependent counts are then sums over a few hundred rows at any date; the
 *   repository adds the few rows that the day keys cannot see (milestones completed after the
 *   date, regulator deadlines waived, progress updates dated after it).
 * - Partial indexes that serve the dashboard's lists in order (open milestones by due date,
 *   evidence waiting by upload time, overridden actions in plan order) and the corrections above.
 *
 * Counts are upserted in key order (concurrent writers lock rows in the same order), in the
 * same transaction as the write. The tables, indexes and DDL are what `migration:generate` wrote
 * for the entities; the backfill and triggers are written by hand.
 */

const COLOUR = `coalesce(a.rag_colour, 'none')`;

/** +/- one count per action for 'all' (group = the plan) and its workstream. */
function actionKinds(actions: string, sign: string): string {
  return `SELECT a.plan_id, a.organisation_id, 'all' AS kind, a.plan_id AS group_id, ${COLOUR} AS colour, ${sign} AS delta FROM ${actions} a
          UNION ALL
          SELECT a.plan_id, a.organisation_id, 'workstream', a.workstream_id, ${COLOUR}, ${sign} FROM ${actions} a`;
}

/** +/- one count per (action, notice / inspection / regulator) reached through its finding links. */
function linkKinds(actions: string, links: string, findings: string, inspections: string, sign: string): string {
  return `SELECT g.plan_id, g.organisation_id, g.kind, g.group_id, g.colour, ${sign} AS delta FROM (
            SELECT DISTINCT a.id, a.plan_id, a.organisation_id, k.kind, k.group_id, ${COLOUR} AS colour
            FROM ${actions} a
            JOIN ${links} l ON l.action_id = a.id
            JOIN ${findings} f ON f.id = l.finding_id
            LEFT JOIN ${inspections} i ON i.id = f.inspection_id
            CROSS JOIN LATERAL (VALUES ('notice', f.notice_id), ('inspection', f.inspection_id), ('regulator', i.regulator_id)) k(kind, group_id)
            WHERE k.group_id IS NOT NULL) g`;
}

function applyColourDelta(withs: string, deltas: string[]): string {
  return `${withs}
    INSERT INTO plan_colour_count (plan_id, kind, group_id, colour, organisation_id, count)
    SELECT plan_id, kind, group_id, colour, organisation_id, sum(delta)::int FROM (${deltas.join('\n UNION ALL \n')}) d
    GROUP BY plan_id, kind, group_id, colour, organisation_id HAVING sum(delta) <> 0 ORDER BY plan_id, kind, group_id, colour
    ON CONFLICT (plan_id, kind, group_id, colour) DO UPDATE SET count = plan_colour_count.count + EXCLUDED.count`;
}

function applyDayDelta(withs: string, deltas: string[]): string {
  return `${withs}
    INSERT INTO plan_day_count (plan_id, kind, day, organisation_id, count)
    SELECT plan_id, kind, day, organisation_id, sum(delta)::int FROM (${deltas.join('\n UNION ALL \n')}) d
    WHERE day IS NOT NULL
    GROUP BY plan_id, kind, day, organisation_id HAVING sum(delta) <> 0 ORDER BY plan_id, kind, day
    ON CONFLICT (plan_id, kind, day) DO UPDATE SET count = plan_day_count.count + EXCLUDED.count`;
}

const LINKS = `(SELECT action_id, finding_id FROM action_finding)`;
const FINDINGS = `(SELECT id, notice_id, inspection_id FROM finding)`;
const INSPECTIONS = `(SELECT id, regulator_id FROM inspection)`;

function openMilestones(milestones: string, sign: string): string {
  return `SELECT a.plan_id, a.organisation_id, 'milestone_open' AS kind, m.due_date AS day, ${sign} AS delta
          FROM ${milestones} m JOIN action a ON a.id = m.action_id WHERE m.completed_on IS NULL`;
}

function waitingEvidence(evidence: string, sign: string): string {
  return `SELECT a.plan_id, a.organisation_id, 'evidence_waiting' AS kind, (e.uploaded_at AT TIME ZONE 'Europe/London')::date AS day, ${sign} AS delta
          FROM ${evidence} e JOIN action a ON a.id = e.action_id WHERE e.review_state = 'submitted' AND e.withdrawn_at IS NULL`;
}

/** Started, unfinished actions by the day of their latest progress update (`lastUpdate`: SQL for it, given a.id). */
function quietActions(actions: string, lastUpdate: string, sign: string): string {
  return `SELECT a.plan_id, a.organisation_id, 'action_quiet' AS kind, coalesce(${lastUpdate}, a.start_date) AS day, ${sign} AS delta
          FROM ${actions} a WHERE a.status IN ('in_progress', 'blocked')`;
}
const LAST_UPDATE = `(SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id)`;

function fn(name: string, body: string[]): string {
  // jit off: the planner cannot estimate transition tables' joins, and compiling the inflated plan took seconds.
  return `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql SET jit = off SET work_mem = '32MB' AS $$
    BEGIN
      ${body.map((b) => `${b};`).join('\n')}
      RETURN NULL;
    END $$`;
}

const STATEMENT_TRIGGERS: { table: string; event: 'INSERT' | 'UPDATE' | 'DELETE'; fn: string; body: string[] }[] = [
  {
    table: 'action',
    event: 'INSERT',
    fn: 'dashboard_counts_action_insert',
    body: [
      applyColourDelta('', [actionKinds('new_rows', '1'), linkKinds('new_rows', LINKS, FINDINGS, INSPECTIONS, '1')]),
      applyDayDelta('', [quietActions('new_rows', LAST_UPDATE, '1')]),
    ],
  },
  {
    table: 'action',
    event: 'UPDATE',
    fn: 'dashboard_counts_action_update',
    body: [
      // Only the rows whose colour, workstream or plan changed, narrow (a full recompute updates every
      // action). Their finding links did not change: each (action, group) pair moves from the old
      // colour to the new one.
      applyColourDelta(
        `WITH ch AS MATERIALIZED (
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
                FROM pairs p JOIN ch ON ch.id = p.id)`,
        [
          `SELECT o_plan AS plan_id, o_org AS organisation_id, kind, o_group_id AS group_id, o_colour AS colour, -count(*) AS delta FROM moved GROUP BY 1, 2, 3, 4, 5`,
          `SELECT plan_id, organisation_id, kind, group_id, colour, count(*) AS delta FROM moved GROUP BY 1, 2, 3, 4, 5`,
        ],
      ),
      applyDayDelta(
        `WITH ch AS MATERIALIZED (
                SELECT n.id, o.plan_id AS o_plan, o.organisation_id AS o_org, o.status AS o_status, o.start_date AS o_start,
                       n.plan_id, n.organisation_id, n.status, n.start_date
                FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.status, o.start_date, o.plan_id, o.organisation_id) IS DISTINCT FROM (n.status, n.start_date, n.plan_id, n.organisation_id)),
              o AS (SELECT id, o_plan AS plan_id, o_org AS organisation_id, o_status AS status, o_start AS start_date FROM ch),
              n AS (SELECT id, plan_id, organisation_id, status, start_date FROM ch)`,
        [quietActions('o', LAST_UPDATE, '-1'), quietActions('n', LAST_UPDATE, '1')],
      ),
    ],
  },
  {
    table: 'action',
    event: 'DELETE',
    fn: 'dashboard_counts_action_delete',
    // Its finding links were removed (and counted down) before the row went: see dashboard_counts_action_unlink.
    body: [applyColourDelta('', [actionKinds('old_rows', '-1')]), applyDayDelta('', [quietActions('old_rows', LAST_UPDATE, '-1')])],
  },
  ...(['INSERT', 'UPDATE', 'DELETE'] as const).map((event) => {
    const before =
      event === 'INSERT'
        ? `(SELECT l.* FROM la l WHERE NOT EXISTS (SELECT 1 FROM new_rows x WHERE x.action_id = l.action_id AND x.finding_id = l.finding_id))`
        : event === 'DELETE'
          ? `(SELECT * FROM la UNION ALL SELECT action_id, finding_id FROM old_rows)`
          : `(SELECT l.* FROM la l WHERE NOT EXISTS (SELECT 1 FROM new_rows x WHERE x.action_id = l.action_id AND x.finding_id = l.finding_id)
              UNION ALL SELECT action_id, finding_id FROM old_rows)`;
    const ids = event === 'INSERT' ? 'SELECT action_id FROM new_rows' : event === 'DELETE' ? 'SELECT action_id FROM old_rows' : 'SELECT action_id FROM new_rows UNION SELECT action_id FROM old_rows';
    return {
      table: 'action_finding',
      event,
      fn: `dashboard_counts_action_finding_${event.toLowerCase()}`,
      body: [
        applyColourDelta(
          `WITH ids AS MATERIALIZED (SELECT DISTINCT action_id FROM (${ids}) x),
                acts AS (SELECT a.* FROM action a JOIN ids ON ids.action_id = a.id),
                la AS MATERIALIZED (SELECT af.action_id, af.finding_id FROM action_finding af JOIN ids ON ids.action_id = af.action_id)`,
          [linkKinds('acts', 'la', FINDINGS, INSPECTIONS, '1'), linkKinds('acts', before, FINDINGS, INSPECTIONS, '-1')],
        ),
      ],
    };
  }),
  {
    table: 'finding',
    event: 'UPDATE',
    fn: 'dashboard_counts_finding_update',
    body: [
      applyColourDelta(
        `WITH ch AS MATERIALIZED (SELECT o.id, o.notice_id, o.inspection_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                                  WHERE (o.notice_id, o.inspection_id) IS DISTINCT FROM (n.notice_id, n.inspection_id)),
              ids AS MATERIALIZED (SELECT DISTINCT af.action_id FROM action_finding af JOIN ch ON ch.id = af.finding_id),
              acts AS (SELECT a.* FROM action a JOIN ids ON ids.action_id = a.id),
              fb AS (SELECT f.id, CASE WHEN ch.id IS NULL THEN f.notice_id ELSE ch.notice_id END AS notice_id,
                            CASE WHEN ch.id IS NULL THEN f.inspection_id ELSE ch.inspection_id END AS inspection_id
                     FROM finding f LEFT JOIN ch ON ch.id = f.id)`,
        [linkKinds('acts', LINKS, FINDINGS, INSPECTIONS, '1'), linkKinds('acts', LINKS, 'fb', INSPECTIONS, '-1')],
      ),
    ],
  },
  {
    table: 'inspection',
    event: 'UPDATE',
    fn: 'dashboard_counts_inspection_update',
    body: [
      applyColourDelta(
        `WITH ch AS MATERIALIZED (SELECT o.id, o.regulator_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.regulator_id IS DISTINCT FROM n.regulator_id),
              ids AS MATERIALIZED (SELECT DISTINCT af.action_id FROM action_finding af JOIN finding f ON f.id = af.finding_id JOIN ch ON ch.id = f.inspection_id),
              acts AS (SELECT a.* FROM action a JOIN ids ON ids.action_id = a.id),
              ib AS (SELECT i.id, CASE WHEN ch.id IS NULL THEN i.regulator_id ELSE ch.regulator_id END AS regulator_id FROM inspection i LEFT JOIN ch ON ch.id = i.id)`,
        [linkKinds('acts', LINKS, FINDINGS, INSPECTIONS, '1'), linkKinds('acts', LINKS, FINDINGS, 'ib', '-1')],
      ),
    ],
  },
  ...(['INSERT', 'UPDATE', 'DELETE'] as const).flatMap((event) => [
    {
      table: 'milestone',
      event,
      fn: `dashboard_counts_milestone_${event.toLowerCase()}`,
      body: [applyDayDelta('', [...(event !== 'INSERT' ? [openMilestones('old_rows', '-1')] : []), ...(event !== 'DELETE' ? [openMilestones('new_rows', '1')] : [])])],
    },
    {
      table: 'evidence',
      event,
      fn: `dashboard_counts_evidence_${event.toLowerCase()}`,
      body: [applyDayDelta('', [...(event !== 'INSERT' ? [waitingEvidence('old_rows', '-1')] : []), ...(event !== 'DELETE' ? [waitingEvidence('new_rows', '1')] : [])])],
    },
    {
      table: 'progress_update',
      event,
      fn: `dashboard_counts_progress_update_${event.toLowerCase()}`,
      body: [
        applyDayDelta(
          `WITH ids AS MATERIALIZED (SELECT DISTINCT action_id FROM (${
            event === 'INSERT' ? 'SELECT action_id FROM new_rows' : event === 'DELETE' ? 'SELECT action_id FROM old_rows' : 'SELECT action_id FROM new_rows UNION ALL SELECT action_id FROM old_rows'
          }) x),
                acts AS (SELECT a.* FROM action a JOIN ids ON ids.action_id = a.id)`,
          [
            quietActions('acts', LAST_UPDATE, '1'),
            quietActions(
              'acts',
              `greatest((SELECT max(p.update_date) FROM progress_update p WHERE p.action_id = a.id${event === 'DELETE' ? '' : ' AND NOT EXISTS (SELECT 1 FROM new_rows x WHERE x.id = p.id)'}),
                        ${event === 'INSERT' ? 'NULL::date' : '(SELECT max(o.update_date) FROM old_rows o WHERE o.action_id = a.id)'})`,
              '-1',
            ),
          ],
        ),
      ],
    },
  ]),
];

export class DashboardCounts1796030437074 implements MigrationInterface {
  name = 'DashboardCounts1796030437074';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "plan_colour_count" (
                "plan_id" uuid NOT NULL,
                "kind" character varying(12) NOT NULL,
                "group_id" uuid NOT NULL,
                "colour" character varying(10) NOT NULL,
                "organisation_id" uuid NOT NULL,
                "count" integer NOT NULL,
                CONSTRAINT "PK_18ec30e6df75a1fb1016962a601" PRIMARY KEY ("plan_id", "kind", "group_id", "colour")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "plan_day_count" (
                "plan_id" uuid NOT NULL,
                "kind" character varying(20) NOT NULL,
                "day" date NOT NULL,
                "organisation_id" uuid NOT NULL,
                "count" integer NOT NULL,
                CONSTRAINT "PK_e32d2ec5e0ff12706dce2029f9d" PRIMARY KEY ("plan_id", "kind", "day")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_action_overridden" ON "action" ("plan_id", "reference_sort_key", "id")
            WHERE rag_overridden
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_progress_update_date" ON "progress_update" ("update_date")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_milestone_completed_on" ON "milestone" ("completed_on")
            WHERE completed_on IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_milestone_open_due" ON "milestone" (
                "organisation_id",
                "due_date",
                "action_id",
                "sort_order",
                "id"
            )
            WHERE completed_on IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_evidence_waiting" ON "evidence" ("organisation_id", "uploaded_at", "id")
            WHERE review_state = 'submitted'
                AND withdrawn_at IS NULL
        `);

    // Hand-written: the counts of the rows already there, then the triggers that keep them.
    await queryRunner.query(applyColourDelta('', [actionKinds('action', '1'), linkKinds('action', LINKS, FINDINGS, INSPECTIONS, '1')]));
    await queryRunner.query(
      applyDayDelta('', [openMilestones('milestone', '1'), waitingEvidence('evidence', '1'), quietActions('action', LAST_UPDATE, '1')]),
    );
    for (const t of STATEMENT_TRIGGERS) {
      await queryRunner.query(fn(t.fn, t.body));
      const transition = t.event === 'INSERT' ? 'NEW TABLE AS new_rows' : t.event === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      await queryRunner.query(`CREATE TRIGGER ${t.fn} AFTER ${t.event} ON ${t.table} REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${t.fn}()`);
    }
    await queryRunner.query(`
      CREATE FUNCTION dashboard_counts_action_unlink() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM action_finding WHERE action_id = OLD.id;
        RETURN OLD;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER dashboard_counts_action_unlink BEFORE DELETE ON action FOR EACH ROW EXECUTE FUNCTION dashboard_counts_action_unlink()`);
  }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER dashboard_counts_action_unlink ON action`);
        await queryRunner.query(`DROP FUNCTION dashboard_counts_action_unlink()`);
        for (const t of [...STATEMENT_TRIGGERS].reverse()) {
          await queryRunner.query(`DROP TRIGGER ${t.fn} ON ${t.table}`);
          await queryRunner.query(`DROP FUNCTION ${t.fn}()`);
        }
        await queryRunner.query(`
            DROP INDEX "public"."IDX_evidence_waiting"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_milestone_open_due"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_milestone_completed_on"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_progress_update_date"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_action_overridden"
        `);
        await queryRunner.query(`
            DROP TABLE "plan_day_count"
        `);
        await queryRunner.query(`
            DROP TABLE "plan_colour_count"
        `);
    }

}
