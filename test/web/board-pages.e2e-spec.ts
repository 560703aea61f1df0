import request from 'supertest';
import { makePdf } from '../support/evidence-fixtures';
import { seedPlanBasics } from '../support/plan-fixtures';
import { binaryParser } from '../support/packs-readers';
import { bearer, inPlan, TestOrganisation, TestUser } from '../support/test-app';
import { waitForPack } from '../support/wait-for';
import { createWebUser, csrfTokenFrom, signInWithAgent, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

/**
 * The board's web pages (issue 14), over HTTP: evidence review (accept, reject with a comment, never
 * one's own upload), packs (generate, publication check, publish with acknowledgement) and the
 * published reports scrutiny members read, with the API's rules (404 for what is not theirs).
 */
describe('board pages: evidence review, packs, published reports (supertest)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let board: WebUser;
  let owner: WebUser;
  let scrutiny: WebUser;
  let outsider: WebUser;
  let actionId: string;
  const ids: Record<string, string> = {};
  const api = () => w.t.http();
  const page = (agent: request.Agent, path: string) => agent.get(path);

  async function upload(user: TestUser, title: string, fileName: string): Promise<string> {
    const res = await api()
      .post(`/api/v1/actions/${actionId}/evidence`)
      .set(bearer(user))
      .field('title', title)
      .attach('file', await makePdf(title), { filename: fileName, contentType: 'application/pdf' })
      .expect(201);
    return res.body.id as string;
  }

  /** Posts a form the way the page does: the CSRF token from the page, then the fields. */
  async function postForm(agent: request.Agent, pagePath: string, action: string, fields: Record<string, string>, status: number) {
    const form = await agent.get(pagePath).expect(200);
    return agent.post(action).type('form').send({ _csrf: csrfTokenFrom(form.text), ...fields }).expect(status);
  }

  let boardAgent: request.Agent;
  let scrutinyAgent: request.Agent;

  beforeAll(async () => {
    w = await startWebApp({ worker: true });
    org = await w.t.createOrganisation('Wirral Council');
    board = await createWebUser(w.t, org, 'board', 'Bea Board');
    owner = await createWebUser(w.t, org, 'owner', 'Owen Owner');
    scrutiny = await createWebUser(w.t, org, 'scrutiny', 'Councillor Sam Scrutiny');
    const other = await w.t.createOrganisation('Sefton Council');
    outsider = await createWebUser(w.t, other, 'board', 'Orla Outsider');
    const f = await seedPlanBasics(w.t.dataSource, org.id, org.planId);
    actionId = (
      await api()
        .post(inPlan(org.planId, 'actions'))
        .set(bearer(board))
        .send({ reference: 'A1', title: 'Case file audit checked by Tariq', workstreamId: f.workstreamId, findingIds: [f.findingId], ownerId: owner.id, startDate: '2026-01-05', dueDate: '2026-12-31' })
        .expect(201)
    ).body.id;
    // Uploaded on different days: the queue is oldest first and says how long each has waited.
    w.t.clock.set('2026-11-16T09:00:00Z');
    ids.second = await upload(owner, 'Training records', 'training.pdf');
    w.t.clock.set('2026-11-10T09:00:00Z');
    ids.first = await upload(owner, 'Audit of October case files', 'october-audit.pdf');
    w.t.clock.set('2026-11-23T10:00:00Z');
    ids.own = await upload(board, 'Board minutes', 'board-minutes.pdf');
    boardAgent = (await signInWithAgent(w.t, board.email)).agent;
    scrutinyAgent = (await signInWithAgent(w.t, scrutiny.email)).agent;
  }, 120_000);

  afterAll(() => w.close());

  describe('evidence to review', () => {
    it('lists the plan’s submitted evidence oldest first, never the reader’s own uploads', async () => {
      const res = await page(boardAgent, `/plans/${org.planId}/evidence-review`).expect(200);
      expect(res.text).toContain('october-audit.pdf');
      expect(res.text.indexOf('october-audit.pdf')).toBeLessThan(res.text.indexOf('training.pdf'));
      expect(res.text).not.toContain('board-minutes.pdf');
      expect(res.text).toContain('Owen Owner');
      expect(res.text).toContain('13 days');
      expect(res.text).toContain('A1 Case file audit');
      expect(res.text).toContain('aria-current="page"');
    });

    it('rejecting needs a comment (inline error), then the owner sees it', async () => {
      const path = `/evidence/${ids.first}`;
      const bad = await postForm(boardAgent, path, path, { decision: 'rejected', comment: ' ', version: '1' }, 400);
      expect(bad.text).toContain('There is a problem');
      expect(bad.text).toContain('Enter a comment saying what the owner should change');
      const res = await postForm(boardAgent, path, path, { decision: 'rejected', comment: 'Please add the November files', version: '1' }, 303);
      expect(res.headers.location).toBe(`/plans/${org.planId}/evidence-review`);
      const seen = (await api().get(`/api/v1/evidence/${ids.first}`).set(bearer(owner)).expect(200)).body;
      expect(seen).toMatchObject({ reviewState: 'rejected', reviewComment: 'Please add the November files', reviewedBy: { id: board.id } });
      const after = await page(boardAgent, `/plans/${org.planId}/evidence-review`).expect(200);
      expect(after.text).toContain('Evidence rejected: Audit of October case files');
      expect(after.text).not.toContain('october-audit.pdf');
    });

    it('accepts, and the file downloads as an attachment', async () => {
      const path = `/evidence/${ids.second}`;
      await postForm(boardAgent, path, path, { decision: 'accepted', comment: '' }, 303);
      expect((await api().get(`/api/v1/evidence/${ids.second}`).set(bearer(owner)).expect(200)).body.reviewState).toBe('accepted');
      const file = await boardAgent.get(`${path}/download`).buffer(true).parse(binaryParser).expect(200);
      expect(file.headers['content-disposition']).toMatch(/^attachment/);
      expect((file.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('refuses a review of one’s own upload, as the API does (403), and shows no form for it', async () => {
      const path = `/evidence/${ids.own}`;
      const shown = await page(boardAgent, path).expect(200);
      expect(shown.text).toContain('You uploaded this evidence');
      expect(shown.text).not.toContain('name="decision"');
      await boardAgent.post(path).type('form').send({ _csrf: csrfTokenFrom(shown.text), decision: 'accepted' }).expect(403);
      expect((await api().get(`/api/v1/evidence/${ids.own}`).set(bearer(board)).expect(200)).body.reviewState).toBe('submitted');
    });

    it('is nobody else’s: scrutiny members get 404 on evidence and 403 on the queue; another organisation 404', async () => {
      await page(scrutinyAgent, `/evidence/${ids.own}`).expect(404);
      await page(scrutinyAgent, `/evidence/${ids.own}/download`).expect(404);
      await page(scrutinyAgent, `/plans/${org.planId}/evidence-review`).expect(403);
      const outsiderAgent = (await signInWithAgent(w.t, outsider.email)).agent;
      await page(outsiderAgent, `/evidence/${ids.own}`).expect(404);
      await page(outsiderAgent, `/plans/${org.planId}/evidence-review`).expect(404);
    });
  });

  describe('packs', () => {
    it('the generate form says what is missing', async () => {
      const path = `/plans/${org.planId}/packs`;
      const res = await postForm(boardAgent, path, path, { target: 'date', 'asOf-day': '31', 'asOf-month': '2', 'asOf-year': '2026' }, 400);
      expect(res.text).toContain('Select who the pack is for');
      expect(res.text).toContain('Reporting date must be a real date');
      const future = await postForm(boardAgent, path, path, { audience: 'board', target: 'date', 'asOf-day': '1', 'asOf-month': '1', 'asOf-year': '2027' }, 400);
      expect(future.text).toContain('Reporting date must not be in the future');
    });

    it('generates a board pack for a meeting: 303 to the pack page, which shows the files once ready', async () => {
      const committee = (await api().post(inPlan(org.planId, 'committees')).set(bearer(board)).send({ name: 'Improvement Board', audience: 'board' }).expect(201)).body.id;
      const meeting = (await api().post(inPlan(org.planId, 'meetings')).set(bearer(board)).send({ committeeId: committee, meetsOn: '2026-12-08' }).expect(201)).body.id;
      const path = `/plans/${org.planId}/packs`;
      const form = await page(boardAgent, path).expect(200);
      expect(form.text).toContain('8 December 2026, Improvement Board');
      const res = await boardAgent.post(path).type('form').send({ _csrf: csrfTokenFrom(form.text), audience: 'board', target: meeting }).expect(303);
      ids.boardPack = /^\/packs\/([0-9a-f-]{36})$/.exec(res.headers.location)![1];
      const pending = await page(boardAgent, res.headers.location).expect(200);
      expect(pending.text).toMatch(/Queued|Generating|Ready/);
      const pack = await waitForPack<{ meetingId: string; audience: string }>(w.t, board, ids.boardPack);
      expect(pack).toMatchObject({ meetingId: meeting, audience: 'board' });
      const ready = await page(boardAgent, `/packs/${ids.boardPack}`).expect(200);
      expect(ready.text).toContain('8 December 2026, Improvement Board');
      expect(ready.text).toMatch(/PDF, [\d.]+ KB, \d+ pages/);
      expect(ready.text).not.toContain('Refresh');
      const file = await boardAgent.get(`/packs/${ids.boardPack}/files/xlsx`).buffer(true).parse(binaryParser).expect(200);
      expect(file.headers['content-disposition']).toMatch(/^attachment/);
    }, 120_000);

    it('a scrutiny pack: the publication check lists suspects; publishing needs the box ticked, then is audited', async () => {
      const path = `/plans/${org.planId}/packs`;
      const res = await postForm(boardAgent, path, path, { audience: 'scrutiny', target: 'date', 'asOf-day': '23', 'asOf-month': '11', 'asOf-year': '2026' }, 303);
      ids.scrutinyPack = res.headers.location.split('/').pop()!;
      await waitForPack(w.t, board, ids.scrutinyPack);
      // Unpublished: not there for scrutiny members, whether as a pack or as a report.
      await page(scrutinyAgent, `/packs/${ids.scrutinyPack}`).expect(404);
      await page(scrutinyAgent, `/reports/${ids.scrutinyPack}`).expect(404);
      await page(scrutinyAgent, `/packs/${ids.scrutinyPack}/files/pdf`).expect(404);

      const check = (await api().get(`/api/v1/packs/${ids.scrutinyPack}/publication-check`).set(bearer(board)).expect(200)).body;
      expect(check.suspects.length).toBeGreaterThan(0);
      const packPath = `/packs/${ids.scrutinyPack}`;
      const shown = await page(boardAgent, packPath).expect(200);
      expect(shown.text).toContain('Publication check');
      expect(shown.text).toContain(check.suspects[0].word);
      const refused = await postForm(boardAgent, packPath, `${packPath}/publish`, {}, 400);
      expect(refused.text).toContain('Confirm you have read the possible names');
      expect((await api().get(`/api/v1/packs/${ids.scrutinyPack}`).set(bearer(board)).expect(200)).body.publishedAt).toBeNull();

      await postForm(boardAgent, packPath, `${packPath}/publish`, { acknowledgeSuspects: 'yes' }, 303);
      expect((await api().get(`/api/v1/packs/${ids.scrutinyPack}`).set(bearer(board)).expect(200)).body.publishedAt).not.toBeNull();
      const audit = (await api().get(`/api/v1/audit-events?entityType=pack&entityId=${ids.scrutinyPack}`).set(bearer(org.admin)).expect(200)).body.items as { action: string; actor?: unknown }[];
      expect(audit.map((e) => e.action)).toContain('publish');
    }, 120_000);

    it('scrutiny members read the published report as HTML, with its files; nothing of the working plan', async () => {
      const list = await page(scrutinyAgent, `/plans/${org.planId}/reports`).expect(200);
      expect(list.text).toContain(`/reports/${ids.scrutinyPack}`);
      const report = await page(scrutinyAgent, `/reports/${ids.scrutinyPack}`).expect(200);
      expect(report.text).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
      expect(report.text).toContain('<caption');
      expect(report.text).toContain('scope="col"');
      expect(report.text).toMatch(/>(Red|Amber|Green|Grey|Blue)[^<]*<\/strong>/);
      expect(report.text).toMatch(/PDF, [\d.]+ KB, \d+ pages/);
      expect(report.text).not.toContain('Owen Owner');
      // The pack page of a published pack sends them to the report.
      expect((await page(scrutinyAgent, `/packs/${ids.scrutinyPack}`).expect(303)).headers.location).toBe(`/reports/${ids.scrutinyPack}`);
      const pdf = await scrutinyAgent.get(`/packs/${ids.scrutinyPack}/files/pdf`).buffer(true).parse(binaryParser).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      // Board packs, the packs page and the working plan are not theirs.
      await page(scrutinyAgent, `/packs/${ids.boardPack}`).expect(404);
      await page(scrutinyAgent, `/reports/${ids.boardPack}`).expect(404);
      await page(scrutinyAgent, `/plans/${org.planId}/packs`).expect(403);
    });

    it('another organisation’s packs and reports are 404', async () => {
      const outsiderAgent = (await signInWithAgent(w.t, outsider.email)).agent;
      await page(outsiderAgent, `/packs/${ids.boardPack}`).expect(404);
      await page(outsiderAgent, `/reports/${ids.scrutinyPack}`).expect(404);
      await page(outsiderAgent, `/packs/${ids.scrutinyPack}/files/pdf`).expect(404);
      await page(outsiderAgent, `/plans/${org.planId}/reports`).expect(404);
    });
  });
});
