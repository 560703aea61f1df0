import { AddressInfo } from 'node:net';
import { Get, Module, Render } from '@nestjs/common';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { Roles } from '../../../src/common/auth/auth.decorators';
import type { Role } from '../../../src/common/request-context/request-context';
import { PublicPage, WebController } from '../../../src/web/common/auth/web.decorators';
import { TEST_PASSWORD, TestApp, TestAppOptions, TestOrganisation, TestUser } from '../../support/test-app';

/**
 * Pages that exist only in tests: one only an admin may see (the 403 page for everyone else), one
 * that fails (the 500 page) and one that meets a database timeout (the same page, answered 503). They use the real layout, guards and error handling.
 */
@WebController('test-pages')
class TestPagesController {
  @Get('admin-only')
  @Roles('admin')
  @Render('home/home')
  adminOnly() {
    return { pageTitle: 'Admin only', organisationName: 'Test', name: 'Test', roleWords: 'administrator' };
  }

  @Get('failure')
  @PublicPage()
  failure(): never {
    throw new Error('a deliberate failure for the 500 page');
  }

  @Get('database-timeout')
  @PublicPage()
  databaseTimeout(): never {
    // What PostgreSQL answers a statement that waited past DATABASE_LOCK_TIMEOUT_MS.
    throw new QueryFailedError('UPDATE action ...', [], Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' }));
  }
}

@Module({ controllers: [TestPagesController] })
export class WebTestPagesModule {}

export const TEST_PAGES = { adminOnly: '/test-pages/admin-only', failure: '/test-pages/failure', databaseTimeout: '/test-pages/database-timeout' } as const;

export interface WebTestApp {
  /** The usual integration-test world (own database, Redis prefix, fixed clock). */
  t: TestApp;
  /** Where the app listens, e.g. http://127.0.0.1:40123 */
  baseUrl: string;
  close(): Promise<void>;
}

/** A TestApp with the test pages, listening on a free port of 127.0.0.1 for a browser. */
export async function startWebApp(options: TestAppOptions = {}): Promise<WebTestApp> {
  const t = await TestApp.start({ ...options, imports: [WebTestPagesModule, ...(options.imports ?? [])] });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { t, baseUrl: `http://127.0.0.1:${port}`, close: () => t.close() };
}

export interface WebUser extends TestUser {
  name: string;
  password: string;
}

/** A user with a human name (pages and screenshots show it), made through the API by the admin. */
export async function createWebUser(t: TestApp, org: TestOrganisation, role: Role, name: string, extra: Record<string, string> = {}): Promise<WebUser> {
  const user = await t.createUser(org, role, { name, ...extra });
  return { ...user, name, password: TEST_PASSWORD };
}

/** The hidden `_csrf` value of the first form on a page. */
export function csrfTokenFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1];
}

/** The `improvement_tracker_session` cookie ("name=value") from a response's Set-Cookie headers. */
export function sessionCookieFrom(res: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((c) => c.startsWith('improvement_tracker_session='))?.split(';')[0];
}

/**
 * Signs in through the web form with supertest (no browser): GET the form for a session and its
 * token, POST the credentials. Returns the agent (which keeps the cookie) and the cookie itself.
 */
export async function signInWithAgent(t: TestApp, email: string, password = TEST_PASSWORD) {
  const agent = request.agent(t.app.getHttpServer());
  const form = await agent.get('/sign-in').expect(200);
  const res = await agent.post('/sign-in').type('form').send({ _csrf: csrfTokenFrom(form.text), email, password });
  if (res.status !== 303) throw new Error(`web sign-in failed: ${res.status}`);
  const cookie = sessionCookieFrom(res);
  if (!cookie) throw new Error('web sign-in set no session cookie');
  return { agent, cookie };
}
