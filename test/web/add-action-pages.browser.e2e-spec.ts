import { actionBody, createAction } from '../support/actions-fixtures';
import { seedPlanBasics } from '../support/plan-fixtures';
import { TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectErrorSummaryFocused, expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript, flash, launchBrowser, screenshot, signIn, TestBrowser, watchCspViolations, watchPageErrors } from './support/browser';
import { createWebUser, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(240_000);

describeInBrowser('web: adding an action and a milestone in a real browser (board member)', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  let board: WebUser;

  beforeAll(async () => {
    w = await startWebApp();
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Exampleshire Council');
    board = await createWebUser(w.t, org, 'board', 'Avery Boardman', { jobTitle: 'Programme lead' });
    const owner = await createWebUser(w.t, org, 'owner', 'Rowan Ownwell', { jobTitle: 'Head of Safeguarding', partnerAgency: 'Exampleshire Police' });
    const plan = await seedPlanBasics(w.t.dataSource, org.id);
    await seedPlanBasics(w.t.dataSource, org.id);
    await createAction(w.t, board, actionBody(plan, owner.id, { reference: 'A1.1', title: 'Review every safeguarding referral made online' }));
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });


  it('the board adds an action from the actions list (an error first), then a milestone to it', async () => {
    const page = await b.newPage();
    const csp = watchCspViolations(page);
    const errors = watchPageErrors(page);
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/actions`);
    await page.getByRole('button', { name: 'Add an action' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Add an action');
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'add-action-01-form');

    // A reference already used, no title, a date that is not one: every problem on its field.
    await page.getByLabel('Reference').fill('A1.1');
    await page.getByRole('checkbox').first().check();
    await page.getByLabel('Workstream').selectOption({ index: 1 });
    await page.getByLabel('Owner', { exact: true }).selectOption({ label: 'Rowan Ownwell' });
    const due = page.getByRole('group', { name: 'Due date' });
    await due.getByLabel('Day').fill('31');
    await due.getByLabel('Month').fill('2');
    await due.getByLabel('Year').fill('2027');
    await page.getByRole('button', { name: 'Add action' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toMatch(/Enter a title[\s\S]*The due date must be a real date/);
    await expectErrorSummaryFocused(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-action-02-errors');

    await page.getByLabel('Title').fill('Audit thirty multi-agency cases a month');
    await due.getByLabel('Day').fill('31');
    await due.getByLabel('Month').fill('3');
    await page.getByRole('button', { name: 'Add action' }).click();
    await expect(summary.textContent()).resolves.toContain('Reference A1.1 is already used by another action');
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Audit thirty multi-agency cases a month');
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-action-03-reference-taken');

    await page.getByLabel('Reference').fill('A1.2');
    await Promise.all([page.waitForURL(/\/actions\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Add action' }).click()]);
    await expect(flash(page)).resolves.toContain('The action has been added');
    await expect(page.locator('h1').textContent()).resolves.toBe('Audit thirty multi-agency cases a month');
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-action-04-added');

    // A milestone: after the action's due date only with the box ticked.
    await page.getByRole('button', { name: 'Add a milestone' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Add a milestone');
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-milestone-01-form');
    await page.getByLabel('Milestone', { exact: true }).fill('Findings to the board');
    await page.getByLabel('Day').fill('20');
    await page.getByLabel('Month').fill('4');
    await page.getByLabel('Year').fill('2027');
    await page.getByRole('button', { name: 'Add milestone' }).click();
    await expect(summary.textContent()).resolves.toContain('The due date must be on or before the action’s due date (31 March 2027)');
    await expectNoAxeViolations(page);
    await screenshot(page, 'add-milestone-02-after-action-due');
    await page.getByLabel('Month').fill('3');
    await Promise.all([page.waitForURL(/\/actions\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Add milestone' }).click()]);
    await expect(flash(page)).resolves.toContain('The milestone has been added');
    await expect(page.getByTestId('milestones').textContent()).resolves.toMatch(/Findings to the board[\s\S]*20 March 2027/);
    await screenshot(page, 'add-milestone-03-added');

    // The board agrees an extension: the milestone's Change link, the form filled with what it says.
    await page.getByTestId('milestones').getByRole('link', { name: 'Change Findings to the board' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Change a milestone');
    await expect(page.getByLabel('Day').inputValue()).resolves.toBe('20');
    await expectNoAxeViolations(page);
    await screenshot(page, 'change-milestone-01-form');
    await page.getByLabel('Day').fill('27');
    await Promise.all([page.waitForURL(/\/actions\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Save changes' }).click()]);
    await expect(flash(page)).resolves.toContain('The milestone has been changed');
    await expect(page.getByTestId('milestones').textContent()).resolves.toMatch(/Findings to the board[\s\S]*27 March 2027/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'change-milestone-02-changed');

    // The 400 and 409 answers of the refused sends are logged by the browser; nothing else may be.
    expect(errors.filter((e) => !/the server responded with a status of 40[09]/.test(e))).toEqual([]);
    expect(csp).toEqual([]);
  });
});
