import { seedPlanBasics, type PlanFixture } from './support/plan-fixtures';
import { insertEvidence } from './support/rag-fixtures';
import { waitForJob as waitForJobOf, waitForPack as waitForPackOf } from './support/wait-for';
import { bearer, TEST_PASSWORD, TestApp, TestOrganisation, TestPlan, TestUser } from './support/test-app';

/**
 * Issue 19: a council with two plans. Roles are held per plan; a plan one holds no role in is a 404
 * like another organisation's; closing freezes a plan; recompute and packs of one plan never touch
 * the other's rows.
 */
const TODAY = '2026-11-23';

describe('several improvement plans in one council', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let planA: string;
  let planB: TestPlan;
  let boardA: TestUser;
  let ownerA: TestUser;
  let boardB: TestUser;
  let ownerAboardB: TestUser;
  let scrutinyB: TestUser;
  let fixtureA: PlanFixture;
  let fixtureB: PlanFixture;
  const ids: Record<string, string> = {};
  const http = () => t.http();
  const waitForJob = (user: TestUser, jobId: string) => waitForJobOf(t, user, jobId);
  const waitForPack = (id: string, user: TestUser) => waitForPackOf<{ title: string; files: { format: string }[] }>(t, user, id);

  async function snapshotCount(planId: string): Promise<number> {
    const [row] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM rag_snapshot s JOIN action a ON a.id = s.action_id WHERE a.plan_id = $1`, [planId]);
    return row.n;
  }

  beforeAll(async () => {
    t = await TestApp.start({ worker: true, now: `${TODAY}T10:00:00Z` });
    org = await t.createOrganisation('Wigan Council');
    planA = org.planId;
    planB = await t.createPlan(org, { title: "Children's services improvement plan", serviceArea: 'childrens_services', programmeLead: 'Director of Children’s Services' });
    boardA = await t.createUser(org, 'board');
    ownerA = await t.createUser(org, 'owner');
    boardB = await t.createUser(org, 'board', { planId: planB.id });
    scrutinyB = await t.createUser(org, 'scrutiny', { planId: planB.id });
    ownerAboardB = await t.createUser(org, 'owner');
    await t.addMember(org, planB.id, ownerAboardB, 'board');
    // Tokens carry no roles: memberships are read on every request, so no new login is needed.

    fixtureA = await seedPlanBasics(t.dataSource, org.id, planA);
    fixtureB = await seedPlanBasics(t.dataSource, org.id, planB.id);
    const body = (f: PlanFixture, ownerId: string, reference: string) => ({
      reference,
      title: `Action ${reference}`,
      workstreamId: f.workstreamId,
      findingIds: [f.findingId],
      ownerId,
      startDate: '2026-01-05',
      dueDate: '2026-12-31',
    });
    ids.actionA = (await http().post(`/api/v1/plans/${planA}/actions`).set(bearer(boardA)).send(body(fixtureA, ownerA.id, 'A1')).expect(201)).body.id;
    ids.actionAmine = (await http().post(`/api/v1/plans/${planA}/actions`).set(bearer(boardA)).send(body(fixtureA, ownerAboardB.id, 'A2')).expect(201)).body.id;
    // The same reference in the other plan: references are unique per plan.
    ids.actionB = (await http().post(`/api/v1/plans/${planB.id}/actions`).set(bearer(boardB)).send(body(fixtureB, ownerAboardB.id, 'A1')).expect(201)).body.id;
    ids.evidenceB = await insertEvidence(t.dataSource, { organisationId: org.id, actionId: ids.actionB, uploadedById: ownerAboardB.id, uploadedAt: '2026-11-20T10:00:00Z' });
    const pack = await http().post(`/api/v1/plans/${planB.id}/packs`).set(bearer(boardB)).send({ audience: 'board', asOf: TODAY, formats: ['json'] }).expect(202);
    ids.packB = pack.body.id;
    ids.packJobB = pack.body.jobId;
    await waitForPack(ids.packB, boardB);
  }, 180_000);

  afterAll(() => t.close());

  it("an owner in plan A gets 404 on plan B's action, evidence and pack; B's board member gets 200", async () => {
    const rows = [`/api/v1/actions/${ids.actionB}`, `/api/v1/evidence/${ids.evidenceB}`, `/api/v1/packs/${ids.packB}`, `/api/v1/actions/${ids.actionB}/evidence`];
    for (const url of rows) {
      await http().get(url).set(bearer(ownerA)).expect(404);
      await http().get(url).set(bearer(boardB)).expect(200);
    }
    // Plan B's collections do not exist for them either.
    for (const collection of ['actions', 'workstreams', 'findings', 'inspections', 'notices', 'packs', 'dashboard']) {
      await http().get(`/api/v1/plans/${planB.id}/${collection}`).set(bearer(ownerA)).expect(404);
    }
    await http().get(`/api/v1/plans/${planB.id}`).set(bearer(ownerA)).expect(404);
    const listed = await http().get('/api/v1/plans').set(bearer(ownerA)).expect(200);
    expect(listed.body.items.map((p: { id: string; myRole: string }) => [p.id, p.myRole])).toEqual([[planA, 'owner']]);
  });

  it('a person who is owner in A and board in B does each only where they hold it', async () => {
    const u = ownerAboardB;
    // Board in B: builds and re-plans.
    const b = await http().get(`/api/v1/actions/${ids.actionB}`).set(bearer(u)).expect(200);
    await http().patch(`/api/v1/actions/${ids.actionB}`).set(bearer(u)).send({ title: 'Re-planned by the board', version: b.body.version }).expect(200);
    const dashboardB = await http().get(`/api/v1/plans/${planB.id}/dashboard`).set(bearer(u)).expect(200);
    expect(dashboardB.body.evidenceAwaitingReview.items.map((e: { evidenceId: string }) => e.evidenceId)).toEqual([ids.evidenceB]);
    // Owner in A: status of their own action only, no re-planning, no other owner's action; the
    // plan's dashboard, but evidence waiting for review as a count (owners read their own evidence only).
    const mine = await http().get(`/api/v1/actions/${ids.actionAmine}`).set(bearer(u)).expect(200);
    await http().patch(`/api/v1/actions/${ids.actionAmine}`).set(bearer(u)).send({ title: 'Not mine to retitle', version: mine.body.version }).expect(403);
    await http().patch(`/api/v1/actions/${ids.actionAmine}`).set(bearer(u)).send({ status: 'in_progress', version: mine.body.version }).expect(200);
    const other = await http().get(`/api/v1/actions/${ids.actionA}`).set(bearer(u)).expect(200);
    await http().patch(`/api/v1/actions/${ids.actionA}`).set(bearer(u)).send({ status: 'in_progress', version: other.body.version }).expect(403);
    await http().post(`/api/v1/plans/${planA}/actions`).set(bearer(u)).send({}).expect(403);
    const evidenceA = await insertEvidence(t.dataSource, { organisationId: org.id, actionId: ids.actionA, uploadedById: ownerA.id, uploadedAt: '2026-11-20T10:00:00Z' });
    try {
      const dashboardA = await http().get(`/api/v1/plans/${planA}/dashboard`).set(bearer(u)).expect(200);
      expect(dashboardA.body.evidenceAwaitingReview).toEqual({ total: 1, items: [] });
      const asBoardA = await http().get(`/api/v1/plans/${planA}/dashboard`).set(bearer(boardA)).expect(200);
      expect(asBoardA.body.evidenceAwaitingReview.items.map((e: { evidenceId: string }) => e.evidenceId)).toEqual([evidenceA]);
    } finally {
      // Withdrawn (evidence is never deleted): out of every list again.
      await t.dataSource.query('UPDATE evidence SET withdrawn_at = uploaded_at WHERE id = $1', [evidenceA]);
    }
  });

  it('has one style of route: collections only under /plans/:planId, single rows only flat', async () => {
    for (const collection of ['actions', 'workstreams', 'findings', 'inspections', 'notices', 'packs', 'dashboard', 'committees', 'meetings']) {
      await http().get(`/api/v1/${collection}`).set(bearer(boardA)).expect(404);
    }
    await http().post('/api/v1/rag/recompute').set(bearer(boardA)).send({}).expect(404);
    await http().get(`/api/v1/plans/${planA}/actions/${ids.actionA}`).set(bearer(boardA)).expect(404);
    await http().get(`/api/v1/plans/${planB.id}/packs/${ids.packB}`).set(bearer(boardB)).expect(404);
    // A plan role given without naming the plan, where there are two: which one?
    const user = await http().post('/api/v1/users').set(bearer(org.admin)).send({ email: 'who@example.gov.uk', name: 'Who', role: 'owner', password: TEST_PASSWORD }).expect(400);
    expect(user.body).toMatchObject({ code: 'plan_required', details: [expect.objectContaining({ field: 'planId' })] });
  });

  it("polls a plan's jobs only where one is admin or board: 404 otherwise", async () => {
    await http().get(`/api/v1/jobs/${ids.packJobB}`).set(bearer(boardB)).expect(200);
    await http().get(`/api/v1/jobs/${ids.packJobB}`).set(bearer(org.admin)).expect(200);
    await http().get(`/api/v1/jobs/${ids.packJobB}`).set(bearer(boardA)).expect(404);
    const res = await http().post(`/api/v1/plans/${planA}/rag/recompute`).set(bearer(boardA)).send({}).expect(202);
    await http().get(`/api/v1/jobs/${res.body.jobId}`).set(bearer(boardA)).expect(200);
    await http().get(`/api/v1/jobs/${res.body.jobId}`).set(bearer(boardB)).expect(404);
    // Owner in A, board in B: the roles guard lets them poll somewhere, the job's plan says no.
    await http().get(`/api/v1/jobs/${res.body.jobId}`).set(bearer(ownerAboardB)).expect(404);
    await waitForJob(boardA, res.body.jobId);
  });

  it("recomputes one plan without touching the other's rows, and packs name their plan and hold only its actions", async () => {
    const beforeB = await snapshotCount(planB.id);
    const beforeA = await snapshotCount(planA);
    // The next day: a date the plans' actions existed on (a past date before they were made has no
    // snapshot of them, by the true-history rule), and one with no snapshot yet.
    t.clock.set(`2026-11-24T10:00:00Z`);
    try {
      const res = await http().post(`/api/v1/plans/${planA}/rag/recompute`).set(bearer(boardA)).send({ asOf: '2026-11-24' }).expect(202);
      await waitForJob(boardA, res.body.jobId);
    } finally {
      t.clock.set(`${TODAY}T10:00:00Z`);
    }
    expect(await snapshotCount(planA)).toBe(beforeA + 2);
    expect(await snapshotCount(planB.id)).toBe(beforeB);

    const pack = await waitForPack(ids.packB, boardB);
    expect(pack.title).toBe("Children's services improvement plan: progress and exception report");
    const file = await http().get(`/api/v1/packs/${ids.packB}/files/json`).set(bearer(boardB)).buffer(true).expect(200);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="children-s-services-improvement-plan-board-pack-${TODAY}.json"`);
    const text = Buffer.isBuffer(file.body) ? file.body.toString() : JSON.stringify(file.body);
    expect(text).toContain(ids.actionB);
    expect(text).not.toContain(ids.actionA);
    expect(text).not.toContain(ids.actionAmine);
    // Plan A's board sees none of B's packs.
    await http().get(`/api/v1/packs/${ids.packB}`).set(bearer(boardA)).expect(404);
    expect((await http().get(`/api/v1/plans/${planA}/packs`).set(bearer(boardA)).expect(200)).body.total).toBe(0);
  });

  it('shows administrators and chief officers every active plan side by side, and nothing else to a chief officer', async () => {
    const chief = await t.createUser(org, 'chief_officer' as never);
    const overview = await http().get('/api/v1/organisation/overview').set(bearer(chief)).expect(200);
    expect(overview.body.plans.map((p: { title: string; actions: number }) => [p.title, p.actions])).toEqual([
      ['Wigan Council improvement plan', 2],
      ["Children's services improvement plan", 1],
    ]);
    // Each plan's counts are its dashboard's (an action whose colour is not computed yet counts as grey).
    for (const p of overview.body.plans as { planId: string; actions: number; counts: Record<string, number> }[]) {
      const { overall } = (await http().get(`/api/v1/plans/${p.planId}/dashboard`).set(bearer(org.admin)).expect(200)).body;
      expect(p.actions).toBe(overall.total);
      expect(p.counts).toEqual({ ...overall.counts, grey: overall.counts.grey + overall.notComputed });
    }
    await http().get('/api/v1/organisation/overview').set(bearer(boardA)).expect(403);
    await http().get(`/api/v1/actions/${ids.actionA}`).set(bearer(chief)).expect(404);
    await http().get(`/api/v1/plans/${planA}/actions`).set(bearer(chief)).expect(404);
    // A chief officer is given no role in a plan; one held from before (a member promoted, or written
    // outside the application) gives nothing.
    const refused = await http().put(`/api/v1/plans/${planA}/members/${chief.id}`).set(bearer(org.admin)).send({ role: 'board' }).expect(400);
    expect(refused.body.details[0].field).toBe('userId');
    await t.dataSource.query(`INSERT INTO plan_membership (organisation_id, plan_id, user_id, role) VALUES ($1, $2, $3, 'board')`, [org.id, planA, chief.id]);
    await http().get(`/api/v1/actions/${ids.actionA}`).set(bearer(chief)).expect(404);
    await http().get(`/api/v1/plans/${planA}/dashboard`).set(bearer(chief)).expect(404);
    await http().post(`/api/v1/plans/${planA}/rag/recompute`).set(bearer(chief)).send({}).expect(404);
  });

  it('closing a plan freezes it: writes answer 409 plan_closed, reads and pack downloads still work', async () => {
    await http().post(`/api/v1/plans/${planB.id}/close`).set(bearer(boardB)).expect(403);
    const closed = await http().post(`/api/v1/plans/${planB.id}/close`).set(bearer(org.admin)).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    const action = await http().get(`/api/v1/actions/${ids.actionB}`).set(bearer(boardB)).expect(200);
    const refused = await http().patch(`/api/v1/actions/${ids.actionB}`).set(bearer(boardB)).send({ title: 'Too late', version: action.body.version }).expect(409);
    expect(refused.body.code).toBe('plan_closed');
    const create = await http().post(`/api/v1/plans/${planB.id}/workstreams`).set(bearer(boardB)).send({ code: 'NEW', title: 'New' }).expect(409);
    expect(create.body.code).toBe('plan_closed');
    await http().post(`/api/v1/plans/${planB.id}/packs`).set(bearer(boardB)).send({ audience: 'board', asOf: TODAY }).expect(409);
    // Its colours and snapshots are frozen with it.
    const recompute = await http().post(`/api/v1/plans/${planB.id}/rag/recompute`).set(bearer(boardB)).send({}).expect(409);
    expect(recompute.body.code).toBe('plan_closed');
    await http().get(`/api/v1/packs/${ids.packB}/files/json`).set(bearer(boardB)).expect(200);
    await http().get(`/api/v1/plans/${planB.id}/actions`).set(bearer(boardB)).expect(200);
    // The closed plan leaves the overview; plan A works on as before.
    const overview = await http().get('/api/v1/organisation/overview').set(bearer(org.admin)).expect(200);
    expect(overview.body.plans.map((p: { title: string }) => p.title)).toEqual(['Wigan Council improvement plan']);
    await http().post(`/api/v1/plans/${planA}/workstreams`).set(bearer(boardA)).send({ code: 'NEW', title: 'New' }).expect(201);
  });

  it('lets administrators manage memberships, and writes the plan into the audit trail', async () => {
    const members = await http().get(`/api/v1/plans/${planB.id}/members`).set(bearer(org.admin)).expect(200);
    expect(members.body.items.map((m: { userId: string; role: string }) => [m.userId, m.role]).sort()).toEqual(
      [
        [boardB.id, 'board'],
        [scrutinyB.id, 'scrutiny'],
        [ownerAboardB.id, 'board'],
      ].sort(),
    );
    await http().put(`/api/v1/plans/${planA}/members/${ownerA.id}`).set(bearer(boardA)).send({ role: 'board' }).expect(403);
    await http().put(`/api/v1/plans/${planA}/members/${org.admin.id}`).set(bearer(org.admin)).send({ role: 'board' }).expect(400);
    // ownerA still owns A1, which is open: the board gives it another owner first.
    const refused = await http().delete(`/api/v1/plans/${planA}/members/${ownerA.id}`).set(bearer(org.admin)).expect(409);
    expect(refused.body.code).toBe('has_dependents');
    expect(refused.body.message).toContain('owns open action A1');
    const downgrade = await http().put(`/api/v1/plans/${planA}/members/${ownerA.id}`).set(bearer(org.admin)).send({ role: 'scrutiny' }).expect(409);
    expect(downgrade.body.code).toBe('has_dependents');
    const a1 = (await http().get(`/api/v1/actions/${ids.actionA}`).set(bearer(boardA)).expect(200)).body;
    await http().patch(`/api/v1/actions/${ids.actionA}`).set(bearer(boardA)).send({ ownerId: ownerAboardB.id, version: a1.version }).expect(200);
    await http().delete(`/api/v1/plans/${planA}/members/${ownerA.id}`).set(bearer(org.admin)).expect(204);
    await http().get(`/api/v1/actions/${ids.actionA}`).set(bearer(ownerA)).expect(404);
    const audit = await http().get(`/api/v1/audit-events?entityType=action&entityId=${ids.actionB}`).set(bearer(org.admin)).expect(200);
    expect(audit.body.items.length).toBeGreaterThan(0);
    for (const e of audit.body.items as { planId: string }[]) expect(e.planId).toBe(planB.id);
    // A board member of plan A reads plan A's trail, not plan B's.
    const fromA = await http().get(`/api/v1/audit-events?entityType=action&entityId=${ids.actionB}`).set(bearer(boardA)).expect(200);
    expect(fromA.body.total).toBe(0);
  });

  it("keeps a plan's packs, edits, RAG policy and deleted actions in that plan's trail, out of the other boards' sight", async () => {
    const pack = (await http().post(`/api/v1/plans/${planA}/packs`).set(bearer(boardA)).send({ audience: 'board', asOf: TODAY, formats: ['json'] }).expect(202)).body.id as string;
    await waitForPack(pack, boardA);
    const plan = (await http().get(`/api/v1/plans/${planA}`).set(bearer(boardA)).expect(200)).body;
    await http().patch(`/api/v1/plans/${planA}`).set(bearer(boardA)).send({ programmeLead: 'Director of Adult Social Services', version: plan.version }).expect(200);
    await http().put(`/api/v1/plans/${planA}/settings/rag`).set(bearer(boardA)).send({ staleAfterDays: 21 }).expect(403);
    // An administrator changes it (DESIGN: admin's "RAG thresholds"); the event still lands in plan A's trail, which its board reads.
    await http().put(`/api/v1/plans/${planA}/settings/rag`).set(bearer(org.admin)).send({ staleAfterDays: 21 }).expect(200);
    const doomed = (
      await http()
        .post(`/api/v1/plans/${planA}/actions`)
        .set(bearer(boardA))
        .send({ reference: 'A9', title: 'Raised in error', workstreamId: fixtureA.workstreamId, findingIds: [fixtureA.findingId], ownerId: ownerAboardB.id, startDate: '2026-01-05', dueDate: '2026-12-31' })
        .expect(201)
    ).body.id as string;
    await http().delete(`/api/v1/actions/${doomed}`).set(bearer(boardA)).expect(204);

    const trail = async (user: TestUser, entityType: string) =>
      (await http().get(`/api/v1/audit-events?entityType=${entityType}&pageSize=100`).set(bearer(user)).expect(200)).body.items as { entityId: string; action: string; planId: string | null }[];
    for (const [entityType, entityId, action] of [
      ['pack', pack, 'create'],
      ['plan', planA, 'update'],
      ['rag_policy', null, 'update'],
      ['action', doomed, 'delete'],
    ] as const) {
      const mine = (await trail(boardA, entityType)).filter((e) => e.action === action && (entityId === null || e.entityId === entityId));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((e) => e.planId === planA)).toBe(true);
      // Plan B's board (and only plan B's) sees none of plan A's events.
      expect((await trail(boardB, entityType)).filter((e) => e.planId !== planB.id)).toEqual([]);
    }
    // Plan B's pack is out of plan A's board's sight too.
    expect((await trail(boardA, 'pack')).map((e) => e.entityId)).not.toContain(ids.packB);
    // No event of a plan's row is stored without its plan (only people and the organisation's own settings have none).
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_event WHERE plan_id IS NULL AND entity_type NOT IN ('organisation', 'user', 'notification_preference', 'report_wording')`,
    );
    expect(n).toBe(0);
  }, 120_000);
});
