import { TEST_PASSWORD, TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectErrorSummaryFocused, expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript, flash, launchBrowser, screenshot, signIn, submitAndWaitFor, summary, TestBrowser, watchCspViolations, watchPageErrors } from './support/browser';
import { startWebApp, WebTestApp } from './support/web-test-app';

jest.setTimeout(240_000);

describeInBrowser('web: starting a new plan in a real browser', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;

  beforeAll(async () => {
    w = await startWebApp();
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Exampleshire Council');
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });

  const admin = () => ({ email: org.admin.email, password: TEST_PASSWORD });

  it('an administrator starts a plan from the home page (errors first), then sees its empty plan page and dashboard', async () => {
    const page = await b.newPage();
    const csp = watchCspViolations(page);
    const errors = watchPageErrors(page);
    await signIn(page, admin());
    await page.goto('/');
    await expectNoAxeViolations(page);
    await screenshot(page, 'new-plan-00-home');

    await page.getByRole('button', { name: 'Start a new plan' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Start a new plan');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'new-plan-01-form');

    // No title, no service area, a 31 February.
    const target = page.getByRole('group', { name: 'Target date (optional)' });
    await target.getByLabel('Day').fill('31');
    await target.getByLabel('Month').fill('2');
    await target.getByLabel('Year').fill('2027');
    await page.getByLabel('Programme lead (optional)').fill('Director of Children’s Services');
    await page.getByRole('button', { name: 'Start plan' }).click();
    await expect(summary(page).textContent()).resolves.toMatch(/Enter a title for the plan[\s\S]*Select the service the plan is for[\s\S]*The target date must be a real date/);
    await expectErrorSummaryFocused(page);
    await expect(page.getByLabel('Programme lead (optional)').inputValue()).resolves.toBe('Director of Children’s Services');
    await expectNoAxeViolations(page);
    await screenshot(page, 'new-plan-02-errors');

    await page.getByLabel('Title').fill('Children’s services improvement plan 2027');
    await page.getByLabel('Children\'s services').check();
    await target.getByLabel('Day').fill('31');
    await target.getByLabel('Month').fill('3');
    await target.getByLabel('Year').fill('2028');
    await submitAndWaitFor(page, 'Start plan', /\/plans\/[0-9a-f-]{36}\/plan$/);
    await expect(flash(page)).resolves.toContain('The plan has been started');
    await expect(page.getByTestId('plan-title').textContent()).resolves.toBe('Children’s services improvement plan 2027');
    await expectNoAxeViolations(page);
    await screenshot(page, 'new-plan-03-plan-page');
    const planId = /\/plans\/([0-9a-f-]{36})\/plan$/.exec(page.url())![1];

    // The banner's next steps.
    await expect(page.getByRole('link', { name: 'Give people roles in this plan' }).getAttribute('href')).resolves.toBe('/admin/users');
    await page.getByRole('link', { name: 'Add an inspection to this plan' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Add an inspection');
    expect(new URL(page.url()).pathname).toBe(`/plans/${planId}/inspections/new`);

    await page.goto(`/plans/${planId}`);
    await expect(page.getByTestId('no-actions').textContent()).resolves.toBe('This plan has no actions yet.');
    await expectNoAxeViolations(page);
    await screenshot(page, 'new-plan-04-dashboard');

    await page.goto(`/plans/${planId}/actions`);
    await expectNoAxeViolations(page);
    await screenshot(page, 'new-plan-05-actions');

    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Children’s services improvement plan 2027' }).getAttribute('href')).resolves.toBe(`/plans/${planId}`);
    await screenshot(page, 'new-plan-06-home-after');

    // The 400 of the refused send is logged by the browser; nothing else may be.
    expect(errors.filter((e) => !/the server responded with a status of 400/.test(e))).toEqual([]);
    expect(csp).toEqual([]);
  });

  it('an administrator of an organisation with no plan yet is offered the start button', async () => {
    const empty = await w.t.createOrganisation('Newtown Council');
    await w.t.asOwner(async (c) => {
      for (const table of ['plan_membership', 'rag_policy']) await c.query(`DELETE FROM ${table} WHERE plan_id = $1`, [empty.planId]);
      await c.query('DELETE FROM plan WHERE id = $1', [empty.planId]);
    });
    const page = await b.newPage();
    await signIn(page, { email: empty.admin.email, password: TEST_PASSWORD });
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Your organisation has no plans yet' }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'new-plan-07-home-no-plans');
    await page.getByRole('button', { name: 'Start a new plan' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Start a new plan');
  });

  it('works with JavaScript switched off', async () => {
    const page = await b.newPage({ javaScriptEnabled: false });
    await signIn(page, admin());
    await page.goto('/plans/new');
    await expect(page.locator('body').getAttribute('class')).resolves.not.toMatch(/js-enabled/);
    await page.getByLabel('Title').fill('SEND improvement plan');
    await page.getByLabel('Special educational needs and disabilities (SEND)').check();
    await submitAndWaitFor(page, 'Start plan', /\/plan$/);
    await expect(flash(page)).resolves.toContain('SEND improvement plan. Next, give people their roles in it');
  });
});
