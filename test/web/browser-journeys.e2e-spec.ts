import { Page } from 'playwright-core';
import { bearer, TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectErrorSummaryFocused, expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript, launchBrowser, screenshot, signIn, TestBrowser, watchCspViolations, watchPageErrors } from './support/browser';
import { createWebUser, startWebApp, TEST_PAGES, WebTestApp, WebUser } from './support/web-test-app';

const NEW_PASSWORD = 'four-random-words-here';

// A real browser and axe on a machine shared with other work: generous, not tight, limits.
jest.setTimeout(180_000);

describeInBrowser('web pages in a real browser (Debian chromium, axe-core on every page)', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  let board: WebUser;

  beforeAll(async () => {
    w = await startWebApp();
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Warrington Borough Council');
    board = await createWebUser(w.t, org, 'board', 'Helen Marsh', { jobTitle: 'Programme lead, adult social care' });
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });

  const path = (page: Page) => {
    const url = new URL(page.url());
    return `${url.pathname}${url.search}`;
  };
  const userVersion = async (id: string) => (await w.t.http().get(`/api/v1/users/${id}`).set(bearer(org.admin)).expect(200)).body.version as number;

  it('signs in and out; GOV.UK Frontend starts from the module script under the CSP', async () => {
    const page = await b.newPage();
    const cspViolations = watchCspViolations(page);
    const pageErrors = watchPageErrors(page);
    await page.goto('/sign-in');
    await expect(page.title()).resolves.toBe('Sign in - Improvement tracker');
    await expectNoAxeViolations(page);
    await screenshot(page, '01-sign-in');

    await signIn(page, board);
    expect(path(page)).toBe('/');
    await expect(page.getByTestId('signed-in-user').textContent()).resolves.toBe('Helen Marsh, Warrington Borough Council');
    await expect(page.locator('h1').textContent()).resolves.toBe('Improvement tracker');
    expect(await page.locator('body').getAttribute('class')).toMatch(/js-enabled.*govuk-frontend-supported/);
    await expectNoAxeViolations(page);
    await screenshot(page, '02-home');
    await page.setViewportSize({ width: 375, height: 740 });
    await expectNoAxeViolations(page);
    await screenshot(page, '02-home-narrow');
    await page.getByRole('button', { name: 'Menu' }).click();
    await screenshot(page, '02-home-narrow-menu');
    await page.setViewportSize({ width: 1024, height: 768 });

    await Promise.all([page.waitForURL('**/sign-in?signedOut=1'), page.getByRole('button', { name: 'Sign out' }).click()]);
    await expect(page.getByText('You have signed out').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, '03-signed-out');

    await page.goto('/account');
    expect(path(page)).toBe('/sign-in?returnTo=%2Faccount');
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('signs in, reads a page and signs out with JavaScript switched off', async () => {
    const page = await b.newPage({ javaScriptEnabled: false });
    await signIn(page, board);
    expect(path(page)).toBe('/');
    expect(await page.locator('body').getAttribute('class')).not.toMatch(/js-enabled/);
    await expectNoAxeViolationsWithoutJavaScript(page);
    await page.getByRole('link', { name: 'Your account', exact: true }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Your account');
    await page.getByRole('link', { name: 'Change your password' }).click();
    await expectNoAxeViolationsWithoutJavaScript(page);
    await screenshot(page, '04-change-password-no-js');
    await Promise.all([page.waitForURL('**/sign-in?signedOut=1'), page.getByRole('button', { name: 'Sign out' }).click()]);
    await page.goto('/');
    expect(path(page)).toBe('/sign-in');
  });

  it('shows the error summary for a wrong password and for missing fields, each linking to its field', async () => {
    const page = await b.newPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    await expect(page.title()).resolves.toBe('Error: Sign in - Improvement tracker');
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual(['Enter your email address', 'Enter your password']);
    // GOV.UK Frontend moves focus to the summary; its links take the user to the field.
    await expectErrorSummaryFocused(page);
    await summary.getByRole('link', { name: 'Enter your password' }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('password');
    await expectNoAxeViolations(page);
    await screenshot(page, '05-sign-in-missing-fields');

    await page.getByLabel('Email address').fill(board.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual(['Your email address or password is incorrect']);
    await expect(page.locator('#email-error').textContent()).resolves.toMatch(/Your email address or password is incorrect/);
    await expect(page.getByLabel('Email address').inputValue()).resolves.toBe(board.email);
    await expect(page.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
    await expectNoAxeViolations(page);
    await screenshot(page, '06-sign-in-wrong-password');
  });

  it('keyboard only: the skip link, signing in, and the header links, with Tab and Enter', async () => {
    const page = await b.newPage();
    await page.goto('/sign-in');
    const focused = () => page.evaluate<{ id: string; text: string }>("({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent?.trim() ?? '' })");
    const tabTo = async (match: (f: { id: string; text: string }) => boolean) => {
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        if (match(await focused())) return;
      }
      throw new Error(`Tab never reached the element; stuck at ${JSON.stringify(await focused())}`);
    };
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toMatchObject({ text: 'Skip to main content' });
    await tabTo((f) => f.id === 'email');
    await page.keyboard.type(board.email);
    await tabTo((f) => f.id === 'password');
    await page.keyboard.type(board.password);
    await tabTo((f) => f.text === 'Sign in');
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.keyboard.press('Enter')]);
    await tabTo((f) => f.text === 'Your account');
    await Promise.all([page.waitForURL('**/account'), page.keyboard.press('Enter')]);
    await tabTo((f) => f.text === 'Sign out');
    await Promise.all([page.waitForURL('**/sign-in?signedOut=1'), page.keyboard.press('Enter')]);
  });

  it('change password: the session cookie from before is refused afterwards', async () => {
    const owner = await createWebUser(w.t, org, 'owner', 'Priya Natarajan', { jobTitle: 'Detective Inspector', partnerAgency: 'Cheshire Constabulary' });
    const page = await b.newPage();
    await signIn(page, owner);
    const cookiesBefore = await page.context().cookies();
    expect(cookiesBefore.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['improvement_tracker_session', true, 'Lax']]);

    await page.goto('/account');
    await expectNoAxeViolations(page);
    await screenshot(page, '07-account');
    await page.getByRole('link', { name: 'Change your password' }).click();
    await expectNoAxeViolations(page);
    await screenshot(page, '08-change-password');

    await page.getByLabel('Current password').fill(owner.password);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm new password').fill('not-the-same-words');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForLoadState();
    await expect(page.locator('.govuk-error-summary').getByRole('link').allTextContents()).resolves.toEqual(['The passwords do not match']);
    await expectNoAxeViolations(page);
    await screenshot(page, '09-change-password-errors');

    await page.getByLabel('Current password').fill(owner.password);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await Promise.all([page.waitForURL('**/account'), page.getByRole('button', { name: 'Change password' }).click()]);
    await expect(page.getByText('Your password has been changed').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, '10-password-changed');

    const stale = await b.newPage();
    await stale.context().addCookies(cookiesBefore);
    await stale.goto('/account');
    expect(path(stale)).toBe('/sign-in?returnTo=%2Faccount');
    // This browser carries on, on its new session.
    await page.goto('/');
    expect(path(page)).toBe('/');
  });

  it("a deactivated user's session is refused", async () => {
    const owner = await createWebUser(w.t, org, 'owner', 'Sam Okafor');
    const page = await b.newPage();
    await signIn(page, owner);
    await w.t.http().patch(`/api/v1/users/${owner.id}`).set(bearer(org.admin)).send({ active: false, version: await userVersion(owner.id) }).expect(200);
    await page.reload();
    expect(path(page)).toBe('/sign-in');
  });

  it('a form posted without its CSRF token, or with a wrong one, is refused', async () => {
    const page = await b.newPage();
    await page.goto('/sign-in');
    await page.locator('input[name="_csrf"]').evaluate((element) => element.remove());
    await page.getByLabel('Email address').fill(board.email);
    await page.getByLabel('Password', { exact: true }).fill(board.password);
    const refused = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in' }).click()]);
    expect(refused[0].status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('Sorry, your form could not be sent');
    await expectNoAxeViolations(page);
    await screenshot(page, '11-form-expired');

    await page.goto('/sign-in');
    await page.locator('input[name="_csrf"]').evaluate((element) => element.setAttribute('value', 'forged-token-forged-token-forged'));
    await page.getByLabel('Email address').fill(board.email);
    await page.getByLabel('Password', { exact: true }).fill(board.password);
    const wrong = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in' }).click()]);
    expect(wrong[0].status()).toBe(403);
  });

  it("sends a CSP with a nonce and no unsafe-inline script, refuses injected scripts and being framed", async () => {
    const page = await b.newPage();
    const cspViolations = watchCspViolations(page);
    const response = (await page.goto('/sign-in'))!;
    const policy = response.headers()['content-security-policy'];
    const scriptSrc = policy.split(';').find((d) => d.trim().startsWith('script-src '))!;
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
    expect(scriptSrc).not.toMatch(/unsafe-inline/);
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(await response.text()).toContain(`nonce="${nonce}"`);
    // The password input's "Show" button exists only if GOV.UK Frontend ran.
    await expect(page.getByRole('button', { name: /Show password/ }).isVisible()).resolves.toBe(true);
    expect(cspViolations).toEqual([]);

    await page.evaluate("document.body.appendChild(Object.assign(document.createElement('script'), { textContent: 'window.injected = true' }))");
    expect(await page.evaluate('window.injected')).toBeUndefined();
    expect(cspViolations.length).toBeGreaterThan(0);

    const framing = await b.newPage();
    await framing.setContent(`<iframe title="framed" src="${w.baseUrl}/sign-in"></iframe>`);
    await framing.waitForTimeout(500);
    const frame = framing.frames().find((f) => f !== framing.mainFrame())!;
    expect(await frame.content()).not.toContain('Email address');
  });

  it('answers an unknown page with the 404 page, and shows the other error and help pages', async () => {
    const page = await b.newPage();
    const missing = (await page.goto('/no-such-page'))!;
    expect(missing.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await expectNoAxeViolations(page);
    await screenshot(page, '12-not-found');

    const failure = (await page.goto(TEST_PAGES.failure))!;
    expect(failure.status()).toBe(500);
    await expectNoAxeViolations(page);
    await screenshot(page, '13-server-error');

    // A database timeout: the same page, answered 503 with when to try again.
    const busy = (await page.goto(TEST_PAGES.databaseTimeout))!;
    expect(busy.status()).toBe(503);
    expect(busy.headers()['retry-after']).toBe('5');
    await expect(page.locator('h1').textContent()).resolves.toBe('Sorry, there is a problem with the service');
    await expectNoAxeViolations(page);
    await screenshot(page, '13-database-timeout');

    await signIn(page, board);
    const forbidden = (await page.goto(TEST_PAGES.adminOnly))!;
    expect(forbidden.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('You do not have permission to see this page');
    await expectNoAxeViolations(page);
    await screenshot(page, '14-forbidden');

    for (const [link, heading, name] of [
      ['Accessibility statement', 'Accessibility statement for Improvement tracker', '15-accessibility-statement'],
      ['Cookies', 'Cookies', '16-cookies'],
    ]) {
      await page.getByRole('contentinfo').getByRole('link', { name: link }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe(heading);
      await expectNoAxeViolations(page);
      await screenshot(page, name);
    }
  });
});
