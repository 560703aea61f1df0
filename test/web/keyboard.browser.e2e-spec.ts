import { Page } from 'playwright-core';
import { actionBody, createAction } from '../support/actions-fixtures';
import { seedPlanBasics } from '../support/plan-fixtures';
import { waitForRag } from '../support/rag-fixtures';
import { TestOrganisation } from '../support/test-app';
import { describeInBrowser, expectNoAxeViolations, launchBrowser, screenshot, TestBrowser, watchCspViolations } from './support/browser';
import { createWebUser, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(240_000);

/**
 * The owner's and the board's journeys with the keyboard alone: every step is reached by pressing
 * Tab until the link or button is focused (never a click, never page.goto after signing in), and
 * taken with Enter or Space; form fields are typed into where the focus lands. A step that Tab
 * cannot reach fails the test.
 */
describeInBrowser('web: the journeys with the keyboard alone (Tab, Enter, Space)', () => {
  let w: WebTestApp;
  let b: TestBrowser;
  let org: TestOrganisation;
  let board: WebUser;
  let owner: WebUser;
  let actionId: string;
  let planLink: RegExp;

  beforeAll(async () => {
    w = await startWebApp({ worker: true });
    b = await launchBrowser(w.baseUrl);
    org = await w.t.createOrganisation('Keyboardshire Council');
    board = await createWebUser(w.t, org, 'board', 'Kim Tabbard', { jobTitle: 'Programme lead' });
    owner = await createWebUser(w.t, org, 'owner', 'Ezra Enterson', { jobTitle: 'Head of Quality' });
    const plan = await seedPlanBasics(w.t.dataSource, org.id);
    const action = await createAction(
      w.t,
      board,
      actionBody(plan, owner.id, {
        reference: 'K1.1',
        title: 'Publish the quality assurance framework',
        milestones: [{ title: 'Framework drafted', dueDate: '2026-11-30' }],
      }),
    );
    actionId = action.id;
    const [{ title }] = await w.t.dataSource.query<{ title: string }[]>('SELECT title FROM plan WHERE id = $1', [org.planId]);
    planLink = new RegExp(`^a ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    await waitForRag(w.t.dataSource, actionId, (r) => r.colour !== null, 'first colour');
  });

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });

  /** What has the focus: its role-ish tag and its text or label. */
  const focused = (page: Page): Promise<string> =>
    // A string, evaluated in the page (the test code is compiled without the DOM's types).
    page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el) return '';
      const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].textContent : el.tagName === 'INPUT' ? el.value : el.textContent);
      return el.tagName.toLowerCase() + ' ' + (label || '').replace(/\\s+/g, ' ').trim();
    })()`);

  /** Presses Tab until the focused element's tag and text match, then returns; fails after 120 presses. */
  async function tabTo(page: Page, match: RegExp): Promise<void> {
    const seen: string[] = [];
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (match.test(now)) return;
      seen.push(now);
    }
    throw new Error(`Tab never reached ${String(match)}; focus went through:\n${seen.join('\n')}`);
  }

  /** Tab to a link or button and press Enter, waiting for the next page. */
  async function follow(page: Page, match: RegExp): Promise<void> {
    await tabTo(page, match);
    const before = page.url();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.toString() !== before, { timeout: 15_000 }).catch(() => undefined);
    await page.waitForLoadState('domcontentloaded');
    if (page.url() === before) throw new Error(`Enter on ${String(match)} (${await focused(page)}) did not leave ${before}`);
  }

  async function signInByKeyboard(page: Page, user: WebUser): Promise<void> {
    await page.goto('/sign-in');
    await tabTo(page, /^input Email address/);
    await page.keyboard.type(user.email);
    await tabTo(page, /^input Password/);
    await page.keyboard.type(user.password);
    await follow(page, /^button Sign in/);
    expect(new URL(page.url()).pathname).toBe('/');
  }

  it('the owner opens their plan, their action, and completes a milestone with the keyboard alone', async () => {
    const page = await b.newPage();
    const csp = watchCspViolations(page);
    await signInByKeyboard(page, owner);
    await follow(page, planLink);
    await follow(page, /^a My actions$/);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/My actions/);
    await follow(page, /^a Actions$/);
    await follow(page, /^a K1\.1$/);
    expect(new URL(page.url()).pathname).toBe(`/actions/${actionId}`);
    await follow(page, /^a Complete Framework drafted/);
    await expectNoAxeViolations(page);
    // The date is today by default: Tab on to the button and send the form with Enter.
    await follow(page, /^button Complete milestone/);
    expect(new URL(page.url()).pathname).toBe(`/actions/${actionId}`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Milestone completed');
    await screenshot(page, 'keyboard-01-owner-milestone-completed');
    expect(csp).toEqual([]);
  });

  it('a board member reaches the evidence queue, the packs and the action override with the keyboard alone', async () => {
    const page = await b.newPage();
    await signInByKeyboard(page, board);
    await follow(page, planLink);
    await follow(page, /^a Evidence to review$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Evidence to review');
    await follow(page, /^a Packs$/);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/Packs/);
    await follow(page, /^a Actions$/);
    await follow(page, /^a K1\.1$/);
    await follow(page, /^a Override the colour/);
    await expectNoAxeViolations(page);
    // Choose a colour with the arrow keys inside the radios, then type the reason.
    await tabTo(page, /^input (Red|Amber|Green|Grey|Blue)/);
    await page.keyboard.press('Space');
    await tabTo(page, /^textarea|^input Reason/i);
    await page.keyboard.type('Agreed at the board: the framework is with the printers.');
    // The last day the override applies: a GOV.UK date input, typed field by field.
    for (const [part, value] of [['Day', '31'], ['Month', '12'], ['Year', '2026']]) {
      await tabTo(page, new RegExp(`^input ${part}$`));
      await page.keyboard.type(value);
    }
    await follow(page, /^button .*(Override|Save|Set)/i);
    expect(new URL(page.url()).pathname).toBe(`/actions/${actionId}`);
    await screenshot(page, 'keyboard-02-board-override');
  });
});
