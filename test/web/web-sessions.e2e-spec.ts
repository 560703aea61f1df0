import request from 'supertest';
import { WebSessionService } from '../../src/web/common/session/web-session.service';
import { bearer, TEST_PASSWORD, TestOrganisation } from '../support/test-app';
import { createWebUser, csrfTokenFrom, sessionCookieFrom, signInWithAgent, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

const NEW_PASSWORD = 'a-brand-new-passphrase';

/** Sessions of the web pages: sign in and out, what ends a session, lifetimes, the shared rate limit. */
describe('web sessions (supertest, real PostgreSQL and Redis)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;

  beforeAll(async () => {
    w = await startWebApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000', WEB_SESSION_IDLE_MINUTES: '30', WEB_SESSION_ABSOLUTE_HOURS: '12' } });
    org = await w.t.createOrganisation('Wigan Council');
  });

  afterAll(() => w.close());

  const http = () => request(w.t.app.getHttpServer());
  const withCookie = (path: string, cookie: string) => http().get(path).set('Cookie', cookie);
  const newUser = (role: 'board' | 'owner' = 'owner', name = 'Priya Natarajan') => createWebUser(w.t, org, role, name);
  const userVersion = async (id: string) => (await http().get(`/api/v1/users/${id}`).set(bearer(org.admin)).expect(200)).body.version as number;

  describe('signing in', () => {
    it('sets an httpOnly, SameSite=Lax browser-session cookie, with a new session id, and shows who is signed in', async () => {
      const user = await newUser('board', 'Helen Marsh');
      const agent = request.agent(w.t.app.getHttpServer());
      const form = await agent.get('/sign-in').expect(200);
      const before = sessionCookieFrom(form)!;
      const res = await agent.post('/sign-in').type('form').send({ _csrf: csrfTokenFrom(form.text), email: user.email.toUpperCase(), password: user.password }).expect(303);
      expect(res.headers.location).toBe('/');
      const setCookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('improvement_tracker_session='))!;
      expect(setCookie).toMatch(/; HttpOnly/);
      expect(setCookie).toMatch(/; SameSite=Lax/);
      expect(setCookie).not.toMatch(/; Secure/);
      expect(setCookie).not.toMatch(/Expires=|Max-Age=/);
      expect(sessionCookieFrom(res)).not.toBe(before);
      // The session id the visitor had before signing in does not become a signed-in one.
      await withCookie('/', before).expect(303);
      const home = await agent.get('/').expect(200);
      expect(home.text).toContain('Helen Marsh, Wigan Council');
      expect(home.text).toContain('You are signed in as Helen Marsh, improvement board member.');
    });

    it('goes back to the page the user asked for, but never off the site', async () => {
      const user = await newUser();
      const agent = request.agent(w.t.app.getHttpServer());
      const form = await agent.get('/sign-in?returnTo=%2Faccount%2Fpassword').expect(200);
      expect(form.text).toContain('name="returnTo" value="/account/password"');
      const res = await agent.post('/sign-in').type('form').send({ _csrf: csrfTokenFrom(form.text), email: user.email, password: user.password, returnTo: '/account/password' }).expect(303);
      expect(res.headers.location).toBe('/account/password');
      const evil = request.agent(w.t.app.getHttpServer());
      const form2 = await evil.get('/sign-in?returnTo=//evil.example').expect(200);
      expect(form2.text).not.toContain('evil.example');
      const res2 = await evil.post('/sign-in').type('form').send({ _csrf: csrfTokenFrom(form2.text), email: user.email, password: user.password, returnTo: '//evil.example/x' }).expect(303);
      expect(res2.headers.location).toBe('/');
    });

    it('names each missing field, and gives one answer for a wrong password, an unknown email and a deactivated user', async () => {
      const agent = request.agent(w.t.app.getHttpServer());
      const token = csrfTokenFrom((await agent.get('/sign-in')).text);
      const empty = await agent.post('/sign-in').type('form').send({ _csrf: token, email: '', password: '' }).expect(400);
      expect(empty.text).toContain('<title>Error: Sign in - Improvement tracker</title>');
      expect(empty.text).toContain('There is a problem');
      expect(empty.text).toMatch(/<a href="#email">Enter your email address<\/a>/);
      expect(empty.text).toMatch(/<a href="#password">Enter your password<\/a>/);
      expect(empty.text).toMatch(/id="email-error"[\s\S]*Enter your email address/);

      const user = await newUser();
      const wrong = await agent.post('/sign-in').type('form').send({ _csrf: token, email: user.email, password: 'not-the-password' }).expect(400);
      const unknown = await agent.post('/sign-in').type('form').send({ _csrf: token, email: 'nobody@example.gov.uk', password: 'not-the-password' }).expect(400);
      const message = 'Your email address or password is incorrect';
      expect(wrong.text).toContain(message);
      expect(unknown.text).toContain(message);
      expect(wrong.text).toContain(`value="${user.email}"`);
      expect(wrong.text).not.toContain('not-the-password');

      // Longer than any address or password can be: refused before the password check, and never echoed back whole.
      const huge = await agent.post('/sign-in').type('form').send({ _csrf: token, email: `${'a'.repeat(200_000)}@example.gov.uk`, password: 'x' }).expect(400);
      expect(huge.text).toContain('Email address must be 320 characters or fewer');
      expect(huge.text.length).toBeLessThan(50_000);
      const long = await agent.post('/sign-in').type('form').send({ _csrf: token, email: user.email, password: 'p'.repeat(201) }).expect(400);
      expect(long.text).toContain('Password must be 200 characters or fewer');
    });
  });

  describe('what ends a session', () => {
    it('signing out: the cookie is refused afterwards', async () => {
      const user = await newUser();
      const { agent, cookie } = await signInWithAgent(w.t, user.email);
      const home = await agent.get('/').expect(200);
      const out = await agent.post('/sign-out').type('form').send({ _csrf: csrfTokenFrom(home.text) }).expect(303);
      expect(out.headers.location).toBe('/sign-in?signedOut=1');
      expect(([] as string[]).concat(out.headers['set-cookie']).join()).toMatch(/improvement_tracker_session=;/);
      const res = await withCookie('/account', cookie).expect(303);
      expect(res.headers.location).toBe('/sign-in?returnTo=%2Faccount');
      expect((await http().get('/sign-in?signedOut=1')).text).toContain('You have signed out');
    });

    it("changing one's password: the old session and the old bearer token are refused, the new session works", async () => {
      const user = await newUser();
      const oldToken = await w.t.login(user.email);
      const other = await signInWithAgent(w.t, user.email);
      const { agent, cookie } = await signInWithAgent(w.t, user.email);
      const form = await agent.get('/account/password').expect(200);
      const res = await agent
        .post('/account/password')
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
        .expect(303);
      expect(res.headers.location).toBe('/account');
      const account = await agent.get('/account').expect(200);
      expect(account.text).toContain('Your password has been changed');
      expect(sessionCookieFrom(res)).not.toBe(cookie);
      await withCookie('/account', cookie).expect(303);
      await withCookie('/account', other.cookie).expect(303);
      await http().get('/api/v1/auth/me').set(bearer({ token: oldToken })).expect(401);
      await w.t.login(user.email, NEW_PASSWORD);
      // The flash message was shown once.
      expect((await agent.get('/account').expect(200)).text).not.toContain('Your password has been changed');
    });

    it('refuses a wrong current password, a short or unchanged new one, and a mismatched confirmation, naming the field', async () => {
      const user = await newUser();
      const { agent } = await signInWithAgent(w.t, user.email);
      const token = csrfTokenFrom((await agent.get('/account/password')).text);
      const post = (body: Record<string, string>) => agent.post('/account/password').type('form').send({ _csrf: token, ...body });
      const wrong = await post({ currentPassword: 'not-my-password', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(400);
      expect(wrong.text).toMatch(/<a href="#currentPassword">Your current password is incorrect<\/a>/);
      const short = await post({ currentPassword: TEST_PASSWORD, newPassword: 'too-short', confirmPassword: 'too-short' }).expect(400);
      expect(short.text).toMatch(/<a href="#newPassword">Your new password must be 12 characters or more<\/a>/);
      const same = await post({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }).expect(400);
      expect(same.text).toContain('Your new password must be different from your current password');
      const mismatch = await post({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: 'something-else-entirely' }).expect(400);
      expect(mismatch.text).toMatch(/<a href="#confirmPassword">The passwords do not match<\/a>/);
      for (const res of [wrong, short, same, mismatch]) expect(res.text).not.toMatch(/value="[^"]*(not-my-password|too-short|a-brand-new)/);
      await agent.get('/account').expect(200);
      await w.t.login(user.email);
    });

    it('the API changes a password the same way: a new token, and the old ones and the web sessions end', async () => {
      const user = await newUser();
      const { cookie } = await signInWithAgent(w.t, user.email);
      const oldToken = await w.t.login(user.email);
      const res = await http().post('/api/v1/auth/password').set(bearer({ token: oldToken })).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(200);
      await http().get('/api/v1/auth/me').set(bearer({ token: res.body.accessToken as string })).expect(200);
      await http().get('/api/v1/auth/me').set(bearer({ token: oldToken })).expect(401);
      await withCookie('/', cookie).expect(303);
      const refused = await http().post('/api/v1/auth/password').set(bearer({ token: res.body.accessToken as string })).send({ currentPassword: 'wrong-password', newPassword: 'another-new-passphrase' }).expect(400);
      expect(refused.body.details).toEqual([{ field: 'currentPassword', messages: ['is incorrect'] }]);
    });

    it("an admin's password reset ends the user's sessions", async () => {
      const user = await newUser();
      const { cookie } = await signInWithAgent(w.t, user.email);
      await withCookie('/', cookie).expect(200);
      await http().patch(`/api/v1/users/${user.id}`).set(bearer(org.admin)).send({ password: NEW_PASSWORD, version: await userVersion(user.id) }).expect(200);
      await withCookie('/', cookie).expect(303);
    });

    it('deactivation ends the session at once, and reactivation does not bring it back', async () => {
      const user = await newUser();
      const { cookie } = await signInWithAgent(w.t, user.email);
      const token = await w.t.login(user.email);
      await http().patch(`/api/v1/users/${user.id}`).set(bearer(org.admin)).send({ active: false, version: await userVersion(user.id) }).expect(200);
      await withCookie('/', cookie).expect(303);
      await http().patch(`/api/v1/users/${user.id}`).set(bearer(org.admin)).send({ active: true, version: await userVersion(user.id) }).expect(200);
      await withCookie('/', cookie).expect(303);
      await http().get('/api/v1/auth/me').set(bearer({ token })).expect(401);
      await signInWithAgent(w.t, user.email);
    });

    it('idle for longer than the idle timeout', async () => {
      const user = await newUser();
      const start = w.t.clock.now();
      try {
        const { cookie } = await signInWithAgent(w.t, user.email);
        w.t.clock.set(new Date(start.getTime() + 29 * 60_000));
        await withCookie('/', cookie).expect(200);
        // Each request pushes the idle limit back.
        w.t.clock.set(new Date(start.getTime() + 58 * 60_000));
        await withCookie('/', cookie).expect(200);
        w.t.clock.set(new Date(start.getTime() + 89 * 60_000));
        await withCookie('/', cookie).expect(303);
      } finally {
        w.t.clock.set(start);
      }
    });

    it('the absolute lifetime, however active the user', async () => {
      const user = await newUser();
      const start = w.t.clock.now();
      try {
        const { cookie } = await signInWithAgent(w.t, user.email);
        for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
          w.t.clock.set(new Date(start.getTime() + minutes * 60_000));
          await withCookie('/', cookie).expect(200);
        }
        w.t.clock.set(new Date(start.getTime() + 12 * 60 * 60_000));
        await withCookie('/', cookie).expect(303);
      } finally {
        w.t.clock.set(start);
      }
    });

    it('expired sessions are swept from the table', async () => {
      const user = await newUser();
      await signInWithAgent(w.t, user.email);
      const start = w.t.clock.now();
      try {
        w.t.clock.set(new Date(start.getTime() + 13 * 60 * 60_000));
        expect(await w.t.app.get(WebSessionService).prune()).toBeGreaterThan(0);
        const { count } = (await w.t.dataSource.query(`SELECT count(*)::int AS count FROM web_session WHERE expires_at <= $1`, [w.t.clock.now()]))[0] as { count: number };
        expect(count).toBe(0);
      } finally {
        w.t.clock.set(start);
      }
    });
  });
});

