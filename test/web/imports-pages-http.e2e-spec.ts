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

    // The mapping step lists the status words and the owners that match no user, each with a select.
    expect(page.text).toContain('Owners who match no user');
    expect(page.text).toContain('Status words');
    expect(page.text).toMatch(/<label class="govuk-label govuk-visually-hidden" for="owner-0">\s*User for the owner &#39;Ruth Adeyemi/);
    expect(page.text).toMatch(/<label class="govuk-label govuk-visually-hidden" for="status-word-0">\s*Our status for &#39;On track&#39;/);
    expect(page.text).not.toContain('Import into the plan');
    const runId = ok.headers.location.split('/').pop() as string;
    const pageToken = csrfTokenFrom(page.text);

    // Committing before the owners are decided: the page again, with the reason (nothing written).
    const refused = await agent.post(`/imports/${runId}/commit`).type('form').send({ _csrf: pageToken });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('govuk-error-summary');
    expect(refused.text).toContain('Choose a user for each owner');
    expect((await w.t.dataSource.query('SELECT count(*)::int AS n FROM action WHERE plan_id = $1', [org.planId]))[0].n).toBe(0);

    // The mapping form: without the token it is refused; with it, every owner left unassigned and a status word remapped.
    const decode = (html: string): string => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const fields: Record<string, string> = { _csrf: pageToken, acceptSuggestedDates: 'yes' };
    for (const m of page.text.matchAll(/name="(owner_\d+)_text" value="([^"]*)"/g)) {
      fields[`${m[1]}_text`] = decode(m[2]);
      fields[m[1]] = 'unassigned';
    }
    for (const m of page.text.matchAll(/name="(statusWord_\d+)_text" value="([^"]*)"/g)) {
      fields[`${m[1]}_text`] = decode(m[2]);
      fields[m[1]] = decode(m[2]) === 'On track' ? 'blocked' : '';
    }
    expect(Object.keys(fields).filter((k) => /^owner_\d+$/.test(k)).length).toBeGreaterThan(3);
    const { _csrf, ...withoutToken } = fields;
    expect(_csrf).toBeTruthy();
    await agent.post(`/imports/${runId}/mapping`).type('form').send(withoutToken).expect(403);
    const saved = await agent.post(`/imports/${runId}/mapping`).type('form').send(fields);
    expect(saved.status).toBe(303);
    const [stored] = await w.t.dataSource.query('SELECT choices FROM import_run WHERE id = $1', [runId]);
    expect(stored.choices.statusWords).toEqual({ 'On track': 'blocked' });
    expect(Object.values(stored.choices.ownerMatches).every((v) => v === null)).toBe(true);
    expect(Object.keys(stored.choices.ownerMatches)).toContain('jo turner');
    page = await agent.get(ok.headers.location).expect(200);
    for (let i = 0; i < 100 && page.text.includes('Refresh this page'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      page = await agent.get(ok.headers.location).expect(200);
    }
    expect(page.text).toContain('Import into the plan');
    expect(page.text).toMatch(/<option value="unassigned" selected>Leave unassigned<\/option>/);
  });
});
