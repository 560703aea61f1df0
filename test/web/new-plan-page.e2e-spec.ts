import { bearer, TestOrganisation } from '../support/test-app';
import { createWebUser, csrfTokenFrom, signInWithAgent, startWebApp, WebTestApp } from './support/web-test-app';

jest.setTimeout(120_000);

type Agent = Awaited<ReturnType<typeof signInWithAgent>>['agent'];

/**
 * "Start a new plan" (`/plans/new`) over HTTP: what it writes (the plan row, its audit line), where
 * it goes next (the new plan's page, with a banner saying what to do), its refusals on the fields,
 * who may use it (administrators only, as `POST /api/v1/plans`), and the home page's button.
 */
describe('web: starting a new plan (supertest)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let adminAgent: Agent;
  let boardAgent: Agent;
  let ownerAgent: Agent;
  let scrutinyAgent: Agent;

  beforeAll(async () => {
    w = await startWebApp();
    org = await w.t.createOrganisation('Exampleshire Council');
    const board = await createWebUser(w.t, org, 'board', 'Avery Boardman', { jobTitle: 'Programme lead' });
    const owner = await createWebUser(w.t, org, 'owner', 'Rowan Ownwell');
    const scrutiny = await createWebUser(w.t, org, 'scrutiny', 'Morgan Scrutton');
    adminAgent = (await signInWithAgent(w.t, org.admin.email)).agent;
    boardAgent = (await signInWithAgent(w.t, board.email)).agent;
    ownerAgent = (await signInWithAgent(w.t, owner.email)).agent;
    scrutinyAgent = (await signInWithAgent(w.t, scrutiny.email)).agent;
  });

  afterAll(() => w?.close());

  const NEW_PLAN = '/plans/new';
  const tokenOf = async (agent: Agent, path = '/') => csrfTokenFrom((await agent.get(path).expect(200)).text);
  const planRows = (title: string) =>
    w.t.dataSource.query<{ id: string; organisation_id: string; service_area: string; target_date: string | null; programme_lead: string | null; status: string }[]>(
      `SELECT id, organisation_id, service_area, target_date::text, programme_lead, status FROM plan WHERE title = $1`,
      [title],
    );
  const auditOf = (planId: string) =>
    w.t.dataSource.query<{ actor_id: string; organisation_id: string; plan_id: string; action: string }[]>(
      `SELECT actor_id, organisation_id, plan_id, action FROM audit_event WHERE entity_type = 'plan' AND entity_id = $1`,
      [planId],
    );

  const validPlan = (extra: Record<string, unknown> = {}) => ({
    title: 'Children’s services improvement plan 2027',
    serviceArea: 'childrens_services',
    'targetDate-day': '31',
    'targetDate-month': '3',
    'targetDate-year': '2028',
    programmeLead: 'Director of Children’s Services',
    ...extra,
  });

  it('the form asks for a title, the service area in words, a target date and the programme lead as a role', async () => {
    const res = await adminAgent.get(NEW_PLAN).expect(200);
    expect(res.text).toContain('<h1 class="govuk-heading-l">Start a new plan</h1>');
    expect(res.text).toContain('name="_csrf"');
    expect(res.text).toContain('id="title" name="title" type="text"');
    expect(res.text).toContain('value="childrens_services"');
    expect(res.text).toContain('Children&#39;s services');
    expect(res.text).toContain('Special educational needs and disabilities (SEND)');
    expect(res.text).toContain('id="targetDate-day" name="targetDate-day"');
    expect(res.text).toContain('A role, not a person');
    expect(res.text).toContain('Exampleshire Council');
  });

  it('an administrator starts one: the row and its audit line, 303 to its plan page with a banner saying what next, and it is on the home page', async () => {
    const token = await tokenOf(adminAgent, NEW_PLAN);
    const res = await adminAgent.post(NEW_PLAN).type('form').send({ _csrf: token, ...validPlan() }).expect(303);
    const [row] = await planRows('Children’s services improvement plan 2027');
    expect(row).toMatchObject({ organisation_id: org.id, service_area: 'childrens_services', target_date: '2028-03-31', programme_lead: 'Director of Children’s Services', status: 'active' });
    expect(res.headers.location).toBe(`/plans/${row.id}/plan`);
    expect(await auditOf(row.id)).toEqual([{ actor_id: org.admin.id, organisation_id: org.id, plan_id: row.id, action: 'create' }]);
    // The API reads it back as it reads its own.
    const api = await w.t.http().get(`/api/v1/plans/${row.id}`).set(bearer(org.admin)).expect(200);
    expect(api.body).toMatchObject({ title: 'Children’s services improvement plan 2027', serviceArea: 'childrens_services', targetDate: '2028-03-31', myRole: 'admin' });

    const page = await adminAgent.get(res.headers.location).expect(200);
    expect(page.text).toContain('govuk-notification-banner--success');
    expect(page.text).toContain('The plan has been started');
    expect(page.text).toContain('Next, give people their roles in it and record the inspection it answers.');
    expect(page.text).toContain('<a class="govuk-notification-banner__link" href="/admin/users">Give people roles in this plan</a>');
    expect(page.text).toContain(`<a class="govuk-notification-banner__link" href="/plans/${row.id}/inspections/new">Add an inspection to this plan</a>`);
    // The banner is shown once.
    expect((await adminAgent.get(res.headers.location).expect(200)).text).not.toContain('The plan has been started');

    const home = await adminAgent.get('/').expect(200);
    expect(home.text).toContain(`<a class="govuk-link" href="/plans/${row.id}">Children’s services improvement plan 2027</a>: administrator`);
    // Its dashboard says it is empty and where to start, not a table of noughts.
    const dashboard = (await adminAgent.get(`/plans/${row.id}`).expect(200)).text;
    expect(dashboard).toContain('This plan has no actions yet.');
    expect(dashboard).toContain(`Start on <a class="govuk-link" href="/plans/${row.id}/plan">the plan page</a>`);
    expect(dashboard).not.toContain('data-testid="colour-counts"');
    // Its plan page and actions list say it is empty, not '0 findings' or 'No actions match'.
    const planPage = (await adminAgent.get(`/plans/${row.id}/plan`).expect(200)).text;
    expect(planPage).toContain('No findings recorded yet.');
    expect(planPage).not.toContain('0 findings');
    expect((await adminAgent.get(`/plans/${row.id}/actions`).expect(200)).text).toContain('This plan has no actions yet');
    // Its pages, empty, all answer.
    for (const path of ['', '/plan', '/actions', '/packs', '/meetings', '/settings', '/reports', '/notifications', '/imports', '/inspections/new']) {
      await adminAgent.get(`/plans/${row.id}${path}`).expect(200);
    }
  });

  it('the optional fields may be left out: no target date, no programme lead', async () => {
    const token = await tokenOf(adminAgent, NEW_PLAN);
    const body = validPlan({ title: 'SEND improvement plan', serviceArea: 'send', 'targetDate-day': '', 'targetDate-month': '', 'targetDate-year': '', programmeLead: '  ' });
    await adminAgent.post(NEW_PLAN).type('form').send({ _csrf: token, ...body }).expect(303);
    const [row] = await planRows('SEND improvement plan');
    expect(row).toMatchObject({ service_area: 'send', target_date: null, programme_lead: null });
  });

  it('missing answers and a 31 February come back on their fields, with what was typed', async () => {
    const token = await tokenOf(adminAgent, NEW_PLAN);
    const res = await adminAgent
      .post(NEW_PLAN)
      .type('form')
      .send({ _csrf: token, ...validPlan({ title: '   ', serviceArea: '', 'targetDate-day': '31', 'targetDate-month': '02', 'targetDate-year': '2027' }) })
      .expect(400);
    expect(res.text).toMatch(/<title>Error: /);
    expect(res.text).toContain('<a href="#title">Enter a title for the plan</a>');
    expect(res.text).toContain('<a href="#serviceArea">Select the service the plan is for</a>');
    expect(res.text).toContain('<a href="#targetDate-day">The target date must be a real date</a>');
    expect(res.text).toMatch(/id="targetDate-day" name="targetDate-day" type="text" value="31"/);
    expect(res.text).toContain('value="Director of Children’s Services"');
    const partial = await adminAgent.post(NEW_PLAN).type('form').send({ _csrf: token, ...validPlan({ title: 'Partial date plan', 'targetDate-month': '' }) }).expect(400);
    expect(partial.text).toContain('<a href="#targetDate-month">The target date must include a month</a>');
    expect(await planRows('Partial date plan')).toEqual([]);
  });

  it('the API’s rules come back on their fields: a title over 300 characters, a long programme lead, a service area not on the list', async () => {
    const token = await tokenOf(adminAgent, NEW_PLAN);
    const send = (extra: Record<string, unknown>) => adminAgent.post(NEW_PLAN).type('form').send({ _csrf: token, ...validPlan({ title: 'Refused plan', ...extra }) });
    const long = await send({ title: 'x'.repeat(301) }).expect(400);
    expect(long.text).toContain('<a href="#title">Title must be 300 characters or fewer</a>');
    expect(long.text).toMatch(/id="title-error"[\s\S]*?Title must be 300 characters or fewer/);
    expect(await planRows('x'.repeat(301))).toEqual([]);
    const lead = await send({ programmeLead: 'y'.repeat(201) }).expect(400);
    expect(lead.text).toContain('<a href="#programmeLead">Programme lead must be 200 characters or fewer</a>');
    const area = await send({ serviceArea: 'housing' }).expect(400);
    expect(area.text).toContain('<a href="#serviceArea">Service area must be one from the list</a>');
    // 300 characters exactly is a title.
    await send({ title: 'z'.repeat(300) }).expect(303);
    expect(await planRows('Refused plan')).toEqual([]);
  });

  // The app's hostile-input guard refuses it for every route before any form sees it: the error page, naming the field.
  it('a NUL byte in the title is refused before anything is written (400, the page names the field), not a server error', async () => {
    const token = await tokenOf(adminAgent, NEW_PLAN);
    const res = await adminAgent.post(NEW_PLAN).type('form').send({ _csrf: token, ...validPlan({ title: 'NUL\u0000plan' }) }).expect(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Sorry, there is a problem with what you typed');
    expect(res.text).toContain('The title field contains a character that cannot be saved');
    expect(await w.t.dataSource.query(`SELECT id FROM plan WHERE title LIKE 'NUL%'`)).toEqual([]);
  });

  it('board members, owners and scrutiny members are refused (403, as the API), and write nothing', async () => {
    for (const agent of [boardAgent, ownerAgent, scrutinyAgent]) {
      expect((await agent.get(NEW_PLAN).expect(403)).text).toContain('You do not have permission');
      const token = await tokenOf(agent);
      await agent.post(NEW_PLAN).type('form').send({ _csrf: token, ...validPlan({ title: 'Not an administrator’s plan' }) }).expect(403);
    }
    expect(await planRows('Not an administrator’s plan')).toEqual([]);
  });

  it('refuses a form sent without its CSRF token', async () => {
    const res = await adminAgent.post(NEW_PLAN).type('form').send(validPlan({ title: 'No token plan' })).expect(403);
    expect(res.text).toContain('Sorry, your form could not be sent');
    expect(await planRows('No token plan')).toEqual([]);
  });

  it('the home page offers "Start a new plan" to administrators only', async () => {
    expect((await adminAgent.get('/').expect(200)).text).toContain('href="/plans/new"');
    for (const agent of [boardAgent, ownerAgent, scrutinyAgent]) expect((await agent.get('/').expect(200)).text).not.toContain('/plans/new');
  });

  it('an administrator of an organisation with no plan yet is told so and offered the button prominently', async () => {
    const empty = await w.t.createOrganisation('Newtown Council');
    const plan = empty.planId;
    // Every organisation is made with a first plan: take it away (as the database's owner) for an organisation with none.
    await w.t.asOwner(async (c) => {
      for (const table of ['plan_membership', 'rag_policy']) await c.query(`DELETE FROM ${table} WHERE plan_id = $1`, [plan]);
      await c.query('DELETE FROM plan WHERE id = $1', [plan]);
    });
    const agent = (await signInWithAgent(w.t, empty.admin.email)).agent;
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Your organisation has no plans yet');
    expect(home.text).toMatch(/<a href="\/plans\/new" role="button" draggable="false" class="govuk-button govuk-button--start"/);
    expect(home.text).not.toContain('You hold no role in any plan yet');
  });
});
