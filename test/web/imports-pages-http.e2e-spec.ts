import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { TestOrganisation } from '../support/test-app';
import { createWebUser, csrfTokenFrom, signInWithAgent, startWebApp, type WebTestApp, type WebUser } from './support/web-test-app';

jest.setTimeout(120_000);

describe('import pages over HTTP', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let board: WebUser;

  beforeAll(async () => {
    w = await startWebApp({ worker: true });
    org = await w.t.createOrganisation('Southcombe Council');
    board = await createWebUser(w.t, org, 'board', 'Alex Morgan');
  });
  afterAll(() => w?.close());

  it('uploads with the token in the action URL, and answers an empty upload with the error summary', async () => {
    const { agent } = await signInWithAgent(w.t, board.email);
    const list = await agent.get(`/plans/${org.planId}/imports`).expect(200);
    const token = csrfTokenFrom(list.text);
    const empty = await agent.post(`/plans/${org.planId}/imports?_csrf=${encodeURIComponent(token)}`).attach('file', Buffer.alloc(0), { filename: '', contentType: 'application/octet-stream' });
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.text).toContain('govuk-error-summary');
    const ok = await agent
      .post(`/plans/${org.planId}/imports?_csrf=${encodeURIComponent(token)}`)
      .attach('file', readFileSync(join(__dirname, '..', 'fixtures', 'imports', 'childrens-services-nos.csv')), 'childrens-services-nos.csv');
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toMatch(/^\/imports\/[0-9a-f-]{36}$/);
    let page = await agent.get(ok.headers.location).expect(200);
    for (let i = 0; i < 100 && page.text.includes('Refresh this page'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      page = await agent.get(ok.headers.location).expect(200);
    }
    expect(page.text).toContain('What the import would do');
  });
});
