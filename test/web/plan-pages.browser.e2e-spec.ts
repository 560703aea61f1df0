import { Page } from 'playwright-core';
import { makePdf } from '../support/evidence-fixtures';
import { seedNotice } from '../support/actions-fixtures';
import { PlanFixture, seedAction, seedPlanBasics } from '../support/plan-fixtures';
import { bearer, inPlan, TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript, launchBrowser, screenshot, signIn, TestBrowser, watchCspViolations, watchPageErrors } from './support/browser';
import { createWebUser, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(240_000);

/**
 * The plan's pages in a real browser: every page as a board member and as an owner, axe on each,
 * a screenshot of each, and the actions list's filters with JavaScript off.
 */
describeInBrowser('plan pages in a real browser (dashboard, the plan, actions, my actions)', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  let board: WebUser;
  let owner: WebUser;
  let plan: PlanFixture;

  const pages = () => ({
    dashboard: `/plans/${org.planId}`,
    plan: `/plans/${org.planId}/plan`,
    actions: `/plans/${org.planId}/actions`,
    myActions: `/plans/${org.planId}/my-actions`,
  });

  beforeAll(async () => {
    w = await startWebApp();
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Calderbrook Council');
    board = await createWebUser(w.t, org, 'board', 'Bea Boardman', { jobTitle: 'Programme lead' });
    owner = await createWebUser(w.t, org, 'owner', 'Owen Ownerley', { jobTitle: 'Head of practice' });
    const ds = w.t.dataSource;
    plan = await seedPlanBasics(ds, org.id);
    const noticeId = await seedNotice(ds, org.id, plan.inspectionId, org.planId);
    await ds.query('UPDATE finding SET notice_id = $1 WHERE id = $2', [noticeId, plan.findingId]);
    const titles = ['Audit of supervision quality', 'Recruit permanent social workers', 'Refresh the safeguarding training offer', 'Publish the carers strategy', 'Reduce waiting lists for assessments'];
    const ids: string[] = [];
    for (let i = 1; i <= 12; i++) {
      const a = await seedAction(ds, org.id, plan, {
        ownerId: i % 3 ? owner.id : board.id,
        reference: `A1.${i}`,
        title: titles[(i - 1) % titles.length],
        status: i === 1 ? 'blocked' : i === 12 ? 'complete' : 'in_progress',
        dueDate: i <= 2 ? '2026-11-01' : '2027-03-31',
        milestones: i <= 4 ? [{ title: 'Audit tool agreed', dueDate: i === 1 ? '2026-11-10' : '2026-11-27' }] : [],
      });
      ids.push(a.id);
      const colour = i <= 2 ? 'red' : i <= 5 ? 'amber' : i === 12 ? 'amber' : 'green';
      const text = colour === 'red' ? (i === 1 ? 'the action is blocked' : 'overdue by 22 days') : colour === 'amber' ? 'no progress update for 50 days' : 'on track';
      await ds.query(`UPDATE action SET rag_colour = $1, rag_reasons = $2::jsonb, rag_as_of = '2026-11-23' WHERE id = $3`, [colour, JSON.stringify([{ code: 'x', colour, text }]), a.id]);
    }
    // The trend: snapshots on four past dates, worsening then improving.
    const dates: [string, string[]][] = [
      ['2026-10-15', ['green', 'green', 'green', 'green', 'green', 'grey', 'grey', 'grey', 'grey', 'grey', 'grey', 'grey']],
      ['2026-10-29', ['red', 'amber', 'green', 'green', 'green', 'green', 'green', 'grey', 'grey', 'grey', 'grey', 'grey']],
      ['2026-11-12', ['red', 'red', 'red', 'amber', 'amber', 'green', 'green', 'green', 'green', 'green', 'grey', 'blue']],
      ['2026-11-19', ['red', 'red', 'amber', 'amber', 'amber', 'green', 'green', 'green', 'green', 'green', 'green', 'amber']],
    ];
    for (const [asOf, colours] of dates) {
      for (const [i, colour] of colours.entries()) {
        await ds.query(`INSERT INTO rag_snapshot (action_id, plan_id, as_of, organisation_id, colour, reasons, policy_version, computed_at) VALUES ($1, $2, $3, $4, $5, '[]', 1, now())`, [ids[i], org.planId, asOf, org.id, colour]);
      }
    }
    // Committees and meetings: the board met on 12 November and meets again on 10 December.
    const committee = await w.t.http().post(inPlan(org.planId, 'committees')).set(bearer(board)).send({ name: 'Adult Social Care Improvement Board', audience: 'board' }).expect(201);
    await w.t.http().post(inPlan(org.planId, 'committees')).set(bearer(board)).send({ name: 'Health Scrutiny Committee', audience: 'scrutiny' }).expect(201);
    for (const meetsOn of ['2026-11-12', '2026-12-10']) {
      await w.t.http().post(inPlan(org.planId, 'meetings')).set(bearer(board)).send({ committeeId: committee.body.id, meetsOn }).expect(201);
    }
    // Evidence waiting for review, and an override beside the rules' colour.
    await w.t.http().post(`/api/v1/actions/${ids[1]}/evidence`).set(bearer(owner)).field('title', 'Recruitment campaign report').attach('file', await makePdf('report'), 'report.pdf').expect(201);
    const override = await w.t.http().post(`/api/v1/actions/${ids[2]}/rag-override`).set(bearer(board)).send({ colour: 'green', reason: 'Recovery plan agreed at board', expiresOn: '2026-12-31' }).expect(201);
    await ds.query(
      `UPDATE action SET rag_overridden = true, rag_override_id = $1, rag_colour = 'green', rag_computed_colour = 'amber', rag_computed_reasons = $2::jsonb, rag_reasons = $3::jsonb WHERE id = $4`,
      [override.body.id, JSON.stringify([{ code: 'stale', colour: 'amber', text: 'no progress update for 50 days' }]), JSON.stringify([{ code: 'override', colour: 'green', text: 'Recovery plan agreed at board' }]), ids[2]],
    );
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });

  async function visitAll(page: Page, who: string): Promise<void> {
    const cspViolations = watchCspViolations(page);
    const errors = watchPageErrors(page);
    for (const [name, path] of Object.entries(pages())) {
      const res = await page.goto(path);
      expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
      await expect(page.locator('.moj-sub-navigation__link[aria-current="page"]').count()).resolves.toBe(1);
      await expectNoAxeViolations(page);
      await screenshot(page, `plan-${who}-${name}`);
    }
    expect(cspViolations).toEqual([]);
    expect(errors).toEqual([]);
  }

  it('a board member opens every page from the home page: no axe violation, no CSP violation', async () => {
    const page = await b.newPage();
    await signIn(page, board);
    await Promise.all([page.waitForURL(`**${pages().dashboard}`), page.locator(`main a[href="${pages().dashboard}"]`).click()]);
    await expect(page.getByTestId('colour-counts').textContent()).resolves.toMatch(/On 12 November 2026/);
    await expect(page.getByTestId('trend-table').locator('tbody tr').count()).resolves.toBe(5);
    await expect(page.getByTestId('overrides').textContent()).resolves.toMatch(/Recovery plan agreed at board/);
    await expect(page.getByTestId('evidence-waiting').textContent()).resolves.toMatch(/Recruitment campaign report/);
    await expect(page.getByTestId('next-meetings').textContent()).resolves.toMatch(/10 December 2026/);
    await visitAll(page, 'board');
  });

  it('an owner opens every page; My actions is their task list', async () => {
    const page = await b.newPage();
    await signIn(page, owner);
    await visitAll(page, 'owner');
    await page.goto(pages().myActions);
    await expect(page.getByTestId('my-tasks').locator('.govuk-task-list__item').count()).resolves.toBeGreaterThan(3);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(pages().actions);
    await screenshot(page, 'plan-owner-actions-narrow');
    await expectNoAxeViolations(page);
  });

  it('filters, sorts and pages the actions list with JavaScript off', async () => {
    const context = await b.browser.newContext({ baseURL: w.baseUrl, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signIn(page, board);
      await page.goto(pages().actions);
      await page.getByLabel('Red', { exact: true }).check();
      await page.getByLabel('Amber', { exact: true }).check();
      await Promise.all([page.waitForURL(/colour=red&colour=amber/), page.getByTestId('apply-filters').click()]);
      await expect(page.getByTestId('result-count').textContent()).resolves.toBe('Showing 1 to 5 of 5 actions');
      await expect(page.getByTestId('selected-filters').textContent()).resolves.toMatch(/Colour: Red/);
      await page.getByLabel('Reference or title contains').fill('supervision');
      await Promise.all([page.waitForURL(/q=supervision/), page.getByTestId('apply-filters').click()]);
      await expect(page.getByTestId('result-count').textContent()).resolves.toBe('Showing 1 to 1 of 1 action');
      await Promise.all([page.waitForURL(/colour=amber/), page.getByTestId('selected-filters').getByRole('link', { name: /Colour: Red/ }).click()]);
      await expect(page.getByTestId('result-count').textContent()).resolves.toBe('No actions match');
      await Promise.all([page.waitForURL((url) => url.search === ''), page.getByRole('link', { name: 'Clear filters' }).click()]);
      await Promise.all([page.waitForURL(/sort=dueDate/), page.getByRole('link', { name: 'Due' }).click()]);
      await expect(page.locator('th[aria-sort="ascending"]').textContent()).resolves.toMatch(/Due/);
      await screenshot(page, 'plan-actions-no-js');
      await expectNoAxeViolationsWithoutJavaScript(page);
      // A finding answered by more actions than the plan page lists: its link is the list filtered by it.
      await page.goto(pages().plan);
      // The actions column: the finding column also lists its Change and Delete links.
      await expect(page.locator(`#finding-${plan.findingId} td`).nth(1).locator('li').count()).resolves.toBe(10);
      await Promise.all([page.waitForURL(/finding=/), page.getByRole('link', { name: /^See all 12 actions answering QS-SAFE-\d+$/ }).click()]);
      await expect(page.getByTestId('result-count').textContent()).resolves.toBe('Showing 1 to 12 of 12 actions');
      await expect(page.getByTestId('selected-filters').textContent()).resolves.toMatch(/Finding: QS-SAFE-\d+ Safeguarding: significant shortfalls/);
      await page.getByLabel('Amber', { exact: true }).check();
      await Promise.all([page.waitForURL(/colour=amber.*finding=/), page.getByTestId('apply-filters').click()]);
      await expect(page.getByTestId('result-count').textContent()).resolves.toBe('Showing 1 to 3 of 3 actions');
      await screenshot(page, 'plan-actions-one-finding-no-js');
      await expectNoAxeViolationsWithoutJavaScript(page);
    } finally {
      await context.close();
    }
  });
});
