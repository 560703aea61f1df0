import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { binaryParser } from './support/packs-readers';
import { bearer, inPlan, TestApp, type TestOrganisation, type TestUser } from './support/test-app';
import { waitForJob, waitForPack } from './support/wait-for';

/**
 * A due date moved after a reporting date does not reach back into it: the board extends an
 * overdue action's due date and an overdue milestone's due date on 23 November; a recompute of
 * 18 November made afterwards still finds both overdue on the 18th, exactly as that day's run did,
 * and the pack of the 18th prints the dates as they stood then. Progress percent, changed by a
 * progress update, is kept the same way. Real worker, real PostgreSQL, the API's own writes.
 */
describe('RAG true history: dates and progress as they stood on the date (e2e)', () => {
  const THEN = '2026-11-18';
  const NOW = '2026-11-23';
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let lateAction: string;
  let lateMilestoneAction: string;
  let milestoneId: string;

  interface SnapshotRow {
    action_id: string;
    colour: string;
    reasons: { code: string; text: string }[];
    computed_at: Date;
  }

  interface PackJson {
    tracker: { actionId: string; dueDate: string; startDate: string | null; progressPercent: number; colour: string }[];
    overdueMilestones: { actionId: string; title: string; dueDate: string; daysOverdue: number }[];
  }

  const snapshotsOf = (asOf: string) =>
    t.dataSource.query<SnapshotRow[]>('SELECT action_id, colour, reasons, computed_at FROM rag_snapshot WHERE plan_id = $1 AND as_of = $2 ORDER BY action_id', [org.planId, asOf]);

  async function recompute(asOf: string): Promise<void> {
    const res = await t.http().post(inPlan(org.planId, 'rag/recompute')).set(bearer(board)).send({ asOf }).expect(202);
    await waitForJob(t, board, res.body.jobId as string);
  }

  async function packOf(asOf: string): Promise<PackJson> {
    const res = await t.http().post(inPlan(org.planId, 'packs')).set(bearer(board)).send({ audience: 'board', asOf, formats: ['json'] }).expect(202);
    await waitForPack(t, board, res.body.id as string);
    const file = await t.http().get(`/api/v1/packs/${res.body.id}/files/json`).set(bearer(board)).buffer(true).parse(binaryParser).expect(200);
    return JSON.parse((file.body as Buffer).toString('utf8')) as PackJson;
  }

  async function patch(path: string, body: Record<string, unknown>): Promise<void> {
    const current = await t.http().get(path).set(bearer(board)).expect(200);
    await t.http().patch(path).set(bearer(board)).send({ ...body, version: current.body.version }).expect(200);
  }

  let before: SnapshotRow[];

  beforeAll(async () => {
    t = await TestApp.start({ worker: true, now: `${THEN}T10:00:00Z` });
    org = await t.createOrganisation('Sefton Council (true dates)');
    board = await t.createUser(org, 'board');
    const owner = await t.createUser(org, 'owner');
    const plan = await seedPlanBasics(t.dataSource, org.id, org.planId);
    // Due on 15 November, not done: overdue on the 18th. Started, with a recent update, so the
    // due date is its only problem.
    lateAction = (await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id, reference: 'A1', status: 'in_progress', startDate: '2026-09-01', dueDate: '2026-11-15', progressPercent: 40 })).id;
    // Its milestone due on 5 November: 13 days overdue on the 18th.
    const withMilestone = await seedAction(t.dataSource, org.id, plan, {
      ownerId: owner.id,
      reference: 'A2',
      status: 'in_progress',
      startDate: '2026-09-01',
      dueDate: '2027-03-31',
      milestones: [{ title: 'Audit fieldwork complete', dueDate: '2026-11-05' }],
    });
    lateMilestoneAction = withMilestone.id;
    milestoneId = (await t.dataSource.query<{ id: string }[]>('SELECT id FROM milestone WHERE action_id = $1', [lateMilestoneAction]))[0].id;
    for (const id of [lateAction, lateMilestoneAction]) {
      await t.http().post(`/api/v1/actions/${id}/updates`).set(bearer(board)).send({ narrative: 'Fieldwork under way', updateDate: THEN }).expect(201);
    }
    await recompute(THEN);
    before = await snapshotsOf(THEN);

    // 23 November: the board agrees extensions, and the owner reports progress.
    t.clock.set(`${NOW}T10:00:00Z`);
    await patch(`/api/v1/actions/${lateAction}`, { dueDate: '2026-12-31', startDate: '2026-10-01' });
    const [version] = await t.dataSource.query<{ version: number }[]>('SELECT version FROM milestone WHERE id = $1', [milestoneId]);
    await t.http().patch(`/api/v1/actions/${lateMilestoneAction}/milestones/${milestoneId}`).set(bearer(board)).send({ dueDate: '2026-12-15', version: version.version }).expect(200);
    await t.http().post(`/api/v1/actions/${lateAction}/updates`).set(bearer(board)).send({ narrative: 'Half done', progressPercent: 55, updateDate: NOW }).expect(201);
    // A change of title only keeps no dates history.
    await patch(`/api/v1/actions/${lateAction}`, { title: 'Multi-agency audit (extended)' });
    await recompute(NOW);
  });

  afterAll(async () => {
    await t?.close();
  });

  it("the 18th's run found the action and the milestone overdue", () => {
    const late = before.find((s) => s.action_id === lateAction);
    const milestone = before.find((s) => s.action_id === lateMilestoneAction);
    expect(late?.colour).toBe('red');
    expect(late?.reasons.map((r) => r.text).join('; ')).toMatch(/15 November 2026|overdue/);
    expect(milestone?.colour).toBe('amber');
    expect(milestone?.reasons.map((r) => r.text).join('; ')).toMatch(/Audit fieldwork complete/);
  });

  it('keeps the values each change replaced, stamped with when it was recorded, and nothing for a change of title', async () => {
    const actionRows = await t.dataSource.query<{ start_date: string | null; due_date: string; progress_percent: number; superseded_at: Date }[]>(
      `SELECT start_date::text, due_date::text, progress_percent, superseded_at FROM action_dates_history WHERE action_id = $1 ORDER BY id`,
      [lateAction],
    );
    expect(actionRows).toEqual([
      { start_date: '2026-09-01', due_date: '2026-11-15', progress_percent: 40, superseded_at: new Date(`${NOW}T10:00:00Z`) },
      { start_date: '2026-10-01', due_date: '2026-12-31', progress_percent: 40, superseded_at: new Date(`${NOW}T10:00:00Z`) },
    ]);
    const milestoneRows = await t.dataSource.query<{ due_date: string; superseded_at: Date }[]>(
      'SELECT due_date::text, superseded_at FROM milestone_due_history WHERE milestone_id = $1',
      [milestoneId],
    );
    expect(milestoneRows).toEqual([{ due_date: '2026-11-05', superseded_at: new Date(`${NOW}T10:00:00Z`) }]);
  });

  it('today the extended action and milestone are no longer overdue', async () => {
    const now = await snapshotsOf(NOW);
    expect(now.find((s) => s.action_id === lateAction)?.colour).not.toBe('red');
    expect(now.find((s) => s.action_id === lateMilestoneAction)?.colour).toBe('green');
  });

  it('a recompute of the 18th made after the extensions gives exactly what the 18th gave, and rewrites nothing', async () => {
    await recompute(THEN);
    expect(await snapshotsOf(THEN)).toEqual(before);
  });

  it('the pack of the 18th prints the dates and progress as they stood then; the pack of the 23rd the new ones', async () => {
    const then = await packOf(THEN);
    expect(then.tracker.find((r) => r.actionId === lateAction)).toMatchObject({ startDate: '2026-09-01', dueDate: '2026-11-15', progressPercent: 40, colour: 'red' });
    expect(then.overdueMilestones.find((m) => m.actionId === lateMilestoneAction)).toMatchObject({ title: 'Audit fieldwork complete', dueDate: '2026-11-05', daysOverdue: 13 });
    const now = await packOf(NOW);
    expect(now.tracker.find((r) => r.actionId === lateAction)).toMatchObject({ startDate: '2026-10-01', dueDate: '2026-12-31', progressPercent: 55 });
    expect(now.overdueMilestones.find((m) => m.actionId === lateMilestoneAction)).toBeUndefined();
  });
});
