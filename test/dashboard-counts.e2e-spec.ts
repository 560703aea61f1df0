import type { DataSource } from 'typeorm';
import { RagComputeService } from '../src/rag/compute/rag-compute.service';
import { seedAction, seedPlanBasics, type PlanFixture } from './support/plan-fixtures';
import { dashboardCountsAndRecounts, insertEvidence, insertProgressUpdate } from './support/rag-fixtures';
import { bearer, inPlan, TestApp, type TestOrganisation, type TestUser } from './support/test-app';

/**
 * The dashboard's kept counts (plan_colour_count, plan_day_count, kept by the triggers of
 * migration DashboardCounts) stay equal to a recount of the rows after every kind of write, and
 * the dashboard's date-dependent totals (built from them plus the rows a day key cannot see)
 * equal the per-request counts they replaced.
 */
describe('dashboard kept counts', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let owner: TestUser;
  let ds: DataSource;
  let p1: PlanFixture;
  let p2: PlanFixture;
  let notice: string;
  const ids: Record<string, string> = {};

  const expectKeptEqualsRecount = async () => {
    const { kept, counted } = await dashboardCountsAndRecounts(ds, org.id);
    expect(counted.length).toBeGreaterThan(0);
    expect(kept).toEqual(counted);
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    ds = t.dataSource;
    org = await t.createOrganisation('Sefton Council');
    owner = await t.createUser(org, 'owner');
    p1 = await seedPlanBasics(ds, org.id);
    p2 = await seedPlanBasics(ds, org.id);
    [{ id: notice }] = await ds.query(
      `INSERT INTO notice (plan_id, organisation_id, kind, title, inspection_id, issued_on, deadline, version)
       VALUES ((SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id LIMIT 1), $1, 'section_50', 'Notice', $2, '2025-07-01', '2026-12-31', 1) RETURNING id`,
      [org.id, p1.inspectionId],
    );
  });

  afterAll(() => t?.close());

  it('match a recount after inserts, colour changes, moves between workstreams and notices, deletes and a recompute', async () => {
    // Inserts: actions (each linked to its fixture's finding), milestones, evidence, progress updates.
    for (const [key, plan] of [['a1', p1], ['a2', p1], ['a3', p2], ['a4', p2]] as const) {
      const a = await seedAction(ds, org.id, plan, {
        ownerId: owner.id,
        reference: key.toUpperCase(),
        status: key === 'a4' ? 'blocked' : 'in_progress',
        milestones: [
          { title: 'First', dueDate: '2026-11-10' },
          { title: 'Second', dueDate: '2026-12-01', completedOn: key === 'a2' ? '2026-11-20' : null },
        ],
      });
      ids[key] = a.id;
      await insertProgressUpdate(ds, { organisationId: org.id, actionId: a.id, authorId: owner.id, updateDate: '2026-11-01' });
      ids[`e${key}`] = await insertEvidence(ds, { organisationId: org.id, actionId: a.id, uploadedById: owner.id, uploadedAt: '2026-11-15T23:30:00Z' });
    }
    await expectKeptEqualsRecount();

    // A second link for a2 (to p2's finding), then a finding put under a notice: a2 answers two
    // findings, both under the notice, and counts once there.
    await ds.query(`INSERT INTO action_finding (action_id, finding_id, organisation_id) VALUES ($1, $2, $3)`, [ids.a2, p2.findingId, org.id]);
    await ds.query(`UPDATE finding SET notice_id = $1 WHERE id IN ($2, $3)`, [notice, p1.findingId, p2.findingId]);
    await expectKeptEqualsRecount();

    // Colour changes, one row and many in one statement, and back to not computed.
    await ds.query(`UPDATE action SET rag_colour = 'red' WHERE id = $1`, [ids.a1]);
    await ds.query(`UPDATE action SET rag_colour = CASE WHEN reference IN ('A2', 'A3') THEN 'amber' ELSE 'green' END WHERE organisation_id = $1`, [org.id]);
    await ds.query(`UPDATE action SET rag_colour = NULL WHERE id = $1`, [ids.a4]);
    await expectKeptEqualsRecount();

    // Moves: an action to the other workstream, a link to another finding, a finding off the notice,
    // an inspection to another regulator.
    await ds.query(`UPDATE action SET workstream_id = $2 WHERE id = $1`, [ids.a1, p2.workstreamId]);
    await ds.query(`UPDATE action_finding SET finding_id = $2 WHERE action_id = $1`, [ids.a3, p1.findingId]);
    await ds.query(`UPDATE finding SET notice_id = NULL WHERE id = $1`, [p2.findingId]);
    await ds.query(`UPDATE inspection SET regulator_id = (SELECT id FROM regulator WHERE code = 'ofsted' AND organisation_id IS NULL) WHERE id = $1`, [p1.inspectionId]);
    await expectKeptEqualsRecount();

    // Status, start date, milestone completion and due-date moves, evidence reviewed and withdrawn,
    // progress updates added, redated and removed.
    await ds.query(`UPDATE action SET status = 'complete' WHERE id = $1`, [ids.a3]);
    await ds.query(`UPDATE action SET start_date = '2026-02-01' WHERE id = $1`, [ids.a4]);
    await ds.query(`UPDATE milestone SET completed_on = '2026-11-22' WHERE action_id = $1 AND title = 'First'`, [ids.a1]);
    await ds.query(`UPDATE milestone SET due_date = due_date + 3 WHERE action_id IN ($1, $2)`, [ids.a2, ids.a3]);
    await ds.query(`UPDATE evidence SET review_state = 'accepted' WHERE id = $1`, [ids.ea1]);
    await ds.query(`UPDATE evidence SET withdrawn_at = now() WHERE id = $1`, [ids.ea2]);
    await insertProgressUpdate(ds, { organisationId: org.id, actionId: ids.a1, authorId: owner.id, updateDate: '2026-11-18' });
    await ds.query(`UPDATE progress_update SET update_date = '2026-10-01' WHERE action_id = $1`, [ids.a2]);
    await ds.query(`DELETE FROM progress_update WHERE action_id = $1`, [ids.a4]);
    await expectKeptEqualsRecount();

    // Deletes: a link, a milestone, then an action with everything hanging off it.
    await ds.query(`DELETE FROM action_finding WHERE action_id = $1 AND finding_id = $2`, [ids.a2, p1.findingId]);
    await ds.query(`DELETE FROM milestone WHERE action_id = $1 AND title = 'Second'`, [ids.a1]);
    await expectKeptEqualsRecount();
    await ds.transaction(async (m) => {
      for (const table of ['evidence', 'milestone', 'progress_update', 'action_status_history', 'rag_snapshot']) {
        await m.query(`DELETE FROM ${table} WHERE action_id = $1`, [ids.a2]);
      }
      await m.query(`DELETE FROM action WHERE id = $1`, [ids.a2]);
    });
    await expectKeptEqualsRecount();

    // A full recompute writes every colour (and a single action's, as after a write).
    const compute = t.app.get(RagComputeService);
    await compute.recomputeOrganisation(org.id, '2026-11-23');
    await compute.recomputeAction(org.id, ids.a1, '2026-11-23');
    await expectKeptEqualsRecount();
    const [{ n }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM plan_colour_count WHERE organisation_id = $1 AND count < 0`, [org.id]);
    expect(n).toBe(0);
  });

  it('gives the totals the per-request counts gave, with milestones completed later, waived deadlines and later progress updates', async () => {
    const admin = org.admin;
    const planId = admin.planId;
    const a = await seedAction(ds, org.id, p1, {
      ownerId: owner.id,
      reference: 'W1',
      startDate: '2026-09-01',
      milestones: [
        { title: 'Done later', dueDate: '2026-11-05', completedOn: '2026-11-25' },
        { title: 'Waived', dueDate: '2026-11-06' },
        { title: 'Upcoming, done later', dueDate: '2026-11-30', completedOn: '2026-12-02' },
      ],
    });
    // A progress update dated after today: at today, W1 was last updated at its start.
    await insertProgressUpdate(ds, { organisationId: org.id, actionId: a.id, authorId: owner.id, updateDate: '2026-11-27' });
    const [{ id: waived }] = await ds.query(`SELECT id FROM milestone WHERE action_id = $1 AND title = 'Waived'`, [a.id]);
    await ds.query(
      `INSERT INTO regulator_deadline (organisation_id, plan_id, key, action_id, milestone_id, basis, rule, sources, not_applicable_reason, not_applicable_at)
       VALUES ($1, $2, 'test-waived', $3, $4, 'basis', 'rule', '[]', 'not ours', '2026-11-20T10:00:00Z')`,
      [org.id, planId, a.id, waived],
    );
    const [{ id: committee }] = await ds.query(`INSERT INTO committee (organisation_id, plan_id, name, audience, version) VALUES ($1, $2, 'Board', 'board', 1) RETURNING id`, [
      org.id,
      planId,
    ]);
    await ds.query(
      `INSERT INTO meeting (organisation_id, plan_id, committee_id, meets_on, papers_deadline, version) VALUES ($1, $2, $3, '2026-12-10', '2026-12-03', 1)`,
      [org.id, planId, committee],
    );
    await expectKeptEqualsRecount();

    const asOf = '2026-11-23';
    const open = `(m.completed_on IS NULL OR m.completed_on > $2::date) AND EXISTS (SELECT 1 FROM action pa WHERE pa.id = m.action_id AND pa.plan_id = $3)`;
    const notWaived = `NOT EXISTS (SELECT 1 FROM regulator_deadline rd WHERE rd.milestone_id = m.id AND rd.not_applicable_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/London'))`;
    const recount = async (sql: string) => (await ds.query<{ n: number }[]>(sql, [org.id, asOf, planId]))[0].n;
    const overdue = await recount(`SELECT count(*)::int AS n FROM milestone m WHERE m.organisation_id = $1 AND m.due_date < $2::date AND ${open} AND ${notWaived}`);
    const upcoming = await recount(
      `SELECT count(*)::int AS n FROM milestone m WHERE m.organisation_id = $1 AND m.due_date >= $2::date AND m.due_date <= $2::date + 30 AND ${open} AND ${notWaived}`,
    );
    const evidence = await recount(
      `SELECT count(*)::int AS n FROM evidence e WHERE e.organisation_id = $1 AND e.review_state = 'submitted' AND e.withdrawn_at IS NULL
         AND (e.uploaded_at AT TIME ZONE 'Europe/London')::date <= $2::date AND EXISTS (SELECT 1 FROM action pa WHERE pa.id = e.action_id AND pa.plan_id = $3)`,
    );
    const milestonesDue = await recount(`SELECT count(*)::int AS n FROM milestone m WHERE m.organisation_id = $1 AND m.due_date <= '2026-12-10' AND ${open}`);
    const updatesDue = await recount(
      `SELECT count(*)::int AS n FROM (
         SELECT COALESCE(max(pu.update_date), a.start_date) AS since FROM action a LEFT JOIN progress_update pu ON pu.action_id = a.id AND pu.update_date <= $2::date
         WHERE a.organisation_id = $1 AND a.plan_id = $3 AND a.status IN ('in_progress', 'blocked') GROUP BY a.id, a.start_date) q
       WHERE q.since + 30 < '2026-12-10'`,
    );

    const d = (await t.http().get(inPlan(planId, 'dashboard')).set(bearer(admin)).expect(200)).body;
    expect(d.overdueMilestones.total).toBe(overdue);
    expect(d.overdueMilestones.items.map((m: { title: string }) => m.title)).toContain('Done later');
    expect(d.overdueMilestones.items.map((m: { title: string }) => m.title)).not.toContain('Waived');
    expect(d.upcomingMilestones.total).toBe(upcoming);
    expect(d.upcomingMilestones.items.map((m: { title: string }) => m.title)).toContain('Upcoming, done later');
    expect(d.evidenceAwaitingReview.total).toBe(evidence);
    expect(d.nextMeetings).toEqual([expect.objectContaining({ committeeId: committee, meetsOn: '2026-12-10', milestonesDue, updatesDue })]);
    expect([overdue, upcoming, milestonesDue, updatesDue].every((x) => x > 0)).toBe(true);
  });

  it('match a recount after many-row UPDATEs that swap colours, change colour and status together, or change no counted column', async () => {
    // Three more actions in p1's workstream with p1's finding (under the notice), one with p2's too.
    const more: string[] = [];
    for (const [i, status] of (['in_progress', 'not_started', 'blocked'] as const).entries()) {
      const a = await seedAction(ds, org.id, p1, { ownerId: owner.id, reference: `S${i}`, status, startDate: '2026-10-0' + (i + 1), milestones: [] });
      more.push(a.id);
    }
    await ds.query(`INSERT INTO action_finding (action_id, finding_id, organisation_id) VALUES ($1, $2, $3)`, [more[2], p2.findingId, org.id]);
    await ds.query(`UPDATE action SET rag_colour = CASE WHEN id = $1 THEN 'red' WHEN id = $2 THEN 'green' ELSE 'amber' END WHERE id = ANY($3)`, [more[0], more[2], more]);
    await expectKeptEqualsRecount();

    // Swap two actions' colours in one statement (the 'all' counts do not move, their groups' do).
    await ds.query(`UPDATE action SET rag_colour = CASE WHEN id = $1 THEN 'green' ELSE 'red' END WHERE id IN ($1, $2)`, [more[0], more[2]]);
    await expectKeptEqualsRecount();

    // Colour, status (started -> blocked, not started -> started, blocked -> not started) and start date at once.
    await ds.query(
      `UPDATE action SET rag_colour = 'blue', status = CASE status WHEN 'in_progress' THEN 'blocked' WHEN 'not_started' THEN 'in_progress' ELSE 'not_started' END,
              start_date = start_date + 1 WHERE id = ANY($1)`,
      [more],
    );
    await expectKeptEqualsRecount();

    // Status only (in_progress <-> blocked keeps the day count), workstream only, then no counted column at all.
    await ds.query(`UPDATE action SET status = CASE status WHEN 'blocked' THEN 'in_progress' WHEN 'in_progress' THEN 'blocked' ELSE status END WHERE id = ANY($1)`, [more]);
    await ds.query(`UPDATE action SET workstream_id = $2 WHERE id = ANY($1)`, [more, p2.workstreamId]);
    await ds.query(`UPDATE action SET title = title || '.', rag_computed_colour = rag_colour WHERE organisation_id = $1`, [org.id]);
    await expectKeptEqualsRecount();
  });

  it('match a recount after many-row progress update writes: several per action in one INSERT, moves between actions, redates and bulk deletes', async () => {
    // Four started actions (one blocked) and one not started; P0 already has an update, P1 two.
    const acts: string[] = [];
    for (const [i, status] of (['in_progress', 'in_progress', 'blocked', 'in_progress', 'not_started'] as const).entries()) {
      const a = await seedAction(ds, org.id, p2, { ownerId: owner.id, reference: `P${i}`, status, startDate: '2026-09-0' + (i + 1), milestones: [] });
      acts.push(a.id);
    }
    await insertProgressUpdate(ds, { organisationId: org.id, actionId: acts[0], authorId: owner.id, updateDate: '2026-10-10' });
    await insertProgressUpdate(ds, { organisationId: org.id, actionId: acts[1], authorId: owner.id, updateDate: '2026-10-05' });
    await insertProgressUpdate(ds, { organisationId: org.id, actionId: acts[1], authorId: owner.id, updateDate: '2026-10-20' });
    await expectKeptEqualsRecount();
    const insert = (rows: [number, string][]) =>
      ds.query(
        `INSERT INTO progress_update (organisation_id, action_id, author_id, update_date, narrative, status_at_time, progress_percent_at_time)
         SELECT $1, ($3::uuid[])[r.i + 1], $2, r.d::date, 'Bulk update', 'in_progress', 50 FROM unnest($4::int[], $5::text[]) r(i, d)`,
        [org.id, owner.id, acts, rows.map((r) => r[0]), rows.map((r) => r[1])],
      );

    // One INSERT: for P0 one older and one newer than its update (the newer wins), for P1 one older
    // only (no move) and one on the same day as its latest, first updates for P2 and P3 (two each),
    // and one for the not-started P4 (not counted).
    await insert([
      [0, '2026-10-01'],
      [0, '2026-11-02'],
      [1, '2026-10-01'],
      [1, '2026-10-20'],
      [2, '2026-11-05'],
      [2, '2026-11-06'],
      [3, '2026-10-15'],
      [3, '2026-10-15'],
      [4, '2026-11-10'],
    ]);
    await expectKeptEqualsRecount();

    // UPDATEs: P0's latest moved to P3 (P0 falls back to its older ones, P3 moves forward), some
    // rows redated (P1's all, back and forth in one statement), and one that changes no counted column.
    await ds.query(`UPDATE progress_update SET action_id = $2 WHERE action_id = $1 AND update_date = '2026-11-02'`, [acts[0], acts[3]]);
    await ds.query(`UPDATE progress_update SET update_date = CASE WHEN update_date < '2026-10-10' THEN update_date + 30 ELSE update_date - 30 END WHERE action_id = $1`, [acts[1]]);
    await ds.query(`UPDATE progress_update SET action_id = CASE WHEN action_id = $1 THEN $2::uuid ELSE $1::uuid END WHERE action_id IN ($1, $2)`, [acts[2], acts[4]]);
    await ds.query(`UPDATE progress_update SET narrative = narrative || '.' WHERE action_id = ANY($1)`, [acts]);
    await expectKeptEqualsRecount();

    // DELETEs: every update of P3 and P4, then P1's latest only (it falls back to its older ones).
    await ds.query(`DELETE FROM progress_update WHERE action_id IN ($1, $2)`, [acts[3], acts[4]]);
    await ds.query(`DELETE FROM progress_update WHERE id = (SELECT id FROM progress_update WHERE action_id = $1 ORDER BY update_date DESC LIMIT 1)`, [acts[1]]);
    await expectKeptEqualsRecount();
  });
});
