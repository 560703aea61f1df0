import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript, launchBrowser, screenshot, signIn, type TestBrowser } from './support/browser';
import { createWebUser, signInWithAgent, startWebApp, type WebTestApp, type WebUser } from './support/web-test-app';

jest.setTimeout(180_000);

const FIXTURES = join(__dirname, '..', 'fixtures', 'imports');

describeInBrowser('import pages: upload, check the preview and mapping, commit (a refresh link, no script needed; axe on every page)', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  let board: WebUser;
  let owner: WebUser;
  let ruth: WebUser;

  beforeAll(async () => {
    w = await startWebApp({ worker: true });
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Southcombe Council');
    board = await createWebUser(w.t, org, 'board', 'Alex Morgan');
    owner = await createWebUser(w.t, org, 'owner', 'Sam Carter');
    // The file says "Ruth Adeyemi, Head of Service": not her account's exact name, so it is only suggested.
    ruth = await createWebUser(w.t, org, 'owner', 'R. Adeyemi');
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });

  /** Follows the refresh link until the import is no longer being worked on (no JavaScript). */
  async function untilSettled(page: Page): Promise<void> {
    for (let i = 0; i < 100 && (await page.getByRole('link', { name: 'Refresh this page' }).count()) > 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await page.getByRole('link', { name: 'Refresh this page' }).click();
    }
  }

  it('uploads the CSV tracker, accepts suggested dates, and imports it', async () => {
    // axe needs JavaScript in the page; the same pages without it are checked by expectNoAxeViolationsWithoutJavaScript.
    const page = await b.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/imports`);
    await expect(page.title()).resolves.toBe('Import a tracker - Improvement tracker');
    await expectNoAxeViolations(page);
    await screenshot(page, 'imports-1-upload');

    // Step 1: upload (an empty form first: the error summary names the field).
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('file');
    await expectNoAxeViolations(page);
    await page.getByLabel('Upload a file').setInputFiles(join(FIXTURES, 'childrens-services-nos.csv'));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await untilSettled(page);
    await expect(page.locator('h1').textContent()).resolves.toContain('childrens-services-nos.csv');
    await expectNoAxeViolations(page);
    await screenshot(page, 'imports-2-preview');
    await expectNoAxeViolationsWithoutJavaScript(page);
    // Rows whose dates are words wait for the user's say-so; the problems name row and column.
    await expect(page.locator('#problems + table').textContent()).resolves.toMatch(/row \d+, column E/);

    // Owners that match no user are errors linked from the summary to their select; there is no commit button yet.
    const summaryLinks = page.locator('.govuk-error-summary a');
    await expect(summaryLinks.first().textContent()).resolves.toContain("Choose who 'Ruth Adeyemi, Head of Service");
    await expect(summaryLinks.first().getAttribute('href')).resolves.toBe('#owner-0');
    await expect(page.locator('#owner-0').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Import into the plan' }).count()).resolves.toBe(0);

    // Step 2: the mapping form: accept suggested dates, decide each owner, remap a status word.
    await page.getByLabel(/Use the suggested date/).check();
    // Suggested from the name, and preselected.
    const ruthSelect = page.getByLabel("User for the owner 'Ruth Adeyemi, Head of Service – Children’s Safeguarding'");
    await expect(ruthSelect.inputValue()).resolves.toBe(ruth.id);
    await page.getByLabel("User for the owner 'Jo Turner'").selectOption({ label: `Sam Carter (${owner.email})` });
    const ownerSelects = page.locator('select[id^="owner-"]');
    for (let i = 0; i < (await ownerSelects.count()); i++) {
      if ((await ownerSelects.nth(i).inputValue()) === '') await ownerSelects.nth(i).selectOption({ label: 'Leave unassigned' });
    }
    const onTrack = page.getByLabel("Our status for 'On track'");
    await expect(onTrack.inputValue()).resolves.toBe('in_progress');
    await onTrack.selectOption({ label: 'Blocked' });
    // The tables of selects fit the page (no sideways scrolling).
    await expect(page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).resolves.toBeLessThanOrEqual(0);
    await screenshot(page, 'imports-2b-mapping');
    await page.getByRole('button', { name: 'Check the file again' }).click();
    await untilSettled(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'imports-2c-mapped');
    const summary = await page.locator('.govuk-summary-list').textContent();
    expect(summary).toMatch(/Actions to create\s*5/);
    // The choices stay on the form.
    await expect(page.getByLabel("User for the owner 'Jo Turner'").inputValue()).resolves.toBe(owner.id);
    await expect(page.getByLabel("Our status for 'On track'").inputValue()).resolves.toBe('blocked');

    // Step 3: commit.
    await page.getByRole('button', { name: 'Import into the plan' }).click();
    await untilSettled(page);
    await expect(page.locator('body').textContent()).resolves.toContain('What the import did');
    await expectNoAxeViolations(page);
    await screenshot(page, 'imports-3-done');
    const count = await w.t.dataSource.query('SELECT count(*)::int AS n FROM action WHERE plan_id = $1', [org.planId]);
    expect(count[0].n).toBe(5);
    const actions = await w.t.dataSource.query('SELECT reference, owner_id AS "ownerId", status FROM action WHERE plan_id = $1 ORDER BY reference', [org.planId]);
    const byRef = Object.fromEntries(actions.map((a: { reference: string }) => [a.reference, a]));
    expect(byRef['1']).toMatchObject({ ownerId: ruth.id, status: 'blocked' });
    expect(byRef['2']).toMatchObject({ ownerId: owner.id });
    // Left unassigned: held by the person who imported (an action must have an owner).
    expect(byRef['3']).toMatchObject({ ownerId: board.id });

    // The list shows it.
    await page.goto(`/plans/${org.planId}/imports`);
    await expect(page.locator('table').textContent()).resolves.toContain('Imported');
    await expectNoAxeViolations(page);
  });

  it('HTTP: owners are refused, posts need the CSRF token', async () => {
    const asOwner = await signInWithAgent(w.t, owner.email);
    await asOwner.agent.get(`/plans/${org.planId}/imports`).expect(403);
    const asBoard = await signInWithAgent(w.t, board.email);
    // A multipart post without the token in its action URL is refused before anything is read.
    const res = await asBoard.agent.post(`/plans/${org.planId}/imports`).attach('file', Buffer.from('Ref,Action,Target date\r\nX1,Do,31/03/2027\r\n'), 'x.csv');
    expect(res.status).toBe(403);
    const runs = await w.t.dataSource.query("SELECT count(*)::int AS n FROM import_run WHERE file_name = 'x.csv'");
    expect(runs[0].n).toBe(0);
    // The mapping form's post needs the token too.
    const [run] = await w.t.dataSource.query('SELECT id FROM import_run WHERE plan_id = $1 ORDER BY created_at LIMIT 1', [org.planId]);
    await asBoard.agent.post(`/imports/${run.id}/mapping`).type('form').send({ owner_0_text: 'Jo Turner', owner_0: 'unassigned' }).expect(403);
  });
});
