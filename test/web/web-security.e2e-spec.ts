import { PATH_METADATA } from '@nestjs/common/constants';
import request from 'supertest';
import { ModulesContainer } from '@nestjs/core';
import { IS_WEB_ROUTE } from '../../src/web/common/auth/web.decorators';
import { ROW_ROUTE } from '../../src/web/common/web-paths';
import { WebModule } from '../../src/web/web.module';
import { TestOrganisation } from '../support/test-app';
import { createWebUser, csrfTokenFrom, sessionCookieFrom, signInWithAgent, startWebApp, TEST_PAGES, WebTestApp, WebUser } from './support/web-test-app';

/** The web pages' HTTP contract without a browser: headers, CSRF, assets, errors, routes. */
describe('web pages: security headers, CSRF, assets and errors (supertest)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let board: WebUser;

  beforeAll(async () => {
    w = await startWebApp();
    org = await w.t.createOrganisation('Warrington Borough Council');
    board = await createWebUser(w.t, org, 'board', 'Helen Marsh');
  });

  afterAll(() => w.close());

  const http = () => request(w.t.app.getHttpServer());
  const csp = (res: request.Response) => String(res.headers['content-security-policy']);
  const directive = (policy: string, name: string) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';

  describe('security headers', () => {
    it('sends a CSP with a fresh nonce per response, no unsafe-inline for scripts, and no framing', async () => {
      const first = await http().get('/sign-in').expect(200);
      const second = await http().get('/sign-in').expect(200);
      const policy = csp(first);
      const nonce = /'nonce-([^']+)'/.exec(directive(policy, 'script-src'))?.[1];
      expect(nonce).toBeDefined();
      expect(/'nonce-([^']+)'/.exec(directive(csp(second), 'script-src'))?.[1]).not.toBe(nonce);
      expect(directive(policy, 'script-src')).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(directive(policy, 'style-src')).not.toMatch(/unsafe-inline/);
      expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
      expect(directive(policy, 'object-src')).toBe("object-src 'none'");
      expect(first.headers['x-frame-options']).toBe('DENY');
      expect(first.headers['x-content-type-options']).toBe('nosniff');
      expect(first.headers['cache-control']).toBe('no-store');
      // The one script of the page is a module file carrying that nonce; no inline script at all.
      const scripts = [...first.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts).toHaveLength(1);
      expect(scripts[0][1]).toMatch(new RegExp(`type="module" src="/assets/[0-9a-f]{16}/app\\.js" nonce="${nonce!.replace(/[+/=]/g, '\\$&')}"`));
      expect(scripts[0][2].trim()).toBe('');
      expect(first.text).not.toMatch(/\sstyle="/);
      expect(first.text).not.toMatch(/\son[a-z]+="/);
    });

    it('sends the same on error pages, and signed-in pages are never stored', async () => {
      const missing = await http().get('/no-such-page').expect(404);
      expect(directive(csp(missing), 'frame-ancestors')).toBe("frame-ancestors 'none'");
      const { agent } = await signInWithAgent(w.t, board.email);
      const home = await agent.get('/').expect(200);
      expect(home.headers['cache-control']).toBe('no-store');
      expect(directive(csp(home), 'script-src')).toMatch(/'nonce-/);
    });

    it('leaves the API its own headers and JSON errors', async () => {
      const res = await http().get('/api/v1/no-such-thing').expect(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect(res.headers['set-cookie']).toBeUndefined();
      const unauthenticated = await http().get('/api/v1/auth/me').expect(401);
      expect(unauthenticated.body.statusCode).toBe(401);
    });
  });

  describe('CSRF (synchronizer token in the session; never switched off)', () => {
    it('refuses a form post without a token, and with a wrong one, with the 403 page', async () => {
      const agent = request.agent(w.t.app.getHttpServer());
      const form = await agent.get('/sign-in').expect(200);
      const token = csrfTokenFrom(form.text);
      const without = await agent.post('/sign-in').type('form').send({ email: board.email, password: board.password }).expect(403);
      expect(without.text).toContain('Sorry, your form could not be sent');
      expect(without.headers['content-type']).toMatch(/text\/html/);
      const wrong = await agent.post('/sign-in').type('form').send({ _csrf: `${token.slice(0, -2)}xx`, email: board.email, password: board.password }).expect(403);
      expect(wrong.text).toContain('Sorry, your form could not be sent');
      // Another session's token is wrong too.
      const other = await request(w.t.app.getHttpServer()).get('/sign-in');
      await agent.post('/sign-in').type('form').send({ _csrf: csrfTokenFrom(other.text), email: board.email, password: board.password }).expect(403);
      // With its own token the same post signs in.
      await agent.post('/sign-in').type('form').send({ _csrf: token, email: board.email, password: board.password }).expect(303);
    });

    it('refuses a post with no session at all, and a signed-in post without the token', async () => {
      await http().post('/sign-in').type('form').send({ _csrf: 'made-up', email: board.email, password: board.password }).expect(403);
      const { agent } = await signInWithAgent(w.t, board.email);
      await agent.post('/sign-out').type('form').send({}).expect(403);
      await agent.get('/account').expect(200);
    });

    it('stores no session for a visitor until a form needs a token', async () => {
      const res = await http().get('/cookies').expect(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      const signIn = await http().get('/sign-in').expect(200);
      expect(sessionCookieFrom(signIn)).toBeDefined();
    });
  });

  describe('static files', () => {
    it('serves the design systems and our files under a fingerprint, cached for a year', async () => {
      const page = await http().get('/sign-in').expect(200);
      const links = [...page.text.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      expect(links.length).toBeGreaterThanOrEqual(5);
      for (const link of links) {
        const res = await http().get(link).expect(200);
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      const css = await http().get(links.find((l) => l.endsWith('govuk-frontend.min.css'))!).expect(200);
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
      const js = await http().get(links.find((l) => l.endsWith('app.js'))!).expect(200);
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    });

    it('answers 404 for another fingerprint or an unknown file, never caching it', async () => {
      const page = await http().get('/sign-in');
      const css = /href="(\/assets\/([0-9a-f]{16})\/govuk-frontend\.min\.css)"/.exec(page.text)!;
      const res = await http().get(css[1].replace(css[2], '0000000000000000')).expect(404);
      expect(res.headers['cache-control']).toBe('no-store');
      await http().get(`/assets/${css[2]}/nothing.css`).expect(404);
      await http().get(`/assets/${css[2]}/../../package.json`).expect(404);
    });
  });

  describe('error pages', () => {
    it('answers an unknown page with the GOV.UK 404 page', async () => {
      const res = await http().get('/no-such-page').expect(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<h1 class="govuk-heading-l">Page not found</h1>');
      expect(res.text).toContain('<title>Page not found - Improvement tracker</title>');
    });

    it('sends a visitor to sign in, remembering the page', async () => {
      const res = await http().get('/account/password').expect(303);
      expect(res.headers.location).toBe('/sign-in?returnTo=%2Faccount%2Fpassword');
      await http().get(TEST_PAGES.adminOnly).expect(303);
    });

    it("answers a page the user's role does not allow with the 403 page", async () => {
      const { agent } = await signInWithAgent(w.t, board.email);
      const res = await agent.get(TEST_PAGES.adminOnly).expect(403);
      expect(res.text).toContain('You do not have permission to see this page');
      const { agent: admin } = await signInWithAgent(w.t, org.admin.email);
      await admin.get(TEST_PAGES.adminOnly).expect(200);
    });

    it('answers a failure with the 500 page and a reference, never the error', async () => {
      const res = await http().get(TEST_PAGES.failure).set('X-Request-Id', 'trace-500').expect(500);
      expect(res.text).toContain('Sorry, there is a problem with the service');
      expect(res.text).toContain(res.headers['x-request-id']);
      expect(res.text).not.toContain('trace-500');
      expect(res.text).not.toContain('deliberate failure');
    });
  });

  describe('routes', () => {
    const expressRoutes = () => {
      const router = (w.t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string } }[] } }).router;
      // '/{*path}' layers are middleware for every path (request context, request logging), not routes.
      return router.stack.filter((l) => l.route && l.route.path !== '/{*path}').map((l) => l.route!.path);
    };

    /** Every route of every controller marked @WebController(), in any module: the web pages. */
    const webControllerRoutes = (): { controllers: string[]; paths: Set<string> } => {
      const controllers: string[] = [];
      const paths = new Set<string>();
      for (const module of w.t.app.get(ModulesContainer).values()) {
        for (const wrapper of module.controllers.values()) {
          const type = wrapper.metatype as (new () => unknown) | null;
          if (!type || !Reflect.getMetadata(IS_WEB_ROUTE, type)) continue;
          controllers.push(type.name);
          const base = (Reflect.getMetadata(PATH_METADATA, type) as string | undefined) ?? '';
          for (const name of Object.getOwnPropertyNames(type.prototype)) {
            const handler = (type.prototype as Record<string, unknown>)[name];
            const path = typeof handler === 'function' ? (Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined) : undefined;
            for (const p of path === undefined ? [] : [path].flat()) paths.add(`/${[base, p].filter((x) => x && x !== '/').map((x) => x.replace(/^\/|\/$/g, '')).join('/')}`);
          }
        }
      }
      return { controllers, paths };
    };

    it('serves the API only under /api/, and everything else is a web page', () => {
      const routes = expressRoutes();
      const { controllers: webControllers, paths: webPathSet } = webControllerRoutes();
      expect(webControllers).toEqual(expect.arrayContaining(['SignInController', 'HomeController', 'AccountController', 'HelpController']));
      expect([...webPathSet].filter((p) => p.startsWith('/api'))).toEqual([]);
      expect(webPathSet).toContain(ROW_ROUTE.action);
      const outside = routes.filter((p) => !p.startsWith('/api/') && !webPathSet.has(p));
      expect(outside).toEqual([]);
      expect(routes).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/actions/:id', '/api/v1/audit-events', '/api/v1/health/ready']));
      expect(Reflect.getMetadata(PATH_METADATA, WebModule)).toBeUndefined();
    });

    it('keeps the web pages out of the OpenAPI document, whose every path is under /api/v1', async () => {
      const doc = (await http().get('/api/docs-json').expect(200)).body as { paths: Record<string, unknown>; servers: { url: string }[] };
      // Paths are relative to the one server, the API prefix, so none repeats it; each is an API route.
      expect(doc.servers.map((s) => s.url)).toEqual(['/api/v1']);
      const paths = Object.keys(doc.paths);
      expect(paths.length).toBeGreaterThan(20);
      const apiRoutes = new Set(expressRoutes().filter((p) => p.startsWith('/api/v1/')));
      expect(paths.filter((p) => !apiRoutes.has(`/api/v1${p.replace(/\{(\w+)\}/g, ':$1')}`))).toEqual([]);
      expect(paths).toContain('/auth/password');
    });
  });
});
