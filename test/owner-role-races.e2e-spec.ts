import type { Client } from 'pg';
import { seedPlanBasics, type PlanFixture } from './support/plan-fixtures';
import { waitedOnBy } from './support/wait-for';
import { bearer, TestApp, TestOrganisation, TestUser } from './support/test-app';

/**
 * Making someone an action's owner and taking away the role that lets them own it cannot cross.
 * Both sides lock the person's user row (FOR SHARE to make them an owner, FOR NO KEY UPDATE to take
 * a role away), so whichever comes second waits for the first to commit, then reads what it wrote.
 * Each case holds one side open in a transaction of its own (on a separate connection), starts the
 * other through the API, waits until PostgreSQL shows it waiting for that lock, then commits.
 * Before, the owner check read the membership outside the action's transaction and the removal
 * took no lock: both answered success, leaving an open action owned by someone outside the plan.
 */
describe('owner role races', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let fixture: PlanFixture;
  const http = () => t.http();

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    org = await t.createOrganisation('Sefton Council');
    board = await t.createUser(org, 'board');
    fixture = await seedPlanBasics(t.dataSource, org.id, org.planId);
  }, 60_000);

  afterAll(() => t.close());

  async function createAction(reference: string, ownerId: string): Promise<{ id: string; version: number }> {
    const res = await http()
      .post(`/api/v1/plans/${org.planId}/actions`)
      .set(bearer(board))
      .send({ reference, title: `Action ${reference}`, workstreamId: fixture.workstreamId, findingIds: [fixture.findingId], ownerId, startDate: '2026-01-05', dueDate: '2026-12-31' })
      .expect(201);
    return { id: res.body.id as string, version: res.body.version as number };
  }

  /** Runs `hold` in a transaction on its own connection, runs `request` while it is open, and commits once `request` waits for a lock. */
  async function whileHeld<T>(hold: (client: Client) => Promise<void>, request: () => Promise<T>): Promise<T> {
    return t.asOwner(async (client) => {
      await client.query('BEGIN');
      try {
        await hold(client);
        const pending = Promise.resolve().then(request);
        // The request has reached the database and waits for this transaction's lock (not a timing guess).
        const waiting = await waitedOnBy(client, 5_000);
        await client.query('COMMIT');
        const result = await pending;
        expect(waiting).toBe(true);
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  const lockUser = (client: Client, userId: string, mode: 'FOR SHARE' | 'FOR NO KEY UPDATE') => client.query(`SELECT id FROM "user" WHERE id = $1 ${mode}`, [userId]);
  /** A removal from the plan, as PlansService.removeMember does it: the user's row locked, then the membership deleted. */
  const removal = (userId: string) => async (client: Client) => {
    await lockUser(client, userId, 'FOR NO KEY UPDATE');
    await client.query('DELETE FROM plan_membership WHERE plan_id = $1 AND user_id = $2', [org.planId, userId]);
  };
  const roleIn = async (userId: string) => (await t.dataSource.query<{ role: string }[]>('SELECT role FROM plan_membership WHERE plan_id = $1 AND user_id = $2', [org.planId, userId]))[0]?.role ?? null;
  const ownerOf = async (actionId: string) => (await t.dataSource.query<{ owner_id: string }[]>('SELECT owner_id FROM action WHERE id = $1', [actionId]))[0].owner_id;

  it('an action given to someone while they are being removed from the plan: 400 naming ownerId once the removal commits', async () => {
    const leaver = await t.createUser(org, 'owner');
    const action = await createAction('R1', board.id);
    const res = await whileHeld(
      removal(leaver.id),
      () => http().patch(`/api/v1/actions/${action.id}`).set(bearer(board)).send({ ownerId: leaver.id, version: action.version }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'ownerId' }] });
    expect(await ownerOf(action.id)).toBe(board.id);
  });

  it('a member removed while an action is being given to them: 409 naming the action once that write commits; they stay', async () => {
    const newcomer = await t.createUser(org, 'owner');
    const action = await createAction('R2', board.id);
    // The assignment, as ActionsService.update does it: the owner's row held FOR SHARE, then the action written.
    const res = await whileHeld(
      async (client) => {
        await lockUser(client, newcomer.id, 'FOR SHARE');
        await client.query('UPDATE action SET owner_id = $1, version = version + 1 WHERE id = $2', [newcomer.id, action.id]);
      },
      () => http().delete(`/api/v1/plans/${org.planId}/members/${newcomer.id}`).set(bearer(org.admin)),
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'has_dependents' });
    expect(JSON.stringify(res.body)).toContain('R2');
    expect(await roleIn(newcomer.id)).toBe('owner');
  });

  it('a member made a scrutiny member, or a chief officer, while an action is being given to them: 409, their role unchanged', async () => {
    const newcomer = await t.createUser(org, 'owner');
    const action = await createAction('R3', board.id);
    const give = async (client: Client) => {
      await lockUser(client, newcomer.id, 'FOR SHARE');
      await client.query('UPDATE action SET owner_id = $1, version = version + 1 WHERE id = $2 AND owner_id <> $1', [newcomer.id, action.id]);
    };
    const scrutiny = await whileHeld(give, () => http().put(`/api/v1/plans/${org.planId}/members/${newcomer.id}`).set(bearer(org.admin)).send({ role: 'scrutiny' }));
    expect(scrutiny.status).toBe(409);
    expect(await roleIn(newcomer.id)).toBe('owner');

    await http().patch(`/api/v1/actions/${action.id}`).set(bearer(board)).send({ ownerId: board.id, version: action.version + 1 }).expect(200);
    const { version } = (await http().get(`/api/v1/users/${newcomer.id}`).set(bearer(org.admin)).expect(200)).body as { version: number };
    const chief = await whileHeld(give, () => http().patch(`/api/v1/users/${newcomer.id}`).set(bearer(org.admin)).send({ role: 'chief_officer', version }));
    expect(chief.status).toBe(409);
    expect(chief.body).toMatchObject({ code: 'has_dependents' });
    expect(await roleIn(newcomer.id)).toBe('owner');
  });

  it('a new action for someone being removed from the plan: 400 naming ownerId, nothing written', async () => {
    const leaver = await t.createUser(org, 'owner');
    const res = await whileHeld(
      removal(leaver.id),
      () =>
        http()
          .post(`/api/v1/plans/${org.planId}/actions`)
          .set(bearer(board))
          .send({ reference: 'R4', title: 'Action R4', workstreamId: fixture.workstreamId, findingIds: [fixture.findingId], ownerId: leaver.id, startDate: '2026-01-05', dueDate: '2026-12-31' }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ details: [{ field: 'ownerId' }] });
    expect(await t.dataSource.query(`SELECT id FROM action WHERE reference = 'R4'`)).toEqual([]);
  });
});
