import request from 'supertest';
import { createAction, actionBody } from '../support/actions-fixtures';
import { makePdf, multipartBody, sha256 } from '../support/evidence-fixtures';
import { PlanFixture, seedPlanBasics } from '../support/plan-fixtures';
import { waitForRag } from '../support/rag-fixtures';
import { bearer, TestOrganisation } from '../support/test-app';
import { createWebUser, csrfTokenFrom, signInWithAgent, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(120_000);

type Agent = Awaited<ReturnType<typeof signInWithAgent>>['agent'];

/** The action page and its forms over HTTP (supertest): each form's success and refusal, and the access rules. */
describe('web: the action page (supertest)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let board: WebUser;
  let owner: WebUser;
  let otherOwner: WebUser;
  let scrutiny: WebUser;
  let plan: PlanFixture;
  let action: Awaited<ReturnType<typeof createAction>>;
  let boardAgent: Agent;
  let ownerAgent: Agent;

  beforeAll(async () => {
    // The clock: Monday 23 November 2026, 10:00 UTC. The worker computes colours in this process.
    w = await startWebApp({ worker: true });
    org = await w.t.createOrganisation('Exampleshire Council');
    board = await createWebUser(w.t, org, 'board', 'Avery Boardman', { jobTitle: 'Programme lead' });
    owner = await createWebUser(w.t, org, 'owner', 'Rowan Ownwell', { jobTitle: 'Head of Safeguarding', partnerAgency: 'Exampleshire Police' });
    otherOwner = await createWebUser(w.t, org, 'owner', 'Casey Otherfield');
    scrutiny = await createWebUser(w.t, org, 'scrutiny', 'Morgan Scrutton');
    plan = await seedPlanBasics(w.t.dataSource, org.id);
    action = await createAction(
      w.t,
      board,
      actionBody(plan, owner.id, {
        title: 'Review every safeguarding referral',
        description: 'Audit the cases raised through the online form.',
        milestones: [
          { title: 'Audit of 30 cases completed', dueDate: '2026-10-30' },
          { title: 'Findings to the board', dueDate: '2026-12-15' },
        ],
      }),
    );
    await waitForRag(w.t.dataSource, action.id, (r) => r.colour !== null, 'first colour');
    boardAgent = (await signInWithAgent(w.t, board.email)).agent;
    ownerAgent = (await signInWithAgent(w.t, owner.email)).agent;
  });

  afterAll(() => w?.close());

  const at = (path: string) => `/actions/${action.id}${path}`;
  const tokenOf = async (agent: Agent, path: string) => csrfTokenFrom((await agent.get(path).expect(200)).text);
  const apiAction = async () => (await w.t.http().get(`/api/v1/actions/${action.id}`).set(bearer(board)).expect(200)).body as { version: number; status: string; milestones: { id: string; completedOn: string | null }[] };
  const flashOf = async (agent: Agent) => (await agent.get(at('')).expect(200)).text;

  it('shows the details, the findings answered, the colour with its reasons, milestones and plan navigation', async () => {
    const res = await boardAgent.get(at('')).expect(200);
    expect(res.text).toContain('Review every safeguarding referral');
    expect(res.text).toContain('Audit the cases raised through the online form.');
    expect(res.text).toMatch(/QS-SAFE-\d+: Safeguarding: significant shortfalls/);
    expect(res.text).toContain('Rowan Ownwell, Head of Safeguarding, Exampleshire Police');
    expect(res.text).toMatch(/govuk-tag--orange[^>]*>\s*Amber/);
    expect(res.text).toMatch(/milestone &#39;Audit of 30 cases completed&#39; overdue by 24 days/);
    expect(res.text).toContain('aria-current="page"');
    expect(res.text).toContain('Colour history');
    expect(res.text).toContain('Override the colour');
  });

  it('another owner sees the action but not its evidence, history or forms; scrutiny and other organisations get 404', async () => {
    const other = (await signInWithAgent(w.t, otherOwner.email)).agent;
    const res = await other.get(at('')).expect(200);
    expect(res.text).not.toContain('Colour history');
    expect(res.text).not.toContain('Upload evidence');
    expect(res.text).not.toContain('Change the status');
    await other.get(at('/edit')).expect(403);

    const scrutinyAgent = (await signInWithAgent(w.t, scrutiny.email)).agent;
    const refused = await scrutinyAgent.get(at('')).expect(404);
    expect(refused.text).toContain('Page not found');
    await scrutinyAgent.get(at('/edit')).expect(404);

    // An owner in another plan of the same organisation holds no role in this one: 404, as for another organisation's.
    const otherPlan = await w.t.createPlan(org);
    const otherPlanOwner = await createWebUser(w.t, org, 'owner', 'Sasha Planswell', { planId: otherPlan.id });
    const otherPlanAgent = (await signInWithAgent(w.t, otherPlanOwner.email)).agent;
    await otherPlanAgent.get(at('')).expect(404);

    const elsewhere = await w.t.createOrganisation('Elsewhere Council');
    const stranger = await createWebUser(w.t, elsewhere, 'board', 'Jordan Elsewhere');
    const strangerAgent = (await signInWithAgent(w.t, stranger.email)).agent;
    expect((await strangerAgent.get(at('')).expect(404)).text).toContain('Page not found');
    await strangerAgent.get('/actions/not-a-uuid').expect(404);
  });

  it('refuses a form sent without its CSRF token', async () => {
    const res = await ownerAgent.post(at('/updates/new')).type('form').send({ narrative: 'No token' }).expect(403);
    expect(res.text).toContain('Sorry, your form could not be sent');
  });

  describe('status and details', () => {
    it('an owner changes the status and progress; 303 and a flash', async () => {
      const form = await ownerAgent.get(at('/edit')).expect(200);
      expect(form.text).not.toContain('name="title"');
      const { version } = await apiAction();
      const res = await ownerAgent
        .post(at('/edit'))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), version, 'was-status': 'not_started', 'was-progressPercent': '0', status: 'in_progress', progressPercent: '40' })
        .expect(303);
      expect(res.headers.location).toBe(at(''));
      const after = await flashOf(ownerAgent);
      expect(after).toContain('The action has been updated');
      expect(after).toMatch(/In progress/);
      expect(after).toContain('40%');
      expect((await apiAction()).status).toBe('in_progress');
    });

    it('a bad progress is a 400 with the error summary naming the field', async () => {
      const token = await tokenOf(ownerAgent, at('/edit'));
      const { version } = await apiAction();
      const res = await ownerAgent.post(at('/edit')).type('form').send({ _csrf: token, version, status: 'in_progress', progressPercent: '150' }).expect(400);
      expect(res.text).toContain('There is a problem');
      expect(res.text).toContain('href="#progressPercent"');
      expect(res.text).toContain('Progress must be a whole number from 0 to 100');
      expect(res.text).toMatch(/<title>Error: /);
    });

    it('a stale form (someone changed the action meanwhile) shows what changed and can be sent again', async () => {
      const form = await ownerAgent.get(at('/edit')).expect(200);
      const loadedVersion = Number(/name="version" value="(\d+)"/.exec(form.text)![1]);
      // The board changes the status in between.
      await w.t.http().patch(`/api/v1/actions/${action.id}`).set(bearer(board)).send({ version: loadedVersion, status: 'blocked' }).expect(200);
      const sent = { _csrf: csrfTokenFrom(form.text), version: loadedVersion, 'was-status': 'in_progress', 'was-progressPercent': '40', status: 'in_progress', progressPercent: '55' };
      const stale = await ownerAgent.post(at('/edit')).type('form').send(sent).expect(409);
      expect(stale.text).toContain('Someone else changed this action after you opened the form');
      expect(stale.text).toContain('What changed since you opened the form');
      expect(stale.text).toMatch(/Status<\/th>\s*<td[^>]*>In progress<\/td>\s*<td[^>]*>Blocked<\/td>/);
      expect(stale.text).toContain('value="55"');
      // Sending it again (with the new version the page now carries) saves it.
      const retryVersion = Number(/name="version" value="(\d+)"/.exec(stale.text)![1]);
      expect(retryVersion).toBe(loadedVersion + 1);
      await ownerAgent.post(at('/edit')).type('form').send({ ...sent, _csrf: csrfTokenFrom(stale.text), version: retryVersion }).expect(303);
      expect((await apiAction()).status).toBe('in_progress');
    });

    it('the board changes the title too', async () => {
      const form = await boardAgent.get(at('/edit')).expect(200);
      expect(form.text).toContain('name="title"');
      const { version } = await apiAction();
      await boardAgent
        .post(at('/edit'))
        .type('form')
        .send({
          _csrf: csrfTokenFrom(form.text),
          version,
          title: 'Review every safeguarding referral made online',
          description: 'Audit the cases.',
          'dueDate-day': '31',
          'dueDate-month': '1',
          'dueDate-year': '2027',
          status: 'in_progress',
          progressPercent: '55',
        })
        .expect(303);
      const after = await flashOf(boardAgent);
      expect(after).toContain('Review every safeguarding referral made online');
      expect(after).toContain('31 January 2027');
      const empty = await boardAgent.post(at('/edit')).type('form').send({ _csrf: csrfTokenFrom(form.text), version: version + 1, title: '', status: 'in_progress', progressPercent: '55' }).expect(400);
      expect(empty.text).toContain('href="#title"');
      expect(empty.text).toContain('href="#dueDate-day"');
      // The actions service's own rule (not before the start date) comes back on the field.
      const early = await boardAgent
        .post(at('/edit'))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), version: version + 1, title: 'T', 'dueDate-day': '1', 'dueDate-month': '1', 'dueDate-year': '2025', status: 'in_progress', progressPercent: '55' })
        .expect(400);
      expect(early.text).toContain('Due date: must not be before startDate');
    });
  });

  describe('milestones', () => {
    it('completes one with a date defaulting to today (London); a future date is refused on the field', async () => {
      const milestone = (await apiAction()).milestones[0];
      const form = await ownerAgent.get(at(`/milestones/${milestone.id}/complete`)).expect(200);
      expect(form.text).toMatch(/name="completedOn-day"[^>]*value="23"|value="23"[^>]*name="completedOn-day"/);
      const version = Number(/name="version" value="(\d+)"/.exec(form.text)![1]);
      const future = await ownerAgent
        .post(at(`/milestones/${milestone.id}/complete`))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), version, 'completedOn-day': '24', 'completedOn-month': '11', 'completedOn-year': '2026' })
        .expect(400);
      expect(future.text).toContain('The date it was completed must be today or in the past');
      expect(future.text).toContain('href="#completedOn-day"');
      const unreal = await ownerAgent
        .post(at(`/milestones/${milestone.id}/complete`))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), version, 'completedOn-day': '31', 'completedOn-month': '2', 'completedOn-year': '2026' })
        .expect(400);
      expect(unreal.text).toContain('must be a real date');
      await ownerAgent
        .post(at(`/milestones/${milestone.id}/complete`))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), version, 'completedOn-day': '20', 'completedOn-month': '11', 'completedOn-year': '2026' })
        .expect(303);
      expect(await flashOf(ownerAgent)).toContain('Milestone completed');
      expect((await apiAction()).milestones[0].completedOn).toBe('2026-11-20');
      // The same form sent again carries the version it was loaded with: stale, refused on the field, nothing saved.
      const stale = await ownerAgent
        .post(at(`/milestones/${milestone.id}/complete`))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), version, 'completedOn-day': '19', 'completedOn-month': '11', 'completedOn-year': '2026' })
        .expect(409);
      expect(stale.text).toContain('Someone else changed this milestone after you opened the form');
      expect((await apiAction()).milestones[0].completedOn).toBe('2026-11-20');
    });
  });

  describe('progress updates', () => {
    it('adds one (listed newest first); an empty one is refused on the field', async () => {
      const token = await tokenOf(ownerAgent, at('/updates/new'));
      const empty = await ownerAgent.post(at('/updates/new')).type('form').send({ _csrf: token, narrative: '  ' }).expect(400);
      expect(empty.text).toContain('href="#narrative"');
      await ownerAgent.post(at('/updates/new')).type('form').send({ _csrf: token, narrative: 'First: audit started.' }).expect(303);
      await ownerAgent.post(at('/updates/new')).type('form').send({ _csrf: token, narrative: 'Second: 30 cases audited.' }).expect(303);
      const text = await flashOf(ownerAgent);
      expect(text).toContain('Your progress update has been added');
      expect(text.indexOf('Second: 30 cases audited.')).toBeLessThan(text.indexOf('First: audit started.'));
    });
  });

  describe('evidence', () => {
    let pdf: Buffer;
    beforeAll(async () => {
      pdf = await makePdf('Audit report');
    });

    const uploadForm = async (agent: Agent) => {
      const form = await agent.get(at('/evidence/new')).expect(200);
      const actionUrl = /action="([^"]+)" enctype="multipart\/form-data"/.exec(form.text)![1].replace(/&amp;/g, '&');
      return actionUrl;
    };

    it('uploads as a plain multipart form post (token in the address), downloads it and withdraws it', async () => {
      const url = await uploadForm(ownerAgent);
      expect(url).toMatch(/\?_csrf=/);
      const { body, contentType } = multipartBody([
        { name: 'title', value: 'Audit report, quarter 3' },
        { name: 'description', value: '' },
        { name: 'milestoneId', value: '' },
        { name: 'file', file: { data: pdf, fileName: 'audit.pdf', contentType: 'application/pdf' } },
      ]);
      const res = await ownerAgent.post(url).set('Content-Type', contentType).send(body).expect(303);
      expect(res.headers.location).toBe(at(''));
      const text = await flashOf(ownerAgent);
      expect(text).toContain('Your evidence has been uploaded');
      expect(text).toContain('Audit report, quarter 3');
      expect(text).toContain('Awaiting review');
      const download = /href="(\/actions\/[^"]+\/evidence\/[^"]+\/file)"/.exec(text)![1];
      const file = await ownerAgent.get(download).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toMatch(/attachment/);
      expect(sha256(file.body as Buffer)).toBe(sha256(pdf));
      // The same access rules as the API: another owner may not download it (404), scrutiny neither.
      const other = (await signInWithAgent(w.t, otherOwner.email)).agent;
      await other.get(download).expect(404);

      const withdrawAction = /action="(\/actions\/[^"]+\/withdraw)"/.exec(text)![1];
      await ownerAgent.post(withdrawAction).type('form').send({ _csrf: csrfTokenFrom(text) }).expect(303);
      const after = await flashOf(ownerAgent);
      expect(after).toContain('Evidence withdrawn');
      expect(after).not.toContain('audit.pdf');
    });

    it('answers the script (Accept: application/json) with where to go, or with the errors', async () => {
      const url = await uploadForm(ownerAgent);
      const good = multipartBody([
        { name: 'title', value: 'Training records' },
        { name: 'file', file: { data: await makePdf('Training'), fileName: 'training.pdf' } },
      ]);
      const ok = await ownerAgent.post(url).set('Content-Type', good.contentType).set('Accept', 'application/json').send(good.body).expect(201);
      expect(ok.body).toEqual({ location: at('') });
      const bad = multipartBody([{ name: 'title', value: '' }, { name: 'file', file: { data: pdf, fileName: 'a.pdf' } }]);
      const refused = await ownerAgent.post(url).set('Content-Type', bad.contentType).set('Accept', 'application/json').send(bad.body).expect(400);
      expect(refused.body.errors).toEqual([{ field: 'title', text: 'Enter a title for the evidence' }]);
    });

    it('refuses a missing title or file, and a file of the wrong type, on the field (JavaScript off)', async () => {
      const url = await uploadForm(ownerAgent);
      const noFile = multipartBody([{ name: 'title', value: 'Minutes' }]);
      const res = await ownerAgent.post(url).set('Content-Type', noFile.contentType).send(noFile.body).expect(400);
      expect(res.text).toContain('href="#file"');
      expect(res.text).toContain('Select a file');
      const exe = multipartBody([{ name: 'title', value: 'Minutes' }, { name: 'file', file: { data: Buffer.from('MZ\x90\x00 not a document'), fileName: 'minutes.exe' } }]);
      const wrong = await ownerAgent.post(url).set('Content-Type', exe.contentType).send(exe.body).expect(415);
      expect(wrong.text).toContain('The selected file must be a PDF');
    });

    it('refuses an upload without the CSRF token', async () => {
      const { body, contentType } = multipartBody([{ name: 'title', value: 'x' }, { name: 'file', file: { data: pdf, fileName: 'a.pdf' } }]);
      await ownerAgent.post(at('/evidence/new')).set('Content-Type', contentType).send(body).expect(403);
    });
  });

  describe('colour override (board only)', () => {
    it('an owner may not override: the 403 page for the form and the post', async () => {
      const res = await ownerAgent.get(at('/override')).expect(403);
      expect(res.text).toContain('You do not have permission');
      const token = await tokenOf(ownerAgent, at(''));
      await ownerAgent.post(at('/override')).type('form').send({ _csrf: token, colour: 'green', reason: 'Because', 'expiresOn-day': '1', 'expiresOn-month': '12', 'expiresOn-year': '2026' }).expect(403);
    });

    it('the board sets one (refusals on the fields first); the page shows it beside the computed colour; then removes it', async () => {
      const token = await tokenOf(boardAgent, at('/override'));
      const missing = await boardAgent.post(at('/override')).type('form').send({ _csrf: token, reason: '' }).expect(400);
      expect(missing.text).toContain('href="#colour"');
      expect(missing.text).toContain('href="#reason"');
      expect(missing.text).toContain('href="#expiresOn-day"');
      const past = await boardAgent
        .post(at('/override'))
        .type('form')
        .send({ _csrf: token, colour: 'amber', reason: 'Recovery plan agreed at board', 'expiresOn-day': '1', 'expiresOn-month': '11', 'expiresOn-year': '2026' })
        .expect(400);
      expect(past.text).toContain('The last day of the override must be today');

      await boardAgent
        .post(at('/override'))
        .type('form')
        .send({ _csrf: token, colour: 'amber', reason: 'Recovery plan agreed at board', 'expiresOn-day': '31', 'expiresOn-month': '1', 'expiresOn-year': '2027' })
        .expect(303);
      expect(await flashOf(boardAgent)).toContain('The colour has been overridden');
      await waitForRag(w.t.dataSource, action.id, (r) => r.overridden, 'the override');
      const shown = (await boardAgent.get(at('')).expect(200)).text;
      expect(shown).toContain('Recovery plan agreed at board');
      expect(shown).toContain('Avery Boardman (Improvement board member)');
      expect(shown).toContain('31 January 2027');
      expect(shown).toMatch(/The rules alone give/);

      await boardAgent.post(at('/override/remove')).type('form').send({ _csrf: csrfTokenFrom(shown) }).expect(303);
      expect(await flashOf(boardAgent)).toContain('The override has been removed');
      await waitForRag(w.t.dataSource, action.id, (r) => !r.overridden, 'the override ended');
    });
  });

  it('a closed plan is read-only: no forms on the page, and posts answer 409', async () => {
    const before = (await ownerAgent.get(at('')).expect(200)).text;
    const token = csrfTokenFrom(before);
    await w.t.http().post(`/api/v1/plans/${org.planId}/close`).set(bearer(org.admin)).expect(200);
    const res = await ownerAgent.get(at('')).expect(200);
    expect(res.text).toContain('This plan is closed');
    expect(res.text).not.toContain('Add a progress update');
    expect(res.text).not.toContain('Upload evidence');
    const refused = await ownerAgent.post(at('/updates/new')).type('form').send({ _csrf: token, narrative: 'Too late' }).expect(409);
    expect(refused.text).toContain('Sorry');
    await ownerAgent.get(at('/edit')).expect(409);
  });

  it('needs a signed-in user', async () => {
    const res = await request(w.t.app.getHttpServer()).get(at('')).expect(303);
    expect(res.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(at(''))}`);
  });
});
