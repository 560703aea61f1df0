import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, type CalendarDate, londonToday } from '../src/common/dates/calendar-date';
import { RagComputeService } from '../src/rag/compute/rag-compute.service';
import { RagHistoryCheckService, type SnapshotDifference } from '../src/rag/history/rag-history-check.service';
import { BOARD_MEETING_DAYS, DEMO_PLANS } from '../scripts/demo/demo-data';
import { loadDemo, type LoadedPlan } from '../scripts/demo/load-demo';
import { TEST_PASSWORD, TestApp } from './support/test-app';

/**
 * The demo's history is made the way real history is made (issue 12): the loader
 * (scripts/demo/load-demo.ts) runs against an in-process API and worker whose fixed clock it
 * advances day by day, recording each fact on its own date and running the nightly RAG job at the
 * end of each day. Then the RAG history must agree with the facts' dates: no action is Blue before
 * its last milestone was completed, an override colours no date before the day it was set, no date
 * before a rejection says "latest evidence was rejected", and a recompute from scratch of past
 * dates gives the same snapshots. The plan is the demo's first one with an override and a rejected
 * piece of evidence; the nightly job's daily window is cut to 7 days to keep the test short.
 */
const TODAY: CalendarDate = '2026-11-23';
const plan = DEMO_PLANS.find((p) => p.actions.some((a) => a.override) && p.actions.some((a) => a.evidence.some((e) => e.review?.decision === 'rejected')))!;
const day = (offset: number) => addDays(TODAY, offset);

interface Snapshot {
  actionId: string;
  asOf: string;
  colour: string;
  overridden: boolean;
  reasons: { code: string }[];
  computedReasons: { code: string }[] | null;
}

