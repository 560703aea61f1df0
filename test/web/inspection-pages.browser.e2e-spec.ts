import { seedPlanBasics } from '../support/plan-fixtures';
import { regulatorIds } from '../support/inspections-api';
import { bearer, inPlan, TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectErrorSummaryFocused, expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript, flash, launchBrowser, screenshot, signIn, submitAndWaitFor, summary, TestBrowser, watchCspViolations, watchPageErrors } from './support/browser';
import { createWebUser, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(240_000);

describeInBrowser('web: changing and deleting an inspection in a real browser', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  let board: WebUser;
  let regulators: Record<string, string>;

  beforeAll(async () => {
    w = await startWebApp();
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Exampleshire Council');
    board = await createWebUser(w.t, org, 'board', 'Avery Boardman', { jobTitle: 'Programme lead' });
    await seedPlanBasics(w.t.dataSource, org.id);
    regulators = await regulatorIds(w.t, board);
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });

  /** An HMICFRS inspection of the plan, graded, as the board would add it through the API. */
  const apiInspection = async (title: string) =>
    (
      await w.t
        .http()
        .post(inPlan(org.planId, 'inspections'))
        .set(bearer(board))
        .send({ regulatorId: regulators.hmicfrs, kind: 'other', title, startDate: '2026-03-02', endDate: '2026-03-06', reportReference: 'FRS-2026', overallJudgement: 'Adequate' })
        .expect(201)
    ).body as { id: string; version: number };
  const apiFinding = async (inspectionId: string, reference: string, title: string) =>
    ((await w.t.http().post(inPlan(org.planId, 'findings')).set(bearer(board)).send({ inspectionId, reference, title, text: '', type: 'recommendation' }).expect(201)).body as { id: string }).id;
  const apiNotice = async (inspectionId: string, title: string) =>
    ((await w.t.http().post(inPlan(org.planId, 'notices')).set(bearer(board)).send({ kind: 'section_50', title, issuedOn: '2026-04-01', inspectionId }).expect(201)).body as { id: string }).id;

  it('the board changes an inspection (errors first, then a stale form), is told why one with findings cannot go, and deletes another', async () => {
    const page = await b.newPage();
    const csp = watchCspViolations(page);
    const errors = watchPageErrors(page);
    const inspection = await apiInspection('Fire and rescue inspection 2026');
    const busy = await apiInspection('Fire protection review 2026');
    const finding = await apiFinding(busy.id, 'FP-1', 'Protection: audits overdue');
    await apiNotice(busy.id, 'Enforcement notice: protection audits');
    await signIn(page, board);

    await page.goto(`/plans/${org.planId}/plan`);
    await page.locator(`#inspection-${inspection.id}`).getByRole('link', { name: 'Change Fire and rescue inspection 2026' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Change the inspection');
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Fire and rescue inspection 2026');
    await expect(page.getByLabel('Overall judgement (optional)').inputValue()).resolves.toBe('Adequate');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'inspection-01-change-form');

    // No title, and an end date before the start: refused on their fields, what was typed kept.
    await page.getByLabel('Title').fill('');
    await page.getByLabel('Report reference (optional)').fill('FRS-2026-A');
    await page.getByRole('group', { name: 'End date (optional)' }).getByLabel('Year').fill('2025');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(summary(page).textContent()).resolves.toContain('Enter a title');
    await expectErrorSummaryFocused(page);
    await expect(page.getByLabel('Report reference (optional)').inputValue()).resolves.toBe('FRS-2026-A');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'inspection-02-change-errors');

    // The end date the service refuses (before the start), with the title given.
    await page.getByLabel('Title').fill('Fire and rescue inspection 2026: round 3');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(summary(page).textContent()).resolves.toContain('The end date must be the same as or after the start date');
    await expectErrorSummaryFocused(page);
    await page.getByRole('group', { name: 'End date (optional)' }).getByLabel('Year').fill('2026');

    // Someone else changing it meanwhile (the API, as another client would): the form shows what it says now.
    await w.t.http().patch(`/api/v1/inspections/${inspection.id}`).set(bearer(org.admin)).send({ version: inspection.version, overallJudgement: 'Good' }).expect(200);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(summary(page).textContent()).resolves.toContain('Someone else changed this inspection after you opened the form');
    await expect(page.getByTestId('inspection-now').textContent()).resolves.toMatch(/Overall judgement\s*Good/);
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Fire and rescue inspection 2026: round 3');
    await expectNoAxeViolations(page);
    await screenshot(page, 'inspection-03-change-stale');

    await page.getByLabel('Overall judgement (optional)').selectOption('Good');
    await submitAndWaitFor(page, 'Save changes', /\/plan$/);
    await expect(flash(page)).resolves.toContain('Fire and rescue inspection 2026: round 3');
    await page.locator('.govuk-notification-banner__link').click();
    expect(new URL(page.url()).hash).toBe(`#inspection-${inspection.id}`);
    const section = page.locator(`#inspection-${inspection.id}`);
    await expect(section.textContent()).resolves.toContain('FRS-2026-A');
    await expectNoAxeViolations(page);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'inspection-04-changed');

    // One with a finding and a notice: its delete page says why not, lists them, no button.
    await page.locator(`#inspection-${busy.id}`).getByRole('link', { name: 'Delete Fire protection review 2026' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('The inspection ‘Fire protection review 2026’ cannot be deleted yet');
    await expect(summary(page).textContent()).resolves.toContain('This inspection has 1 finding and 1 notice: move or delete them first, then delete the inspection');
    await expectErrorSummaryFocused(page);
    await expect(page.locator('#dependents').textContent()).resolves.toMatch(/FP-1[\s\S]*Enforcement notice: protection audits/);
    await expect(page.getByRole('button', { name: 'Delete inspection' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'inspection-05-delete-refused');
    await page.locator('#dependents').getByRole('link', { name: 'FP-1' }).click();
    expect(new URL(page.url()).pathname).toBe(`/findings/${finding}/edit`);

    // The changed one, from the foot of its change page: asked first, then deleted.
    await page.goto(`/inspections/${inspection.id}/edit`);
    await page.getByRole('link', { name: 'Delete this inspection' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Are you sure you want to delete the inspection ‘Fire and rescue inspection 2026: round 3’?');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'inspection-06-delete-confirm');
    await submitAndWaitFor(page, 'Delete inspection', /\/plan$/);
    await expect(flash(page)).resolves.toContain('Inspection ‘Fire and rescue inspection 2026: round 3’ has been deleted');
    await expect(page.locator(`#inspection-${inspection.id}`).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'inspection-07-deleted');

    // The 400 and 409 answers of the refused sends are logged by the browser; nothing else may be.
    expect(errors.filter((e) => !/the server responded with a status of 40[09]/.test(e))).toEqual([]);
    expect(csp).toEqual([]);
  });

  it('works with JavaScript switched off: an inspection changed from the plan page, then deleted', async () => {
    const page = await b.newPage({ javaScriptEnabled: false });
    const inspection = await apiInspection('Fire safety visit 2026');
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/plan`);
    await expect(page.locator('body').getAttribute('class')).resolves.not.toMatch(/js-enabled/);
    await page.locator(`#inspection-${inspection.id}`).getByRole('link', { name: 'Change Fire safety visit 2026' }).click();
    await page.getByLabel('Title').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(summary(page).textContent()).resolves.toContain('Enter a title');
    await expectNoAxeViolationsWithoutJavaScript(page);
    await page.getByLabel('Title').fill('Fire safety visit 2026 (revisit)');
    await submitAndWaitFor(page, 'Save changes', /\/plan$/);
    await expect(flash(page)).resolves.toContain('Fire safety visit 2026 (revisit)');

    await page.locator(`#inspection-${inspection.id}`).getByRole('link', { name: /^Delete Fire safety visit/ }).click();
    await submitAndWaitFor(page, 'Delete inspection', /\/plan$/);
    await expect(flash(page)).resolves.toContain('Inspection ‘Fire safety visit 2026 (revisit)’ has been deleted');
    await screenshot(page, 'inspection-08-no-javascript-deleted');
  });
});
