import { actionBody, createAction } from './support/actions-fixtures';
import { PlanFixture, seedPlanBasics } from './support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser, inPlan } from './support/test-app';

/**
 * Who may do what with actions, milestones and progress updates; one row per caller:
 * admin, board, the action's owner, another owner, scrutiny, and another organisation's admin.
 */
describe('actions: the permission matrix', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let other: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let otherOwner: TestUser;
  let scrutiny: TestUser;
  let plan: PlanFixture;

  type Caller = 'admin' | 'board' | 'owner-own' | 'owner-other' | 'scrutiny' | 'other-org';
  const callers: Caller[] = ['admin', 'board', 'owner-own', 'owner-other', 'scrutiny', 'other-org'];
  const as = (c: Caller): TestUser => ({ admin: org.admin, board, 'owner-own': owner, 'owner-other': otherOwner, scrutiny, 'other-org': other.admin })[c];

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Knowsley Council');
    other = await t.createOrganisation('Sefton Council');
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner', { partnerAgency: 'NHS Cheshire and Merseyside ICB' });
    otherOwner = await t.createUser(org, 'owner');
    scrutiny = await t.createUser(org, 'scrutiny');
    plan = await seedPlanBasics(t.dataSource, org.id);
  });

  afterAll(() => t.close());

  /** A fresh action owned by `owner`, with one milestone. */
  const freshAction = () => createAction(t, board, actionBody(plan, owner.id, { milestones: [{ title: 'M1', dueDate: '2026-06-30' }] }));
  const versionOf = async (id: string) => (await t.http().get(`/api/v1/actions/${id}`).set(bearer(board)).expect(200)).body.version as number;

  describe('GET /plans/:planId/actions (the plan)', () => {
    it.each(callers)('%s', async (c) => {
      const a = await freshAction();
      const res = await t.http().get(inPlan(as(c).planId, 'actions?pageSize=200')).set(bearer(as(c)));
      if (c === 'scrutiny') {
        expect(res.status).toBe(403);
        return;
      }
      expect(res.status).toBe(200);
      const ids = res.body.items.map((i: { id: string }) => i.id);
      if (c === 'other-org') expect(ids).not.toContain(a.id);
      else expect(ids).toContain(a.id); // owners read the whole plan, not only their own actions
    });
  });

  describe('GET /actions/:id', () => {
    const expected: Record<Caller, number> = { admin: 200, board: 200, 'owner-own': 200, 'owner-other': 200, scrutiny: 404, 'other-org': 404 };
    it.each(callers)('%s', async (c) => {
      const a = await freshAction();
      const res = await t.http().get(`/api/v1/actions/${a.id}`).set(bearer(as(c)));
      expect(res.status).toBe(expected[c]);
      if (res.status === 404) expect(res.body.message).toMatch(/Action .* not found/);
    });
  });

  describe('POST /plans/:planId/actions', () => {
    const expected: Record<Caller, number> = { admin: 201, board: 201, 'owner-own': 403, 'owner-other': 403, scrutiny: 403, 'other-org': 400 };
    it.each(callers)('%s', async (c) => {
      // Another organisation's admin names our workstream and finding: not theirs, so a 400.
      const res = await t.http().post(inPlan(as(c).planId, 'actions')).set(bearer(as(c))).send(actionBody(plan, c === 'other-org' ? other.admin.id : owner.id));
      expect(res.status).toBe(expected[c]);
    });
  });

  describe('PATCH /actions/:id', () => {
    it.each(['admin', 'board'] as Caller[])('%s may change every field', async (c) => {
      const a = await freshAction();
      const res = await t
        .http()
        .patch(`/api/v1/actions/${a.id}`)
        .set(bearer(as(c)))
        .send({ version: 1, title: 'New title', description: 'd', leadAgency: 'Police', startDate: '2026-02-01', dueDate: '2026-12-30', successMeasures: 's', ownerId: otherOwner.id, status: 'in_progress', progressPercent: 10, reference: `R-${c}-${a.id.slice(0, 6)}` })
        .expect(200);
      expect(res.body).toMatchObject({ title: 'New title', owner: { id: otherOwner.id }, status: 'in_progress', version: 2 });
    });

    it('owner-own may change status and progressPercent', async () => {
      const a = await freshAction();
      const res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(owner)).send({ version: 1, status: 'in_progress', progressPercent: 35 }).expect(200);
      expect(res.body).toMatchObject({ status: 'in_progress', progressPercent: 35, version: 2 });
      await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(owner)).send({ version: 2, status: 'complete' }).expect(200);
    });

    it.each(['title', 'dueDate', 'ownerId', 'findingIds', 'reference', 'effectivenessCheckDue'])('owner-own may not change %s (403 naming it, nothing saved)', async (field) => {
      const a = await freshAction();
      const value = { title: 'Mine now', dueDate: '2027-06-30', ownerId: owner.id, findingIds: [plan.findingId], reference: 'OWN-1', effectivenessCheckDue: '2027-06-30' }[field];
      const res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(owner)).send({ version: 1, status: 'in_progress', [field]: value }).expect(403);
      expect(res.body.message).toMatch(new RegExp(`may not change ${field}`));
      expect(await versionOf(a.id)).toBe(1);
    });

    it.each([
      ['owner-other', 403],
      ['scrutiny', 404],
      ['other-org', 404],
    ] as [Caller, number][])('%s gets %i', async (c, status) => {
      const a = await freshAction();
      const res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(as(c))).send({ version: 1, status: 'in_progress' }).expect(status);
      if (status === 403) expect(res.body.message).toBe('you can only update actions you own');
      expect(await versionOf(a.id)).toBe(1);
    });
  });

  describe('DELETE /actions/:id', () => {
    const expected: Record<Caller, number> = { admin: 204, board: 204, 'owner-own': 403, 'owner-other': 403, scrutiny: 404, 'other-org': 404 };
    it.each(callers)('%s', async (c) => {
      const a = await createAction(t, board, actionBody(plan, owner.id));
      await t.http().delete(`/api/v1/actions/${a.id}`).set(bearer(as(c))).expect(expected[c]);
      await t.http().get(`/api/v1/actions/${a.id}`).set(bearer(board)).expect(expected[c] === 204 ? 404 : 200);
    });
  });

  describe('GET /actions/:id/milestones', () => {
    const expected: Record<Caller, number> = { admin: 200, board: 200, 'owner-own': 200, 'owner-other': 200, scrutiny: 404, 'other-org': 404 };
    it.each(callers)('%s', async (c) => {
      const a = await freshAction();
      const res = await t.http().get(`/api/v1/actions/${a.id}/milestones`).set(bearer(as(c))).expect(expected[c]);
      if (res.status === 200) expect(res.body).toMatchObject({ total: 1, items: [{ title: 'M1' }] });
    });
  });

  describe('POST /actions/:id/milestones', () => {
    const expected: Record<Caller, number> = { admin: 201, board: 201, 'owner-own': 403, 'owner-other': 403, scrutiny: 404, 'other-org': 404 };
    it.each(callers)('%s', async (c) => {
      const a = await freshAction();
      await t.http().post(`/api/v1/actions/${a.id}/milestones`).set(bearer(as(c))).send({ title: 'M2', dueDate: '2026-09-30' }).expect(expected[c]);
    });
  });

  describe('PATCH /actions/:id/milestones/:milestoneId', () => {
    it.each(['admin', 'board'] as Caller[])('%s may change every field', async (c) => {
      const a = await freshAction();
      const m = a.milestones[0];
      const res = await t
        .http()
        .patch(`/api/v1/actions/${a.id}/milestones/${m.id}`)
        .set(bearer(as(c)))
        .send({ version: 1, title: 'Renamed', dueDate: '2026-07-31', completedOn: '2026-07-01', sortOrder: 3, allowAfterActionDue: false })
        .expect(200);
      expect(res.body).toMatchObject({ title: 'Renamed', dueDate: '2026-07-31', completedOn: '2026-07-01', sortOrder: 3, version: 2 });
    });

    it('owner-own may set and clear completedOn', async () => {
      const a = await freshAction();
      const m = a.milestones[0];
      let res = await t.http().patch(`/api/v1/actions/${a.id}/milestones/${m.id}`).set(bearer(owner)).send({ version: 1, completedOn: '2026-06-15' }).expect(200);
      expect(res.body).toMatchObject({ completedOn: '2026-06-15', version: 2 });
      res = await t.http().patch(`/api/v1/actions/${a.id}/milestones/${m.id}`).set(bearer(owner)).send({ version: 2, completedOn: null }).expect(200);
      expect(res.body.completedOn).toBeNull();
    });

    it.each(['title', 'dueDate', 'sortOrder', 'allowAfterActionDue'])('owner-own may not change %s', async (field) => {
      const a = await freshAction();
      const m = a.milestones[0];
      const value = { title: 'x', dueDate: '2026-05-31', sortOrder: 9, allowAfterActionDue: true }[field];
      const res = await t.http().patch(`/api/v1/actions/${a.id}/milestones/${m.id}`).set(bearer(owner)).send({ version: 1, [field]: value }).expect(403);
      expect(res.body.message).toMatch(new RegExp(`may not change ${field}`));
    });

    it.each([
      ['owner-other', 403],
      ['scrutiny', 404],
      ['other-org', 404],
    ] as [Caller, number][])('%s gets %i', async (c, status) => {
      const a = await freshAction();
      const m = a.milestones[0];
      const res = await t.http().patch(`/api/v1/actions/${a.id}/milestones/${m.id}`).set(bearer(as(c))).send({ version: 1, completedOn: '2026-06-15' }).expect(status);
      if (status === 403) expect(res.body.message).toBe('you can only update actions you own');
      const list = await t.http().get(`/api/v1/actions/${a.id}/milestones`).set(bearer(board)).expect(200);
      expect(list.body.items[0]).toMatchObject({ completedOn: null, version: 1 });
    });
  });

  describe('DELETE /actions/:id/milestones/:milestoneId', () => {
    const expected: Record<Caller, number> = { admin: 204, board: 204, 'owner-own': 403, 'owner-other': 403, scrutiny: 404, 'other-org': 404 };
    it.each(callers)('%s', async (c) => {
      const a = await freshAction();
      await t.http().delete(`/api/v1/actions/${a.id}/milestones/${a.milestones[0].id}`).set(bearer(as(c))).expect(expected[c]);
      const list = await t.http().get(`/api/v1/actions/${a.id}/milestones`).set(bearer(board)).expect(200);
      expect(list.body.total).toBe(expected[c] === 204 ? 0 : 1);
    });
  });

  describe('GET /actions/:id/updates', () => {
    const expected: Record<Caller, number> = { admin: 200, board: 200, 'owner-own': 200, 'owner-other': 200, scrutiny: 404, 'other-org': 404 };
    it.each(callers)('%s', async (c) => {
      const a = await freshAction();
      await t.http().post(`/api/v1/actions/${a.id}/updates`).set(bearer(owner)).send({ narrative: 'On track' }).expect(201);
      const res = await t.http().get(`/api/v1/actions/${a.id}/updates`).set(bearer(as(c))).expect(expected[c]);
      if (res.status === 200) expect(res.body).toMatchObject({ total: 1, items: [{ narrative: 'On track' }] });
    });
  });

  describe('POST /actions/:id/updates', () => {
    const expected: Record<Caller, number> = { admin: 201, board: 201, 'owner-own': 201, 'owner-other': 403, scrutiny: 404, 'other-org': 404 };
    it.each(callers)('%s', async (c) => {
      const a = await freshAction();
      const res = await t.http().post(`/api/v1/actions/${a.id}/updates`).set(bearer(as(c))).send({ narrative: 'Update', status: 'in_progress' }).expect(expected[c]);
      if (res.status === 403) expect(res.body.message).toBe('you can only update actions you own');
      const got = await t.http().get(`/api/v1/actions/${a.id}`).set(bearer(board)).expect(200);
      expect(got.body.status).toBe(expected[c] === 201 ? 'in_progress' : 'not_started');
    });
  });
});
