import { auditOf } from './support/inspections-api';
import { bearer, TestApp, TestOrganisation, TestPlan, TestUser } from './support/test-app';

/**
 * Issue 12, committees and meetings: a plan's committees and their meeting calendar, with papers
 * deadlines counted on the England and Wales working-day calendar, and who may see and change them.
 */
describe('committees and meetings (real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let other: TestOrganisation;
  let planB: TestPlan;
  let board: TestUser;
  let owner: TestUser;
  let scrutiny: TestUser;
  let boardOfB: TestUser;
  let stranger: TestUser;
  const ids: Record<string, string> = {};
  const http = () => t.http();
  const plan = () => `/api/v1/plans/${org.planId}`;

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Wigan Council');
    other = await t.createOrganisation('Warrington Borough Council');
    planB = await t.createPlan(org, { title: "Children's services improvement plan" });
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner');
    scrutiny = await t.createUser(org, 'scrutiny');
    boardOfB = await t.createUser(org, 'board', { planId: planB.id });
    stranger = await t.createUser(other, 'board');
  });

  afterAll(() => t.close());

  it('the board adds committees of both audiences; the name is unique in the plan (409 naming it)', async () => {
    const improvement = await http().post(`${plan()}/committees`).set(bearer(board)).send({ name: 'Adult Social Care Improvement Board', audience: 'board' }).expect(201);
    expect(improvement.body).toMatchObject({ name: 'Adult Social Care Improvement Board', audience: 'board', planId: org.planId, version: 1 });
    ids.board = improvement.body.id;
    ids.scrutiny = (await http().post(`${plan()}/committees`).set(bearer(org.admin)).send({ name: 'Scrutiny Committee', audience: 'scrutiny' }).expect(201)).body.id;
    const taken = await http().post(`${plan()}/committees`).set(bearer(board)).send({ name: 'scrutiny committee', audience: 'board' }).expect(409);
    expect(taken.body).toMatchObject({ code: 'committee_name_taken', details: [{ field: 'name' }] });
    const bad = await http().post(`${plan()}/committees`).set(bearer(board)).send({ name: 'X', audience: 'cabinet' }).expect(400);
    expect(JSON.stringify(bad.body.details)).toContain('audience');
    // Another plan's board member cannot add to this plan: they hold no role in it (404).
    await http().post(`${plan()}/committees`).set(bearer(boardOfB)).send({ name: 'Theirs', audience: 'board' }).expect(404);
    await http().post(`${plan()}/committees`).set(bearer(owner)).send({ name: 'Mine', audience: 'board' }).expect(403);
  });

  it('a meeting on Tuesday 5 May 2026 has its papers due on Monday 27 April: the early May bank holiday (4 May) is not a working day', async () => {
    const res = await http().post(`${plan()}/meetings`).set(bearer(board)).send({ committeeId: ids.board, meetsOn: '2026-05-05', startsAt: '14:00', venue: 'Town Hall' }).expect(201);
    expect(res.body).toMatchObject({
      meetsOn: '2026-05-05',
      startsAt: '14:00',
      venue: 'Town Hall',
      papersDeadline: '2026-04-27',
      papersDeadlineSet: false,
      cancelled: false,
      committee: { id: ids.board, name: 'Adult Social Care Improvement Board', audience: 'board' },
    });
    ids.boardMay = res.body.id;
    // Moving the meeting moves a deadline that follows the rule: 12 May 2026 (no holiday) -> 5 May.
    const moved = await http().patch(`/api/v1/meetings/${ids.boardMay}`).set(bearer(board)).send({ version: 1, meetsOn: '2026-05-12' }).expect(200);
    expect(moved.body).toMatchObject({ meetsOn: '2026-05-12', papersDeadline: '2026-05-05', papersDeadlineSet: false, version: 2 });
    // A deadline set by hand stays when the meeting moves, until put back to the rule with null.
    const set = await http().patch(`/api/v1/meetings/${ids.boardMay}`).set(bearer(board)).send({ version: 2, papersDeadline: '2026-05-01' }).expect(200);
    expect(set.body).toMatchObject({ papersDeadline: '2026-05-01', papersDeadlineSet: true });
    const back = await http().patch(`/api/v1/meetings/${ids.boardMay}`).set(bearer(board)).send({ version: 3, meetsOn: '2026-05-05', papersDeadline: null }).expect(200);
    expect(back.body).toMatchObject({ meetsOn: '2026-05-05', papersDeadline: '2026-04-27', papersDeadlineSet: false, version: 4 });
    const audit = await auditOf(t, board, 'meeting', ids.boardMay);
    expect(audit.map((e) => e.action)).toEqual(['create', 'update', 'update', 'update']);
    expect(audit[1].changes.meetsOn).toEqual({ before: '2026-05-05', after: '2026-05-12' });
  });

  it.each([
    ['a papers deadline after the meeting', { meetsOn: '2026-06-02', papersDeadline: '2026-06-03' }, 'papersDeadline', 'papers_deadline_after_meeting'],
    ['a time that is not HH:MM', { meetsOn: '2026-06-02', startsAt: '7pm' }, 'startsAt', 'validation_failed'],
    ['a date that is not a date', { meetsOn: '2026-02-30' }, 'meetsOn', 'validation_failed'],
    ['a committee of another plan', { meetsOn: '2026-06-02', committeeId: '00000000-0000-4000-8000-000000000000' }, 'committeeId', 'committee_not_in_plan'],
  ])('refuses %s (400 naming the field)', async (_, body, field, code) => {
    const res = await http().post(`${plan()}/meetings`).set(bearer(board)).send({ committeeId: ids.board, ...body }).expect(400);
    expect(res.body.code).toBe(code);
    expect(JSON.stringify(res.body.details)).toContain(field);
  });

  it('lists meetings in date order, filtered by committee and from a date', async () => {
    ids.scrutinyJune = (await http().post(`${plan()}/meetings`).set(bearer(board)).send({ committeeId: ids.scrutiny, meetsOn: '2026-06-16', startsAt: '18:30' }).expect(201)).body.id;
    ids.boardJuly = (await http().post(`${plan()}/meetings`).set(bearer(board)).send({ committeeId: ids.board, meetsOn: '2026-07-07' }).expect(201)).body.id;
    const all = (await http().get(`${plan()}/meetings`).set(bearer(owner)).expect(200)).body;
    expect(all.items.map((m: { meetsOn: string }) => m.meetsOn)).toEqual(['2026-05-05', '2026-06-16', '2026-07-07']);
    const ofBoard = (await http().get(`${plan()}/meetings?committeeId=${ids.board}&from=2026-05-06`).set(bearer(board)).expect(200)).body;
    expect(ofBoard.items.map((m: { id: string }) => m.id)).toEqual([ids.boardJuly]);
    const committees = (await http().get(`${plan()}/committees`).set(bearer(owner)).expect(200)).body;
    expect(committees.items.map((c: { name: string }) => c.name)).toEqual(['Adult Social Care Improvement Board', 'Scrutiny Committee']);
  });

  it('owners read but do not edit; scrutiny members read scrutiny committees and meetings only; others get 404', async () => {
    await http().get(`/api/v1/meetings/${ids.boardMay}`).set(bearer(owner)).expect(200);
    await http().patch(`/api/v1/meetings/${ids.boardMay}`).set(bearer(owner)).send({ version: 4, venue: 'Elsewhere' }).expect(403);
    await http().delete(`/api/v1/meetings/${ids.boardMay}`).set(bearer(owner)).expect(403);

    const seen = (await http().get(`${plan()}/meetings`).set(bearer(scrutiny)).expect(200)).body;
    expect(seen.items.map((m: { id: string }) => m.id)).toEqual([ids.scrutinyJune]);
    expect((await http().get(`${plan()}/committees`).set(bearer(scrutiny)).expect(200)).body.items.map((c: { id: string }) => c.id)).toEqual([ids.scrutiny]);
    await http().get(`/api/v1/meetings/${ids.scrutinyJune}`).set(bearer(scrutiny)).expect(200);
    await http().get(`/api/v1/meetings/${ids.boardMay}`).set(bearer(scrutiny)).expect(404);
    await http().get(`/api/v1/committees/${ids.board}`).set(bearer(scrutiny)).expect(404);
    await http().patch(`/api/v1/meetings/${ids.scrutinyJune}`).set(bearer(scrutiny)).send({ version: 1, venue: 'Elsewhere' }).expect(403);

    for (const user of [boardOfB, stranger]) {
      await http().get(`/api/v1/meetings/${ids.boardMay}`).set(bearer(user)).expect(404);
      await http().get(`/api/v1/committees/${ids.board}`).set(bearer(user)).expect(404);
      await http().patch(`/api/v1/meetings/${ids.boardMay}`).set(bearer(user)).send({ version: 4, venue: 'Elsewhere' }).expect(404);
      await http().delete(`/api/v1/committees/${ids.board}`).set(bearer(user)).expect(404);
    }
    await http().get(`${plan()}/meetings`).set(bearer(boardOfB)).expect(404);
    await http().get(`${plan()}/meetings`).set(bearer(stranger)).expect(404);
  });

  it('a committee with meetings is not deleted (409 naming them); cancelling and deleting a meeting are audited', async () => {
    const refused = await http().delete(`/api/v1/committees/${ids.scrutiny}`).set(bearer(board)).expect(409);
    expect(refused.body.code).toBe('has_dependents');
    expect(refused.body.message).toContain('16 June 2026');
    const cancelled = await http().patch(`/api/v1/meetings/${ids.scrutinyJune}`).set(bearer(board)).send({ version: 1, cancelled: true }).expect(200);
    expect(cancelled.body.cancelled).toBe(true);
    await http().delete(`/api/v1/meetings/${ids.scrutinyJune}`).set(bearer(board)).expect(204);
    await http().get(`/api/v1/meetings/${ids.scrutinyJune}`).set(bearer(board)).expect(404);
    const renamed = await http().patch(`/api/v1/committees/${ids.scrutiny}`).set(bearer(board)).send({ version: 1, name: 'Health and Adult Social Care Scrutiny' }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Health and Adult Social Care Scrutiny', version: 2 });
    await http().delete(`/api/v1/committees/${ids.scrutiny}`).set(bearer(board)).expect(204);
    expect((await auditOf(t, board, 'meeting', ids.scrutinyJune)).map((e) => e.action)).toEqual(['create', 'update', 'delete']);
    expect((await auditOf(t, board, 'committee', ids.scrutiny)).map((e) => e.action)).toEqual(['create', 'update', 'delete']);
  });

  it('a closed plan keeps its calendar readable and refuses writes (409 plan_closed)', async () => {
    const closing = await t.createPlan(org, { title: 'Closed plan' });
    const c = (await http().post(`/api/v1/plans/${closing.id}/committees`).set(bearer(org.admin)).send({ name: 'Old Board', audience: 'board' }).expect(201)).body;
    await http().post(`/api/v1/plans/${closing.id}/close`).set(bearer(org.admin)).expect(200);
    const res = await http().post(`/api/v1/plans/${closing.id}/meetings`).set(bearer(org.admin)).send({ committeeId: c.id, meetsOn: '2026-12-01' }).expect(409);
    expect(res.body.code).toBe('plan_closed');
    await http().patch(`/api/v1/committees/${c.id}`).set(bearer(org.admin)).send({ version: 1, name: 'Renamed' }).expect(409);
    await http().get(`/api/v1/committees/${c.id}`).set(bearer(org.admin)).expect(200);
  });
});
