import { seedPlanBasics } from '../support/plan-fixtures';
import { bearer, inPlan, TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectErrorSummaryFocused, expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript, flash, launchBrowser, screenshot, signIn, submitAndWaitFor, summary, TestBrowser, watchCspViolations, watchPageErrors } from './support/browser';
import { createWebUser, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(240_000);

describeInBrowser('web: notices and workstreams in a real browser', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  let board: WebUser;

  beforeAll(async () => {
    w = await startWebApp();
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Exampleshire Council');
    board = await createWebUser(w.t, org, 'board', 'Avery Boardman', { jobTitle: 'Programme lead' });
    await seedPlanBasics(w.t.dataSource, org.id);
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });


  it('the board adds a notice (errors first), changes its status (a stale form first), and adds a workstream', async () => {
    const page = await b.newPage();
    const csp = watchCspViolations(page);
    const errors = watchPageErrors(page);
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/plan`);

    // Add a notice.
    await page.getByRole('button', { name: 'Add a notice' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Add a notice');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'add-notice-01-form');

    // No kind, an issue date that is not one, a deadline before it would be issued.
    await page.getByLabel('Title').fill('Failure to protect children at the front door');
    const issued = page.getByRole('group', { name: 'Date issued' });
    await issued.getByLabel('Day').fill('31');
    await issued.getByLabel('Month').fill('2');
    await issued.getByLabel('Year').fill('2025');
    await page.getByRole('button', { name: 'Add notice' }).click();
    await expect(summary(page).textContent()).resolves.toMatch(/Select the kind of notice[\s\S]*The date it was issued must be a real date/);
    await expectErrorSummaryFocused(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-notice-02-errors');

    // A deadline before the issue date: the notices service's rule, on its field.
    await page.getByLabel('DfE improvement notice').check();
    await issued.getByLabel('Day').fill('15');
    await issued.getByLabel('Month').fill('7');
    const deadline = page.getByRole('group', { name: 'Regulator deadline (optional)' });
    await deadline.getByLabel('Day').fill('1');
    await deadline.getByLabel('Month').fill('7');
    await deadline.getByLabel('Year').fill('2025');
    await page.getByRole('button', { name: 'Add notice' }).click();
    await expect(summary(page).textContent()).resolves.toContain('The deadline must be the same as or after the date it was issued');
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-notice-03-deadline-refused');

    await deadline.getByLabel('Year').fill('2026');
    await page.getByLabel('What must be done (optional)').fill('Submit an improvement plan within 30 days; report progress quarterly.');
    await submitAndWaitFor(page, 'Add notice', /\/plan$/);
    await expect(flash(page)).resolves.toContain('The notice has been added');
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-notice-04-added');
    await page.locator('.govuk-notification-banner__link').click();
    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/^#notice-[0-9a-f-]{36}$/);
    const notice = page.locator(hash);
    await expect(notice.textContent()).resolves.toMatch(/DfE improvement notice\s*Failure to protect children at the front door/);
    await expect(notice.getByTestId('notice-history').textContent()).resolves.toMatch(/Open from 15 July 2025\s*\(recorded by Avery Boardman\)/);

    // Change its status: someone else downgrades it after the form was opened (the API, as another client would).
    await notice.getByRole('link', { name: /Change status/ }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Change the notice’s status');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'notice-status-01-form');
    const noticeId = hash.slice('#notice-'.length);
    const [{ version }] = await w.t.dataSource.query<{ version: number }[]>('SELECT version FROM notice WHERE id = $1', [noticeId]);
    await w.t.http().patch(`/api/v1/notices/${noticeId}`).set(bearer(org.admin)).send({ version, status: 'downgraded', statusChangedOn: '2026-11-02' }).expect(200);
    await page.getByLabel('Downgraded').check();
    const changed = page.getByRole('group', { name: 'Date it changed' });
    await changed.getByLabel('Day').fill('20');
    await changed.getByLabel('Month').fill('11');
    await changed.getByLabel('Year').fill('2026');
    await page.getByLabel('Note for its status history (optional)').fill('After the monitoring visit of 10 November');
    await page.getByRole('button', { name: 'Change status' }).click();
    await expect(summary(page).textContent()).resolves.toContain('Someone else changed this notice after you opened the form');
    await expect(page.getByTestId('notice-now').textContent()).resolves.toContain('Downgraded since 2 November 2026');
    await expectNoAxeViolations(page);
    await screenshot(page, 'notice-status-02-stale');

    // A date in the future: refused on the date.
    await page.getByLabel('Closed').check();
    await changed.getByLabel('Year').fill('2027');
    await page.getByRole('button', { name: 'Change status' }).click();
    await expect(summary(page).textContent()).resolves.toContain('The date the status changed must be today or in the past');
    await expectNoAxeViolations(page);
    await screenshot(page, 'notice-status-03-future-date');

    await changed.getByLabel('Year').fill('2026');
    await submitAndWaitFor(page, 'Change status', /\/plan$/);
    await expect(flash(page)).resolves.toContain('Failure to protect children at the front door: Closed');
    await expect(page.locator(hash).getByTestId('notice-history').textContent()).resolves.toMatch(/Open from 15 July 2025[\s\S]*Downgraded from 2 November 2026[\s\S]*Closed from 20 November 2026[\s\S]*After the monitoring visit/);
    await page.locator(hash).scrollIntoViewIfNeeded();
    await screenshot(page, 'notice-status-04-changed');

    // Add a workstream: a code already used first.
    await page.getByRole('button', { name: 'Add a workstream' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Add a workstream');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'add-workstream-01-form');
    const [{ code }] = await w.t.dataSource.query<{ code: string }[]>('SELECT code FROM workstream WHERE plan_id = $1 ORDER BY sort_order LIMIT 1', [org.planId]);
    await page.getByLabel('Code').fill(code);
    await page.getByLabel('Title').fill('Effective performance monitoring');
    await page.getByLabel('The lead’s role (optional)').fill('Head of Performance');
    await page.getByRole('button', { name: 'Add workstream' }).click();
    await expect(summary(page).textContent()).resolves.toContain('Code is already used by another workstream of this plan');
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-workstream-02-code-taken');

    await page.getByLabel('Code').fill('KO9');
    await submitAndWaitFor(page, 'Add workstream', /\/plan$/);
    await expect(flash(page)).resolves.toContain('KO9: Effective performance monitoring');
    await page.locator('.govuk-notification-banner__link').click();
    await expect(page.locator(new URL(page.url()).hash).textContent()).resolves.toMatch(/KO9[\s\S]*Effective performance monitoring[\s\S]*Head of Performance/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-workstream-03-added');

    // The 400 and 409 answers of the refused sends are logged by the browser; nothing else may be.
    expect(errors.filter((e) => !/the server responded with a status of 40[09]/.test(e))).toEqual([]);
    expect(csp).toEqual([]);
  });

  it('the board changes a notice (a stale form first) and a workstream (a code already used first)', async () => {
    const page = await b.newPage();
    const csp = watchCspViolations(page);
    const errors = watchPageErrors(page);
    const notice = (
      await w.t
        .http()
        .post(inPlan(org.planId, 'notices'))
        .set(bearer(board))
        .send({ kind: 'section_50', title: 'Section 50: safeguarding duties', issuedOn: '2025-07-15', failings: 'Enquiries are late.' })
        .expect(201)
    ).body as { id: string; version: number };
    const target = (await w.t.http().post(inPlan(org.planId, 'workstreams')).set(bearer(board)).send({ code: 'KO20', title: 'Workforce' }).expect(201)).body as { id: string };
    const [{ code: usedCode }] = await w.t.dataSource.query<{ code: string }[]>('SELECT code FROM workstream WHERE plan_id = $1 AND id <> $2 LIMIT 1', [org.planId, target.id]);
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/plan`);

    // Change the notice: someone else retitles it after the form was opened.
    await page.locator(`#notice-${notice.id}`).getByRole('link', { name: /^Change Section 50/ }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Change the notice');
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Section 50: safeguarding duties');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'change-notice-01-form');
    await w.t.http().patch(`/api/v1/notices/${notice.id}`).set(bearer(org.admin)).send({ version: notice.version, title: 'Section 50: Care Act safeguarding duties' }).expect(200);
    await page.getByLabel('Title').fill('Section 50 notification: safeguarding');
    const deadline = page.getByRole('group', { name: 'Regulator deadline (optional)' });
    await deadline.getByLabel('Day').fill('31');
    await deadline.getByLabel('Month').fill('3');
    await deadline.getByLabel('Year').fill('2027');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(summary(page).textContent()).resolves.toContain('Someone else changed this notice after you opened the form');
    await expect(page.getByTestId('notice-now').textContent()).resolves.toContain('Section 50: Care Act safeguarding duties');
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Section 50 notification: safeguarding');
    await expectNoAxeViolations(page);
    await screenshot(page, 'change-notice-02-stale');

    await submitAndWaitFor(page, 'Save changes', /\/plan$/);
    await expect(flash(page)).resolves.toContain('The notice has been changed');
    await expectNoAxeViolations(page);
    await screenshot(page, 'change-notice-03-changed');
    await page.locator('.govuk-notification-banner__link').click();
    expect(new URL(page.url()).hash).toBe(`#notice-${notice.id}`);
    await expect(page.locator(`#notice-${notice.id}`).textContent()).resolves.toMatch(/Section 50 notification: safeguarding[\s\S]*31 March 2027/);

    // Change a workstream: a code another workstream uses first.
    await page.locator(`#workstream-${target.id}`).getByRole('link', { name: /^Change/ }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Change the workstream');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'change-workstream-01-form');
    await page.getByLabel('Code').fill(usedCode);
    await page.getByLabel('Title').fill('Stable and skilled workforce');
    await page.getByLabel('The lead’s role (optional)').fill('Director of Workforce');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(summary(page).textContent()).resolves.toContain('Code is already used by another workstream of this plan');
    await expectNoAxeViolations(page);
    await screenshot(page, 'change-workstream-02-code-taken');

    await page.getByLabel('Code').fill('KO21');
    await submitAndWaitFor(page, 'Save changes', /\/plan$/);
    await expect(flash(page)).resolves.toContain('KO21: Stable and skilled workforce');
    await page.locator('.govuk-notification-banner__link').click();
    await expect(page.locator(`#workstream-${target.id}`).textContent()).resolves.toMatch(/KO21[\s\S]*Stable and skilled workforce[\s\S]*Director of Workforce/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'change-workstream-03-changed');

    expect(errors.filter((e) => !/the server responded with a status of 40[09]/.test(e))).toEqual([]);
    expect(csp).toEqual([]);
  });

  it('the board deletes a notice and a workstream after their confirmation pages; one with findings under it, or actions in it, says why and offers no button', async () => {
    const page = await b.newPage();
    const csp = watchCspViolations(page);
    const errors = watchPageErrors(page);
    const [{ inspectionId }] = await w.t.dataSource.query<{ inspectionId: string }[]>('SELECT id AS "inspectionId" FROM inspection WHERE plan_id = $1 LIMIT 1', [org.planId]);
    const apiNotice = async (title: string) =>
      ((await w.t.http().post(inPlan(org.planId, 'notices')).set(bearer(board)).send({ kind: 'dfe_improvement_notice', title, issuedOn: '2025-07-15', deadline: '2026-07-31', inspectionId }).expect(201)).body as { id: string }).id;
    const spare = await apiNotice('Improvement notice recorded twice');
    const held = await apiNotice('Improvement notice: children’s front door');
    for (const reference of ['FD-1', 'FD-2'])
      await w.t.http().post(inPlan(org.planId, 'findings')).set(bearer(board)).send({ inspectionId, noticeId: held, reference, title: `Front door finding ${reference}`, text: 'From the report.', type: 'requirement' }).expect(201);
    const emptyWs = ((await w.t.http().post(inPlan(org.planId, 'workstreams')).set(bearer(board)).send({ code: 'KO30', title: 'Workstream added by mistake' }).expect(201)).body as { id: string }).id;
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/plan`);

    // A notice with findings under it: the page says why before anyone presses anything.
    await page.locator(`#notice-${held}`).getByRole('link', { name: 'Delete Improvement notice: children’s front door' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('The notice ‘Improvement notice: children’s front door’ cannot be deleted yet');
    await expect(summary(page).textContent()).resolves.toContain('This notice has 2 findings: move or delete them first, then delete the notice');
    await expect(page.getByRole('button', { name: 'Delete notice' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'delete-notice-01-refused');

    // A notice with none: asked first, then deleted.
    await page.goto(`/plans/${org.planId}/plan`);
    await page.locator(`#notice-${spare}`).getByRole('link', { name: 'Delete Improvement notice recorded twice' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Are you sure you want to delete the notice ‘Improvement notice recorded twice’?');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'delete-notice-02-confirm');
    await submitAndWaitFor(page, 'Delete notice', /\/plan$/);
    await expect(flash(page)).resolves.toContain('Notice ‘Improvement notice recorded twice’ has been deleted');
    await expect(page.locator(`#notice-${spare}`).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'delete-notice-03-deleted');

    // The regulator deadlines' workstream holds RD1: no "Delete" link; its page, opened anyway, refuses naming RD1.
    const rd = page.locator('#workstreams tr', { hasText: 'Regulator deadlines' });
    await expect(rd.getByRole('link', { name: /^Change RD / }).count()).resolves.toBe(1);
    await expect(rd.getByRole('link', { name: /^Delete/ }).count()).resolves.toBe(0);
    const [{ id: rdId }] = await w.t.dataSource.query<{ id: string }[]>(`SELECT id FROM workstream WHERE plan_id = $1 AND code = 'RD'`, [org.planId]);
    await page.goto(`/workstreams/${rdId}/delete`);
    await expect(page.getByTestId('dependents').textContent()).resolves.toContain('RD1');
    await expect(page.getByRole('button', { name: 'Delete workstream' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'delete-workstream-01-refused');

    // A workstream with no action, from the foot of its change page.
    await page.goto(`/workstreams/${emptyWs}/edit`);
    await page.getByRole('link', { name: 'Delete this workstream' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Are you sure you want to delete the workstream ‘KO30: Workstream added by mistake’?');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'delete-workstream-02-confirm');
    await submitAndWaitFor(page, 'Delete workstream', /\/plan$/);
    await expect(flash(page)).resolves.toContain('Workstream ‘KO30: Workstream added by mistake’ has been deleted');
    await expect(page.locator(`#workstream-${emptyWs}`).count()).resolves.toBe(0);
    await page.locator('#workstreams').scrollIntoViewIfNeeded();
    await screenshot(page, 'delete-workstream-03-deleted');

    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
  });

  it('works with JavaScript switched off: a notice, then a workstream', async () => {
    const page = await b.newPage({ javaScriptEnabled: false });
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/notices/new`);
    await expect(page.locator('body').getAttribute('class')).resolves.not.toMatch(/js-enabled/);
    await page.getByLabel('Section 50 notification').check();
    await page.getByLabel('Title').fill('Adult safeguarding duties');
    const issued = page.getByRole('group', { name: 'Date issued' });
    await issued.getByLabel('Day').fill('1');
    await issued.getByLabel('Month').fill('7');
    await issued.getByLabel('Year').fill('2025');
    await submitAndWaitFor(page, 'Add notice', /\/plan$/);
    await expect(flash(page)).resolves.toContain('Adult safeguarding duties');

    await page.goto(`/plans/${org.planId}/workstreams/new`);
    await page.getByLabel('Code').fill('KO10');
    await page.getByLabel('Title').fill('Governance');
    await submitAndWaitFor(page, 'Add workstream', /\/plan$/);
    await expect(flash(page)).resolves.toContain('KO10: Governance');
    await screenshot(page, 'add-workstream-04-no-javascript');
  });
});
