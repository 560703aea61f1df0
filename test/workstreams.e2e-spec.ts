import { seedAction } from './support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, inPlan } from './support/test-app';
import {
  auditOf,
  expectInvalidField,
  expectPlanPermissions,
  planRoles,
  PlanRoles,
  post,
  regulatorIds,
  SEED_002_KEY_OUTCOMES,
  seed002InspectionBody,
} from './support/inspections-api';

describe('workstreams: the plan’s key outcomes (real PostgreSQL)', () => {
  let t: TestApp;
  let orgA: TestOrganisation;
  let orgB: TestOrganisation;
  let roles: PlanRoles;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    orgA = await t.createOrganisation('Warrington Borough Council');
    orgB = await t.createOrganisation('Wigan Council');
    roles = await planRoles(t, orgA, orgB);
  });

  afterAll(() => t.close());

  const codes = async (user = roles.owner) =>
    (await t.http().get(inPlan(user.planId, 'workstreams?pageSize=200')).set(bearer(user)).expect(200)).body.items.map((w: { code: string }) => w.code);

  it('records the five key outcomes of seed 002 and lists them in plan order, whatever order they were entered in', async () => {
    for (const i of [4, 2, 0, 3, 1]) {
      const ko = SEED_002_KEY_OUTCOMES[i];
      const w = await post(t, roles.board, 'workstreams', { ...ko, description: `Key outcome ${i + 1}`, sortOrder: (i + 1) * 10 });
      expect(w).toMatchObject({ code: ko.code, title: ko.title, leadRole: ko.leadRole, sortOrder: (i + 1) * 10, version: 1 });
      ids[ko.code] = w.id;
    }
    expect(await codes()).toEqual(['KO1', 'KO2', 'KO3', 'KO4', 'KO5']);
  });

  it('puts a workstream without a sort order after the last, and moves one when its order changes', async () => {
    const extra = await post(t, roles.admin, 'workstreams', { code: 'KO6', title: 'Making safeguarding everyone’s business' });
    expect(extra).toMatchObject({ sortOrder: 51, description: '', leadRole: null });
    ids.KO6 = extra.id;
    const moved = await t.http().patch(`/api/v1/workstreams/${extra.id}`).set(bearer(roles.board)).send({ version: 1, sortOrder: 5 }).expect(200);
    expect(moved.body).toMatchObject({ sortOrder: 5, version: 2 });
    expect(await codes()).toEqual(['KO6', 'KO1', 'KO2', 'KO3', 'KO4', 'KO5']);
    const page = (await t.http().get(inPlan(roles.owner.planId, 'workstreams?pageSize=2&page=2')).set(bearer(roles.owner)).expect(200)).body;
    expect(page).toMatchObject({ page: 2, pageSize: 2, total: 6, items: [{ code: 'KO2' }, { code: 'KO3' }] });
  });

  it('keeps codes unique within an organisation (409 naming code), not across organisations', async () => {
    const res = await t.http().post(inPlan(roles.board.planId, 'workstreams')).set(bearer(roles.board)).send({ code: 'KO1', title: 'Again' }).expect(409);
    expect(res.body.message).toMatch(/^code: 'KO1' is already used/);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'code' })]);
    const rename = await t.http().patch(`/api/v1/workstreams/${ids.KO6}`).set(bearer(roles.board)).send({ version: 2, code: 'KO2' }).expect(409);
    expect(rename.body.details).toEqual([expect.objectContaining({ field: 'code' })]);
    await post(t, roles.stranger, 'workstreams', { code: 'KO1', title: 'Their own first outcome' });
    expect(await codes(roles.stranger)).toEqual(['KO1']);
  });

  it.each([
    ['a blank code', { code: ' ', title: 'X' }, 'code'],
    ['a code over 20 characters', { code: 'K'.repeat(21), title: 'X' }, 'code'],
    ['no title', { code: 'KO9' }, 'title'],
    ['a negative sort order', { code: 'KO9', title: 'X', sortOrder: -1 }, 'sortOrder'],
    ['a fractional sort order', { code: 'KO9', title: 'X', sortOrder: 1.5 }, 'sortOrder'],
    ['an unknown field', { code: 'KO9', title: 'X', owner: 'me' }, 'owner'],
  ])('refuses %s (400 naming the field)', async (_, body, field) => {
    expectInvalidField(await t.http().post(inPlan(roles.board.planId, 'workstreams')).set(bearer(roles.board)).send(body), field);
  });

  it('refuses null for required fields on update, and a stale version with the current one', async () => {
    const url = `/api/v1/workstreams/${ids.KO3}`;
    expectInvalidField(await t.http().patch(url).set(bearer(roles.board)).send({ version: 1, title: null }), 'title');
    expectInvalidField(await t.http().patch(url).set(bearer(roles.board)).send({ version: 1, sortOrder: null }), 'sortOrder');
    expectInvalidField(await t.http().patch(url).set(bearer(roles.board)).send({ title: 'No version' }), 'version');
    await t.http().patch(url).set(bearer(roles.board)).send({ version: 1, leadRole: 'Head of Digital' }).expect(200);
    const stale = await t.http().patch(url).set(bearer(roles.admin)).send({ version: 1, leadRole: 'Someone else' }).expect(409);
    expect(stale.body).toMatchObject({ statusCode: 409, details: { currentVersion: 2 } });
    const cleared = await t.http().patch(url).set(bearer(roles.admin)).send({ version: 2, leadRole: null }).expect(200);
    expect(cleared.body).toMatchObject({ leadRole: null, version: 3 });
  });

  it('admin and board write; owner reads; scrutiny 403 on lists, 404 on rows; another organisation 404', async () => {
    let n = 0;
    await expectPlanPermissions(t, roles, {
      path: 'workstreams',
      id: ids.KO1,
      createBody: () => ({ code: `M${++n}`, title: `Matrix ${n}` }),
      updateBody: (version) => ({ version, description: `Matrix ${++n}` }),
    });
  });

  it('refuses to delete a workstream its actions belong to (409 naming them); an empty one goes, audited', async () => {
    const reg = await regulatorIds(t, roles.board);
    const inspection = await post(t, roles.board, 'inspections', seed002InspectionBody(reg.cqc));
    const finding = await post(t, roles.board, 'findings', { inspectionId: inspection.id, reference: 'QS-SAFE-1', title: 'Safeguarding', type: 'area_for_priority_action' });
    const action = await seedAction(t.dataSource, orgA.id, { inspectionId: inspection.id, findingId: finding.id, workstreamId: ids.KO1 }, { ownerId: roles.owner.id, reference: 'A1.1' });

    const res = await t.http().delete(`/api/v1/workstreams/${ids.KO1}`).set(bearer(roles.board)).expect(409);
    expect(res.body.message).toBe('workstream KO1 has action A1.1; remove or move them first');
    expect(res.body.details.dependents).toEqual([{ entityType: 'action', count: 1, items: [{ id: action.id, label: 'A1.1' }] }]);
    await t.http().get(`/api/v1/workstreams/${ids.KO1}`).set(bearer(roles.board)).expect(200);

    await t.http().delete(`/api/v1/workstreams/${ids.KO6}`).set(bearer(roles.admin)).expect(204);
    expect(await codes()).toEqual(['KO1', 'KO2', 'KO3', 'KO4', 'KO5']);
    const audit = await auditOf(t, roles.board, 'workstream', ids.KO6);
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ['create', roles.admin.id],
      ['update', roles.board.id],
      ['delete', roles.admin.id],
    ]);
    expect(audit[1].changes).toEqual({ sortOrder: { before: 51, after: 5 } });
    expect(audit[2].changes).toMatchObject({ code: { before: 'KO6', after: null } });
  });
});
