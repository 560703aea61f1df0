/**
 * Seeds ONE organisation with a large improvement plan into a dedicated bench database, with
 * set-based SQL (INSERT ... SELECT generate_series), for the RAG benchmark:
 * N actions (default 100,000), 4 milestones each, 2 evidence rows each, 1-2 progress updates
 * each, with dates spread around the reporting date so that every colour appears.
 *
 *   npx ts-node --transpile-only bench/seed-large-plan.ts [--actions 100000] [--database it_bench_rag] [--as-of 2026-11-23] [--organisations 1] [--add]
 *
 * The database is dropped and recreated from the migrated test template (built by the same
 * helper the integration tests use, so it runs the real migrations).
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { londonToday } from '../src/common/dates/calendar-date';
import { hashPassword } from '../src/users/password-hasher';
import { appDatabaseUrl, createDatabaseFromTemplate, databaseOf, dropDatabase, ownerDatabaseUrl } from '../test/support/databases';
import globalSetup from '../test/support/global-setup';

export const BENCH_PASSWORD = 'bench-password-bench-password';

export interface SeedOptions {
  actions: number;
  /** The reporting date the colour mix is designed around (London calendar date). */
  asOf: string;
}

export interface SeededPlan {
  databaseUrl: string;
  organisationId: string;
  /** The organisation's one plan (its collections and dashboard are under /plans/:planId). */
  planId: string;
  adminEmail: string;
  boardEmail: string;
  actions: number;
  milestones: number;
  evidence: number;
  progressUpdates: number;
  seconds: number;
}

/** A fresh database, migrated: the test template (built once per migration set) cloned. */
export async function createBenchDatabase(name: string): Promise<string> {
  await globalSetup();
  await dropDatabase(name);
  return createDatabaseFromTemplate(name);
}

/**
 * The colour mix, by `i % 20` (so it is exact and reproducible):
 *   0-1 grey (not started, starts later)          2-9 green (on track)
 *   10-12 amber (a milestone 1-28 days overdue)   13 amber (no update for 60 days)
 *   14 amber (newest evidence rejected)           15 red (blocked)
 *   16 red (action overdue)                       17 red (a milestone 29-90 days overdue)
 *   18 blue (complete and evidenced)              19 amber (complete, awaiting evidence)
 */
