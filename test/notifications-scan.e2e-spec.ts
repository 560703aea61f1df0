import { randomUUID } from 'node:crypto';
import { addDays } from '../src/common/dates/calendar-date';
import type { AuthUser } from '../src/common/request-context/request-context';
import { papersDeadline } from '../src/deadlines/papers-deadline';
import { SmtpCatcher } from '../src/notifications/mail/smtp-catcher';
import { NotificationEventsService } from '../src/notifications/events/notification-events.service';
import { LEASE_MS, type OutboxSender } from '../src/notifications/outbox/outbox-sender.service';
import { OutboxRepository } from '../src/notifications/outbox/outbox.repository';
import { PreferencesService } from '../src/notifications/preferences/preferences.service';
import { NotificationScanService } from '../src/notifications/scans/notification-scan.service';
import { startOutboxSender, type StartedOutboxSender } from './support/outbox-sender';
import { insertEvidence, insertProgressUpdate } from './support/rag-fixtures';
import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { bearer, TestApp, type TestOrganisation, type TestUser } from './support/test-app';

/**
 * A month of a small plan (30 London days from Monday 30 November 2026), the clock moved a day at a
 * time, the nightly scan run each morning (twice, at once, as by two workers, then once more) and
 * the outbox delivered by a separate sender to a real SMTP server in this process. Every kind and
 * recipient is counted at the server.
 */
