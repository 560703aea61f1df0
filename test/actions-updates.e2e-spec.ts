import { ProgressUpdateEntity } from '../src/actions/entities/progress-update.entity';
import { actionBody, createAction } from './support/actions-fixtures';
import { PlanFixture, seedPlanBasics } from './support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser } from './support/test-app';

describe('progress updates: /actions/:id/updates (append-only)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let plan: PlanFixture;

  beforeAll(async () => {
    t = await TestApp.start(); // London today: 2026-11-23
    org = await t.createOrganisation('St Helens Council');
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner', { jobTitle: 'Head of Quality Assurance' });
    plan = await seedPlanBasics(t.dataSource, org.id);
  });

  afterAll(() => t.close());

  const updates = (id: string) => `/api/v1/actions/${id}/updates`;
  const countUpdates = (actionId: string) => t.dataSource.getRepository(ProgressUpdateEntity).countBy({ actionId });
  const audit = async (entityType: string, entityId: string) =>
    (await t.http().get(`/api/v1/audit-events?entityType=${entityType}&entityId=${entityId}`).set(bearer(board)).expect(200)).body.items as {
      action: string;
      actorId: string;
      changes: Record<string, { before: unknown; after: unknown }>;
    }[];

  it('adds a narrative dated today, recording the status at the time, and audits it', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id, { status: 'in_progress', progressPercent: 20 }));
    const res = await t.http().post(updates(a.id)).set(bearer(owner)).send({ narrative: 'Audit tool drafted with the police.' }).expect(201);
    expect(res.body).toMatchObject({
      actionId: a.id,
      updateDate: '2026-11-23',
      narrative: 'Audit tool drafted with the police.',
      statusAtTime: 'in_progress',
      progressPercentAtTime: 20,
      author: { id: owner.id, jobTitle: 'Head of Quality Assurance' },
      actionVersion: 1,
    });
    expect(await audit('progress_update', res.body.id)).toEqual([expect.objectContaining({ action: 'create', actorId: owner.id })]);
    // No action change, no action audit beyond its creation.
    expect((await audit('action', a.id)).map((e) => e.action)).toEqual(['create']);
  });

  it('with status and progress, updates the action in the same transaction and audits both', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    const res = await t.http().post(updates(a.id)).set(bearer(owner)).send({ narrative: 'Started', status: 'in_progress', progressPercent: 15, actionVersion: 1 }).expect(201);
    expect(res.body).toMatchObject({ statusAtTime: 'in_progress', progressPercentAtTime: 15, actionVersion: 2 });
    const action = await t.http().get(`/api/v1/actions/${a.id}`).set(bearer(owner)).expect(200);
    expect(action.body).toMatchObject({ status: 'in_progress', progressPercent: 15, version: 2, latestUpdate: { id: res.body.id } });
    const actionAudit = await audit('action', a.id);
    expect(actionAudit.find((e) => e.action === 'update')).toMatchObject({ actorId: owner.id, changes: { status: { before: 'not_started', after: 'in_progress' }, progressPercent: { before: 0, after: 15 } } });
  });

  it('an owner completes their action through an update: completion stamped, progress 100', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id, { status: 'in_progress', progressPercent: 90 }));
    const res = await t.http().post(updates(a.id)).set(bearer(owner)).send({ narrative: 'All done', status: 'complete' }).expect(201);
    expect(res.body).toMatchObject({ statusAtTime: 'complete', progressPercentAtTime: 100 });
    const action = await t.http().get(`/api/v1/actions/${a.id}`).set(bearer(owner)).expect(200);
    expect(action.body).toMatchObject({ status: 'complete', completedOn: '2026-11-23', effectivenessCheckDue: '2027-02-21' });
  });

  it('a stale actionVersion is a 409 with the current version, and nothing is saved', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, title: 'Changed meanwhile' }).expect(200);
    const res = await t.http().post(updates(a.id)).set(bearer(owner)).send({ narrative: 'x', status: 'in_progress', actionVersion: 1 }).expect(409);
    expect(res.body.details).toEqual({ currentVersion: 2 });
    expect(await countUpdates(a.id)).toBe(0);
    const action = await t.http().get(`/api/v1/actions/${a.id}`).set(bearer(board)).expect(200);
    expect(action.body).toMatchObject({ status: 'not_started', version: 2 });
  });

  it('a status rule broken by an update saves neither the update nor the change', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id, { status: 'in_progress' }));
    const res = await t.http().post(updates(a.id)).set(bearer(owner)).send({ narrative: 'Embedded!', status: 'embedded' }).expect(400);
    expect(res.body.details[0].field).toBe('status');
    expect(await countUpdates(a.id)).toBe(0);
  });

  it('two updates at once with the same actionVersion: one 201, one 409; without a version both are kept', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    const [r1, r2] = await Promise.all([
      t.http().post(updates(a.id)).set(bearer(owner)).send({ narrative: 'Owner', progressPercent: 10, actionVersion: 1 }),
      t.http().post(updates(a.id)).set(bearer(board)).send({ narrative: 'Board', progressPercent: 20, actionVersion: 1 }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([201, 409]);
    expect(await countUpdates(a.id)).toBe(1);
    const [r3, r4] = await Promise.all([
      t.http().post(updates(a.id)).set(bearer(owner)).send({ narrative: 'A', progressPercent: 30 }),
      t.http().post(updates(a.id)).set(bearer(board)).send({ narrative: 'B', progressPercent: 40 }),
    ]);
    expect([r3.status, r4.status]).toEqual([201, 201]);
    expect([r3.body.actionVersion, r4.body.actionVersion].sort()).toEqual([3, 4]);
    expect(await countUpdates(a.id)).toBe(3);
  });

  it('validates narrative (1-5000 chars), updateDate (a real date, not in the future), progress', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    const cases: [Record<string, unknown>, string][] = [
      [{ narrative: '' }, 'narrative'],
      [{ narrative: 'x'.repeat(5001) }, 'narrative'],
      [{}, 'narrative'],
      [{ narrative: 'x', updateDate: '2026-11-24' }, 'updateDate'],
      [{ narrative: 'x', updateDate: '2026-13-01' }, 'updateDate'],
      [{ narrative: 'x', progressPercent: -1 }, 'progressPercent'],
      [{ narrative: 'x', status: 'done' }, 'status'],
      [{ narrative: 'x', authorId: owner.id }, 'authorId'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http().post(updates(a.id)).set(bearer(owner)).send(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    await t.http().post(updates(a.id)).set(bearer(owner)).send({ narrative: 'x'.repeat(5000), updateDate: '2026-11-01' }).expect(201);
  });

  it('lists newest first (by the date the update speaks for, then when written), paginated', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    for (const [narrative, updateDate] of [
      ['September', '2026-09-30'],
      ['November, first', '2026-11-20'],
      ['October', '2026-10-31'],
      ['November, second', '2026-11-20'],
    ]) {
      await t.http().post(updates(a.id)).set(bearer(owner)).send({ narrative, updateDate }).expect(201);
    }
    const res = await t.http().get(`${updates(a.id)}?pageSize=3`).set(bearer(board)).expect(200);
    expect(res.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(res.body.items.map((u: { narrative: string }) => u.narrative)).toEqual(['November, second', 'November, first', 'October']);
    const p2 = await t.http().get(`${updates(a.id)}?pageSize=3&page=2`).set(bearer(board)).expect(200);
    expect(p2.body.items.map((u: { narrative: string }) => u.narrative)).toEqual(['September']);
  });

  it('are never edited or deleted (405), for anyone', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    const u = await t.http().post(updates(a.id)).set(bearer(owner)).send({ narrative: 'Keep me' }).expect(201);
    const edit = await t.http().patch(`${updates(a.id)}/${u.body.id}`).set(bearer(org.admin)).send({ narrative: 'Rewritten' }).expect(405);
    expect(edit.body.message).toMatch(/never edited or deleted/);
    await t.http().delete(`${updates(a.id)}/${u.body.id}`).set(bearer(board)).expect(405);
    const list = await t.http().get(updates(a.id)).set(bearer(board)).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: u.body.id, narrative: 'Keep me' })]);
  });
});