describe('web sign-in limits and proxies (supertest)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let user: WebUser;

  beforeAll(async () => {
    w = await startWebApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '127.0.0.1' } });
    org = await w.t.createOrganisation('Wirral Safeguarding Partnership');
    user = await createWebUser(w.t, org, 'owner', 'Dev Patel');
  });

  afterAll(() => w.close());

  const http = () => request(w.t.app.getHttpServer());

  it("shares the API's login rate limit: API attempts count against the web form, which then says how long to wait", async () => {
    const email = 'shared-limit@example.gov.uk';
    for (let i = 0; i < 3; i++) await http().post('/api/v1/auth/login').send({ email, password: 'wrong-password-guess' }).expect(401);
    const agent = request.agent(w.t.app.getHttpServer());
    const token = csrfTokenFrom((await agent.get('/sign-in')).text);
    const res = await agent.post('/sign-in').type('form').send({ _csrf: token, email, password: 'wrong-password-guess' }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.text).toMatch(/You have tried to sign in too many times\. Wait (\d+ seconds|1 minute), then try again/);
    await http().post('/api/v1/auth/login').send({ email, password: 'wrong-password-guess' }).expect(429);
  });

  it('marks the cookie Secure when a trusted proxy says the request came over TLS', async () => {
    const res = await http().get('/sign-in').set('X-Forwarded-Proto', 'https').expect(200);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('improvement_tracker_session='))!;
    expect(setCookie).toMatch(/; Secure/);
    const token = csrfTokenFrom(res.text);
    const signedIn = await http()
      .post('/sign-in')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', setCookie.split(';')[0])
      .type('form')
      .send({ _csrf: token, email: user.email, password: user.password })
      .expect(303);
    expect(([] as string[]).concat(signedIn.headers['set-cookie']).join()).toMatch(/HttpOnly; Secure; SameSite=Lax/);
  });
});

describe('TRUST_PROXY unset (the default)', () => {
  let w: WebTestApp;

  beforeAll(async () => {
    w = await startWebApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '2' } });
  });

  afterAll(() => w.close());

  it('believes neither X-Forwarded-Proto nor X-Forwarded-For', async () => {
    const res = await request(w.t.app.getHttpServer()).get('/sign-in').set('X-Forwarded-Proto', 'https').expect(200);
    expect(([] as string[]).concat(res.headers['set-cookie']).join()).not.toMatch(/Secure/);
    // A new X-Forwarded-For on each attempt does not escape the per-address limit (2 x 5 a minute).
    const attempts = [];
    for (let i = 0; i < 11; i++) {
      attempts.push((await request(w.t.app.getHttpServer()).post('/api/v1/auth/login').set('X-Forwarded-For', `203.0.113.${i}`).send({ email: `spray-${i}@example.gov.uk`, password: 'x' })).status);
    }
    expect(attempts.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(attempts[10]).toBe(429);
  });
});
