import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';

/**
 * Browser tests drive Debian's chromium (installed by scripts/system-deps.sh; never a browser
 * downloaded by Playwright) with playwright-core. Without it they are skipped, saying why.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(CHROMIUM_PATH);

// The flags this machine's closed network needs (no background connections at start-up).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-artifacts', 'screenshots');

/** `describe` when chromium is there; otherwise the block is skipped with a message saying so. */
export function describeInBrowser(name: string, body: () => void): void {
  if (browserAvailable) {
    describe(name, body);
    return;
  }
  describe.skip(`${name} [SKIPPED: no chromium at ${CHROMIUM_PATH}; run scripts/system-deps.sh as root]`, body);
  console.warn(`[browser tests] skipped "${name}": no chromium at ${CHROMIUM_PATH} (install it with scripts/system-deps.sh as root, or set CHROMIUM_PATH)`);
}

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (its own cookies) and page; `javaScriptEnabled: false` for the no-JS journeys. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * One headless chromium per test file. `launch` gives every browser a fresh, empty user-data
 * directory of its own (and removes it on close); each test then takes fresh contexts.
 */
export async function launchBrowser(baseURL: string): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ baseURL, viewport: { width: 1024, height: 768 }, ...options });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** Signs in through the sign-in page as a person would, and waits for the home page. */
export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/sign-in'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/** WCAG 2.0, 2.1 and 2.2 at A and AA; plus axe's best practices (they caught a back link outside any landmark). */
/** The text of the page's notification banner (a form's success message). */
export const flash = (page: Page) => page.locator('.govuk-notification-banner').textContent();

/** The page's GOV.UK error summary. */
export const summary = (page: Page) => page.locator('.govuk-error-summary');

/**
 * The error summary has the focus, as govuk-frontend's ErrorSummary gives it once the page's
 * module script has run. That script is deferred, so under load the summary is in the page a
 * moment before it has the focus: wait for the focus (up to 10 s) rather than read it at once.
 */
export async function expectErrorSummaryFocused(page: Page): Promise<void> {
  const focused = page.locator('.govuk-error-summary:focus');
  await focused.waitFor({ state: 'visible', timeout: 10_000 });
  await expect(focused.count()).resolves.toBe(1);
}

/** Clicks a form's button and waits for the address it leads to (a 303 after a POST). */
export const submitAndWaitFor = (page: Page, button: string, url: RegExp) => Promise.all([page.waitForURL(url), page.getByRole('button', { name: button }).click()]);

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe-core on the page as it is now, with AXE_TAGS: no violation allowed. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // Only violations are detailed: the passes' details would take seconds more per page.
  const results = await new AxeBuilder({ page }).options({ runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] }).analyze();
  const problems = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect({ url: page.url(), problems }).toEqual({ url: page.url(), problems: [] });
}

/**
 * axe-core cannot run in a page whose JavaScript is switched off, so a JavaScript-off page is
 * checked as its user sees it: the same address, in a new page with the same cookies and our
 * module script (which alone enhances the pages) blocked.
 */
export async function expectNoAxeViolationsWithoutJavaScript(page: Page): Promise<void> {
  const context = await page.context().browser()!.newContext({ viewport: page.viewportSize() });
  try {
    await context.addCookies(await page.context().cookies());
    const twin = await context.newPage();
    await twin.route('**/app.js', (route) => route.abort());
    await twin.goto(page.url());
    expect(await twin.locator('body').getAttribute('class')).not.toMatch(/js-enabled/);
    await expectNoAxeViolations(twin);
  } finally {
    await context.close();
  }
}

/** A full-page PNG in test-artifacts/screenshots/<name>.png (gitignored), for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Collects the page's uncaught script errors and console errors (a component that failed to start). */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** Collects the Content-Security-Policy violations the page reports to its console. */
export function watchCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}
