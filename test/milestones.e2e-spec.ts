import { EvidenceEntity } from '../src/evidence/entities/evidence.entity';
import { actionBody, createAction } from './support/actions-fixtures';
import { PlanFixture, seedPlanBasics } from './support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser } from './support/test-app';

describe('milestones: /actions/:id/milestones', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let otherOwner: TestUser;
  let plan: PlanFixture;

  beforeAll(async () => {
    t = await TestApp.start(); // London today: 2026-11-23
    org = await t.createOrganisation('Halton Borough Council');
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner');
    otherOwner = await t.createUser(org, 'owner');
    plan = await seedPlanBasics(t.dataSource, org.id);
  });

  afterAll(() => t.close());

  const base = (id: string) => `/api/v1/actions/${id}/milestones`;
  const auditFor = async (entityId: string) =>
    (await t.http().get(`/api/v1/audit-events?entityType=milestone&entityId=${entityId}`).set(bearer(board)).expect(200)).body.items as {
      action: string;
      actorId: string;
      changes: Record<string, { before: unknown; after: unknown }>;
    }[];

  it('adds milestones in order, lists them in plan order, and audits each', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id, { milestones: [{ title: 'First', dueDate: '2026-05-31' }] }));
    const second = await t.http().post(base(a.id)).set(bearer(board)).send({ title: 'Second', dueDate: '2026-03-31' }).expect(201);
    expect(second.body).toMatchObject({ actionId: a.id, title: 'Second', sortOrder: 1, completedOn: null, allowAfterActionDue: false, version: 1 });
    await t.http().post(base(a.id)).set(bearer(board)).send({ title: 'Zeroth', dueDate: '2026-02-28', sortOrder: 0, completedOn: '2026-02-20' }).expect(201);
    const list = await t.http().get(`${base(a.id)}?pageSize=2`).set(bearer(owner)).expect(200);
    expect(list.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    // sortOrder first, then due date.
    expect(list.body.items.map((m: { title: string }) => m.title)).toEqual(['Zeroth', 'First']);
    const page2 = await t.http().get(`${base(a.id)}?pageSize=2&page=2`).set(bearer(owner)).expect(200);
    expect(page2.body.items.map((m: { title: string }) => m.title)).toEqual(['Second']);
    expect(await auditFor(second.body.id)).toEqual([expect.objectContaining({ action: 'create', actorId: board.id })]);
  });

  it("refuses a due date after the action's unless allowed (400 naming dueDate)", async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id, { dueDate: '2026-12-31' }));
    const res = await t.http().post(base(a.id)).set(bearer(board)).send({ title: 'Late', dueDate: '2027-01-15' }).expect(400);
    expect(res.body.details).toEqual([{ field: 'dueDate', messages: [expect.stringMatching(/after the action's due date 2026-12-31/)] }]);
    const allowed = await t.http().post(base(a.id)).set(bearer(board)).send({ title: 'Late', dueDate: '2027-01-15', allowAfterActionDue: true }).expect(201);
    // Taking the leave away again is refused while the date is still after the action's.
    const back = await t.http().patch(`${base(a.id)}/${allowed.body.id}`).set(bearer(board)).send({ version: 1, allowAfterActionDue: false }).expect(400);
    expect(back.body.details[0].field).toBe('allowAfterActionDue');
    const moved = await t.http().patch(`${base(a.id)}/${allowed.body.id}`).set(bearer(board)).send({ version: 1, dueDate: '2027-02-01', allowAfterActionDue: true }).expect(200);
    expect(moved.body.dueDate).toBe('2027-02-01');
    const m = await t.http().post(base(a.id)).set(bearer(board)).send({ title: 'On time', dueDate: '2026-12-31' }).expect(201);
    const late = await t.http().patch(`${base(a.id)}/${m.body.id}`).set(bearer(board)).send({ version: 1, dueDate: '2027-01-01' }).expect(400);
    expect(late.body.details[0].field).toBe('dueDate');
  });

  it('refuses a completion date in the future by London time (400 naming completedOn)', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    const m = await t.http().post(base(a.id)).set(bearer(board)).send({ title: 'M', dueDate: '2026-12-01' }).expect(201);
    let res = await t.http().patch(`${base(a.id)}/${m.body.id}`).set(bearer(owner)).send({ version: 1, completedOn: '2026-11-24' }).expect(400);
    expect(res.body.details[0].field).toBe('completedOn');
    res = await t.http().post(base(a.id)).set(bearer(board)).send({ title: 'M2', dueDate: '2026-12-01', completedOn: '2026-11-24' }).expect(400);
    expect(res.body.details[0].field).toBe('completedOn');
    // 23:30 UTC on 23 November is still 23 November in London (GMT); 23:30 UTC on 31 May is 1 June (BST).
    t.clock.set('2026-05-31T23:30:00Z');
    try {
      await t.http().patch(`${base(a.id)}/${m.body.id}`).set(bearer(owner)).send({ version: 1, completedOn: '2026-06-01' }).expect(200);
      await t.http().patch(`${base(a.id)}/${m.body.id}`).set(bearer(owner)).send({ version: 2, completedOn: '2026-06-02' }).expect(400);
    } finally {
      t.clock.set('2026-11-23T10:00:00Z');
    }
    res = await t.http().patch(`${base(a.id)}/${m.body.id}`).set(bearer(owner)).send({ version: 2, completedOn: 'yesterday' }).expect(400);
    expect(res.body.details[0].field).toBe('completedOn');
  });

  it('an owner completes a milestone of their own action, and cannot touch another owner\'s', async () => {
    const mine = await createAction(t, board, actionBody(plan, owner.id, { milestones: [{ title: 'Mine', dueDate: '2026-06-30' }] }));
    const theirs = await createAction(t, board, actionBody(plan, otherOwner.id, { milestones: [{ title: 'Theirs', dueDate: '2026-06-30' }] }));
    const done = await t.http().patch(`${base(mine.id)}/${mine.milestones[0].id}`).set(bearer(owner)).send({ version: 1, completedOn: '2026-06-28' }).expect(200);
    expect(done.body).toMatchObject({ completedOn: '2026-06-28', version: 2 });
    const audit = await auditFor(mine.milestones[0].id);
    expect(audit.find((e) => e.action === 'update')).toMatchObject({ actorId: owner.id, changes: { completedOn: { before: null, after: '2026-06-28' } } });

    const refused = await t.http().patch(`${base(theirs.id)}/${theirs.milestones[0].id}`).set(bearer(owner)).send({ version: 1, completedOn: '2026-06-28' }).expect(403);
    expect(refused.body.message).toBe('you can only update actions you own');
    // A milestone id under the wrong action is not found, even for the board.
    await t.http().patch(`${base(theirs.id)}/${mine.milestones[0].id}`).set(bearer(board)).send({ version: 2, completedOn: null }).expect(404);
    const list = await t.http().get(base(theirs.id)).set(bearer(board)).expect(200);
    expect(list.body.items[0]).toMatchObject({ completedOn: null, version: 1 });
  });

  it('stale versions: 409 with the current version, and two parallel PATCHes give one 200 and one 409', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id, { milestones: [{ title: 'M', dueDate: '2026-06-30' }] }));
    const id = a.milestones[0].id;
    await t.http().patch(`${base(a.id)}/${id}`).set(bearer(board)).send({ version: 1, title: 'One' }).expect(200);
    const stale = await t.http().patch(`${base(a.id)}/${id}`).set(bearer(board)).send({ version: 1, title: 'Two' }).expect(409);
    expect(stale.body.details).toEqual({ currentVersion: 2 });
    const [r1, r2] = await Promise.all([
      t.http().patch(`${base(a.id)}/${id}`).set(bearer(board)).send({ version: 2, title: 'Board' }),
      t.http().patch(`${base(a.id)}/${id}`).set(bearer(owner)).send({ version: 2, completedOn: '2026-06-01' }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    expect((r1.status === 409 ? r1 : r2).body.details).toEqual({ currentVersion: 3 });
  });

  it('deletes a milestone without evidence; refuses (409) one with evidence attached', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id, { milestones: [{ title: 'Plain', dueDate: '2026-06-30' }, { title: 'Evidenced', dueDate: '2026-07-31' }] }));
    const [plain, evidenced] = a.milestones;
    await t.dataSource.getRepository(EvidenceEntity).save({
      organisationId: org.id, actionId: a.id, milestoneId: evidenced.id, title: 'Training register', fileName: 'r.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sizeBytes: 5, sha256: 'c'.repeat(64), storageKey: 'k', uploadedById: owner.id, uploadedAt: new Date(),
    });
    const res = await t.http().delete(`${base(a.id)}/${evidenced.id}`).set(bearer(board)).expect(409);
    expect(res.body.message).toBe('Milestone "Evidenced" has evidence item Training register; remove or move them first');
    expect(res.body.details.dependents).toEqual([{ entityType: 'evidence item', count: 1, items: [{ id: expect.any(String), label: 'Training register' }] }]);
    await t.http().delete(`${base(a.id)}/${plain.id}`).set(bearer(board)).expect(204);
    await t.http().delete(`${base(a.id)}/${plain.id}`).set(bearer(board)).expect(404);
    expect((await auditFor(plain.id)).map((e) => e.action).sort()).toEqual(['create', 'delete']);
    const list = await t.http().get(base(a.id)).set(bearer(board)).expect(200);
    expect(list.body.items.map((m: { title: string }) => m.title)).toEqual(['Evidenced']);
  });

  it('validates the body: title, dates, unknown fields, version', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id, { milestones: [{ title: 'M', dueDate: '2026-06-30' }] }));
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '', dueDate: '2026-06-30' }, 'title'],
      [{ title: 'x', dueDate: '30/06/2026' }, 'dueDate'],
      [{ title: 'x' }, 'dueDate'],
      [{ title: 'x', dueDate: '2026-06-30', version: 3 }, 'version'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http().post(base(a.id)).set(bearer(board)).send(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const noVersion = await t.http().patch(`${base(a.id)}/${a.milestones[0].id}`).set(bearer(board)).send({ title: 'x' }).expect(400);
    expect(noVersion.body.details[0].field).toBe('version');
    const nullTitle = await t.http().patch(`${base(a.id)}/${a.milestones[0].id}`).set(bearer(board)).send({ version: 1, title: null }).expect(400);
    expect(nullTitle.body.details[0].field).toBe('title');
    await t.http().patch(`${base(a.id)}/not-a-uuid`).set(bearer(board)).send({ version: 1 }).expect(400);
  });
});
