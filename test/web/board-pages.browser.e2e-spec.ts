import type { Page } from 'playwright-core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '../../src/queue/queues';
import { makePdf } from '../support/evidence-fixtures';
import { insertEvidence } from '../support/rag-fixtures';
import { seedPlanBasics } from '../support/plan-fixtures';
import { bearer, inPlan, TestOrganisation } from '../support/test-app';
import { waitForJob } from '../support/wait-for';
import { describeInBrowser, expectNoAxeViolations, launchBrowser, screenshot, signIn, TestBrowser, watchCspViolations, watchPageErrors } from './support/browser';
import { createWebUser, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

// A real browser, axe, and packs built by the worker in this process, on a shared machine.
jest.setTimeout(300_000);

/**
 * The board's cycle in a browser (issue 14): review evidence, generate a board pack for a meeting
 * and wait for it (the page follows the job by itself), download a file, generate and publish a
 * scrutiny pack; then a scrutiny member reads that report as a web page and downloads its PDF; an
 * override later that day changes the date's statuses, and the pack and the report say so.
 * axe-core on every page; screenshots in test-artifacts/screenshots/board-*.png.
 */
describeInBrowser('board pages in a real browser (evidence review, packs, published reports)', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  let board: WebUser;
  let scrutiny: WebUser;
  let scrutinyPackId = '';
  let actionId = '';
  let ownerId = '';

  beforeAll(async () => {
    w = await startWebApp({ worker: true });
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Warrington Borough Council');
    board = await createWebUser(w.t, org, 'board', 'Helen Marsh');
    const owner = await createWebUser(w.t, org, 'owner', 'Dev Okafor', { jobTitle: 'Principal social worker' });
    ownerId = owner.id;
    scrutiny = await createWebUser(w.t, org, 'scrutiny', 'Councillor Ann Lee');
    const f = await seedPlanBasics(w.t.dataSource, org.id, org.planId);
    const action = await w.t
      .http()
      .post(inPlan(org.planId, 'actions'))
      .set(bearer(board))
      .send({ reference: 'A1', title: 'Audit of case files checked by Tariq', workstreamId: f.workstreamId, findingIds: [f.findingId], ownerId: owner.id, startDate: '2026-01-05', dueDate: '2026-12-31' })
      .expect(201);
    actionId = action.body.id as string;
    w.t.clock.set('2026-11-12T09:30:00Z');
    await w.t
      .http()
      .post(`/api/v1/actions/${action.body.id}/evidence`)
      .set(bearer(owner))
      .field('title', 'Case file audit, October')
      .attach('file', await makePdf('Case file audit'), { filename: 'case-file-audit.pdf', contentType: 'application/pdf' })
      .expect(201);
    w.t.clock.set('2026-11-23T10:00:00Z');
    const committee = (await w.t.http().post(inPlan(org.planId, 'committees')).set(bearer(board)).send({ name: 'Adult Social Care Improvement Board', audience: 'board' }).expect(201)).body.id;
    await w.t.http().post(inPlan(org.planId, 'meetings')).set(bearer(board)).send({ committeeId: committee, meetsOn: '2026-12-08' }).expect(201);
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });

  const pathOf = (page: Page) => new URL(page.url()).pathname;

  /** The pack page follows the job by itself (a module script); no click on Refresh needed. */
  async function waitUntilReady(page: Page): Promise<void> {
    await page.getByTestId('pack-status').filter({ hasText: 'Ready' }).waitFor({ timeout: 120_000 });
  }

  it('a board member reviews evidence: the queue, the item, reject needs a comment', async () => {
    const page = await b.newPage();
    const csp = watchCspViolations(page);
    const errors = watchPageErrors(page);
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/evidence-review`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Evidence to review');
    await expect(page.getByTestId('evidence-queue').textContent()).resolves.toContain('11 days');
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-01-evidence-queue');

    await page.getByRole('link', { name: /case-file-audit\.pdf/ }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Case file audit, October');
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-02-evidence-review');

    await page.getByLabel('Reject').check();
    await page.getByRole('button', { name: 'Save review' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter a comment saying what the owner should change');
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-03-evidence-reject-error');

    await page.getByLabel('Comment for the owner').fill('Please add the November case files as well.');
    await Promise.all([page.waitForURL(`**/plans/${org.planId}/evidence-review`), page.getByRole('button', { name: 'Save review' }).click()]);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Evidence rejected: Case file audit, October');
    await expect(page.getByTestId('evidence-queue-empty').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-04-evidence-reviewed');
    // The form with errors answers 400 on purpose (the browser logs it); nothing else may go wrong.
    expect({ csp, errors: errors.filter((e) => !/status of 400/.test(e)) }).toEqual({ csp: [], errors: [] });
  });

  it('generates a board pack for a meeting, waits for it on its page, and downloads a file', async () => {
    const page = await b.newPage({ acceptDownloads: true });
    const csp = watchCspViolations(page);
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/packs`);
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-05-packs');

    // The packs worker is paused until the pending page has been seen: then the page must notice by itself.
    // Paused at the queue (every worker), so the job waits whatever a worker was doing.
    const queue = w.t.app.get<Queue>(getQueueToken(QUEUES.packs), { strict: false });
    await queue.pause();
    try {
      await page.getByLabel('Board pack').check();
      await page.getByLabel('8 December 2026, Adult Social Care Improvement Board').check();
      await Promise.all([page.waitForURL(/\/packs\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Generate pack' }).click()]);
      await expect(page.getByTestId('pack-status').textContent()).resolves.toBe('Queued');
      await expect(page.getByTestId('pack-refresh').isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(page);
      await screenshot(page, 'board-06-pack-generating');
    } finally {
      await queue.resume();
    }
    await waitUntilReady(page);
    await expect(page.getByTestId('pack-refresh').count()).resolves.toBe(0);
    await expect(page.getByTestId('attachments').textContent()).resolves.toMatch(/PDF, [\d.]+ KB, \d+ pages/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-07-pack-ready');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /\(Excel\)/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(await download.failure()).toBeNull();
    expect(csp).toEqual([]);
  });

  it('generates a scrutiny pack for a date and publishes it after the publication check', async () => {
    const page = await b.newPage();
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/packs`);
    await page.getByLabel('Scrutiny pack').check();
    await page.getByLabel('A reporting date').check();
    await Promise.all([page.waitForURL(/\/packs\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Generate pack' }).click()]);
    scrutinyPackId = pathOf(page).split('/').pop()!;
    await waitUntilReady(page);
    await expect(page.getByTestId('suspects').textContent()).resolves.toContain('Tariq');
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-08-scrutiny-pack-check');

    await page.getByRole('button', { name: 'Publish pack' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Confirm you have read the possible names');
    await expectNoAxeViolations(page);
    await page.getByLabel('I have read the possible names').check();
    await page.getByRole('button', { name: 'Publish pack' }).click();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The pack has been published');
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-09-scrutiny-pack-published');
  });

  it('a scrutiny member sees only that report, as an HTML page, and downloads its PDF', async () => {
    const page = await b.newPage({ acceptDownloads: true });
    await signIn(page, scrutiny);
    await page.goto(`/plans/${org.planId}/reports`);
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-10-published-reports');
    const links = await page.getByTestId('reports').getByRole('link').all();
    expect(links).toHaveLength(1);
    await links[0].click();
    expect(pathOf(page)).toBe(`/reports/${scrutinyPackId}`);
    // Headings in order: one h1, then h2 sections (no level skipped); tables with captions.
    const levels = await page.locator('main h1, main h2, main h3, main h4').evaluateAll((hs) => hs.map((h) => Number(h.tagName.slice(1))));
    expect(levels[0]).toBe(1);
    expect(levels.every((level, i) => i === 0 || level <= levels[i - 1] + 1)).toBe(true);
    expect(await page.locator('main table').count()).toBe(await page.locator('main table > caption').count());
    await expect(page.locator('main').textContent()).resolves.not.toContain('Dev Okafor');
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-11-report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /\(PDF\)/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);

    // Nothing of the working plan: the packs page is refused, the board's pages are not in the navigation.
    await expect(page.getByRole('navigation', { name: 'Plan pages' }).textContent()).resolves.not.toContain('Evidence to review');
    const res = await page.goto(`/plans/${org.planId}/packs`);
    expect(res?.status()).toBe(403);
  });

  it('after an override changes the day’s statuses, the pack, the packs list and the published report say so', async () => {
    await w.t.http().post(`/api/v1/actions/${actionId}/rag-override`).set(bearer(board)).send({ colour: 'red', reason: 'Audit delayed by staff absence', expiresOn: '2026-12-31' }).expect(201);
    const recompute = await w.t.http().post(inPlan(org.planId, 'rag/recompute')).set(bearer(board)).send({ asOf: '2026-11-23' }).expect(202);
    await waitForJob(w.t, board, recompute.body.jobId as string);

    const page = await b.newPage();
    await signIn(page, board);
    await page.goto(`/packs/${scrutinyPackId}`);
    await expect(page.getByTestId('figures-changed').textContent()).resolves.toMatch(
      /The RAG statuses for 23 November 2026 changed on .+, after this pack was made\. The published pack still reports them as they were\./,
    );
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-12-pack-statuses-changed');
    await page.goto(`/plans/${org.planId}/packs`);
    await expect(page.getByTestId('figures-changed-tag').count()).resolves.toBe(2);
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-13-packs-statuses-changed');

    const reader = await b.newPage();
    await signIn(reader, scrutiny);
    await reader.goto(`/reports/${scrutinyPackId}`);
    await expect(reader.getByTestId('figures-changed').textContent()).resolves.toMatch(/after this report was made\. The report still shows them as they were when it was made\./);
    await expectNoAxeViolations(reader);
    await screenshot(reader, 'board-14-report-statuses-changed');
  });

  it('once the plan is closed, its packs, an unpublished pack, its imports and waiting evidence offer no form, and say why', async () => {
    const pack = await w.t.http().post(inPlan(org.planId, 'packs')).set(bearer(board)).send({ audience: 'scrutiny', asOf: '2026-11-23', title: 'Scrutiny pack, not yet published' }).expect(202);
    await waitForJob(w.t, board, pack.body.jobId as string);
    const evidenceId = await insertEvidence(w.t.dataSource, { organisationId: org.id, actionId, uploadedById: ownerId, uploadedAt: '2026-11-20T10:00:00Z' });
    await w.t.http().post(`/api/v1/plans/${org.planId}/close`).set(bearer(org.admin)).expect(200);

    const page = await b.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, board);
    await page.goto(`/plans/${org.planId}/packs`);
    await expect(page.getByText('This plan is closed: its packs can be read and downloaded, and no new pack can be generated.').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Generate pack' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-15-closed-plan-packs');
    await page.goto(`/packs/${pack.body.id as string}`);
    await expect(page.getByTestId('closed-no-publish').textContent()).resolves.toBe('This plan is closed: this pack can no longer be published.');
    await expect(page.getByRole('button', { name: 'Publish pack' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-16-closed-plan-pack');
    await page.goto(`/plans/${org.planId}/imports`);
    await expect(page.getByText('This plan is closed: nothing can be imported into it.').count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-17-closed-plan-imports');
    await page.goto(`/evidence/${evidenceId}`);
    await expect(page.getByText('This plan is closed: its evidence can be read, not reviewed.').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Save review' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'board-18-closed-plan-evidence');
    expect(errors).toEqual([]);
  });
});
