import { SAMPLES } from '../../src/notifications/messages/message-samples.testing';
import { OutboxService } from '../../src/notifications/outbox/outbox.service';
import { signUnsubscribeToken, unsubscribeExpiry } from '../../src/notifications/preferences/unsubscribe-token';
import { planPaths, WEB_PATHS } from '../../src/web/common/web-paths';
import type { TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectNoAxeViolations, launchBrowser, screenshot, signIn, TestBrowser, watchCspViolations } from './support/browser';
import { createWebUser, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(180_000);

describeInBrowser('e-mail pages in a real browser (axe on every page)', () => {
  const SECRET = 'browser-unsubscribe-secret-browser-unsubscribe-secret';
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  let owner: WebUser;
  let board: WebUser;

  beforeAll(async () => {
    w = await startWebApp({ env: { UNSUBSCRIBE_SECRET: SECRET } });
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('St Helens Council (test)');
    owner = await createWebUser(w.t, org, 'owner', 'Priya Owner', { partnerAgency: 'Merseyside Police' });
    board = await createWebUser(w.t, org, 'board', 'Sam Board', { jobTitle: 'Programme lead' });
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });

  it('an owner chooses a weekly digest from Your account; the unsubscribe link works without signing in', async () => {
    const page = await b.newPage();
    const csp = watchCspViolations(page);
    await signIn(page, owner);
    await page.goto(WEB_PATHS.account);
    await page.getByRole('link', { name: 'Choose which e-mails you get' }).click();
    await expect(page.title()).resolves.toBe('Email preferences - Improvement tracker');
    await expectNoAxeViolations(page);
    await screenshot(page, 'notifications-01-preferences');
    await page.getByRole('group', { name: /Reminders 14, 7 and 1 days/ }).getByLabel('One summary e-mail a week (Mondays)').check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Your email preferences have been saved').waitFor({ state: 'visible' });
    await expectNoAxeViolations(page);
    expect(await page.getByRole('group', { name: /Reminders 14, 7 and 1 days/ }).getByLabel('One summary e-mail a week (Mondays)').isChecked()).toBe(true);

    const other = await b.newPage();
    const token = signUnsubscribeToken(SECRET, { userId: owner.id, scope: 'overdue', expiresAt: unsubscribeExpiry(w.t.clock.now()) });
    await other.context().clearCookies();
    await other.goto(`${WEB_PATHS.unsubscribe}?token=${encodeURIComponent(token)}`);
    await expectNoAxeViolations(other);
    await screenshot(other, 'notifications-02-unsubscribe');
    await other.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(other.locator('h1').textContent()).resolves.toContain('You have unsubscribed');
    await expectNoAxeViolations(other);
    await screenshot(other, 'notifications-03-unsubscribed');
    expect(csp).toEqual([]);
  });

  it('the board reads Messages sent and filters it', async () => {
    const outbox = w.t.app.get(OutboxService);
    await w.t.dataSource.transaction((m) =>
      outbox.enqueueMany(m, [
        { organisationId: org.id, planId: org.planId, recipientId: owner.id, kind: 'update_due', subjectRef: 'meeting:browser', period: '2026-12-04', data: SAMPLES.update_due },
        { organisationId: org.id, planId: org.planId, recipientId: board.id, kind: 'pack_ready', subjectRef: 'pack:browser', period: 'ready', data: SAMPLES.pack_ready },
      ]),
    );
    await w.t.dataSource.query(`UPDATE outbox_message SET state = 'failed', attempts = 10, last_error = '451 4.3.0 try again later' WHERE kind = 'pack_ready'`);
    const page = await b.newPage();
    await signIn(page, board);
    await page.goto(planPaths(org.planId).notifications);
    await expect(page.title()).resolves.toBe('Messages sent - Improvement tracker');
    await expectNoAxeViolations(page);
    await screenshot(page, 'notifications-04-messages-sent');
    await page.getByLabel('Delivery').selectOption('failed');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Showing 1 to 1 of 1 messages');
    await expectNoAxeViolations(page);
    await screenshot(page, 'notifications-05-messages-failed');
  });
});
