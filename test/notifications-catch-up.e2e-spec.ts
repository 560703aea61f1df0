import type { INestApplicationContext } from '@nestjs/common';
import { NotificationsProcessor } from '../src/notifications/jobs/notifications.processor';
import { SmtpCatcher } from '../src/notifications/mail/smtp-catcher';
import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { waitFor } from './support/rag-fixtures';
import { bearer, TestApp, type TestOrganisation, type TestUser } from './support/test-app';
import { waitForJob } from './support/wait-for';

/**
 * The daily reminder scan when it did not run every day (a worker down): the clock is moved over
 * days without a scan, then the scan is run through its real trigger (POST /admin/notifications/scan,
 * as the organisation's administrator, answered 202), in a real notifications worker, which then
 * delivers the outbox to a real SMTP server in this process. Each missed reminder goes once, as the
 * nearest one due, and a re-run that day or the next sends nothing. Also: who may run the scan and
 * read its job, and that it covers the caller's organisation only.
 */
describe('Notifications: the daily scan catches up missed days (e2e)', () => {
  let catcher: SmtpCatcher;
  let t: TestApp;
  let org: TestOrganisation;
  let owner: TestUser;
  let worker: INestApplicationContext;

  const morning = (day: string) => `${day}T07:00:00Z`;

  beforeAll(async () => {
    catcher = await SmtpCatcher.start();
    t = await TestApp.start({ now: morning('2026-12-01'), env: { ...catcher.env(), PUBLIC_BASE_URL: 'https://tracker.example.gov.uk' } });
    org = await t.createOrganisation('Knowsley Council (test)');
    owner = await t.createUser(org, 'owner', { partnerAgency: 'Merseyside Police' });
    worker = await t.startWorker(['notifications']);
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await catcher?.stop();
  });

  /** Messages the worker has still to send (pending or being sent), and those it gave up on. */
  async function outboxLeft(): Promise<{ unsent: number; failed: number }> {
    const [row] = await t.dataSource.query<{ unsent: number; failed: number }[]>(
      `SELECT count(*) FILTER (WHERE state IN ('pending', 'sending'))::int AS unsent, count(*) FILTER (WHERE state = 'failed')::int AS failed FROM outbox_message`,
    );
    return row;
  }

  /**
   * The morning scan of `day` through the API as `who` (the organisation's admin by default): 202 with
   * the job, polled until the worker has run it; then the worker's delivery of what it wrote. Returns
   * the job's result (what the scan wrote).
   */
  async function scanOn(day: string, who: TestUser = org.admin): Promise<{ day: string; written: number; byKind: Record<string, Record<string, number>> }> {
    t.clock.set(morning(day));
    const res = await t.http().post('/api/v1/admin/notifications/scan').set(bearer(who)).send();
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ jobId: expect.stringMatching(/^scan-[0-9a-f-]{36}$/), statusUrl: `/api/v1/jobs/${res.body.jobId}` });
    const job = await waitForJob<{ day: string; organisationId: string; written: number; byKind: Record<string, Record<string, number>> }>(t, who, res.body.jobId);
    expect(job).toMatchObject({ queue: 'notifications', name: 'scan' });
    // The day asked for, and the caller's organisation only.
    expect(job.returnValue).toMatchObject({ day, organisationId: who.organisationId });
    await waitFor(async () => ((await outboxLeft()).unsent === 0 ? true : undefined), 'the worker to deliver what the scan wrote');
    expect((await outboxLeft()).failed).toBe(0);
    return job.returnValue;
  }

  const subjects = (u: TestUser) => catcher.to(u.email).map((m) => m.parsed?.subject);

  it('only an administrator may run the scan', async () => {
    for (const role of ['owner', 'board', 'scrutiny'] as const) {
      const user = await t.createUser(org, role);
      const res = await t.http().post('/api/v1/admin/notifications/scan').set(bearer(user)).send();
      expect(res.status).toBe(403);
    }
    expect((await t.http().post('/api/v1/admin/notifications/scan').send()).status).toBe(401);
  });

  it("the scan's job is read by its organisation's administrators only; the worker scans the day asked for, whatever the day it runs", async () => {
    // The worker takes nothing until the clock has moved on: the request fixed the day, not the worker's run.
    const consumer = worker.get(NotificationsProcessor).worker;
    await consumer.pause();
    const res = await t.http().post('/api/v1/admin/notifications/scan').set(bearer(org.admin)).send().expect(202);
    const day = t.clock.now().toISOString().slice(0, 10);
    t.clock.set(morning('2026-12-02'));
    await consumer.resume();
    const done = await waitForJob(t, org.admin, res.body.jobId);
    expect(done.returnValue).toMatchObject({ day, organisationId: org.id, requested: expect.any(Number), written: expect.any(Number), byKind: expect.any(Object) });
    const secondAdmin = await t.createUser(org, 'admin');
    expect((await t.http().get(res.body.statusUrl).set(bearer(secondAdmin))).status).toBe(200);
    const other = await t.createOrganisation('Wirral Council (test)');
    for (const who of [await t.createUser(org, 'board'), await t.createUser(org, 'owner'), other.admin]) {
      const poll = await t.http().get(res.body.statusUrl).set(bearer(who));
      expect({ status: poll.status, code: poll.body.code }).toEqual({ status: who.role === 'owner' ? 403 : 404, code: who.role === 'owner' ? 'forbidden' : 'not_found' });
    }
  });

  it('sends each missed reminder once, as the nearest one due, saying the days really left; re-runs send nothing', async () => {
    const plan = await seedPlanBasics(t.dataSource, org.id);
    // The action itself is due long after the month; its milestone on Monday 21 December.
    await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id, reference: 'M1', title: 'Missing persons protocol', dueDate: '2027-06-30', milestones: [{ title: 'Protocol signed by all partners', dueDate: '2026-12-21' }] });

    // 7 December: the 14-day reminder, on time.
    expect((await scanOn('2026-12-07')).byKind).toEqual({ milestone_due_14d: { written: 1 } });
    expect(subjects(owner)).toEqual(['Due in 14 days: milestone ‘Protocol signed by all partners’ (action M1)']);

    // No scan from 8 to 14 December (the 7-day reminder's day). The 15th catches up: the 7-day one, "in 6 days", alone.
    catcher.clear();
    const caughtUp = await scanOn('2026-12-15');
    expect(caughtUp.byKind).toEqual({ milestone_due_7d: { written: 1 } });
    expect(subjects(owner)).toEqual(['Due in 6 days: milestone ‘Protocol signed by all partners’ (action M1)']);
    expect(catcher.to(owner.email)[0].parsed?.text).toContain('due on 21 December 2026');
    // The same day again, and the next day: nothing new.
    expect((await scanOn('2026-12-15')).written).toBe(0);
    expect((await scanOn('2026-12-16')).written).toBe(0);
    expect(subjects(owner)).toHaveLength(1);

    // No scan from 17 to 21 December (the 1-day reminder's day, then the due date): on the 22nd it is overdue, and only that is said.
    catcher.clear();
    expect((await scanOn('2026-12-22')).byKind).toEqual({ milestone_overdue: { written: 1 } });
    expect(subjects(owner)).toEqual(['Overdue: milestone ‘Protocol signed by all partners’ (action M1), due 21 December 2026']);
    expect((await scanOn('2026-12-23')).written).toBe(0);

    // The weekly overdue reminder was due on the 29th; no scan from the 24th to the 30th. The 31st sends it, once.
    catcher.clear();
    expect((await scanOn('2026-12-31')).byKind).toEqual({ milestone_overdue: { written: 1 } });
    expect(subjects(owner)).toEqual(['Still overdue (10 days): milestone ‘Protocol signed by all partners’ (action M1)']);
    expect((await scanOn('2026-12-31')).written).toBe(0);
    expect((await scanOn('2027-01-01')).written).toBe(0);
    // And the week counts from the catch-up: nothing on 6 January, the next one on the 7th.
    expect((await scanOn('2027-01-06')).written).toBe(0);
    expect((await scanOn('2027-01-07')).byKind).toEqual({ milestone_overdue: { written: 1 } });
    expect(subjects(owner)).toEqual(['Still overdue (10 days): milestone ‘Protocol signed by all partners’ (action M1)', 'Still overdue (17 days): milestone ‘Protocol signed by all partners’ (action M1)']);

    const rows: { kind: string; period: string; state: string }[] = await t.dataSource.query(
      `SELECT kind, period, state FROM outbox_message WHERE recipient_user_id = $1 ORDER BY created_at`,
      [owner.id],
    );
    expect(rows).toEqual([
      { kind: 'milestone_due_14d', period: '2026-12-21', state: 'sent' },
      { kind: 'milestone_due_7d', period: '2026-12-21', state: 'sent' },
      { kind: 'milestone_overdue', period: '2026-12-22', state: 'sent' },
      { kind: 'milestone_overdue', period: '2026-12-31', state: 'sent' },
      { kind: 'milestone_overdue', period: '2027-01-07', state: 'sent' },
    ]);
  });

  it("an administrator's run covers their own organisation only", async () => {
    const other = await t.createOrganisation('Halton Council (test)');
    const otherOwner = await t.createUser(other, 'owner');
    await seedAction(t.dataSource, other.id, await seedPlanBasics(t.dataSource, other.id), { ownerId: otherOwner.id, reference: 'H1', title: 'Halton action', dueDate: '2027-01-20' });
    catcher.clear();
    const ours = await scanOn('2027-01-13');
    expect(ours.byKind).not.toHaveProperty('action_due_7d');
    expect(catcher.to(otherOwner.email)).toHaveLength(0);
    const theirs = await scanOn('2027-01-13', other.admin);
    expect(theirs.byKind).toEqual({ action_due_7d: { written: 1 } });
    expect(subjects(otherOwner)).toEqual(['Due in 7 days: action H1 Halton action']);
  });

  it('sends the weekly digest from the first scan of the week when Monday was missed, once; the next Monday on time', async () => {
    const helens = await t.createOrganisation('St Helens Council (test)');
    const digestOwner = await t.createUser(helens, 'owner');
    await t.http().put('/api/v1/account/notification-preferences/due_reminder').set(bearer(digestOwner)).send({ mode: 'weekly_digest' }).expect(200);
    await seedAction(t.dataSource, helens.id, await seedPlanBasics(t.dataSource, helens.id), { ownerId: digestOwner.id, reference: 'S1', title: 'Step-down panel', dueDate: '2027-01-27' });
    catcher.clear();

    // Monday 18 and Tuesday 19 January: no scan. Wednesday's catches the week's digest up, dated from its Monday.
    const wednesday = await scanOn('2027-01-20', helens.admin);
    expect(wednesday.byKind).toEqual({ action_due_7d: { deferred_to_digest: 1 }, owner_weekly_digest: { written: 1 } });
    expect(subjects(digestOwner)).toEqual(['Your improvement actions, week of 18 January 2027: 1 due soon']);
    expect(catcher.to(digestOwner.email)[0].parsed?.text).toContain('S1');
    // Re-runs that day and the rest of the week: nothing new (the outbox remembers the week's digest).
    for (const day of ['2027-01-20', '2027-01-21', '2027-01-24']) {
      const again = await scanOn(day, helens.admin);
      expect(again.written).toBe(0);
      expect(again.byKind).not.toHaveProperty('owner_weekly_digest');
    }
    expect(subjects(digestOwner)).toHaveLength(1);

    // The next Monday: on time, once.
    expect((await scanOn('2027-01-25', helens.admin)).byKind.owner_weekly_digest).toEqual({ written: 1 });
    expect((await scanOn('2027-01-25', helens.admin)).written).toBe(0);
    expect(subjects(digestOwner)).toEqual(['Your improvement actions, week of 18 January 2027: 1 due soon', 'Your improvement actions, week of 25 January 2027: 1 due soon']);
    const rows = await t.dataSource.query(`SELECT period, state FROM outbox_message WHERE recipient_user_id = $1 ORDER BY created_at`, [digestOwner.id]);
    expect(rows).toEqual([
      { period: '2027-W03', state: 'sent' },
      { period: '2027-W04', state: 'sent' },
    ]);
  });
});
