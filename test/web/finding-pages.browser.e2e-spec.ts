import { seedAction, seedPlanBasics, type PlanFixture } from '../support/plan-fixtures';
import { bearer, inPlan, TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectErrorSummaryFocused, expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript, flash, launchBrowser, screenshot, signIn, submitAndWaitFor, summary, TestBrowser, watchCspViolations, watchPageErrors } from './support/browser';
import { createWebUser, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(240_000);

describeInBrowser('web: changing and deleting a finding in a real browser', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  let board: WebUser;
  let owner: WebUser;
  let plan: PlanFixture;

  beforeAll(async () => {
    w = await startWebApp();
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Exampleshire Council');
    board = await createWebUser(w.t, org, 'board', 'Avery Boardman', { jobTitle: 'Programme lead' });
    owner = await createWebUser(w.t, org, 'owner', 'Rowan Ownwell');
    plan = await seedPlanBasics(w.t.dataSource, org.id);
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });

  const apiNotice = async (title: string) =>
    ((await w.t.http().post(inPlan(org.planId, 'notices')).set(bearer(board)).send({ kind: 'section_50', title, issuedOn: '2025-07-15', inspectionId: plan.inspectionId }).expect(201)).body as { id: string }).id;
  const apiFinding = async (reference: string, title: string, extra: Record<string, unknown> = {}) =>
    (
      await w.t
        .http()
        .post(inPlan(org.planId, 'findings'))
        .set(bearer(board))
        .send({ inspectionId: plan.inspectionId, reference, title, text: 'From the report.', type: 'area_for_improvement', theme: 'safeguarding', score: 2, ...extra })
        .expect(201)
    ).body as { id: string; version: number };

  it('the board moves a finding off a notice (errors first, then a stale form), deletes it, and then the notice; a finding actions answer says why it cannot go', async () => {
    const page = await b.newPage();
    const csp = watchCspViolations(page);
    const errors = watchPageErrors(page);
    const notice = await apiNotice('Section 50: Care Act safeguarding duties');
    const finding = await apiFinding('QS-ACC-1', 'Access to care: some shortfalls', { noticeId: notice });
    const answered = await apiFinding('QS-PART-1', 'Partnerships: some shortfalls');
    await seedAction(w.t.dataSource, org.id, { ...plan, findingId: answered.id }, { ownerId: owner.id, reference: 'A7.1', title: 'Agree a partnership protocol' });
    await signIn(page, board);

    // The notice cannot go while the finding is under it: its delete page links the finding to its change page.
    await page.goto(`/notices/${notice}/delete`);
    await expect(summary(page).textContent()).resolves.toContain('This notice has 1 finding: move or delete it first');
    await page.getByTestId('dependents').getByRole('link', { name: 'QS-ACC-1' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Change the finding');
    await expect(page.getByLabel('Reference').inputValue()).resolves.toBe('QS-ACC-1');
    await expect(page.getByLabel('Notice it falls under (optional)').inputValue()).resolves.toBe(notice);
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'finding-01-change-form');

    // No title (and moved to no notice): refused on its field, the choice kept.
    await page.getByLabel('Title').fill('');
    await page.getByLabel('Notice it falls under (optional)').selectOption({ label: 'No notice' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(summary(page).textContent()).resolves.toContain('Enter a title');
    await expectErrorSummaryFocused(page);
    await expect(page.getByLabel('Notice it falls under (optional)').inputValue()).resolves.toBe('');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'finding-02-change-errors');

    // Someone else rescoring it meanwhile (the API, as another client would): the form shows what it says now.
    await w.t.http().patch(`/api/v1/findings/${finding.id}`).set(bearer(org.admin)).send({ version: finding.version, score: 1 }).expect(200);
    await page.getByLabel('Title').fill('Access to care: shortfalls in waiting times');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(summary(page).textContent()).resolves.toContain('Someone else changed this finding after you opened the form');
    await expect(page.getByTestId('finding-now').textContent()).resolves.toMatch(/Score\s*1: significant shortfalls/);
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Access to care: shortfalls in waiting times');
    await expectNoAxeViolations(page);
    await screenshot(page, 'finding-03-change-stale');

    await submitAndWaitFor(page, 'Save changes', /\/plan$/);
    await expect(flash(page)).resolves.toContain('QS-ACC-1: Access to care: shortfalls in waiting times');
    await page.locator('.govuk-notification-banner__link').click();
    expect(new URL(page.url()).hash).toBe(`#finding-${finding.id}`);
    const row = page.locator(`#finding-${finding.id}`);
    await expect(row.textContent()).resolves.not.toContain('Under');
    await expectNoAxeViolations(page);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'finding-04-changed');

    // A finding actions answer: its delete page says why not, lists them, no button.
    await page.locator(`#finding-${answered.id}`).getByRole('link', { name: 'Delete QS-PART-1 Partnerships: some shortfalls' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('The finding ‘QS-PART-1’ cannot be deleted yet');
    await expect(summary(page).textContent()).resolves.toContain('This finding is answered by 1 action: move or delete it first, then delete the finding');
    await expect(page.getByTestId('dependents').textContent()).resolves.toContain('A7.1');
    await expect(page.getByRole('button', { name: 'Delete finding' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'finding-05-delete-refused');

    // The moved finding, from the foot of its change page: asked first, then deleted.
    await page.goto(`/findings/${finding.id}/edit`);
    await page.getByRole('link', { name: 'Delete this finding' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Are you sure you want to delete the finding ‘QS-ACC-1’?');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'finding-06-delete-confirm');
    await submitAndWaitFor(page, 'Delete finding', /\/plan$/);
    await expect(flash(page)).resolves.toContain('Finding ‘QS-ACC-1’ has been deleted');
    await expect(page.locator(`#finding-${finding.id}`).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'finding-07-deleted');

    // Now the notice goes.
    await page.locator(`#notice-${notice}`).getByRole('link', { name: 'Delete Section 50: Care Act safeguarding duties' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Are you sure you want to delete the notice ‘Section 50: Care Act safeguarding duties’?');
    await submitAndWaitFor(page, 'Delete notice', /\/plan$/);
    await expect(flash(page)).resolves.toContain('has been deleted');

    // The 400 and 409 answers of the refused sends are logged by the browser; nothing else may be.
    expect(errors.filter((e) => !/the server responded with a status of 40[09]/.test(e))).toEqual([]);
    expect(csp).toEqual([]);
  });

  it('works with JavaScript switched off: a finding changed from the plan page, then deleted', async () => {
    const page = await b.newPage({ javaScriptEnabled: false });
    const finding = await apiFinding('QS-NOJS-1', 'Leadership: some shortfalls');
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/plan`);
    await expect(page.locator('body').getAttribute('class')).resolves.not.toMatch(/js-enabled/);
    await page.locator(`#finding-${finding.id}`).getByRole('link', { name: 'Change QS-NOJS-1 Leadership: some shortfalls' }).click();
    await page.getByLabel('Title').fill('Leadership: significant shortfalls');
    await page.getByLabel('Score (optional)').selectOption('1');
    await submitAndWaitFor(page, 'Save changes', /\/plan$/);
    await expect(flash(page)).resolves.toContain('QS-NOJS-1: Leadership: significant shortfalls');
    await expect(page.locator(`#finding-${finding.id}`).textContent()).resolves.toContain('score 1 of 4');

    await page.locator(`#finding-${finding.id}`).getByRole('link', { name: /^Delete QS-NOJS-1/ }).click();
    await submitAndWaitFor(page, 'Delete finding', /\/plan$/);
    await expect(flash(page)).resolves.toContain('Finding ‘QS-NOJS-1’ has been deleted');
    await screenshot(page, 'finding-08-no-javascript-deleted');
  });
});
