import request from 'supertest';
import { SmtpCatcher } from '../../src/notifications/mail/smtp-catcher';
import { SAMPLES } from '../../src/notifications/messages/message-samples.testing';
import { OutboxService } from '../../src/notifications/outbox/outbox.service';
import { signUnsubscribeToken, unsubscribeExpiry } from '../../src/notifications/preferences/unsubscribe-token';
import { planPaths, WEB_PATHS } from '../../src/web/common/web-paths';
import { TestApp, type TestOrganisation, type TestUser } from '../support/test-app';
import { csrfTokenFrom, signInWithAgent } from './support/web-test-app';

/** The e-mail pages over HTTP: preferences (CSRF, validation), the one-click unsubscribe without sign-in, and "Messages sent" (board only). */
describe('Notification pages (HTTP)', () => {
  const SECRET = 'pages-unsubscribe-secret-pages-unsubscribe-secret';
  let catcher: SmtpCatcher;
  let t: TestApp;
  let org: TestOrganisation;
  let owner: TestUser;
  let board: TestUser;

  beforeAll(async () => {
    catcher = await SmtpCatcher.start();
    t = await TestApp.start({ env: { ...catcher.env(), UNSUBSCRIBE_SECRET: SECRET } });
    org = await t.createOrganisation('Knowsley Council (test)');
    owner = await t.createUser(org, 'owner');
    board = await t.createUser(org, 'board');
  });

  afterAll(async () => {
    await t?.close();
    await catcher?.stop();
  });

  const modes = async (userId: string) =>
    Object.fromEntries((await t.dataSource.query<{ kind: string; mode: string }[]>('SELECT kind, mode FROM notification_preference WHERE user_id = $1', [userId])).map((r) => [r.kind, r.mode]));

  it('preferences: owner kinds with radios, the mandatory kind fixed; saving needs the CSRF token; a bad mode is a 400 naming the field', async () => {
    const { agent } = await signInWithAgent(t, owner.email);
    const account = await agent.get(WEB_PATHS.account).expect(200);
    expect(account.text).toContain(`href="${WEB_PATHS.emailPreferences}"`);
    const form = await agent.get(WEB_PATHS.emailPreferences).expect(200);
    expect(form.text).toContain('As an action owner');
    expect(form.text).not.toContain('As an improvement board member');
    expect(form.text).toContain('name="mode-due_reminder"');
    expect(form.text).not.toContain('name="mode-evidence_rejected"');
    expect(form.text).toContain('cannot be switched off');

    await agent.post(WEB_PATHS.emailPreferences).type('form').send({ 'mode-due_reminder': 'weekly_digest' }).expect(403);
    const bad = await agent.post(WEB_PATHS.emailPreferences).type('form').send({ _csrf: csrfTokenFrom(form.text), 'mode-overdue': 'sometimes' }).expect(400);
    expect(bad.text).toContain('There is a problem');
    expect(bad.text).toContain('href="#mode-overdue"');

    const ok = await agent.post(WEB_PATHS.emailPreferences).type('form').send({ _csrf: csrfTokenFrom(form.text), 'mode-due_reminder': 'weekly_digest', 'mode-overdue': 'off', 'mode-update_due': 'immediate' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(WEB_PATHS.emailPreferences);
    expect(await modes(owner.id)).toEqual({ due_reminder: 'weekly_digest', overdue: 'off' });
    const after = await agent.get(WEB_PATHS.emailPreferences).expect(200);
    expect(after.text).toContain('Your email preferences have been saved');
  });

  it('unsubscribe: GET only shows a button; the one-click POST works with no cookie and no CSRF token; a forged token is a 400 page', async () => {
    const token = signUnsubscribeToken(SECRET, { userId: board.id, scope: 'pack_ready', expiresAt: unsubscribeExpiry(t.clock.now()) });
    const page = await request(t.app.getHttpServer()).get(WEB_PATHS.unsubscribe).query({ token }).expect(200);
    expect(page.text).toContain('Unsubscribe from these e-mails');
    expect(await modes(board.id)).toEqual({});

    // As a mail client sends it (RFC 8058).
    const oneClick = await request(t.app.getHttpServer()).post(`${WEB_PATHS.unsubscribe}?token=${encodeURIComponent(token)}`).type('form').send('List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(oneClick.text).toContain('You have unsubscribed');
    expect(await modes(board.id)).toEqual({ pack_ready: 'off' });
    const again = await request(t.app.getHttpServer()).post(`${WEB_PATHS.unsubscribe}?token=${encodeURIComponent(token)}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(again.text).toContain('already unsubscribed');

    const forged = await request(t.app.getHttpServer()).post(`${WEB_PATHS.unsubscribe}?token=${encodeURIComponent(token.slice(0, -2) + 'AA')}`).type('form').send('List-Unsubscribe=One-Click');
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('This unsubscribe link does not work');
    // Other web forms still need the token.
    await request(t.app.getHttpServer()).post(WEB_PATHS.emailPreferences).type('form').send({}).expect((r) => expect([302, 303, 403]).toContain(r.status));
  });

  it('"Messages sent" lists the plan\'s e-mails for the board, filtered; owners get 403, another plan 404', async () => {
    const outbox = t.app.get(OutboxService);
    await t.dataSource.transaction((m) =>
      outbox.enqueueMany(m, [
        // (The owner put due reminders on weekly digest in the first test: an update-due message goes at once.)
        { organisationId: org.id, planId: org.planId, recipientId: owner.id, kind: 'update_due', subjectRef: 'meeting:page-test', period: '2026-12-04', data: SAMPLES.update_due },
        { organisationId: org.id, planId: org.planId, recipientId: owner.id, kind: 'evidence_rejected', subjectRef: 'evidence:page-test', period: 'rejected', data: SAMPLES.evidence_rejected },
      ]),
    );
    await t.dataSource.query(`UPDATE outbox_message SET state = 'failed', last_error = '550 5.1.1 mailbox unavailable' WHERE kind = 'evidence_rejected'`);
    const paths = planPaths(org.planId);
    const { agent } = await signInWithAgent(t, board.email);
    const all = await agent.get(paths.notifications).expect(200);
    expect(all.text).toContain('Messages sent');
    expect(all.text).toContain('Progress update due');
    expect(all.text).toContain('550 5.1.1 mailbox unavailable');
    expect(/role="status">([^<]*)</.exec(all.text)?.[1]).toBe('Showing 1 to 2 of 2 messages');
    const failed = await agent.get(paths.notifications).query({ state: 'failed' }).expect(200);
    expect(failed.text).toContain('Showing 1 to 1 of 1 messages');
    expect(failed.text).not.toContain('Progress update due</td>');

    const api = await t.http().get(`/api/v1/plans/${org.planId}/notifications`).set('Authorization', `Bearer ${board.token}`).query({ kind: 'update_due' }).expect(200);
    expect(api.body).toMatchObject({ total: 1, items: [{ kind: 'update_due', recipientId: owner.id, state: 'pending' }] });
    expect(api.body.items[0]).not.toHaveProperty('bodyText');
    const dashboard = await t.http().get(`/api/v1/plans/${org.planId}/dashboard`).set('Authorization', `Bearer ${board.token}`).expect(200);
    expect(dashboard.body.emailFailures).toBe(1);

    const { agent: ownerAgent } = await signInWithAgent(t, owner.email);
    await ownerAgent.get(paths.notifications).expect(403);
    await t.http().get(`/api/v1/plans/${org.planId}/notifications`).set('Authorization', `Bearer ${owner.token}`).expect(403);
    const otherPlan = await t.createPlan(org);
    await agent.get(planPaths(otherPlan.id).notifications).expect(404);
  });
});
