import { Page } from 'playwright-core';
import { seedAction, seedPlanBasics } from '../support/plan-fixtures';
import { bearer, inPlan, TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript, launchBrowser, screenshot, signIn, TestBrowser, watchCspViolations, watchPageErrors } from './support/browser';
import { createWebUser, startWebApp, WebTestApp } from './support/web-test-app';

// A real browser and axe on a machine shared with other work: generous, not tight, limits.
jest.setTimeout(240_000);

describeInBrowser('administration, plan settings and meetings in a real browser (axe on every page)', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  const admin = { email: '', password: 'correct-horse-battery-staple' };

  beforeAll(async () => {
    w = await startWebApp();
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Warrington Borough Council');
    admin.email = org.admin.email;
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });

  const path = (page: Page) => new URL(page.url()).pathname;
  // A form post answers a page or a redirect: wait for whichever document comes back.
  const submit = (page: Page, name: string) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);

  it('an administrator adds a user, gives them a plan role, edits the RAG policy, and adds a committee and a meeting', async () => {
    const page = await b.newPage();
    const cspViolations = watchCspViolations(page);
    const pageErrors = watchPageErrors(page);
    await signIn(page, admin);

    // Users.
    await page.getByRole('link', { name: 'Administration' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Users');
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-01-users');
    await page.getByRole('button', { name: 'Add a user' }).click();
    await expectNoAxeViolations(page);
    await submit(page, 'Add user');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter a name');
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-02-add-user-errors');
    await page.getByLabel('Name', { exact: true }).fill('Ruth Adeyemi');
    await page.getByLabel('Email address').fill('ruth.adeyemi@warrington.example');
    await page.getByLabel('Job title (optional)').fill('Principal social worker');
    await page.getByLabel('Member', { exact: true }).check();
    await page.getByLabel('Initial password').fill('four-random-words-here');
    await submit(page, 'Add user');
    expect(path(page)).toMatch(/^\/admin\/users\/[0-9a-f-]{36}$/);
    await expect(page.getByText('Ruth Adeyemi has been added').isVisible()).resolves.toBe(true);
    await page.getByLabel('Plan', { exact: true }).selectOption({ label: 'Warrington Borough Council improvement plan' });
    await page.getByLabel('Action owner').check();
    await submit(page, 'Save role in plan');
    await expect(page.getByTestId('plan-roles').textContent()).resolves.toContain('Action owner');
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-03-user');
    const userId = path(page).split('/').pop()!;
    const members = await w.t.http().get(inPlan(org.planId, 'members')).set(bearer(org.admin)).expect(200);
    expect((members.body.items as { userId: string; role: string }[]).find((m) => m.userId === userId)?.role).toBe('owner');
    // An owner of an open action keeps a role in the plan until the action has another owner.
    await seedAction(w.t.dataSource, org.id, await seedPlanBasics(w.t.dataSource, org.id, org.planId), { ownerId: userId, reference: 'W1' });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Remove role in Warrington Borough Council improvement plan' }).click()]);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('They own an open action in Warrington Borough Council improvement plan (W1)');
    await expect(page.getByTestId('plan-roles').textContent()).resolves.toContain('Action owner');
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-03b-user-owns-actions');

    // Plan settings.
    await page.goto(`/plans/${org.planId}/settings`);
    await expectNoAxeViolations(page);
    await page.getByLabel('Days a milestone may be overdue before it is Red').fill('0');
    await submit(page, 'Save RAG policy');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('must be between 1 and 365');
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-04-settings-errors');
    await page.getByLabel('Days a milestone may be overdue before it is Red').fill('14');
    await page.getByLabel('Status blocked: Red').uncheck();
    await submit(page, 'Save RAG policy');
    await expect(page.getByText('The RAG policy has been saved as version 2').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('policy-history').textContent()).resolves.toContain('28 to 14');
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-05-settings');

    // Committees and meetings.
    await page.getByRole('link', { name: 'Meetings' }).click();
    await expectNoAxeViolations(page);
    await page.getByLabel('Name', { exact: true }).fill('Adult Social Care Improvement Board');
    await page.getByLabel('Improvement board').check();
    await submit(page, 'Add committee');
    await expect(page.getByText('Adult Social Care Improvement Board has been added').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Add a meeting of Adult Social Care Improvement Board' }).click();
    await expectNoAxeViolations(page);
    await page.getByLabel('Day').first().fill('5');
    await page.getByLabel('Month').first().fill('1');
    await page.getByLabel('Year').first().fill('2027');
    await page.getByLabel('Start time (optional)').fill('18:30');
    await page.getByLabel('Venue (optional)').fill('Council Chamber, Town Hall');
    await submit(page, 'Show the papers deadline');
    await expect(page.locator('#papersDeadline-hint').textContent()).resolves.toContain('24 December 2026');
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-06-new-meeting');
    await submit(page, 'Add meeting');
    await expect(page.getByText('Papers are due on 24 December 2026').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-07-meetings');
    await page.getByRole('link', { name: /Change the meeting on 5 January 2027/ }).click();
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-08-meeting');
    await page.getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('link', { name: /Change or delete/ }).click();
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-09-committee');
    await page.goto(`/plans/${org.planId}/settings/close`);
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-10-close-plan');

    expect(cspViolations).toEqual([]);
    // The two forms sent with mistakes answer 400 on purpose (GOV.UK pattern), and the refused
    // removal 409; the console notes each.
    expect(pageErrors.filter((e) => !e.includes('status of 400') && !e.includes('status of 409'))).toEqual([]);
  });

  it('a board member reads the RAG policy and its history but cannot change it; they still change the plan’s details', async () => {
    const board = await createWebUser(w.t, org, 'board', 'Priya Natarajan');
    const page = await b.newPage();
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/settings`);
    await expect(page.getByRole('button', { name: 'Save RAG policy' }).count()).resolves.toBe(0);
    await expect(page.getByTestId('policy-set-by-admins').textContent()).resolves.toContain('Only your organisation’s administrators can change the RAG policy');
    await expect(page.getByText('Status blocked: Red', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Save the plan’s details' }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-11-settings-board');
  });

  it('the pages work with JavaScript switched off', async () => {
    const page = await b.newPage({ javaScriptEnabled: false });
    await signIn(page, admin);
    for (const url of ['/admin/users', '/admin/users/new', `/plans/${org.planId}/settings`, `/plans/${org.planId}/meetings`, `/plans/${org.planId}/meetings/new`]) {
      await page.goto(url);
      await expectNoAxeViolationsWithoutJavaScript(page);
    }
    await page.goto(`/plans/${org.planId}/settings`);
    await page.getByLabel('Days without a progress update before a started action is Amber').fill('30');
    await submit(page, 'Save RAG policy');
    await expect(page.getByText('The RAG policy has been saved as version 3').isVisible()).resolves.toBe(true);
  });
});
