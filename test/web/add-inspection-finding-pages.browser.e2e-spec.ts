import { seedNotice } from '../support/actions-fixtures';
import { seedPlanBasics } from '../support/plan-fixtures';
import { TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectErrorSummaryFocused, expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript, flash, launchBrowser, screenshot, signIn, submitAndWaitFor, summary, TestBrowser, watchCspViolations, watchPageErrors } from './support/browser';
import { createWebUser, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(240_000);

describeInBrowser('web: adding an inspection and a finding in a real browser', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  let board: WebUser;
  let cqcReference: string;

  beforeAll(async () => {
    w = await startWebApp();
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Exampleshire Council');
    board = await createWebUser(w.t, org, 'board', 'Avery Boardman', { jobTitle: 'Programme lead' });
    const plan = await seedPlanBasics(w.t.dataSource, org.id);
    await seedNotice(w.t.dataSource, org.id, plan.inspectionId, org.planId);
    [{ reference: cqcReference }] = await w.t.dataSource.query<{ reference: string }[]>('SELECT reference FROM finding WHERE id = $1', [plan.findingId]);
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });


  it('the board adds an inspection from the plan page (errors first), then a finding to it', async () => {
    const page = await b.newPage();
    const csp = watchCspViolations(page);
    const errors = watchPageErrors(page);
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/plan`);
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-inspection-00-plan-page');

    await page.getByRole('button', { name: 'Add an inspection' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Add an inspection');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'add-inspection-01-form');

    // No title, a start date that is not one.
    await page.getByLabel('Regulator').selectOption({ label: 'Ofsted' });
    await page.getByLabel('Ofsted focused visit').check();
    const start = page.getByRole('group', { name: 'Start date' });
    await start.getByLabel('Day').fill('31');
    await start.getByLabel('Month').fill('2');
    await start.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Add inspection' }).click();
    await expect(summary(page).textContent()).resolves.toMatch(/Enter a title[\s\S]*The start date must be a real date/);
    await expectErrorSummaryFocused(page);
    await expect(page.getByLabel('Ofsted focused visit').isChecked()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-inspection-02-errors');

    // A judgement for a visit Ofsted does not grade: the API's rule, on its field.
    await page.getByLabel('Title').fill('Ofsted focused visit: the front door');
    await start.getByLabel('Day').fill('10');
    await page.getByLabel('Overall judgement (optional)').selectOption('Good');
    await page.getByRole('button', { name: 'Add inspection' }).click();
    await expect(summary(page).textContent()).resolves.toContain('Overall judgement must be None: an Ofsted focused visit is not graded');
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-inspection-03-not-graded');

    await page.getByLabel('Overall judgement (optional)').selectOption('None');
    await submitAndWaitFor(page, 'Add inspection', /\/plan$/);
    await expect(flash(page)).resolves.toContain('The inspection has been added');
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Ofsted focused visit: the front door' }) });
    await expect(section.getByText('No finding has been recorded for this inspection.').count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-inspection-04-added');
    // The banner's link goes down to the new inspection.
    await page.locator('.govuk-notification-banner__link').click();
    expect(new URL(page.url()).hash).toMatch(/^#inspection-[0-9a-f-]{36}$/);

    // "Add a finding to this inspection" chooses it in the form.
    await section.getByRole('link', { name: /Add a finding to this inspection/ }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Add a finding');
    await expect(page.getByLabel('Inspection', { exact: true }).locator('option:checked').textContent()).resolves.toContain('Ofsted focused visit: the front door');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'add-finding-01-form');

    // A CQC quality statement for an Ofsted visit: refused on the theme.
    await page.getByLabel('Reference').fill('FV-1');
    await page.getByLabel('Title').fill('Thresholds at the front door are not applied consistently');
    await page.getByLabel('Area for priority action').check();
    await page.getByLabel('Theme (optional)').selectOption({ label: 'CQC quality statement: Safeguarding' });
    await page.getByRole('button', { name: 'Add finding' }).click();
    await expect(summary(page).textContent()).resolves.toContain('Theme must be an Ofsted ILACS judgement for the inspection chosen');
    await expect(page.getByLabel('Reference').inputValue()).resolves.toBe('FV-1');
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-finding-02-theme-refused');

    await page.getByLabel('Theme (optional)').selectOption({ label: 'Ofsted ILACS judgement: The experiences and progress of children who need help and protection' });
    await submitAndWaitFor(page, 'Add finding', /\/plan$/);
    await expect(flash(page)).resolves.toContain('FV-1: Thresholds at the front door are not applied consistently');
    await expect(section.getByRole('row', { name: /FV-1/ }).textContent()).resolves.toMatch(/Area for priority action; The experiences and progress of children who need help and protection/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-finding-03-added');

    // A reference the CQC assessment already uses: refused on the reference (409).
    await page.goto(`/plans/${org.planId}/findings/new`);
    await page.getByLabel('Inspection', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Reference').fill(cqcReference);
    await page.getByLabel('Title').fill('Safeguarding enquiries are not timely');
    await page.getByLabel('Requirement').check();
    await page.getByLabel('Score (optional)').selectOption('1');
    await page.getByRole('button', { name: 'Add finding' }).click();
    await expect(summary(page).textContent()).resolves.toContain('Reference is already used by another finding of this inspection');
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-finding-04-reference-taken');

    // The 400 and 409 answers of the refused sends are logged by the browser; nothing else may be.
    expect(errors.filter((e) => !/the server responded with a status of 40[09]/.test(e))).toEqual([]);
    expect(csp).toEqual([]);
  });

  it('works with JavaScript switched off: an inspection, then a finding of it', async () => {
    const page = await b.newPage({ javaScriptEnabled: false });
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/inspections/new`);
    await expect(page.locator('body').getAttribute('class')).resolves.not.toMatch(/js-enabled/);
    await page.getByLabel('Regulator').selectOption({ label: 'Care Quality Commission' });
    await page.getByLabel('CQC local authority assessment').check();
    await page.getByLabel('Title').fill('CQC assessment of adult social care 2026');
    const start = page.getByRole('group', { name: 'Start date' });
    await start.getByLabel('Day').fill('2');
    await start.getByLabel('Month').fill('3');
    await start.getByLabel('Year').fill('2026');
    await page.getByLabel('Link to the report (optional)').fill('https://www.cqc.org.uk/care-services/local-authority-assessment-reports');
    await submitAndWaitFor(page, 'Add inspection', /\/plan$/);
    await expect(flash(page)).resolves.toContain('The inspection has been added');

    const section = page.locator('section', { has: page.getByRole('heading', { name: 'CQC assessment of adult social care 2026' }) });
    await section.getByRole('link', { name: /Add a finding to this inspection/ }).click();
    await page.getByLabel('Reference').fill('QS-ACC-1');
    await page.getByLabel('Title').fill('People wait too long for an assessment');
    await page.getByLabel('Area for improvement').check();
    await page.getByLabel('Theme (optional)').selectOption({ label: 'CQC quality statement: Assessing needs' });
    await page.getByLabel('Score (optional)').selectOption('2');
    await page.getByLabel('Notice it falls under (optional)').selectOption({ index: 0 });
    await submitAndWaitFor(page, 'Add finding', /\/plan$/);
    await expect(flash(page)).resolves.toContain('QS-ACC-1: People wait too long for an assessment');
    await expect(section.getByRole('row', { name: /QS-ACC-1/ }).textContent()).resolves.toMatch(/Area for improvement; Assessing needs; score 2 of 4/);
    await screenshot(page, 'add-finding-05-no-javascript');
  });
});
