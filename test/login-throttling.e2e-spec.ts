import { TEST_PASSWORD, TestApp, TestOrganisation } from './support/test-app';

/** Login throttling counts failures only, answers 429 with Retry-After, and cannot be used to lock someone else out. */
describe('login throttling (real Redis)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  const LIMIT = 3;

  beforeAll(async () => {
    // Loopback is trusted as a proxy here, so X-Forwarded-For plays clients at different addresses.
    t = await TestApp.start({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'loopback' } });
    org = await t.createOrganisation();
  });

  afterAll(() => t.close());

  const login = (password: string, from: string) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ email: org.admin.email, password });

  it('successes never count', async () => {
    for (let i = 0; i < LIMIT * 3; i++) expect((await login(TEST_PASSWORD, '203.0.113.1')).status).toBe(200);
  });

  it('failures past the limit get 429 with Retry-After, also for the right password from that address', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await login('wrong-password-1', '203.0.113.2')).status).toBe(401);
    const refused = await login(TEST_PASSWORD, '203.0.113.2');
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 429, code: 'too_many_login_attempts' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.details.retryAfterSeconds).toBe(retryAfter);
  });

  it("an attacker's failures do not lock the account's owner out from their own address", async () => {
    for (let i = 0; i < LIMIT + 2; i++) await login('wrong-password-2', '198.51.100.7');
    expect((await login(TEST_PASSWORD, '198.51.100.7')).status).toBe(429);
    expect((await login(TEST_PASSWORD, '192.0.2.50')).status).toBe(200);
  });
});