describe('Notifications: the daily scan over a month (e2e)', () => {
  const BASE = 'https://tracker.example.gov.uk';
  const FIRST_DAY = '2026-11-30';
  const DAYS = 30;
  let catcher: SmtpCatcher;
  let t: TestApp;
  let org: TestOrganisation;
  let ownerA: TestUser;
  let partnerOwner: TestUser;
  let digestOwner: TestUser;
  let goneOwner: TestUser;
  let removedOwner: TestUser;
  let board1: TestUser;
  let board2: TestUser;
  let scrutiny: TestUser;
  let sender: OutboxSender;
  let started: StartedOutboxSender;

  const authUser = (u: TestUser): AuthUser => ({ id: u.id, organisationId: u.organisationId, role: 'member', email: u.email, name: 'test', plans: {} });
  const morning = (day: string) => `${day}T07:00:00Z`;

  beforeAll(async () => {
    catcher = await SmtpCatcher.start();
    t = await TestApp.start({
      now: morning('2026-11-29'),
      env: { ...catcher.env(), PUBLIC_BASE_URL: BASE, UPDATE_DUE_WORKING_DAYS: '5', UNSUBSCRIBE_SECRET: 'scan-unsubscribe-secret-scan-unsubscribe-secret' },
    });
    org = await t.createOrganisation('Sefton Council (test)');
    ownerA = await t.createUser(org, 'owner');
    partnerOwner = await t.createUser(org, 'owner', { partnerAgency: 'Merseyside Police' });
    digestOwner = await t.createUser(org, 'owner');
    goneOwner = await t.createUser(org, 'owner');
    removedOwner = await t.createUser(org, 'owner');
    board1 = await t.createUser(org, 'board', { jobTitle: 'Head of Quality Assurance' });
    board2 = await t.createUser(org, 'board');
    scrutiny = await t.createUser(org, 'scrutiny');
    started = await startOutboxSender(t);
    sender = started.sender;
  });

  afterAll(async () => {
    await started?.close();
    await t?.close();
    await catcher?.stop();
  });

  async function sentRows(): Promise<{ kind: string; recipient_user_id: string; subject: string; body_text: string; state: string; period: string }[]> {
    return t.dataSource.query(`SELECT kind, recipient_user_id, subject, body_text, state, period FROM outbox_message ORDER BY created_at, kind`);
  }

  function countBy<T>(rows: T[], key: (r: T) => string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of rows) counts[key(r)] = (counts[key(r)] ?? 0) + 1;
    return counts;
  }

  it('sends exactly the expected messages, once each, to the right people', async () => {
    const plan = await seedPlanBasics(t.dataSource, org.id);
    const planId = org.planId;
    // A (council owner): a milestone due 10 Dec (done on the 12th), the action due 20 Dec (complete on the 22nd), updated since the last board.
    const a1 = await seedAction(t.dataSource, org.id, plan, { ownerId: ownerA.id, reference: 'A1', title: 'Audit the front door', dueDate: '2026-12-20', milestones: [{ title: 'Audit fieldwork', dueDate: '2026-12-10' }, { title: 'Scope agreed', dueDate: '2026-11-20', completedOn: '2026-11-19' }] });
    // The partner-agency owner: a milestone due 4 Dec never done (overdue, weekly), the action due 31 Dec; no update.
    await seedAction(t.dataSource, org.id, plan, { ownerId: partnerOwner.id, reference: 'B1', title: 'Police referrals pathway', dueDate: '2026-12-31', milestones: [{ title: 'Triage protocol signed', dueDate: '2026-12-04' }] });
    // The weekly-digest owner: a milestone due 8 Dec never done.
    await seedAction(t.dataSource, org.id, plan, { ownerId: digestOwner.id, reference: 'C1', title: 'Carers assessments backlog', dueDate: '2027-01-29', milestones: [{ title: 'Backlog halved', dueDate: '2026-12-08' }] });
    // A deactivated owner: due within the month, receives nothing.
    await seedAction(t.dataSource, org.id, plan, { ownerId: goneOwner.id, reference: 'D1', title: 'Old action', dueDate: '2026-12-07' });
    await t.dataSource.query(`UPDATE "user" SET active = false WHERE id = $1`, [goneOwner.id]);
    // An owner taken out of the plan while owning an open action (as the plan allowed before it
    // refused that): active, but no longer sees the plan, so receives nothing about it.
    await seedAction(t.dataSource, org.id, plan, { ownerId: removedOwner.id, reference: 'D2', title: 'Action left behind', dueDate: '2026-12-07' });
    await t.dataSource.query(`DELETE FROM plan_membership WHERE user_id = $1`, [removedOwner.id]);

    await insertProgressUpdate(t.dataSource, { organisationId: org.id, actionId: a1.id, authorId: ownerA.id, updateDate: '2026-11-20' });
    // The board meets on 13 November and 18 December; papers 5 working days before the 18th: Friday 11 December.
    const [committee] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO committee (organisation_id, plan_id, name, audience, version) VALUES ($1, $2, 'Improvement Board', 'board', 1) RETURNING id`,
      [org.id, planId],
    );
    for (const meetsOn of ['2026-11-13', '2026-12-18']) {
      await t.dataSource.query(`INSERT INTO meeting (organisation_id, plan_id, committee_id, meets_on, papers_deadline, version) VALUES ($1, $2, $3, $4, $5, 1)`, [
        org.id,
        planId,
        committee.id,
        meetsOn,
        papersDeadline(meetsOn).dueOn,
      ]);
    }
    expect(papersDeadline('2026-12-18').dueOn).toBe('2026-12-11');
    // An override on A1 expiring 22 December: the board hears on the 15th.
    await t.dataSource.query(`INSERT INTO rag_override (organisation_id, action_id, colour, reason, expires_on, set_by_id) VALUES ($1, $2, 'amber', 'Recovery plan agreed', '2026-12-22', $3)`, [org.id, a1.id, board1.id]);

    const preferences = t.app.get(PreferencesService);
    await preferences.set(authUser(digestOwner), 'due_reminder', 'weekly_digest');
    await preferences.set(authUser(digestOwner), 'overdue', 'weekly_digest');

    const scans = t.app.get(NotificationScanService);
    let evidenceId = '';
    for (let i = 0; i < DAYS; i++) {
      const day = addDays(FIRST_DAY, i);
      t.clock.set(morning(day));
      // Two workers at once, then a re-run: the outbox key keeps one of each.
      await Promise.all([scans.scanDay(), scans.scanDay()]);
      await scans.scanDay();
      const run = await sender.deliverDue();
      expect(run.failed).toBe(0);

      // Events of the month, after the morning's scan.
      if (day === '2026-12-12') await t.dataSource.query(`UPDATE milestone SET completed_on = '2026-12-12' WHERE action_id = $1 AND completed_on IS NULL`, [a1.id]);
      if (day === '2026-12-22') await t.dataSource.query(`UPDATE action SET status = 'complete', completed_on = '2026-12-22' WHERE id = $1`, [a1.id]);
      if (day === '2026-12-13') {
        // The partner owner unsubscribes from overdue reminders with the link in the last one (one click: POST, no sign-in).
        const last = catcher.to(partnerOwner.email).filter((m) => /overdue/i.test(m.parsed?.subject ?? '')).at(-1);
        const link = /List-Unsubscribe: <([^>]+)>/.exec((last?.raw ?? Buffer.alloc(0)).toString().replace(/\r\n[ \t]+/g, ' '))?.[1];
        expect(link).toContain(`${BASE}/notifications/unsubscribe?token=`);
        const token = new URL(link!).searchParams.get('token')!;
        const res = await t.http().post('/api/v1/notifications/unsubscribe').query({ token }).type('form').send('List-Unsubscribe=One-Click');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ scope: 'overdue', switchedOff: ['overdue'] });
      }
      if (day === '2026-12-14') {
        t.clock.set(`${day}T06:00:00Z`);
        evidenceId = await insertEvidence(t.dataSource, { organisationId: org.id, actionId: a1.id, uploadedById: ownerA.id, uploadedAt: `${day}T06:00:00Z` });
        t.clock.set(morning(day));
        // Scanned again the same morning: the new evidence makes today's digest (once).
        await scans.scanDay();
        await sender.deliverDue();
      }
      if (day === '2026-12-16') {
        t.clock.set(`${day}T12:00:00Z`);
        const res = await t.http().post(`/api/v1/evidence/${evidenceId}/review`).set(bearer(board1)).send({ decision: 'rejected', comment: 'The audit covers Q2 only; please add the Q3 case files.' });
        expect(res.status).toBe(200);
        await sender.deliverDue();
      }
    }

    const rows = await sentRows();
    expect(rows.every((r) => r.state === 'sent')).toBe(true);
    const byKind = countBy(rows, (r) => r.kind);
    expect(byKind).toEqual({
      // The first scan (30 Nov) catches up what earlier days would have sent: A's 14-day reminder ("in 10 days"), B's 7-day one ("in 4 days").
      milestone_due_14d: 1, // A: 30 Nov
      milestone_due_7d: 2, // B: 30 Nov; A: 3 Dec
      milestone_due_1d: 2, // B: 3 Dec; A: 9 Dec
      action_due_14d: 2, // A: 6 Dec; B: 17 Dec
      action_due_7d: 2, // A: 13 Dec; B: 24 Dec
      action_due_1d: 1, // A: 19 Dec
      milestone_overdue: 3, // B: 5 and 12 Dec (then unsubscribed); A: 11 Dec (done the next day)
      action_overdue: 1, // A: 21 Dec (complete the next day)
      update_due: 2, // B and the digest owner, once in the window 4-11 Dec; A had updated
      owner_weekly_digest: 5, // the digest owner, every Monday
      evidence_review_digest: 6, // two board members, 14, 15, 16 Dec
      evidence_rejected: 1,
      override_expiring: 2, // two board members, 15 Dec
    });
    expect(catcher.accepted).toBe(rows.length);

    const perRecipient = countBy(rows, (r) => r.recipient_user_id);
    expect(perRecipient[goneOwner.id]).toBeUndefined();
    expect(catcher.to(goneOwner.email)).toHaveLength(0);
    expect(perRecipient[removedOwner.id]).toBeUndefined();
    expect(catcher.to(removedOwner.email)).toHaveLength(0);
    expect(catcher.to(ownerA.email)).toHaveLength(perRecipient[ownerA.id]);
    expect(catcher.to(partnerOwner.email)).toHaveLength(perRecipient[partnerOwner.id]);
    expect(catcher.to(digestOwner.email)).toHaveLength(6);
    expect(catcher.to(board1.email)).toHaveLength(4);
    expect(catcher.to(board2.email)).toHaveLength(4);
    expect(catcher.to(scrutiny.email)).toHaveLength(0);

    // The partner agency's owner reads only their own actions; nobody's e-mail carries a file.
    for (const m of catcher.to(partnerOwner.email)) {
      expect(m.parsed?.text).not.toMatch(/\bA1\b|\bC1\b|\bD1\b|Audit the front door/);
      expect(m.parsed?.attachments).toEqual([]);
    }
    // The digest owner got no single due or overdue reminder, and their digests list only their own action.
    expect(rows.filter((r) => r.recipient_user_id === digestOwner.id).map((r) => r.kind).sort()).toEqual([...Array(5).fill('owner_weekly_digest'), 'update_due']);
    const digest = catcher.to(digestOwner.email).find((m) => /week of 14 December 2026/.test(m.parsed?.subject ?? ''));
    expect(digest?.parsed?.text).toContain('C1');
    expect(digest?.parsed?.text).not.toMatch(/\bA1\b|\bB1\b/);
    expect(digest?.parsed?.text).toContain(`${BASE}/plans/${planId}/my-actions`);
    // The rejection names the reviewer's role and comment, never the reviewer.
    const rejected = catcher.to(ownerA.email).find((m) => /Evidence not accepted/.test(m.parsed?.subject ?? ''));
    expect(rejected?.parsed?.text).toContain('Head of Quality Assurance');
    expect(rejected?.parsed?.text).toContain('The audit covers Q2 only');
    expect(rejected?.parsed?.text).not.toContain(board1.email.slice(0, 12));
    // Links go to the pages: an action page, the review queue of the plan.
    const review = catcher.to(board2.email).find((m) => /waiting for review/.test(m.parsed?.subject ?? ''));
    expect(review?.parsed?.text).toContain(`${BASE}/plans/${planId}/evidence-review`);
    expect(review?.parsed?.text).not.toContain(board1.email);
  });

  it('a sender killed mid-send, then the scan re-run: no new row, and the message goes once after the lease', async () => {
    const plan = await seedPlanBasics(t.dataSource, org.id);
    t.clock.set(morning('2027-01-04'));
    await seedAction(t.dataSource, org.id, plan, { ownerId: ownerA.id, reference: 'K1', title: 'Killed mid-send', dueDate: '2027-01-11' });
    const scans = t.app.get(NotificationScanService);
    const first = await scans.scanDay();
    expect(first.byKind.action_due_7d).toEqual({ written: 1 });
    // A worker claims the row (the claim commits) and dies before sending: simulated by claiming and never finishing.
    const repo = t.app.get(OutboxRepository);
    const now = t.clock.now();
    const claimed = await repo.claimDue(now, 100, new Date(now.getTime() + LEASE_MS), randomUUID());
    expect(claimed.map((c) => c.kind)).toContain('action_due_7d');
    // The scan runs again (the scheduler, or a replica): nothing new.
    const again = await scans.scanDay();
    expect(again.written).toBe(0);
    catcher.clear();
    expect((await sender.deliverDue()).claimed).toBe(0);
    // After the lease, another sender takes it over and sends it once.
    t.clock.set(new Date(now.getTime() + LEASE_MS + 1000));
    await sender.deliverDue();
    await sender.deliverDue();
    expect(catcher.to(ownerA.email).filter((m) => /K1/.test(m.parsed?.subject ?? ''))).toHaveLength(1);
    expect(await t.dataSource.query(`SELECT state FROM outbox_message WHERE subject LIKE '%K1%'`)).toEqual([{ state: 'sent' }]);
  });

  it('pack ready goes to the board once; a scrutiny pack published goes to scrutiny members in the publish transaction', async () => {
    const events = t.app.get(NotificationEventsService);
    const [pack] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO pack (organisation_id, plan_id, audience, as_of, title, formats, state, requested_by_id, progress)
       VALUES ($1, $2, 'scrutiny', '2026-12-31', 'Adult social care: progress report', '["pdf","docx"]', 'ready', $3, 100) RETURNING id`,
      [org.id, org.planId, board1.id],
    );
    const first = await events.packReady(org.id, pack.id);
    const again = await events.packReady(org.id, pack.id);
    expect(first).toMatchObject({ written: 2 });
    expect(again).toMatchObject({ written: 0, duplicate: 2 });

    // A rolled-back publication leaves no message.
    await expect(
      t.dataSource.transaction(async (m) => {
        await events.scrutinyPackPublished(m, org.id, pack.id);
        throw new Error('publish failed');
      }),
    ).rejects.toThrow('publish failed');
    expect(await t.dataSource.query(`SELECT 1 FROM outbox_message WHERE kind = 'scrutiny_pack_published'`)).toHaveLength(0);
    const published = await t.dataSource.transaction((m) => events.scrutinyPackPublished(m, org.id, pack.id));
    expect(published).toMatchObject({ written: 1 });

    catcher.clear();
    await sender.deliverDue();
    expect(catcher.to(board1.email).map((m) => m.parsed?.subject)).toEqual(['Scrutiny pack for 31 December 2026 is ready']);
    expect(catcher.to(board2.email)).toHaveLength(1);
    const toScrutiny = catcher.to(scrutiny.email);
    expect(toScrutiny.map((m) => m.parsed?.subject)).toEqual(['Scrutiny pack published: Adult social care: progress report']);
    expect(toScrutiny[0].parsed?.text).toContain(`${BASE}/reports/${pack.id}`);
  });
});
