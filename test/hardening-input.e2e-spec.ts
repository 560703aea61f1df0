import { bearer, TestApp, TestOrganisation, inPlan } from './support/test-app';

/**
 * Issue 11's classes of hostile input on the wire: each is a 400 with a code naming the field,
 * never a 500 from class-transformer or PostgreSQL.
 */
describe('hostile input is refused with a 400 naming the field (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let org: TestOrganisation;

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation();
  });

  afterAll(() => t.close());

  function expectRefused(res: { status: number; body: { code?: string; details?: { field: string }[] } }, code: string, field: string): void {
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code });
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  }

  it('a NUL byte in a body field, a nested field or a query filter: invalid_text', async () => {
    expectRefused(await t.http().post(inPlan(org.admin.planId, 'workstreams')).set(bearer(org.admin)).send({ code: 'N1', title: 'a\u0000b' }), 'invalid_text', 'title');
    expectRefused(await t.http().get(inPlan(org.admin.planId, 'actions')).query({ regulator: 'cqc\u0000' }).set(bearer(org.admin)), 'invalid_text', 'regulator');
    expectRefused(await t.http().post('/api/v1/auth/login').send({ email: 'x\u0000@example.com', password: 'p' }), 'invalid_text', 'email');
  });

  it('a lone surrogate in text (also text stored as JSON): invalid_text', async () => {
    const raw = '{"code":"S1","title":"broken \\ud800 text"}';
    expectRefused(await t.http().post(inPlan(org.admin.planId, 'workstreams')).set(bearer(org.admin)).set('Content-Type', 'application/json').send(raw), 'invalid_text', 'title');
    const json = '{"name":"CQC","code":"sg1","judgementScale":["good \\udc00"]}';
    const res = await t.http().post('/api/v1/regulators').set(bearer(org.admin)).set('Content-Type', 'application/json').send(json);
    expectRefused(res, 'invalid_text', 'judgementScale[0]');
  });

  it('deep nesting is refused before validation, without a token (login body)', async () => {
    const deep = `{"email":${'['.repeat(50_000)}${']'.repeat(50_000)},"password":"x"}`;
    const res = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send(deep);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'nesting_too_deep' });
    expect(res.body.details[0].field).toMatch(/^email/);
  });

  it('integers beyond their column: page, version, sortOrder (1e30, 2^31, -1, 1.5, NaN)', async () => {
    for (const page of ['1e30', String(2 ** 31), '-1', '1.5', 'NaN']) {
      expectRefused(await t.http().get(inPlan(org.admin.planId, 'actions')).query({ page }).set(bearer(org.admin)), 'validation_failed', 'page');
    }
    const ws = await t.http().post(inPlan(org.admin.planId, 'workstreams')).set(bearer(org.admin)).send({ code: 'I1', title: 'Ints' }).expect(201);
    for (const version of [2 ** 31, 1e30, -1, 1.5, 'NaN']) {
      expectRefused(await t.http().patch(`/api/v1/workstreams/${ws.body.id}`).set(bearer(org.admin)).send({ version, title: 'x' }), 'validation_failed', 'version');
    }
    expectRefused(await t.http().post(inPlan(org.admin.planId, 'workstreams')).set(bearer(org.admin)).send({ code: 'I2', title: 'x', sortOrder: 2 ** 31 }), 'validation_failed', 'sortOrder');
  });

  it('explicit null for an optional field whose column is NOT NULL; null still clears a nullable one', async () => {
    expectRefused(await t.http().post(inPlan(org.admin.planId, 'workstreams')).set(bearer(org.admin)).send({ code: 'Z1', title: 'x', description: null }), 'validation_failed', 'description');
    const ws = await t.http().post(inPlan(org.admin.planId, 'workstreams')).set(bearer(org.admin)).send({ code: 'Z2', title: 'x', leadRole: 'Head' }).expect(201);
    const cleared = await t.http().patch(`/api/v1/workstreams/${ws.body.id}`).set(bearer(org.admin)).send({ version: 1, leadRole: null }).expect(200);
    expect(cleared.body.leadRole).toBeNull();
    const user = await t.createUser(org, 'owner');
    expectRefused(await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(org.admin)).send({ version: 1, name: null }), 'validation_failed', 'name');
  });
  it('dates PostgreSQL cannot read (year 0, 30 February, month 13, week dates): 400 naming the field', async () => {
    const planId = org.admin.planId;
    expectRefused(await t.http().get(inPlan(planId, 'actions')).query({ dueBefore: '0000-01-01' }).set(bearer(org.admin)), 'validation_failed', 'dueBefore');
    expectRefused(await t.http().post('/api/v1/plans').set(bearer(org.admin)).send({ title: 'Year zero', targetDate: '0000-01-01' }), 'validation_failed', 'targetDate');
    for (const from of ['2026-02-30', '2026-W05', '2026-123', '2026-01-01T24:00', '0000-01-01']) {
      expectRefused(await t.http().get('/api/v1/audit-events').query({ from }).set(bearer(org.admin)), 'validation_failed', 'from');
    }
    await t.http().get('/api/v1/audit-events').query({ from: '2026-01-01', to: '2026-02-01T10:30:00Z' }).set(bearer(org.admin)).expect(200);
    expectRefused(await t.http().get(inPlan(planId, 'notifications')).query({ to: '2026-13-45' }).set(bearer(org.admin)), 'validation_failed', 'to');
    expectRefused(await t.http().get(inPlan(planId, 'notifications')).query({ from: '2026-02-30' }).set(bearer(org.admin)), 'validation_failed', 'from');
  });

  it("a plan id that is an object's built-in name ('constructor', '__proto__', 'toString'): 404, as any plan not one's own", async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const res = await t.http().get(`/api/v1/plans/${name}/workstreams`).set(bearer(org.admin));
      expect([name, res.status]).toEqual([name, 404]);
    }
  });
});
