import { loadConfig } from '../src/config/app-config';
import { bearer, TestApp, TestOrganisation, TestUser, inPlan } from './support/test-app';

const directive = (policy: string, name: string) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';

/** What the API shows to whom by default (issue 11, "Production defaults"). */
describe('exposure defaults (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation();
    board = await t.createUser(org, 'board');
  });

  afterAll(() => t.close());

  it('OPENAPI_ENABLED: on by default in development and test, off in production, and settable either way', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DATABASE_URL: 'postgres://a:b@db/x', WEB_SESSION_SECRET: 's'.repeat(40), UNSUBSCRIBE_SECRET: 'u'.repeat(40) };
    expect(loadConfig({ NODE_ENV: 'development' }).OPENAPI_ENABLED).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).OPENAPI_ENABLED).toBe(true);
    expect(loadConfig(prod).OPENAPI_ENABLED).toBe(false);
    expect(loadConfig({ ...prod, OPENAPI_ENABLED: 'true' }).OPENAPI_ENABLED).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', OPENAPI_ENABLED: 'false' }).OPENAPI_ENABLED).toBe(false);
  });

  it('readiness without a token says only up or down; queue statistics need an admin', async () => {
    const ready = await t.http().get('/api/v1/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' }, queues: { status: 'up' } }, error: {} });
    await t.http().get('/api/v1/health/ready/details').expect(401);
    const asBoard = await t.http().get('/api/v1/health/ready/details').set(bearer(board));
    expect([asBoard.status, asBoard.body]).toEqual([403, expect.anything()]);
    const details = await t.http().get('/api/v1/health/ready/details').set(bearer(org.admin)).expect(200);
    expect(details.body.info.queues.maintenance).toHaveProperty('workers');
  });

  it("unsafe-inline only on the docs route; the API's CSP allows nothing", async () => {
    const api = await t.http().get('/api/v1/auth/me').set(bearer(board)).expect(200);
    const apiPolicy = String(api.headers['content-security-policy']);
    expect(apiPolicy).not.toMatch(/unsafe-inline/);
    expect(directive(apiPolicy, 'default-src')).toBe("default-src 'none'");
    const docs = await t.http().get('/api/docs').redirects(1).expect(200);
    expect(directive(String(docs.headers['content-security-policy']), 'script-src')).toMatch(/unsafe-inline/);
  });

  it('authenticated JSON, and the login answer with its token, are Cache-Control: no-store', async () => {
    expect((await t.http().get('/api/v1/auth/me').set(bearer(board)).expect(200)).headers['cache-control']).toBe('no-store');
    expect((await t.http().get(inPlan(board.planId, 'actions')).set(bearer(board)).expect(200)).headers['cache-control']).toBe('no-store');
    expect((await t.http().post('/api/v1/auth/login').send({ email: org.admin.email, password: 'wrong-password' }).expect(401)).headers['cache-control']).toBe('no-store');
  });

  // Last: it starts a second app in this process (each app checks bearer tokens with its own JwtStrategy).
  it('with OPENAPI_ENABLED=false neither the UI nor the JSON is served', async () => {
    const off = await TestApp.start({ env: { OPENAPI_ENABLED: 'false' } });
    try {
      expect((await off.http().get('/api/docs-json')).status).toBe(404);
      expect((await off.http().get('/api/docs')).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