export async function seedLargePlan(databaseUrl: string, options: SeedOptions): Promise<SeededPlan> {
  const started = Date.now();
  // As the owner role: a bulk load, then VACUUM (ANALYZE), which only a table's owner may run.
  const client = new Client({ connectionString: ownerDatabaseUrl(databaseOf(databaseUrl)) });
  await client.connect();
  try {
    const n = options.actions;
    const r = options.asOf;
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const tag = Math.random().toString(36).slice(2, 8);
    await client.query('BEGIN');
    // Bulk load: these rows are rebuildable, so a crash mid-seed costs nothing.
    await client.query('SET LOCAL synchronous_commit = off');
    const org = await client.query<{ id: string }>(`INSERT INTO organisation (name, slug) VALUES ($1, $2) RETURNING id`, [
      `Bench Council ${tag}`,
      `bench-${tag}`,
    ]);
    const orgId = org.rows[0].id;
    const plan = await client.query<{ id: string }>(`INSERT INTO plan (organisation_id, title, version) VALUES ($1, $2, 1) RETURNING id`, [orgId, `Bench Council ${tag} improvement plan`]);
    const adminEmail = `admin-${tag}@bench.gov.uk`;
    const boardEmail = `board-${tag}@bench.gov.uk`;
    await client.query(
      `INSERT INTO "user" (organisation_id, email, name, role, job_title, active, password_hash, version) VALUES
        ($1, $2, 'Bench Admin', 'admin', 'System administrator', true, $4, 1),
        ($1, $3, 'Bench Board', 'member', 'Programme lead', true, $4, 1)`,
      [orgId, adminEmail, boardEmail, passwordHash],
    );
    await client.query(
      `INSERT INTO plan_membership (organisation_id, plan_id, user_id, role)
       SELECT $1, (SELECT id FROM plan WHERE organisation_id = $1), u.id, 'board' FROM "user" u WHERE u.email = $2`,
      [orgId, boardEmail],
    );
    const owners = await client.query<{ id: string }>(
      `INSERT INTO "user" (organisation_id, email, name, role, job_title, active, password_hash, version)
       SELECT $1, 'owner-' || g || '-' || $2 || '@bench.gov.uk', 'Owner ' || g, 'member', 'Service manager', true, $3, 1
       FROM generate_series(1, 50) g RETURNING id`,
      [orgId, tag, passwordHash],
    );
    const ownerIds = owners.rows.map((o) => o.id);
    // Owners are members holding the owner role in the organisation's plan.
    await client.query(
      `INSERT INTO plan_membership (organisation_id, plan_id, user_id, role)
       SELECT $1, (SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id LIMIT 1), u, 'owner' FROM unnest($2::uuid[]) u`,
      [orgId, ownerIds],
    );
    const workstreams = await client.query<{ id: string }>(
      `INSERT INTO workstream (plan_id, organisation_id, code, title, description, sort_order, version)
       SELECT (SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id LIMIT 1), $1, 'KO' || g, 'Key outcome ' || g, '', g, 1 FROM generate_series(1, 5) g RETURNING id`,
      [orgId],
    );
    const workstreamIds = workstreams.rows.map((w) => w.id);
    const inspections = await client.query<{ id: string }>(
      `INSERT INTO inspection (plan_id, organisation_id, regulator_id, kind, title, start_date, version)
       SELECT (SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id LIMIT 1), $1, reg.id, k.kind, k.title, '2025-03-03', 1
       FROM (VALUES ('cqc', 'cqc_la_assessment', 'CQC local authority assessment'),
                    ('ofsted', 'ofsted_ilacs_full', 'Ofsted ILACS inspection')) AS k(code, kind, title)
       JOIN regulator reg ON reg.code = k.code AND reg.organisation_id IS NULL
       ORDER BY k.code RETURNING id`,
      [orgId],
    );
    const inspectionIds = inspections.rows.map((x) => x.id);
    const notices = await client.query<{ id: string }>(
      `INSERT INTO notice (plan_id, organisation_id, kind, title, inspection_id, issued_on, deadline, version)
       SELECT (SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id LIMIT 1), $1, 'section_50', 'Notice ' || g, $2, '2025-07-01', '2027-07-01', 1 FROM generate_series(1, 3) g RETURNING id`,
      [orgId, inspectionIds[0]],
    );
    const noticeIds = notices.rows.map((x) => x.id);
    // 200 findings, half per inspection; every fourth under a notice.
    const findings = await client.query<{ id: string }>(
      `INSERT INTO finding (plan_id, organisation_id, inspection_id, notice_id, reference, title, type, version)
       SELECT (SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id LIMIT 1), $1, ($2::uuid[])[1 + g % 2], CASE WHEN g % 4 = 0 THEN ($3::uuid[])[1 + (g / 4) % 3] END,
              'F' || g, 'Finding ' || g, 'area_for_improvement', 1
       FROM generate_series(0, 199) g ORDER BY g RETURNING id`,
      [orgId, inspectionIds, noticeIds],
    );
    const findingIds = findings.rows.map((x) => x.id);

    // Actions: i is kept in the reference ('B<i>') so the child rows can be derived from it.
    await client.query(
      `INSERT INTO action (plan_id, organisation_id, reference, title, workstream_id, owner_id, start_date, due_date,
                           status, progress_percent, completed_on, version)
       SELECT (SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id LIMIT 1), $1, 'B' || i, 'Bench action ' || i, ($2::uuid[])[1 + i % 5], ($3::uuid[])[1 + i % 50],
              CASE WHEN i % 20 < 2 THEN $4::date + 10 + i % 90 ELSE $4::date - 100 - i % 60 END,
              CASE WHEN i % 20 = 16 THEN $4::date - 1 - i % 60
                   WHEN i % 20 < 2 THEN $4::date + 200 + i % 100
                   ELSE $4::date + 30 + i % 270 END,
              CASE WHEN i % 20 < 2 THEN 'not_started' WHEN i % 20 = 15 THEN 'blocked'
                   WHEN i % 20 >= 18 THEN 'complete' ELSE 'in_progress' END,
              CASE WHEN i % 20 >= 18 THEN 100 WHEN i % 20 < 2 THEN 0 ELSE 10 + i % 80 END,
              CASE WHEN i % 20 >= 18 THEN $4::date - 5 END,
              1
       FROM generate_series(0, $5 - 1) i`,
      [orgId, workstreamIds, ownerIds, r, n],
    );
    await client.query(
      `INSERT INTO action_finding (action_id, finding_id, organisation_id)
       SELECT a.id, ($2::uuid[])[1 + (substr(a.reference, 2)::int) % 200], a.organisation_id FROM action a WHERE a.organisation_id = $1
       UNION ALL
       SELECT a.id, ($2::uuid[])[1 + (substr(a.reference, 2)::int + 7) % 200], a.organisation_id
       FROM action a WHERE a.organisation_id = $1 AND substr(a.reference, 2)::int % 3 = 0`,
      [orgId, findingIds],
    );
    // Milestones k = 1..4: spaced 30 days apart ending 20 days before the action's due date.
    // Milestone 2 is the one made overdue for the amber and red buckets.
    await client.query(
      `INSERT INTO milestone (organisation_id, action_id, title, due_date, completed_on, sort_order, version)
       SELECT a.organisation_id, a.id, 'Milestone ' || k || ' of ' || a.reference,
              CASE WHEN k = 2 AND b BETWEEN 10 AND 12 THEN $2::date - 1 - i % 28
                   WHEN k = 2 AND b = 17 THEN $2::date - 29 - i % 62
                   WHEN b >= 18 OR b < 2 THEN a.due_date - 20 - (4 - k) * 30
                   ELSE $2::date + k * 25 + i % 30 END,
              CASE WHEN b = 18 THEN least(a.due_date - 30, $2::date - 1)
                   WHEN b = 19 AND k < 4 THEN least(a.due_date - 30, $2::date - 1)
                   WHEN b BETWEEN 2 AND 17 AND k = 1 THEN $2::date - 10 END,
              k, 1
       FROM (SELECT a.*, substr(a.reference, 2)::int AS i, substr(a.reference, 2)::int % 20 AS b FROM action a WHERE a.organisation_id = $1) a
       CROSS JOIN generate_series(1, 4) k`,
      [orgId, r],
    );
    // Evidence: 2 per action. The second (newer) one is rejected for bucket 14, accepted for 18,
    // submitted (awaiting review) otherwise; the first is accepted for half the green bucket.
    await client.query(
      `INSERT INTO evidence (organisation_id, action_id, title, file_name, content_type, size_bytes, sha256, storage_key,
                             uploaded_by_id, uploaded_at, review_state, reviewed_by_id, reviewed_at, version)
       SELECT a.organisation_id, a.id, 'Evidence ' || k || ' for ' || a.reference, 'evidence-' || k || '.pdf', 'application/pdf',
              1000 + i, md5(a.id::text || k), 'sha256/' || md5(a.id::text || k),
              a.owner_id, ($2::date - 40 + k * 10)::timestamp AT TIME ZONE 'Europe/London' + interval '10 hours',
              st.state, CASE WHEN st.state <> 'submitted' THEN $3::uuid END,
              CASE WHEN st.state <> 'submitted' THEN ($2::date - 5)::timestamptz END, 1
       FROM (SELECT a.*, substr(a.reference, 2)::int AS i, substr(a.reference, 2)::int % 20 AS b FROM action a WHERE a.organisation_id = $1) a
       CROSS JOIN generate_series(1, 2) k
       CROSS JOIN LATERAL (SELECT CASE
                WHEN k = 2 AND b = 14 THEN 'rejected'
                WHEN k = 2 AND b = 18 THEN 'accepted'
                WHEN k = 1 AND b BETWEEN 2 AND 9 AND i % 2 = 0 THEN 'accepted'
                ELSE 'submitted' END AS state) st`,
      [orgId, r, ownerIds[0]],
    );
    // Progress updates: one recent update (60 days old for the stale bucket), and an older one for a third.
    await client.query(
      `INSERT INTO progress_update (organisation_id, action_id, author_id, update_date, narrative, status_at_time, progress_percent_at_time)
       SELECT a.organisation_id, a.id, a.owner_id,
              CASE WHEN b = 13 THEN $2::date - 60 ELSE $2::date - 5 - i % 20 END,
              'Progress on ' || a.reference, a.status, a.progress_percent
       FROM (SELECT a.*, substr(a.reference, 2)::int AS i, substr(a.reference, 2)::int % 20 AS b FROM action a WHERE a.organisation_id = $1) a
       WHERE b >= 2
       UNION ALL
       SELECT a.organisation_id, a.id, a.owner_id, $2::date - 90, 'Earlier progress on ' || a.reference, a.status, a.progress_percent
       FROM (SELECT a.*, substr(a.reference, 2)::int AS i FROM action a WHERE a.organisation_id = $1) a
       WHERE i % 3 = 0 AND i % 20 >= 2`,
      [orgId, r],
    );
    await client.query('COMMIT');
    // As autovacuum would leave the tables before any nightly run: statistics, visibility map and
    // hint bits set, so the first recompute measures the recompute, not the bulk load's aftermath.
    await client.query('VACUUM (ANALYZE)');
    const counts = await client.query<{ m: string; e: string; p: string }>(
      `SELECT (SELECT count(*) FROM milestone WHERE organisation_id = $1) AS m,
              (SELECT count(*) FROM evidence WHERE organisation_id = $1) AS e,
              (SELECT count(*) FROM progress_update WHERE organisation_id = $1) AS p`,
      [orgId],
    );
    return {
      databaseUrl,
      organisationId: orgId,
      planId: plan.rows[0].id,
      adminEmail,
      boardEmail,
      actions: n,
      milestones: Number(counts.rows[0].m),
      evidence: Number(counts.rows[0].e),
      progressUpdates: Number(counts.rows[0].p),
      seconds: (Date.now() - started) / 1000,
    };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const actions = Number(argValue('actions') ?? 100_000);
  const database = argValue('database') ?? 'it_bench_rag';
  const asOf = argValue('as-of') ?? londonToday(new Date());
  // --organisations N: N organisations, each with its own plan, seeded one after the other into the
  // same database (the second is a council's first big load into a database that already holds one).
  const organisations = Number(argValue('organisations') ?? 1);
  // --add: into the database as it is (not dropped and recreated), e.g. a second organisation later.
  const url = process.argv.includes('--add') ? appDatabaseUrl(database) : await createBenchDatabase(database);
  for (let i = 0; i < organisations; i++) {
    const seeded = await seedLargePlan(url, { actions, asOf });
    process.stdout.write(`${JSON.stringify(seeded, null, 2)}\n`);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