describe('the demo loader makes its history day by day', () => {
  let t: TestApp;
  let loaded: LoadedPlan;
  let snapshots: Snapshot[];
  const of = (reference: string) => snapshots.filter((s) => s.actionId === loaded.actionIds.get(reference));

  beforeAll(async () => {
    t = await TestApp.start({ worker: true, now: `${TODAY}T10:00:00Z` });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    [loaded] = await loadDemo([plan], {
      api: `http://127.0.0.1:${port}`,
      outDir: mkdtempSync(join(tmpdir(), 'demo-history-')),
      today: TODAY,
      setClock: (instant) => t.clock.set(instant),
      createOrganisation: async (p) => {
        const org = await t.createOrganisation(p.organisation);
        return { adminEmail: org.admin.email, adminPassword: TEST_PASSWORD };
      },
      historyDays: 7,
      packs: false,
      meetingPacks: true,
    });
    snapshots = await t.dataSource.query(
      `SELECT action_id AS "actionId", as_of::text AS "asOf", colour, overridden, reasons, computed_reasons AS "computedReasons"
         FROM rag_snapshot ORDER BY as_of, action_id`,
    );
  }, 240_000);

  afterAll(() => t?.close());

  it('ran the nightly job on many past days, never after the demo’s day', () => {
    const dates = [...new Set(snapshots.map((s) => s.asOf))];
    expect(dates.length).toBeGreaterThanOrEqual(10);
    expect(dates.every((d) => d <= TODAY)).toBe(true);
    expect(dates).toContain(TODAY);
  });

  it('no action is Blue before its last milestone was completed', () => {
    let checked = 0;
    for (const a of plan.actions) {
      const done = a.milestones.map((m) => m.completed);
      const blue = of(a.reference).filter((s) => s.colour === 'blue' || (s.overridden === false && s.reasons.some((r) => r.code === 'complete_blue')));
      if (done.some((d) => d === undefined)) {
        expect(blue).toEqual([]);
        continue;
      }
      const last = day(Math.max(...(done as number[])));
      expect(blue.filter((s) => s.asOf < last)).toEqual([]);
      checked += blue.length;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('an override colours no date before the day it was set, and colours that day', () => {
    for (const a of plan.actions.filter((x) => x.override)) {
      const setOn = day(a.override!.set ?? -7);
      const rows = of(a.reference);
      expect(rows.filter((s) => s.overridden && s.asOf < setOn)).toEqual([]);
      expect(rows.find((s) => s.asOf === setOn)).toMatchObject({ overridden: true, colour: a.override!.colour });
    }
  });

  it('"latest evidence was rejected" shows on no date before the rejection', async () => {
    const rejections: { actionId: string; reviewedAt: Date }[] = await t.dataSource.query(
      `SELECT action_id AS "actionId", reviewed_at AS "reviewedAt" FROM evidence WHERE review_state = 'rejected'`,
    );
    expect(rejections.length).toBeGreaterThan(0);
    let shown = 0;
    for (const r of rejections) {
      const on = londonToday(new Date(r.reviewedAt));
      const rows = snapshots.filter((s) => s.actionId === r.actionId);
      const says = (s: Snapshot) => [...s.reasons, ...(s.computedReasons ?? [])].some((x) => x.code === 'evidence_rejected');
      expect(rows.filter((s) => s.asOf < on && says(s))).toEqual([]);
      // Shown from then on unless newer evidence or completion took over (evaluate-rag.ts).
      shown += rows.filter((s) => s.asOf >= on && says(s)).length;
      expect(on < TODAY).toBe(true);
    }
    expect(shown).toBeGreaterThan(0);
  });

  it("ran the 06:00 reminder scan on each day of its window: a plausible set of e-mails, each owner's naming only their own actions", async () => {
    const rows: { kind: string; recipientId: string; bodyText: string; period: string }[] = await t.dataSource.query(
      `SELECT kind, recipient_user_id AS "recipientId", body_text AS "bodyText", period FROM outbox_message ORDER BY created_at`,
    );
    const byKind: Record<string, number> = {};
    for (const r of rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    // This plan's week: its two overdue milestones, on the first scan and a week later, and the board's
    // daily list of evidence waiting (two board members, eight mornings). Nothing of it falls due within 14 days.
    // (And, at once when they happened, its two rejections of evidence to the owners who uploaded it.)
    // The board's next meeting (14 days on) has its papers deadline within 5 working days of the
    // demo's day: the update-due window is open, so the two owners with no update since the board's
    // last meeting are asked for one, once.
    // The board's packs for its two past meetings: "pack ready" to its two members, each time.
    expect(byKind).toEqual({ milestone_overdue: 4, evidence_review_digest: 16, evidence_rejected: 2, update_due: 2, pack_ready: 4 });
    const meetings: { meetsOn: string }[] = await t.dataSource.query(`SELECT meets_on::text AS "meetsOn" FROM meeting ORDER BY meets_on`);
    expect(meetings.map((m) => m.meetsOn)).toEqual(BOARD_MEETING_DAYS.map(day));
    expect(loaded.meetings.map((m) => m.meetsOn)).toEqual(BOARD_MEETING_DAYS.map(day));
    // A week of one plan: tens of messages, not hundreds.
    expect(rows.length).toBeLessThan(100);
    // Owners' reminders name only their own actions.
    const references = plan.actions.map((a) => a.reference);
    const ownerOf = new Map(plan.actions.map((a) => [a.reference, loaded.sessions.get(a.owner)!.id]));
    const ownerRows = rows.filter((r) => /_due_|_overdue$|^evidence_rejected$/.test(r.kind));
    expect(ownerRows.length).toBeGreaterThan(0);
    for (const r of ownerRows) {
      const named = references.filter((ref) => new RegExp(`\\b${ref.replace('.', '\\.')}\\b`).test(r.bodyText));
      expect(named.length).toBeGreaterThan(0);
      for (const ref of named) expect([r.kind, ref, ownerOf.get(ref)]).toEqual([r.kind, ref, r.recipientId]);
    }
  });

  it("made the board's pack on each past meeting's reporting date, so the next pack's previous report is the last meeting's", async () => {
    const past = loaded.meetings.filter((m) => m.papersDeadline <= TODAY);
    expect(past.map((m) => m.meetsOn)).toEqual([day(-70), day(-28)]);
    const packs: { asOf: string; audience: string; meetingId: string; state: string }[] = await t.dataSource.query(
      `SELECT as_of::text AS "asOf", audience, meeting_id AS "meetingId", state FROM pack ORDER BY as_of`,
    );
    expect(packs).toEqual(past.map((m) => ({ asOf: m.papersDeadline, audience: 'board', meetingId: m.id, state: 'ready' })));

    // The board's pack for its next meeting compares with the last meeting's, not with yesterday.
    const next = loaded.meetings.find((m) => m.papersDeadline > TODAY)!;
    const board = [...loaded.sessions.values()].find((x) => x.role === 'board')!;
    const created = await t.http().post(`/api/v1${loaded.base}/packs`).set('Authorization', `Bearer ${board.token}`).send({ meetingId: next.id, asOf: TODAY, formats: ['json'] }).expect(202);
    let state = '';
    for (let i = 0; i < 300 && state !== 'ready'; i++) {
      state = (await t.http().get(`/api/v1/packs/${created.body.id}`).set('Authorization', `Bearer ${board.token}`).expect(200)).body.state;
      if (state === 'failed') throw new Error('the pack failed');
      if (state !== 'ready') await new Promise((r) => setTimeout(r, 100));
    }
    const json = await t.http().get(`/api/v1/packs/${created.body.id}/files/json`).set('Authorization', `Bearer ${board.token}`).buffer(true).parse((res, cb) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => cb(null, Buffer.concat(parts)));
    });
    expect(json.status).toBe(200);
    const model = JSON.parse((json.body as Buffer).toString('utf8'));
    expect(model.meta.previousAsOf).toBe(past[past.length - 1].papersDeadline);
  });

  it("every day's snapshots are what an evaluation of that day from scratch gives (nothing kept from a settled action leaks into another's)", async () => {
    // The history check compares colour, override, reasons, the rules' colour and reasons beneath, and the policy version.
    const differing: { asOf: string; differing: SnapshotDifference[] }[] = [];
    let compared = 0;
    for await (const c of t.app.get(RagHistoryCheckService).check()) {
      if (c.differing.length > 0) differing.push({ asOf: c.asOf, differing: c.differing });
      compared += c.snapshots;
    }
    expect(differing).toEqual([]);
    expect(compared).toBe(snapshots.length);
    expect(compared).toBeGreaterThan(100);
  });

  it('a recompute from scratch of past dates, with every later fact in the database, gives the same snapshots', async () => {
    const dates = [...new Set(snapshots.map((s) => s.asOf))].filter((d) => d < TODAY);
    const sample = [dates[0], dates[Math.floor(dates.length / 2)], dates[dates.length - 1]];
    const [{ organisation_id: organisationId, plan_id: planId }] = await t.dataSource.query(`SELECT organisation_id, plan_id FROM action WHERE id = $1`, [
      loaded.actionIds.values().next().value,
    ]);
    t.clock.set(`${TODAY}T12:00:00Z`);
    const compute = t.app.get(RagComputeService);
    for (const asOf of sample) {
      const before = snapshots.filter((s) => s.asOf === asOf);
      await t.dataSource.query(`DELETE FROM rag_snapshot WHERE as_of = $1`, [asOf]);
      await compute.recomputePlan(organisationId, planId, asOf);
      const after: Snapshot[] = await t.dataSource.query(
        `SELECT action_id AS "actionId", as_of::text AS "asOf", colour, overridden, reasons, computed_reasons AS "computedReasons"
           FROM rag_snapshot WHERE as_of = $1 ORDER BY action_id`,
        [asOf],
      );
      expect(after).toEqual(before);
    }
  });
});
