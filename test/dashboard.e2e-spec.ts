import { RagComputeService } from '../src/rag/compute/rag-compute.service';
import { seedAction, seedPlanBasics, type ActionFixtureInput, type PlanFixture } from './support/plan-fixtures';
import { insertEvidence, insertProgressUpdate } from './support/rag-fixtures';
import { bearer, TestApp, type TestOrganisation, type TestUser, inPlan } from './support/test-app';

/**
 * The dashboard on a small plan with known dates (clock 2026-11-23, London), so every count is
 * exact:
 *
 *   workstream A (finding FA: CQC inspection IA, under notice N1)
 *     a1 blocked                                   red
 *     a2 milestone due 2026-11-13 (10 days over),  amber   (+ a milestone due today)
 *     a3 milestones due 12-01, 12-23, 12-24        green
 *   workstream B (finding FB: Ofsted inspection IB, no notice)
 *     b1 complete, milestone done, evidence accepted   blue
 *     b2 not started, starts 2027-02-01                grey
 *     b3 on track; also answers FA; evidence waiting 9 days   green
 */
describe('dashboard', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let other: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let scrutiny: TestUser;
  let planA: PlanFixture;
  let planB: PlanFixture;
  let noticeId: string;
  let ofstedId: string;
  let cqcId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    org = await t.createOrganisation('Wirral Council');
    other = await t.createOrganisation('Halton Council');
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner');
    scrutiny = await t.createUser(org, 'scrutiny');
    const ds = t.dataSource;
    planA = await seedPlanBasics(ds, org.id);
    planB = await seedPlanBasics(ds, org.id);
    [{ id: ofstedId }] = await ds.query(`SELECT id FROM regulator WHERE code = 'ofsted' AND organisation_id IS NULL`);
    [{ id: cqcId }] = await ds.query(`SELECT id FROM regulator WHERE code = 'cqc' AND organisation_id IS NULL`);
    await ds.query(`UPDATE inspection SET regulator_id = $1, kind = 'ofsted_ilacs_full', start_date = '2025-09-01' WHERE id = $2`, [ofstedId, planB.inspectionId]);
    [{ id: noticeId }] = await ds.query(
      `INSERT INTO notice (plan_id, organisation_id, kind, title, inspection_id, issued_on, deadline, version)
       VALUES ((SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id LIMIT 1), $1, 'section_50', 'Section 50 notice: adult safeguarding', $2, '2025-07-01', '2026-12-31', 1) RETURNING id`,
      [org.id, planA.inspectionId],
    );
    await ds.query(`UPDATE finding SET notice_id = $1 WHERE id = $2`, [noticeId, planA.findingId]);

    const seed = async (key: string, plan: PlanFixture, input: Omit<ActionFixtureInput, 'ownerId'>, update = true) => {
      const a = await seedAction(ds, org.id, plan, { ownerId: owner.id, reference: key.toUpperCase(), title: `Action ${key}`, ...input });
      if (update) await insertProgressUpdate(ds, { organisationId: org.id, actionId: a.id, authorId: owner.id, updateDate: '2026-11-20' });
      ids[key] = a.id;
      return a;
    };
    await seed('a1', planA, { status: 'blocked' });
    await insertEvidence(ds, { organisationId: org.id, actionId: ids.a1, uploadedById: owner.id, uploadedAt: '2026-11-02T10:00:00Z', withdrawn: true });
    await seed('a2', planA, {
      milestones: [
        { title: 'Audit complete', dueDate: '2026-11-13' },
        { title: 'Board sign-off', dueDate: '2026-11-23' },
      ],
    });
    await seed('a3', planA, {
      milestones: [
        { title: 'Training plan', dueDate: '2026-12-01' },
        { title: 'Training delivered', dueDate: '2026-12-23' },
        { title: 'Training evaluated', dueDate: '2026-12-24' },
      ],
    });
    await seed('b1', planB, { status: 'complete', milestones: [{ title: 'Policy published', dueDate: '2026-10-01', completedOn: '2026-09-28' }] });
    await insertEvidence(ds, { organisationId: org.id, actionId: ids.b1, uploadedById: owner.id, uploadedAt: '2026-10-01T09:00:00Z', state: 'accepted' });
    await seed('b2', planB, { status: 'not_started', startDate: '2027-02-01', dueDate: '2027-06-30', milestones: [{ title: 'Scoping', dueDate: '2027-03-01' }] }, false);
    await seed('b3', planB, {});
    await ds.query(`INSERT INTO action_finding (action_id, finding_id, organisation_id) VALUES ($1, $2, $3)`, [ids.b3, planA.findingId, org.id]);
    ids.evidence = await insertEvidence(ds, { organisationId: org.id, actionId: ids.b3, uploadedById: owner.id, uploadedAt: '2026-11-14T15:30:00Z', title: 'Audit report' });

    // Snapshots for two earlier dates and today (stored colours too), as the nightly would leave them.
    const compute = t.app.get(RagComputeService);
    await compute.recomputeOrganisation(org.id, '2026-11-12');
    await compute.recomputeOrganisation(org.id, '2026-11-22');
    await compute.recomputeOrganisation(org.id, '2026-11-23');
    // Added after the last recompute: no colour yet.
    await seed('c1', planA, {});
  });

  afterAll(() => t?.close());

  const counts = (red: number, amber: number, green: number, grey: number, blue: number) => ({ red, amber, green, grey, blue });

  it('counts today by colour overall, by workstream, notice, regulator and inspection, each with its roll-up colour', async () => {
    const res = await t.http().get(inPlan(board.planId, 'dashboard')).set(bearer(board)).expect(200);
    const d = res.body;
    expect(d).toMatchObject({ asOf: '2026-11-23', colourSource: 'stored', coloursAvailable: true, note: null, limit: 100 });
    expect(d.overall).toEqual({ colour: 'red', total: 6, counts: counts(1, 1, 2, 1, 1), notComputed: 1 });
    expect(d.byWorkstream.map((w: { id: string }) => w.id)).toEqual([planA.workstreamId, planB.workstreamId]);
    expect(d.byWorkstream[0]).toMatchObject({ colour: 'red', total: 3, counts: counts(1, 1, 1, 0, 0), notComputed: 1 });
    expect(d.byWorkstream[1]).toMatchObject({ colour: 'green', total: 3, counts: counts(0, 0, 1, 1, 1), notComputed: 0 });
    expect(d.byNotice).toEqual([
      { id: noticeId, kind: 'section_50', title: 'Section 50 notice: adult safeguarding', status: 'open', colour: 'red', total: 4, counts: counts(1, 1, 2, 0, 0), notComputed: 1 },
    ]);
    const inspections = Object.fromEntries(d.byInspection.map((i: { id: string }) => [i.id, i]));
    expect(inspections[planA.inspectionId]).toMatchObject({ regulatorId: cqcId, colour: 'red', total: 4, counts: counts(1, 1, 2, 0, 0) });
    expect(inspections[planB.inspectionId]).toMatchObject({ regulatorId: ofstedId, kind: 'ofsted_ilacs_full', colour: 'green', total: 3, counts: counts(0, 0, 1, 1, 1) });
    const regulators = Object.fromEntries(d.byRegulator.map((r: { code: string }) => [r.code, r]));
    expect(regulators.cqc).toMatchObject({ id: cqcId, name: 'Care Quality Commission', colour: 'red', total: 4 });
    expect(regulators.ofsted).toMatchObject({ id: ofstedId, colour: 'green', total: 3 });
  });

  it('lists overdue milestones, milestones due in the next 30 days and evidence awaiting review', async () => {
    const d = (await t.http().get(inPlan(org.admin.planId, 'dashboard?asOf=2026-11-23')).set(bearer(org.admin)).expect(200)).body;
    expect(d.overdueMilestones).toEqual({
      total: 1,
      items: [
        {
          milestoneId: expect.any(String),
          title: 'Audit complete',
          dueDate: '2026-11-13',
          daysOverdue: 10,
          actionId: ids.a2,
          actionReference: 'A2',
          actionTitle: 'Action a2',
          ownerId: owner.id,
          ownerName: expect.stringMatching(/^owner /),
        },
      ],
    });
    expect(d.upcomingMilestones.total).toBe(3);
    expect(d.upcomingMilestones.items.map((m: { title: string; daysUntilDue: number }) => [m.title, m.daysUntilDue])).toEqual([
      ['Board sign-off', 0],
      ['Training plan', 8],
      ['Training delivered', 30],
    ]);
    expect(d.evidenceAwaitingReview).toEqual({
      total: 1,
      items: [
        {
          evidenceId: ids.evidence,
          title: 'Audit report',
          actionId: ids.b3,
          actionReference: 'B3',
          uploadedAt: '2026-11-14T15:30:00.000Z',
          uploadedOn: '2026-11-14',
          ageDays: 9,
          uploadedById: owner.id,
          uploadedByName: expect.any(String),
        },
      ],
    });
  });

  it('gives the trend over the snapshot dates, oldest first', async () => {
    const d = (await t.http().get(inPlan(board.planId, 'dashboard')).set(bearer(board)).expect(200)).body;
    expect(d.trend).toEqual([
      // The progress updates are dated 20 November: on 12 November there were none yet (true history), so three are stale.
      { asOf: '2026-11-12', total: 6, counts: counts(1, 3, 0, 1, 1) },
      { asOf: '2026-11-22', total: 6, counts: counts(1, 1, 2, 1, 1) },
      { asOf: '2026-11-23', total: 6, counts: counts(1, 1, 2, 1, 1) },
    ]);
  });

  it("reads a past date from that date's snapshots, and says so when there are none", async () => {
    const past = (await t.http().get(inPlan(board.planId, 'dashboard?asOf=2026-11-12')).set(bearer(board)).expect(200)).body;
    expect(past).toMatchObject({ asOf: '2026-11-12', colourSource: 'snapshot', coloursAvailable: true, note: null });
    expect(past.overall).toEqual({ colour: 'red', total: 6, counts: counts(1, 3, 0, 1, 1), notComputed: 0 });
    expect(past.overdueMilestones.total).toBe(0);
    // Uploaded after that date: not yet waiting then.
    expect(past.evidenceAwaitingReview.total).toBe(0);
    expect(past.trend.map((p: { asOf: string }) => p.asOf)).toEqual(['2026-11-12']);

    const none = (await t.http().get(inPlan(board.planId, 'dashboard?asOf=2026-10-01')).set(bearer(board)).expect(200)).body;
    expect(none).toMatchObject({ asOf: '2026-10-01', colourSource: 'snapshot', coloursAvailable: false });
    expect(none.note).toMatch(/No RAG snapshots exist for 2026-10-01/);
    expect(none.overall).toEqual({ colour: null, total: 0, counts: counts(0, 0, 0, 0, 0), notComputed: 0 });
    expect(none.trend).toEqual([]);
  });

  it("has no colours for a past date on which only another plan of the council was recomputed", async () => {
    const sister = await t.createPlan(org);
    const sisterBasics = await seedPlanBasics(t.dataSource, org.id, sister.id);
    await seedAction(t.dataSource, org.id, sisterBasics, { ownerId: org.admin.id, reference: 'S1' });
    await t.app.get(RagComputeService).recomputePlan(org.id, sister.id, '2026-10-05');

    const ours = (await t.http().get(inPlan(board.planId, 'dashboard?asOf=2026-10-05')).set(bearer(board)).expect(200)).body;
    expect(ours).toMatchObject({ asOf: '2026-10-05', colourSource: 'snapshot', coloursAvailable: false });
    expect(ours.note).toMatch(/No RAG snapshots exist for 2026-10-05/);
    const theirs = (await t.http().get(`/api/v1/plans/${sister.id}/dashboard?asOf=2026-10-05`).set(bearer(org.admin)).expect(200)).body;
    expect(theirs).toMatchObject({ coloursAvailable: true, note: null });
    expect(theirs.overall.total).toBe(1);
  });

  it("is for the plan's readers: board and admin see it all, an action owner all but the evidence waiting's items and the failed e-mails", async () => {
    const forBoard = (await t.http().get(inPlan(board.planId, 'dashboard')).set(bearer(board)).expect(200)).body;
    const forAdmin = (await t.http().get(inPlan(org.admin.planId, 'dashboard')).set(bearer(org.admin)).expect(200)).body;
    const forOwner = (await t.http().get(inPlan(owner.planId, 'dashboard')).set(bearer(owner)).expect(200)).body;
    expect(forAdmin).toEqual(forBoard);
    expect(forBoard.evidenceAwaitingReview).toMatchObject({ total: 1, items: [{ evidenceId: ids.evidence }] });
    // An owner reads only their own actions' evidence, so the plan's waiting list is a count for them
    // (the only difference: counts, milestones, overrides and the trend are the plan's, as the actions list shows them).
    expect(forOwner.evidenceAwaitingReview).toEqual({ total: 1, items: [] });
    // Failed e-mails are administration (an owner may not list the messages sent): absent for owners.
    expect(forBoard.emailFailures).toBe(0);
    expect(forOwner).not.toHaveProperty('emailFailures');
    expect({ ...forOwner, evidenceAwaitingReview: null }).toEqual({ ...forBoard, evidenceAwaitingReview: null, emailFailures: undefined });
    expect(forOwner.overall).toEqual({ colour: 'red', total: 6, counts: counts(1, 1, 2, 1, 1), notComputed: 1 });
    expect(forOwner.overdueMilestones.items.map((m: { title: string }) => m.title)).toEqual(['Audit complete']);
  });

  it('refuses scrutiny members (403) and visitors (401), and shows only your organisation', async () => {
    const refused = await t.http().get(inPlan(scrutiny.planId, 'dashboard')).set(bearer(scrutiny)).expect(403);
    expect(refused.body.code).toEqual(expect.any(String));
    await t.http().get(inPlan(org.planId, 'dashboard')).expect(401);
    // Another organisation's plan: 404 for every role, as for a plan that does not exist.
    for (const user of [board, owner, scrutiny]) await t.http().get(inPlan(other.planId, 'dashboard')).set(bearer(user)).expect(404);
    const theirs = (await t.http().get(inPlan(other.admin.planId, 'dashboard')).set(bearer(other.admin)).expect(200)).body;
    expect(theirs.overall.total).toBe(0);
    expect(theirs.byWorkstream).toEqual([]);
    expect(theirs.overdueMilestones.total).toBe(0);
    expect(theirs.evidenceAwaitingReview.total).toBe(0);
    expect(theirs.trend).toEqual([]);
    const bad = await t.http().get(inPlan(board.planId, 'dashboard?asOf=23-11-2026')).set(bearer(board)).expect(400);
    expect(bad.body.details[0].field).toBe('asOf');
  });

  it('is documented in the OpenAPI contract', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(doc.paths['/plans/{planId}/dashboard'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/DashboardDto');
    expect(Object.keys(doc.components.schemas.DashboardDto.properties)).toEqual(
      expect.arrayContaining(['overall', 'byWorkstream', 'byNotice', 'byRegulator', 'byInspection', 'overdueMilestones', 'upcomingMilestones', 'evidenceAwaitingReview', 'trend']),
    );
    for (const path of ['/plans/{planId}/settings/rag', '/plans/{planId}/rag/recompute', '/jobs/{id}', '/actions/{id}/rag-history', '/actions/{id}/rag-override']) {
      expect(doc.paths[path]).toBeDefined();
    }
  });
});
