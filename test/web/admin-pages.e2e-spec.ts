import request from 'supertest';
import { seedAction, seedPlanBasics } from '../support/plan-fixtures';
import { bearer, inPlan, TEST_PASSWORD, TestOrganisation } from '../support/test-app';
import { createWebUser, csrfTokenFrom, signInWithAgent, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

type Agent = ReturnType<typeof request.agent>;

/**
 * Administration, plan settings, committees and meetings pages over HTTP (supertest): each form's
 * success and its validation failure, who gets 403 and 404, CSRF, and what ends a session.
 */
describe('administration, plan settings and meetings pages (supertest, real PostgreSQL and Redis)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let other: TestOrganisation;
  let admin: Agent;
  let board: WebUser;
  let boardAgent: Agent;
  let owner: WebUser;
  let ownerAgent: Agent;

  beforeAll(async () => {
    w = await startWebApp();
    org = await w.t.createOrganisation('Wigan Council');
    other = await w.t.createOrganisation('Bolton Council');
    board = await createWebUser(w.t, org, 'board', 'Helen Marsh');
    owner = await createWebUser(w.t, org, 'owner', 'Tom Reyes');
    admin = (await signInWithAgent(w.t, org.admin.email)).agent;
    boardAgent = (await signInWithAgent(w.t, board.email)).agent;
    ownerAgent = (await signInWithAgent(w.t, owner.email)).agent;
  });

  afterAll(() => w.close());

  const http = () => request(w.t.app.getHttpServer());
  /** GETs the page (for its CSRF token) and POSTs the form to `action`. */
  const submit = async (agent: Agent, page: string, action: string, fields: Record<string, string | string[]>) => {
    const form = await agent.get(page).expect(200);
    return agent.post(action).type('form').send({ _csrf: csrfTokenFrom(form.text), ...fields });
  };
  /** The error summary's links: "#field message". */
  const errorSummary = (html: string) => {
    const summary = /<div class="govuk-error-summary[^]*?<\/ul>/.exec(html)?.[0] ?? '';
    return [...summary.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2].trim()}`);
  };
  const api = (path: string) => http().get(path).set(bearer(org.admin));

  describe('users', () => {
    it('lists users for admins only, with the Administration link in the header', async () => {
      const list = await admin.get('/admin/users').expect(200);
      expect(list.text).toContain('Helen Marsh');
      expect(list.text).toContain('Improvement board member');
      expect(list.text).toMatch(/href="\/admin\/users" aria-current="page">\s*(<strong[^>]*>)?\s*Administration/);
      const home = await boardAgent.get('/').expect(200);
      expect(home.text).not.toContain('Administration');
      const refused = await boardAgent.get('/admin/users').expect(403);
      expect(refused.text).toContain('You do not have permission to see this page');
      await ownerAgent.get('/admin/users/new').expect(403);
    });

    it('adds a user, naming each bad field, and refuses an email already in use', async () => {
      const bad = await submit(admin, '/admin/users/new', '/admin/users/new', { name: '', email: 'nope', role: '', password: 'short' }).then((r) => r);
      expect(bad.status).toBe(400);
      expect(errorSummary(bad.text)).toEqual([
        '#name Enter a name',
        '#email Enter an email address in the correct format, like name@council.gov.uk',
        '#role Select a role in the organisation',
        '#password The initial password must be 12 characters or more',
      ]);
      expect(bad.text).not.toContain('value="short"');

      const ok = await submit(admin, '/admin/users/new', '/admin/users/new', { name: 'Ruth Adeyemi', email: 'Ruth.Adeyemi@wigan.example', jobTitle: 'Head of Quality', role: 'member', password: 'four-random-words-here' }).then((r) => r);
      expect(ok.status).toBe(303);
      expect(ok.headers.location).toMatch(/^\/admin\/users\/[0-9a-f-]{36}$/);
      const page = await admin.get(ok.headers.location).expect(200);
      expect(page.text).toContain('Ruth Adeyemi has been added');
      expect(page.text).toContain('ruth.adeyemi@wigan.example');
      await w.t.login('ruth.adeyemi@wigan.example', 'four-random-words-here');

      const taken = await submit(admin, '/admin/users/new', '/admin/users/new', { name: 'Ruth Again', email: 'ruth.adeyemi@wigan.example', role: 'member', password: 'four-random-words-here' }).then((r) => r);
      expect(taken.status).toBe(400);
      expect(errorSummary(taken.text)).toEqual(['#email Email address is already in use']);
    });

    it("another organisation's user, or no user, is a page that does not exist", async () => {
      await admin.get(`/admin/users/${other.admin.id}`).expect(404);
      await admin.get('/admin/users/not-a-uuid').expect(404);
      const res = await submit(admin, '/admin/users', `/admin/users/${other.admin.id}/plans`, { planId: org.planId, planRole: 'owner' });
      expect(res.status).toBe(404);
    });

    it("gives a plan role, changes it and takes it away, through the plan's memberships", async () => {
      const user = await createWebUser(w.t, org, 'owner', 'Kofi Mensah');
      const plan = await w.t.createPlan(org, { title: 'SEND improvement plan' });
      const page = `/admin/users/${user.id}`;
      const missing = await submit(admin, page, `${page}/plans`, { planId: '', planRole: '' });
      expect(missing.status).toBe(400);
      expect(errorSummary(missing.text)).toEqual(['#planId Select a plan', '#planRole Select a role in the plan']);

      await submit(admin, page, `${page}/plans`, { planId: plan.id, planRole: 'scrutiny' }).then((r) => expect(r.status).toBe(303));
      const members = async () => (await api(inPlan(plan.id, 'members')).expect(200)).body.items as { userId: string; role: string }[];
      expect((await members()).find((m) => m.userId === user.id)?.role).toBe('scrutiny');
      await submit(admin, page, `${page}/plans`, { planId: plan.id, planRole: 'board' }).then((r) => expect(r.status).toBe(303));
      expect((await members()).find((m) => m.userId === user.id)?.role).toBe('board');
      const shown = await admin.get(page).expect(200);
      expect(shown.text).toContain('SEND improvement plan');

      await submit(admin, page, `${page}/plans/${plan.id}/remove`, {}).then((r) => expect(r.status).toBe(303));
      expect((await members()).find((m) => m.userId === user.id)).toBeUndefined();
      const audit = await api(`/api/v1/audit-events?entityType=plan_membership&entityId=${user.id}`).expect(200);
      expect((audit.body.items as { action: string }[]).map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'update', 'delete']));
    });

    it('refuses to take a plan role from someone who owns open actions in it, naming them, until they have another owner', async () => {
      const user = await createWebUser(w.t, org, 'owner', 'Grace Okafor');
      const plan = await w.t.createPlan(org, { title: 'Front door improvement plan' });
      await w.t.addMember(org, plan.id, user, 'owner');
      const basics = await seedPlanBasics(w.t.dataSource, org.id, plan.id);
      const action = await seedAction(w.t.dataSource, org.id, basics, { ownerId: user.id, reference: 'F1' });
      const page = `/admin/users/${user.id}`;

      const removed = await submit(admin, page, `${page}/plans/${plan.id}/remove`, {});
      expect(removed.status).toBe(409);
      expect(errorSummary(removed.text)).toEqual(['#plan-roles They own an open action in Front door improvement plan (F1): give it another owner before taking their role away']);
      const toScrutiny = await submit(admin, page, `${page}/plans`, { planId: plan.id, planRole: 'scrutiny' });
      expect(toScrutiny.status).toBe(409);
      expect(errorSummary(toScrutiny.text)).toEqual(['#planId They own an open action in Front door improvement plan (F1): give it another owner before making them a scrutiny member']);
      const members = async () => (await api(inPlan(plan.id, 'members')).expect(200)).body.items as { userId: string; role: string }[];
      expect((await members()).find((m) => m.userId === user.id)?.role).toBe('owner');

      await w.t.dataSource.query(`UPDATE action SET status = 'complete', completed_on = '2026-11-20' WHERE id = $1`, [action.id]);
      await submit(admin, page, `${page}/plans/${plan.id}/remove`, {}).then((r) => expect(r.status).toBe(303));
      expect((await members()).find((m) => m.userId === user.id)).toBeUndefined();
    });

    it('gives a chief officer no role in a plan: the page says why, and a role sent anyway is refused', async () => {
      const chief = await w.t.createUser(org, 'chief_officer' as never);
      const page = `/admin/users/${chief.id}`;
      const shown = await admin.get(page).expect(200);
      expect(shown.text).toContain('Chief officers see every plan side by side on the organisation overview: they are not given a role in a plan.');
      expect(shown.text).not.toContain('Give a role in a plan, or change one');
      const refused = await submit(admin, page, `${page}/plans`, { planId: org.planId, planRole: 'board' });
      expect(refused.status).toBe(400);
      expect(errorSummary(refused.text)).toEqual(['#planId Chief officers see the organisation overview only: they are not given a plan role']);
    });

    it('refuses to make someone who owns open actions a chief officer, naming the actions and their plans; made one, they leave every plan', async () => {
      const user = await createWebUser(w.t, org, 'owner', 'Ayo Bello');
      const plan = await w.t.createPlan(org, { title: 'Adoption improvement plan' });
      await w.t.addMember(org, plan.id, user, 'owner');
      const basics = await seedPlanBasics(w.t.dataSource, org.id, plan.id);
      const action = await seedAction(w.t.dataSource, org.id, basics, { ownerId: user.id, reference: 'AD1' });
      const page = `/admin/users/${user.id}`;
      const version = String((await api(`/api/v1/users/${user.id}`)).body.version);

      const refused = await submit(admin, page, page, { name: 'Ayo Bello', role: 'chief_officer', version });
      expect(refused.status).toBe(409);
      expect(errorSummary(refused.text)).toEqual(['#role They own an open action (AD1 in Adoption improvement plan): give it another owner before making them a chief officer']);
      expect((await api(`/api/v1/users/${user.id}`)).body.role).toBe('member');

      await w.t.dataSource.query(`UPDATE action SET status = 'complete', completed_on = '2026-11-20' WHERE id = $1`, [action.id]);
      await submit(admin, page, page, { name: 'Ayo Bello', role: 'chief_officer', version }).then((r) => expect(r.status).toBe(303));
      const members = (await api(inPlan(plan.id, 'members')).expect(200)).body.items as { userId: string }[];
      expect(members.map((m) => m.userId)).not.toContain(user.id);
    });

    it('takes a version no row can have (beyond the integer column) as stale: 409, never a database error', async () => {
      const user = await createWebUser(w.t, org, 'owner', 'Ola Stale');
      const page = `/admin/users/${user.id}`;
      for (const version of ['99999999999', '1e21', '2147483648']) {
        const res = await submit(admin, page, page, { name: 'Ola Stale', role: 'member', version });
        expect([version, res.status]).toEqual([version, 409]);
      }
    });

    it("changes a user's details and organisation role, refusing an empty name and one's own admin role", async () => {
      const user = await createWebUser(w.t, org, 'owner', 'Mei Chen');
      const page = `/admin/users/${user.id}`;
      const version = String((await api(`/api/v1/users/${user.id}`)).body.version);
      const bad = await submit(admin, page, page, { name: ' ', role: 'member', version });
      expect(bad.status).toBe(400);
      expect(errorSummary(bad.text)).toEqual(['#name Enter a name']);
      await submit(admin, page, page, { name: 'Mei Chen', jobTitle: 'Service manager', role: 'chief_officer', version }).then((r) => expect(r.status).toBe(303));
      expect((await api(`/api/v1/users/${user.id}`)).body).toMatchObject({ role: 'chief_officer', jobTitle: 'Service manager' });

      const self = `/admin/users/${org.admin.id}`;
      const selfVersion = String((await api(`/api/v1/users/${org.admin.id}`)).body.version);
      const demote = await submit(admin, self, self, { name: 'Admin', role: 'member', version: selfVersion });
      expect(demote.status).toBe(400);
      expect(errorSummary(demote.text)).toEqual(['#role You cannot remove your own administrator role']);
    });

    it("resets a password (the user's session ends) and refuses a weak one", async () => {
      const user = await createWebUser(w.t, org, 'owner', 'Jack Doyle');
      const { agent } = await signInWithAgent(w.t, user.email);
      await agent.get('/').expect(200);
      const page = `/admin/users/${user.id}`;
      const version = String((await api(`/api/v1/users/${user.id}`)).body.version);
      const weak = await submit(admin, page, `${page}/password`, { newPassword: 'password1234', version });
      expect(weak.status).toBe(400);
      expect(errorSummary(weak.text)[0]).toMatch(/^#newPassword The new password is too easy to guess/);
      await submit(admin, page, `${page}/password`, { newPassword: 'another-four-words-here', version }).then((r) => expect(r.status).toBe(303));
      await agent.get('/').expect(303);
      await w.t.login(user.email, 'another-four-words-here');
    });

    it("deactivating ends the user's session at once; reactivating lets them sign in again", async () => {
      const user = await createWebUser(w.t, org, 'owner', 'Sara Novak');
      const { agent } = await signInWithAgent(w.t, user.email);
      const page = `/admin/users/${user.id}`;
      const version = async () => String((await api(`/api/v1/users/${user.id}`)).body.version);
      await submit(admin, page, `${page}/active`, { active: 'false', version: await version() }).then((r) => expect(r.status).toBe(303));
      const res = await agent.get('/');
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/sign-in/);
      expect((await admin.get('/admin/users').expect(200)).text).toContain('Deactivated');
      await submit(admin, page, `${page}/active`, { active: 'true', version: await version() }).then((r) => expect(r.status).toBe(303));
      await w.t.login(user.email, TEST_PASSWORD);
      // An admin is never offered deactivating themselves, and the service refuses it.
      expect((await admin.get(`/admin/users/${org.admin.id}`).expect(200)).text).not.toContain('Deactivate');
    });

    it('refuses a form sent without its CSRF token', async () => {
      const res = await admin.post('/admin/users/new').type('form').send({ name: 'No Token', email: 'no.token@wigan.example', role: 'member', password: 'four-random-words-here' });
      expect(res.status).toBe(403);
      expect(res.text).toContain('Sorry, your form could not be sent');
      expect((await api('/api/v1/users?q=no.token').expect(200)).body.total).toBe(0);
    });
  });

  describe('plan settings', () => {
    const settings = () => `/plans/${org.planId}/settings`;

    it('shows the RAG policy to admin and board; not to an owner (403) nor for another organisation’s plan (404)', async () => {
      const page = await boardAgent.get(settings()).expect(200);
      expect(page.text).toContain('RAG policy');
      expect(page.text).toContain('Set up with the defaults');
      expect(page.text).toContain('aria-current="page"');
      expect(page.text).not.toContain('Close this plan');
      await ownerAgent.get(settings()).expect(403);
      await admin.get(`/plans/${other.planId}/settings`).expect(404);
      await boardAgent.get(`${settings()}/close`).expect(403);
    });

    it('shows the board the policy in force and its history, read-only: only an administrator changes it (403 for the board)', async () => {
      const page = await boardAgent.get(settings()).expect(200);
      expect(page.text).not.toContain('Save RAG policy');
      expect(page.text).toContain('Only your organisation’s administrators can change the RAG policy');
      expect(page.text).toContain('Days a milestone may be overdue before it is Red');
      expect(page.text).toContain('data-testid="policy-history"');
      // The board still changes the plan's details.
      expect(page.text).toContain('Save the plan’s details');
      const versionBefore = (await api(inPlan(org.planId, 'settings/rag')).expect(200)).body.version;
      // A form posted anyway (the admin's page has the token too) is refused, and nothing is saved.
      const refused = await submit(boardAgent, settings(), `${settings()}/rag`, { version: String(versionBefore), redAfterDays: '7', staleAfterDays: '42', progressAmberPoints: '15', progressRedPoints: '30', rules: ['blocked'] });
      expect(refused.status).toBe(403);
      expect((await api(inPlan(org.planId, 'settings/rag')).expect(200)).body.version).toBe(versionBefore);
    });

    it('changes the RAG policy (an administrator): errors named inline, then a new version in the history with who changed what', async () => {
      const adminName = (await api(`/api/v1/users/${org.admin.id}`).expect(200)).body.name as string;
      const bad = await submit(admin, settings(), `${settings()}/rag`, { version: '1', redAfterDays: '0', staleAfterDays: 'x', progressAmberPoints: '30', progressRedPoints: '20', rules: ['blocked'] });
      expect(bad.status).toBe(400);
      expect(errorSummary(bad.text)).toEqual([
        '#redAfterDays Days a milestone may be overdue before it is Red must be between 1 and 365',
        '#staleAfterDays Days without a progress update before a started action is Amber must be a whole number',
        '#progressRedPoints Points behind time for Red must be more than the points for Amber (30)',
      ]);
      expect(bad.text).toContain('govuk-error-message');

      const rules = ['overdueAction', 'overdueMilestones', 'staleUpdates', 'rejectedEvidence'];
      const ok = await submit(admin, settings(), `${settings()}/rag`, { version: '1', redAfterDays: '14', staleAfterDays: '42', progressAmberPoints: '15', progressRedPoints: '30', rules });
      expect(ok.status).toBe(303);
      const policy = (await api(inPlan(org.planId, 'settings/rag')).expect(200)).body;
      expect(policy).toMatchObject({ version: 2, settings: { redAfterDays: 14, rules: { blocked: false, overdueAction: true, progressAgainstTime: false } } });
      const page = await admin.get(settings()).expect(200);
      expect(page.text).toContain('The RAG policy has been saved as version 2');
      expect(page.text).toContain(adminName);
      // The board reads who changed it, and what.
      expect((await boardAgent.get(settings()).expect(200)).text).toContain('28 to 14');
      expect(page.text).toContain('Days a milestone may be overdue before it is Red: 28 to 14');

      // A stale version (someone else saved first) is the usual conflict page, not a silent overwrite.
      const stale = await submit(admin, settings(), `${settings()}/rag`, { version: '1', redAfterDays: '7', staleAfterDays: '42', progressAmberPoints: '15', progressRedPoints: '30', rules });
      expect(stale.status).toBe(409);
    });

    it("changes the plan's title, then an admin closes the plan and it becomes read-only", async () => {
      const plan = await w.t.createPlan(org, { title: 'Children’s services plan' });
      const page = `/plans/${plan.id}/settings`;
      const bad = await submit(admin, page, `${page}/details`, { title: '', version: '1' });
      expect(bad.status).toBe(400);
      expect(errorSummary(bad.text)).toEqual(['#title Enter the plan’s title']);
      await submit(admin, page, `${page}/details`, { title: 'Children’s services improvement plan', programmeLead: 'Director of Children’s Services', version: '1' }).then((r) => expect(r.status).toBe(303));
      expect((await api(`/api/v1/plans/${plan.id}`)).body).toMatchObject({ title: 'Children’s services improvement plan', programmeLead: 'Director of Children’s Services' });

      const confirm = await admin.get(`${page}/close`).expect(200);
      expect(confirm.text).toContain('Are you sure you want to close Children’s services improvement plan?');
      await submit(admin, `${page}/close`, `${page}/close`, {}).then((r) => expect(r.status).toBe(303));
      expect((await api(`/api/v1/plans/${plan.id}`)).body.status).toBe('closed');
      const closed = await admin.get(page).expect(200);
      expect(closed.text).toContain('This plan was closed on');
      expect(closed.text).not.toContain('Save RAG policy');
      expect((await admin.get(`/plans/${plan.id}/meetings`).expect(200)).text).not.toContain('Add committee');
    });
  });

  describe('committees and meetings', () => {
    const meetings = () => `/plans/${org.planId}/meetings`;

    it('adds a committee and a meeting, with the papers deadline worked out; edits and deletes them', async () => {
      const bad = await submit(admin, meetings(), `${meetings()}/committees`, { name: '', audience: '' });
      expect(bad.status).toBe(400);
      expect(errorSummary(bad.text)).toEqual(['#name Enter the committee’s name', '#audience Select what the committee receives']);
      await submit(admin, meetings(), `${meetings()}/committees`, { name: 'Adult Social Care Improvement Board', audience: 'board' }).then((r) => expect(r.status).toBe(303));
      const taken = await submit(boardAgent, meetings(), `${meetings()}/committees`, { name: 'Adult Social Care Improvement Board', audience: 'scrutiny' });
      expect(taken.status).toBe(400);
      expect(errorSummary(taken.text)).toEqual(['#name The name is already the name of another committee of this plan']);
      const committee = ((await api(inPlan(org.planId, 'committees')).expect(200)).body.items as { id: string; name: string }[]).find((c) => c.name === 'Adult Social Care Improvement Board')!;

      const newMeeting = `${meetings()}/new?committeeId=${committee.id}`;
      const form = await admin.get(newMeeting).expect(200);
      expect(form.text).toMatch(/<option value="[^"]+" selected>Adult Social Care Improvement Board<\/option>/);
      const badDate = await submit(admin, newMeeting, `${meetings()}/new`, { committeeId: committee.id, 'meetsOn-day': '31', 'meetsOn-month': '2', 'meetsOn-year': '2027', startsAt: 'evening' });
      expect(badDate.status).toBe(400);
      expect(errorSummary(badDate.text)).toEqual(['#meetsOn-day The date of the meeting must be a real date', '#startsAt Enter the start time as hours and minutes on the 24-hour clock, like 18:30']);
      const date = { committeeId: committee.id, 'meetsOn-day': '5', 'meetsOn-month': '1', 'meetsOn-year': '2027', startsAt: '18:30', venue: 'Council Chamber, Town Hall' };
      const preview = await submit(admin, newMeeting, `${meetings()}/new`, { ...date, step: 'preview' });
      expect(preview.status).toBe(200);
      // 5 working days before Tuesday 5 January 2027, skipping the Christmas and New Year bank holidays.
      expect(preview.text).toContain('for this date, 24 December 2026');
      await submit(admin, newMeeting, `${meetings()}/new`, date).then((r) => expect(r.status).toBe(303));
      const listed = (await api(inPlan(org.planId, 'meetings')).expect(200)).body.items as { id: string; papersDeadline: string; papersDeadlineSet: boolean }[];
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ papersDeadline: '2026-12-24', papersDeadlineSet: false });
      const list = await admin.get(meetings()).expect(200);
      expect(list.text).toContain('24 December 2026 (5 working days before)');

      const meetingPage = `/meetings/${listed[0].id}`;
      const badDeadline = await submit(admin, meetingPage, meetingPage, { version: '1', 'meetsOn-day': '5', 'meetsOn-month': '1', 'meetsOn-year': '2027', 'papersDeadline-day': '6', 'papersDeadline-month': '1', 'papersDeadline-year': '2027' });
      expect(badDeadline.status).toBe(400);
      expect(errorSummary(badDeadline.text)).toEqual(['#papersDeadline-day The papers deadline must be on or before the day of the meeting']);
      await submit(admin, meetingPage, meetingPage, { version: '1', 'meetsOn-day': '5', 'meetsOn-month': '1', 'meetsOn-year': '2027', startsAt: '', 'papersDeadline-day': '18', 'papersDeadline-month': '12', 'papersDeadline-year': '2026' }).then((r) => expect(r.status).toBe(303));
      expect((await api(`/api/v1/meetings/${listed[0].id}`).expect(200)).body).toMatchObject({ papersDeadline: '2026-12-18', papersDeadlineSet: true, startsAt: null });

      const committeePage = `${meetings()}/committees/${committee.id}`;
      const refused = await submit(admin, committeePage, `${committeePage}/delete`, {});
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('has meetings: delete its meetings first');
      await submit(admin, meetingPage, `${meetingPage}/delete`, {}).then((r) => expect(r.status).toBe(303));
      await submit(admin, committeePage, committeePage, { name: 'Improvement Board', audience: 'board', version: '1' }).then((r) => expect(r.status).toBe(303));
      await submit(admin, committeePage, `${committeePage}/delete`, {}).then((r) => expect(r.status).toBe(303));
      expect((await api(inPlan(org.planId, 'committees')).expect(200)).body.total).toBe(0);
      const audit = await api(`/api/v1/audit-events?entityType=committee&entityId=${committee.id}`).expect(200);
      expect((audit.body.items as { action: string }[]).map((e) => e.action).sort()).toEqual(['create', 'delete', 'update']);
    });

    it("is for the plan's admin and board: an owner gets 403; another organisation's plan, committee or meeting is 404", async () => {
      await ownerAgent.get(meetings()).expect(403);
      await admin.get(`/plans/${other.planId}/meetings`).expect(404);
      const theirs = await http().post(inPlan(other.planId, 'committees')).set(bearer(other.admin)).send({ name: 'Bolton Board', audience: 'board' }).expect(201);
      const theirMeeting = await http().post(inPlan(other.planId, 'meetings')).set(bearer(other.admin)).send({ committeeId: theirs.body.id, meetsOn: '2027-02-02' }).expect(201);
      await admin.get(`${meetings()}/committees/${theirs.body.id}`).expect(404);
      await admin.get(`/meetings/${theirMeeting.body.id}`).expect(404);
      const res = await submit(admin, meetings(), `/meetings/${theirMeeting.body.id}/delete`, {});
      expect(res.status).toBe(404);
    });
  });

  describe('report wording', () => {
    it('lets an administrator set the wording (each bad field named), which the API then returns; others get 403', async () => {
      await boardAgent.get('/admin/report-wording').expect(403);
      const page = await admin.get('/admin/report-wording').expect(200);
      expect(page.text).toContain('Report wording');
      expect(page.text).toContain('Leave blank to use');

      const bad = await submit(admin, '/admin/report-wording', '/admin/report-wording', { version: '0', contactMailbox: 'not an address', glossary: 'no colon here' });
      expect(bad.status).toBe(400);
      expect(errorSummary(bad.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^#contactMailbox /), expect.stringMatching(/^#glossary /)]));
      expect((await api('/api/v1/organisation/report-wording').expect(200)).body.version).toBe(0);

      const saved = await submit(admin, '/admin/report-wording', '/admin/report-wording', {
        version: '0',
        contactOfficerRole: 'Head of Improvement',
        contactMailbox: 'improvement@wigan.example.gov.uk',
      });
      expect(saved.status).toBe(303);
      const body = (await api('/api/v1/organisation/report-wording').expect(200)).body;
      expect(body.settings).toMatchObject({ contactOfficerRole: 'Head of Improvement', contactMailbox: 'improvement@wigan.example.gov.uk' });
      expect(body.version).toBe(1);
      expect((await admin.get('/admin/report-wording').expect(200)).text).toContain('Head of Improvement');
    });
  });
});
