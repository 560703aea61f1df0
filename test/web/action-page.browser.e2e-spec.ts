import { readFileSync } from 'node:fs';
import { actionBody, createAction } from '../support/actions-fixtures';
import { makePdf, sha256 } from '../support/evidence-fixtures';
import { seedPlanBasics } from '../support/plan-fixtures';
import { waitFor, waitForRag } from '../support/rag-fixtures';
import { TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript, flash, launchBrowser, screenshot, signIn, TestBrowser, watchCspViolations, watchPageErrors } from './support/browser';
import { createWebUser, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(240_000);

describeInBrowser('web: the action page in a real browser (owner and board, with and without JavaScript)', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  let board: WebUser;
  let owner: WebUser;
  let actionId: string;
  let bigPdf: Buffer;

  beforeAll(async () => {
    w = await startWebApp({ worker: true });
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Exampleshire Council');
    board = await createWebUser(w.t, org, 'board', 'Avery Boardman', { jobTitle: 'Programme lead' });
    owner = await createWebUser(w.t, org, 'owner', 'Rowan Ownwell', { jobTitle: 'Head of Safeguarding', partnerAgency: 'Exampleshire Police' });
    const plan = await seedPlanBasics(w.t.dataSource, org.id);
    const action = await createAction(
      w.t,
      board,
      actionBody(plan, owner.id, {
        reference: 'A1.3',
        title: 'Review every safeguarding referral made online',
        description: 'Audit the 1,303 cases raised through the online safeguarding form.',
        milestones: [
          { title: 'Audit of 30 cases completed', dueDate: '2026-10-30' },
          { title: 'Findings to the board', dueDate: '2026-12-15' },
          { title: 'Pathway redesigned', dueDate: '2026-12-20' },
        ],
      }),
    );
    actionId = action.id;
    await waitForRag(w.t.dataSource, actionId, (r) => r.colour !== null, 'first colour');
    // About 1.5 MB: a real PDF with padding after its end, so the upload takes long enough to watch.
    bigPdf = Buffer.concat([await makePdf('Safeguarding audit report'), Buffer.from(`\n%${' '.repeat(1_500_000)}\n`)]);
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });

  const actionPath = () => `/actions/${actionId}`;

  it('the owner updates the status, completes a milestone, adds an update, uploads evidence with a progress bar and downloads it', async () => {
    const page = await b.newPage({ acceptDownloads: true });
    const csp = watchCspViolations(page);
    const errors = watchPageErrors(page);
    await signIn(page, owner);
    await page.goto(actionPath());
    await expect(page.locator('h1').textContent()).resolves.toBe('Review every safeguarding referral made online');
    await expect(page.getByTestId('action-colour').textContent()).resolves.toMatch(/Amber[\s\S]*overdue by 24 days/);
    await expect(page.getByRole('link', { name: 'Override the colour' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'action-01-owner-page');

    // Status
    await page.getByRole('link', { name: 'Change the status' }).click();
    await expectNoAxeViolations(page);
    await page.getByLabel('Progress', { exact: true }).fill('150');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Progress must be a whole number from 0 to 100');
    await expectNoAxeViolations(page);
    await screenshot(page, 'action-02-status-error');
    await page.getByLabel('In progress').check();
    await page.getByLabel('Progress', { exact: true }).fill('50');
    await Promise.all([page.waitForURL(`**${actionPath()}`), page.getByRole('button', { name: 'Save changes' }).click()]);
    await expect(flash(page)).resolves.toContain('The action has been updated');
    await expect(page.getByTestId('action-details').textContent()).resolves.toMatch(/In progress[\s\S]*50%/);

    // Milestone: the date is today by default
    await page.getByRole('link', { name: 'Complete Audit of 30 cases completed' }).click();
    await expect(page.getByLabel('Day').inputValue()).resolves.toBe('23');
    await expect(page.getByLabel('Month').inputValue()).resolves.toBe('11');
    await expect(page.getByLabel('Year').inputValue()).resolves.toBe('2026');
    await expectNoAxeViolations(page);
    await page.getByLabel('Day').fill('30');
    await page.getByRole('button', { name: 'Complete milestone' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('must be today or in the past');
    await expectNoAxeViolations(page);
    await screenshot(page, 'action-03-milestone-future-date');
    await page.getByLabel('Day').fill('20');
    await Promise.all([page.waitForURL(`**${actionPath()}`), page.getByRole('button', { name: 'Complete milestone' }).click()]);
    await expect(flash(page)).resolves.toContain('Milestone completed');
    await expect(page.getByTestId('milestones').textContent()).resolves.toContain('20 November 2026');

    // Progress update
    await page.getByRole('button', { name: 'Add a progress update' }).click();
    await expectNoAxeViolations(page);
    await page.getByLabel('Add a progress update').fill('Thirty cases audited; findings go to the December board.');
    await Promise.all([page.waitForURL(`**${actionPath()}`), page.getByRole('button', { name: 'Add update' }).click()]);
    await expect(flash(page)).resolves.toContain('Your progress update has been added');
    await expect(page.getByTestId('updates').textContent()).resolves.toContain('Thirty cases audited');

    // Evidence, with the upload slowed down so the progress bar is seen moving
    await page.getByRole('button', { name: 'Upload evidence' }).click();
    await expectNoAxeViolations(page);
    await screenshot(page, 'action-04-upload-form');
    await page.getByLabel('Title').fill('Safeguarding audit report');
    await page.getByLabel('What it proves').selectOption({ label: 'Audit of 30 cases completed' });
    await page.getByLabel('File').setInputFiles({ name: 'audit report.pdf', mimeType: 'application/pdf', buffer: bigPdf });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
    await page.getByRole('button', { name: 'Upload evidence' }).click();
    const progress = page.locator('[data-upload-progress]');
    await progress.waitFor({ state: 'visible' });
    const progressValue = () => page.locator('#upload-progress').evaluate((el) => (el as unknown as { value: number }).value);
    await waitFor(async () => ((await progressValue()) > 10 ? true : undefined), 'the progress bar to move', 30_000);
    await expect(page.locator('[data-upload-progress-text]').textContent()).resolves.toMatch(/\d+% uploaded/);
    await screenshot(page, 'action-05-upload-progress');
    await page.waitForURL(`**${actionPath()}`, { timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await expect(flash(page)).resolves.toContain('Your evidence has been uploaded');
    await expect(page.getByTestId('evidence').textContent()).resolves.toMatch(/Safeguarding audit report[\s\S]*Awaiting review/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'action-06-owner-after-upload');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Safeguarding audit report (download)' }).click()]);
    expect(download.suggestedFilename()).toBe('audit report.pdf');
    expect(sha256(readFileSync((await download.path())))).toBe(sha256(bigPdf));

    expect(csp).toEqual([]);
    // The 400 pages of refused forms are logged by the browser as failed loads; nothing else may be.
    expect(errors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
  });

  it('the board overrides the colour (the computed colour stays beside it) and removes the override', async () => {
    const page = await b.newPage();
    await signIn(page, board);
    await page.goto(actionPath());
    await page.getByRole('link', { name: 'Override the colour' }).click();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Override the colour' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/Select the colour[\s\S]*Enter why[\s\S]*Enter the last day/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'action-07-override-errors');
    await page.getByLabel('Red').check();
    await page.getByLabel('Why').fill('Police data-sharing agreement not signed: the board judges the action off track');
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('1');
    await page.getByLabel('Year').fill('2027');
    await Promise.all([page.waitForURL(`**${actionPath()}`), page.getByRole('button', { name: 'Override the colour' }).click()]);
    await expect(flash(page)).resolves.toContain('The colour has been overridden');
    await waitForRag(w.t.dataSource, actionId, (r) => r.overridden, 'the override');
    await page.reload();
    const colour = page.getByTestId('action-colour');
    await expect(colour.textContent()).resolves.toMatch(/Red[\s\S]*overridden/);
    await expect(page.getByTestId('override').textContent()).resolves.toMatch(/data-sharing agreement not signed[\s\S]*Avery Boardman \(Improvement board member\)[\s\S]*31 January 2027/);
    await expect(page.getByTestId('computed-colour').textContent()).resolves.toMatch(/The rules alone give[\s\S]*Green[\s\S]*on track/);
    await expect(page.getByTestId('rag-history').textContent()).resolves.toMatch(/overridden/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'action-08-board-overridden');

    await Promise.all([page.waitForURL(`**${actionPath()}`), page.getByRole('button', { name: 'Remove the override' }).click()]);
    await expect(flash(page)).resolves.toContain('The override has been removed');
    await waitForRag(w.t.dataSource, actionId, (r) => !r.overridden, 'the override ended');
    await page.reload();
    await expect(page.getByTestId('override').count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'action-09-board-override-removed');
  });

  it('the owner does the same with JavaScript switched off (the upload is a plain form post)', async () => {
    const page = await b.newPage({ javaScriptEnabled: false, acceptDownloads: true });
    await signIn(page, owner);
    await page.goto(actionPath());
    await expectNoAxeViolationsWithoutJavaScript(page);

    await page.getByRole('link', { name: 'Change the status' }).click();
    await expectNoAxeViolationsWithoutJavaScript(page);
    await page.getByLabel('Blocked').check();
    await Promise.all([page.waitForURL(`**${actionPath()}`), page.getByRole('button', { name: 'Save changes' }).click()]);
    await expect(flash(page)).resolves.toContain('The action has been updated');

    await page.getByRole('link', { name: 'Complete Findings to the board' }).click();
    await expectNoAxeViolationsWithoutJavaScript(page);
    await Promise.all([page.waitForURL(`**${actionPath()}`), page.getByRole('button', { name: 'Complete milestone' }).click()]);
    await expect(flash(page)).resolves.toContain('Milestone completed');

    await page.getByRole('button', { name: 'Add a progress update' }).click();
    await page.getByRole('button', { name: 'Add update' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter what has happened since the last update');
    await expectNoAxeViolationsWithoutJavaScript(page);
    await page.getByLabel('Add a progress update').fill('Blocked: waiting for the police data-sharing agreement.');
    await Promise.all([page.waitForURL(`**${actionPath()}`), page.getByRole('button', { name: 'Add update' }).click()]);
    await expect(flash(page)).resolves.toContain('Your progress update has been added');

    await page.getByRole('button', { name: 'Upload evidence' }).click();
    await expectNoAxeViolationsWithoutJavaScript(page);
    await page.getByRole('button', { name: 'Upload evidence' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/Enter a title for the evidence|Select a file/);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'action-10-no-js-upload-errors');
    const small = await makePdf('Data-sharing agreement draft');
    await page.getByLabel('Title').fill('Data-sharing agreement draft');
    await page.getByLabel('File').setInputFiles({ name: 'agreement.pdf', mimeType: 'application/pdf', buffer: small });
    await Promise.all([page.waitForURL(`**${actionPath()}`), page.getByRole('button', { name: 'Upload evidence' }).click()]);
    await expect(flash(page)).resolves.toContain('Your evidence has been uploaded');
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, 'action-11-no-js-after-upload');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Data-sharing agreement draft (download)' }).click()]);
    expect(sha256(readFileSync((await download.path())))).toBe(sha256(small));
  });
});
