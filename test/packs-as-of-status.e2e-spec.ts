import { post } from './support/inspections-api';
import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { binaryParser } from './support/packs-readers';
import { bearer, inPlan, TestApp, type TestOrganisation, type TestUser } from './support/test-app';
import { waitForJob, waitForPack } from './support/wait-for';

/**
 * A pack of a past reporting date prints each action's status and each notice's status as they
 * stood at the end of that date, as the date's RAG colour read them, not as they are when the pack
 * is made: an action blocked on 18 November (red, "blocked") and unblocked on the 23rd is
 * "Blocked" in the pack of the 18th made on the 23rd; a notice closed on the 23rd is still open in
 * it. The pack of the 23rd says what changed. Real worker, real PostgreSQL, the JSON pack file.
 */
describe('packs of a past date: statuses as they stood then (e2e)', () => {
  const THEN = '2026-11-18';
  const NOW = '2026-11-23';
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let actionId: string;
  let noticeId: string;

  interface PackJson {
    tracker: { actionId: string; status: string; statusLabel: string; colour: string; reasons: string[] }[];
    notices: { id: string; status: string }[];
  }

  async function patchAction(body: Record<string, unknown>): Promise<void> {
    const current = await t.http().get(`/api/v1/actions/${actionId}`).set(bearer(board)).expect(200);
    await t.http().patch(`/api/v1/actions/${actionId}`).set(bearer(board)).send({ ...body, version: current.body.version }).expect(200);
  }

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

  beforeAll(async () => {
    t = await TestApp.start({ worker: true, now: `${THEN}T10:00:00Z` });
    org = await t.createOrganisation('Wirral Council (pack dates)');
    board = await t.createUser(org, 'board');
    const owner = await t.createUser(org, 'owner');
    const plan = await seedPlanBasics(t.dataSource, org.id, org.planId);
    actionId = (await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id, reference: 'A1', title: 'Multi-agency audit', status: 'in_progress', startDate: '2026-09-01', dueDate: '2027-03-31' })).id;
    noticeId = (await post(t, board, 'notices', { kind: 'section_50', title: 'Section 50 notice', issuedOn: '2026-10-01', deadline: '2027-06-30', status: 'open' })).id as string;

    // 18 November: blocked, and that day's colours recorded.
    await patchAction({ status: 'blocked' });
    await recompute(THEN);

    // 23 November: unblocked, the notice closed, and today's colours.
    t.clock.set(`${NOW}T10:00:00Z`);
    await patchAction({ status: 'in_progress' });
    const notice = await t.http().get(`/api/v1/notices/${noticeId}`).set(bearer(board)).expect(200);
    await t.http().patch(`/api/v1/notices/${noticeId}`).set(bearer(board)).send({ status: 'closed', statusChangedOn: NOW, version: notice.body.version }).expect(200);
    await recompute(NOW);
  });

  afterAll(async () => {
    await t?.close();
  });

  it("the pack of the 18th, made on the 23rd, says 'Blocked' beside its red 'blocked' reason, and the notice open", async () => {
    const pack = await packOf(THEN);
    expect(pack.tracker.find((r) => r.actionId === actionId)).toMatchObject({ status: 'blocked', statusLabel: 'Blocked', colour: 'red' });
    expect(pack.notices.find((n) => n.id === noticeId)).toMatchObject({ status: 'open' });
  });

  it('the pack of the 23rd says what is so now', async () => {
    const pack = await packOf(NOW);
    const row = pack.tracker.find((r) => r.actionId === actionId);
    expect(row).toMatchObject({ status: 'in_progress', statusLabel: 'In progress' });
    expect(row?.colour).not.toBe('red');
    expect(pack.notices.find((n) => n.id === noticeId)).toMatchObject({ status: 'closed' });
  });
});
