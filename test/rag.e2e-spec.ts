import { randomUUID } from 'node:crypto';
import { DependencyUnavailableError } from '../src/common/errors/dependency-unavailable.error';
import { QUEUES, RAG_JOBS } from '../src/queue/queues';
import { RagProcessor } from '../src/rag/jobs/rag.processor';
import { RagTriggerService } from '../src/rag/rag-trigger.service';
import { actionFactsSql, milestoneFactsSql } from '../src/rag/compute/rag-facts.repository';
import { RagComputeService } from '../src/rag/compute/rag-compute.service';
import { seedAction, seedPlanBasics, type ActionFixtureInput, type PlanFixture } from './support/plan-fixtures';
import { insertEvidence, insertProgressUpdate, RagQueueDriver, snapshots, storedRag, waitFor, waitForRag } from './support/rag-fixtures';
import { bearer, TestApp, type TestOrganisation, type TestUser, inPlan } from './support/test-app';

/**
 * The RAG end to end: the real API, the real worker (in this process) consuming the real RAG
 * queue on Redis, a real PostgreSQL. Clock fixed at 2026-11-23 (London) unless a test moves it.
 */
const DEFAULT_NOW = '2026-11-23T10:00:00Z';

describe('RAG: recompute through the queue, nightly, snapshots, overrides, settings, jobs, history', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let other: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let otherOwner: TestUser;
  let scrutiny: TestUser;
  let plan: PlanFixture;
  let trigger: RagTriggerService;
  let queue: RagQueueDriver;

  beforeAll(async () => {
    t = await TestApp.start({ worker: true, now: DEFAULT_NOW });
    org = await t.createOrganisation('Knowsley Council');
    other = await t.createOrganisation('Sefton Council');
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner', { jobTitle: 'Head of Safeguarding' });
    otherOwner = await t.createUser(org, 'owner');
    scrutiny = await t.createUser(org, 'scrutiny');
    plan = await seedPlanBasics(t.dataSource, org.id);
    trigger = t.app.get(RagTriggerService);
    queue = await RagQueueDriver.open(t);
  });

  afterAll(async () => {
    await queue?.close();
    await t?.close();
  });

  afterEach(() => t.clock.set(DEFAULT_NOW));

  /** An in-progress action with a recent update, so only the rule under test fires. */
  async function action(input: Omit<ActionFixtureInput, 'ownerId'>) {
    const a = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id, ...input });
    await insertProgressUpdate(t.dataSource, { organisationId: org.id, actionId: a.id, authorId: owner.id, updateDate: '2026-11-20' });
    return a;
  }

  describe('recompute-action job (after a change)', () => {
    it('colours the action after a change, and again after the next one, without touching its version', async () => {
      const a = await action({ milestones: [{ title: 'Audit complete', dueDate: '2026-11-13' }] });
      const before = await storedRag(t.dataSource, a.id);
      expect(before.colour).toBeNull();

      await trigger.actionChanged(org.id, a.id);
      const amber = await waitForRag(t.dataSource, a.id, (r) => r.colour !== null, 'first colour');
      expect(amber).toMatchObject({
        colour: 'amber',
        reasons: [{ code: 'milestone_overdue_amber', colour: 'amber', text: "milestone 'Audit complete' overdue by 10 days" }],
        overridden: false,
        policyVersion: 1,
        asOf: '2026-11-23',
      });
      expect(amber.computedAt).toBeInstanceOf(Date);
      // Derived state: the user's optimistic-locking version and updated_at are untouched.
      expect(amber.version).toBe(before.version);
      expect(amber.updatedAt.toISOString()).toBe(before.updatedAt.toISOString());

      // The milestone is completed (as the milestones API would write it), then the trigger.
      await t.dataSource.query(`UPDATE milestone SET completed_on = '2026-11-22' WHERE action_id = $1`, [a.id]);
      await trigger.actionChanged(org.id, a.id);
      const green = await waitForRag(t.dataSource, a.id, (r) => r.colour === 'green', 'green after the milestone completed');
      expect(green.reasons).toEqual([{ code: 'on_track', colour: 'green', text: 'on track' }]);
      expect(green.version).toBe(before.version);

      // Today's snapshot follows the current colour (one per action per day, upserted).
      const snaps = (await snapshots(t.dataSource, org.id)).filter((s) => s.actionId === a.id);
      expect(snaps.map((s) => [s.asOf, s.colour, s.policyVersion])).toEqual([['2026-11-23', 'green', 1]]);
    });

    it('reads every kind of fact: blocked, rejected evidence, withdrawn evidence, completion with accepted evidence', async () => {
      const blocked = await action({ status: 'blocked' });
      const rejected = await action({});
      await insertEvidence(t.dataSource, { organisationId: org.id, actionId: rejected.id, uploadedById: owner.id, uploadedAt: '2026-11-01T10:00:00Z', state: 'accepted' });
      await insertEvidence(t.dataSource, { organisationId: org.id, actionId: rejected.id, uploadedById: owner.id, uploadedAt: '2026-11-10T10:00:00Z', state: 'rejected' });
      // A newer submission that was withdrawn does not count: the newest that counts is the rejection.
      await insertEvidence(t.dataSource, { organisationId: org.id, actionId: rejected.id, uploadedById: owner.id, uploadedAt: '2026-11-12T10:00:00Z', withdrawn: true });
      const done = await action({ status: 'complete', milestones: [{ title: 'Training delivered', dueDate: '2026-10-01', completedOn: '2026-09-30' }] });
      await insertEvidence(t.dataSource, { organisationId: org.id, actionId: done.id, uploadedById: owner.id, uploadedAt: '2026-10-02T09:00:00Z', state: 'accepted' });
      const awaiting = await action({ status: 'complete' });

      for (const a of [blocked, rejected, done, awaiting]) await trigger.actionChanged(org.id, a.id);
      const colourOf = async (id: string) => (await waitForRag(t.dataSource, id, (r) => r.colour !== null, 'colour')).reasons;
      expect(await colourOf(blocked.id)).toEqual([{ code: 'blocked', colour: 'red', text: 'blocked' }]);
      expect(await colourOf(rejected.id)).toEqual([{ code: 'evidence_rejected', colour: 'amber', text: 'latest evidence was rejected' }]);
      expect(await colourOf(done.id)).toEqual([{ code: 'complete_blue', colour: 'blue', text: 'complete and evidenced' }]);
      expect(await colourOf(awaiting.id)).toEqual([{ code: 'complete_awaiting_evidence', colour: 'amber', text: 'complete, awaiting evidence' }]);
    });

    it('a burst of changes to one action is deduplicated (at most one job waiting, one running), and the last change is seen', async () => {
      const a = await action({ milestones: [{ title: 'Audit complete', dueDate: '2026-11-13' }] });
      const worker = t.worker?.get(RagProcessor).worker;
      if (!worker) throw new Error('the test worker is not running');
      // Paused, so the burst cannot be worked off one edit at a time while it arrives.
      await worker.pause(true);
      try {
        for (let i = 0; i < 5; i++) await trigger.actionChanged(org.id, a.id);
        // The last edit of the burst: the milestone is done.
        await t.dataSource.query(`UPDATE milestone SET completed_on = '2026-11-23' WHERE action_id = $1`, [a.id]);
        await trigger.actionChanged(org.id, a.id);
      } finally {
        await worker.resume();
      }
      const rag = await waitForRag(t.dataSource, a.id, (r) => r.colour === 'green', 'green after the burst');
      expect(rag.reasons).toEqual([{ code: 'on_track', colour: 'green', text: 'on track' }]);
      const states = ['waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'] as const;
      const jobs = (await queue.queue.getJobs([...states])).filter((j) => (j.data as { actionId?: string }).actionId === a.id);
      expect(jobs.length).toBeGreaterThanOrEqual(1);
      expect(jobs.length).toBeLessThanOrEqual(2);
    });

    it('an action that no longer exists completes the job quietly (nothing to retry)', async () => {
      const result = await queue.run<{ found: boolean }>(RAG_JOBS.recomputeAction, { organisationId: org.id, actionId: '00000000-0000-4000-8000-000000000000' });
      expect(result).toEqual({ actionId: '00000000-0000-4000-8000-000000000000', found: false });
    });
  });

  describe('nightly job', () => {
    it('turns an action red the day after its due date (fixed clock), for the new London day', async () => {
      const a = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id, dueDate: '2026-12-31', startDate: '2026-06-01' });
      await insertProgressUpdate(t.dataSource, { organisationId: org.id, actionId: a.id, authorId: owner.id, updateDate: '2026-12-20' });

      t.clock.set('2026-12-31T10:00:00Z');
      await queue.runNightly();
      // Due today is not overdue.
      expect(await storedRag(t.dataSource, a.id)).toMatchObject({ colour: 'green', asOf: '2026-12-31' });

      t.clock.set('2027-01-01T02:00:00Z');
      const nightly = await queue.runNightly();
      expect(nightly.asOf).toBe('2027-01-01');
      expect(nightly.organisations).toBeGreaterThanOrEqual(2);
      expect(nightly.jobIds).toContain(`rag-nightly-2027-01-01-${org.planId}`);
      const red = await storedRag(t.dataSource, a.id);
      expect(red).toMatchObject({ colour: 'red', asOf: '2027-01-01', reasons: [{ code: 'overdue', colour: 'red', text: 'overdue by 1 day' }] });
      const snaps = (await snapshots(t.dataSource, org.id)).filter((s) => s.actionId === a.id);
      expect(snaps.map((s) => [s.asOf, s.colour])).toEqual([
        ['2026-12-31', 'green'],
        ['2027-01-01', 'red'],
      ]);

      // Running the nightly again for the same day queues nothing new (the job ids name the day).
      const again = await queue.run<{ jobIds: string[] }>(RAG_JOBS.nightly, {});
      const pending = await queue.queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
      expect(again.jobIds).toEqual(nightly.jobIds);
      expect(pending.filter((j) => j.name === RAG_JOBS.recomputeOrganisation)).toEqual([]);
    });

    it('is registered as a job scheduler at 02:00 Europe/London when the worker starts', async () => {
      const scheduler = await queue.queue.getJobScheduler('rag-nightly');
      expect(scheduler).toMatchObject({ name: RAG_JOBS.nightly, pattern: '0 2 * * *', tz: 'Europe/London' });
    });
  });

  describe('snapshots', () => {
    it('re-running a day changes no snapshot and rewrites no stored colour (not even computedAt); a change rewrites only its own', async () => {
      const org2 = await t.createOrganisation();
      const plan2 = await seedPlanBasics(t.dataSource, org2.id);
      const a1 = await seedAction(t.dataSource, org2.id, plan2, { ownerId: org2.admin.id, status: 'blocked' });
      const a2 = await seedAction(t.dataSource, org2.id, plan2, { ownerId: org2.admin.id, startDate: '2027-02-01', status: 'not_started' });

      const first = await queue.run<{ actions: number; counts: Record<string, number>; snapshotsWritten: number }>(RAG_JOBS.recomputeOrganisation, { organisationId: org2.id });
      expect(first).toMatchObject({ actions: 2, counts: { red: 1, grey: 1, amber: 0, green: 0, blue: 0 }, snapshotsWritten: 2, currentColoursUpdated: true });
      const before = await snapshots(t.dataSource, org2.id);
      expect(before).toHaveLength(2);

      // The stored colours too: an action whose colour is already this computation's is not rewritten
      // (same row version, computedAt included).
      const rowVersions = async () =>
        new Map(
          (await t.dataSource.query<{ id: string; xmin: string; computedAt: Date }[]>(`SELECT id, xmin::text, rag_computed_at AS "computedAt" FROM action WHERE organisation_id = $1`, [org2.id])).map(
            (r) => [r.id, r],
          ),
        );
      const storedBefore = await rowVersions();

      const second = await queue.run<{ snapshotsWritten: number; coloursWritten: number; coloursUnchanged: number }>(RAG_JOBS.recomputeOrganisation, { organisationId: org2.id, asOf: '2026-11-23' });
      expect(second).toMatchObject({ snapshotsWritten: 0, coloursWritten: 0, coloursUnchanged: 2 });
      expect(await snapshots(t.dataSource, org2.id)).toEqual(before);
      expect(await rowVersions()).toEqual(storedBefore);

      await t.dataSource.query(`UPDATE action SET status = 'in_progress' WHERE id = $1`, [a1.id]);
      const third = await queue.run<{ snapshotsWritten: number; coloursWritten: number; coloursUnchanged: number }>(RAG_JOBS.recomputeOrganisation, { organisationId: org2.id });
      expect(third).toMatchObject({ snapshotsWritten: 1, coloursWritten: 1, coloursUnchanged: 1 });
      const storedAfter = await rowVersions();
      expect(storedAfter.get(a2.id)).toEqual(storedBefore.get(a2.id));
      expect(storedAfter.get(a1.id)!.computedAt.getTime()).toBeGreaterThan(storedBefore.get(a1.id)!.computedAt.getTime());
      expect((await storedRag(t.dataSource, a1.id)).colour).toBe('amber');
      const after = await snapshots(t.dataSource, org2.id);
      expect(after.find((s) => s.actionId === a2.id)).toEqual(before.find((s) => s.actionId === a2.id));
      const changed = after.find((s) => s.actionId === a1.id);
      expect(changed).toMatchObject({ asOf: '2026-11-23', colour: 'amber' });
      expect(after).toHaveLength(2);
    });

    it("a re-run of the day writes again what it cannot vouch for: a day's snapshot missing or changed, a stored result changed", async () => {
      const org4 = await t.createOrganisation();
      const plan4 = await seedPlanBasics(t.dataSource, org4.id);
      const blocked = await seedAction(t.dataSource, org4.id, plan4, { ownerId: org4.admin.id, status: 'blocked' });
      const waiting = await seedAction(t.dataSource, org4.id, plan4, { ownerId: org4.admin.id, startDate: '2027-02-01', status: 'not_started' });
      const third = await seedAction(t.dataSource, org4.id, plan4, { ownerId: org4.admin.id, status: 'blocked' });
      type Run = { snapshotsWritten: number; coloursWritten: number; coloursUnchanged: number };
      const run = () => queue.run<Run>(RAG_JOBS.recomputeOrganisation, { organisationId: org4.id });
      expect(await run()).toMatchObject({ snapshotsWritten: 3, coloursWritten: 3 });
      const before = await snapshots(t.dataSource, org4.id);
      // Settled in the database: the re-run writes nothing, so no action row is even locked (xmax unchanged).
      const xmax = () => t.dataSource.query<{ id: string; xmax: string }[]>(`SELECT id, xmax::text FROM action WHERE organisation_id = $1 ORDER BY id`, [org4.id]);
      const locksBefore = await xmax();
      expect(await run()).toMatchObject({ snapshotsWritten: 0, coloursWritten: 0, coloursUnchanged: 3 });
      expect(await xmax()).toEqual(locksBefore);
      // A result computed before this process first computed one (another version of the code) is
      // not taken as settled: it is evaluated again, found the same and left as it was (its row
      // locked by the write's check, so xmax moves).
      await t.dataSource.query(`UPDATE action SET rag_computed_at = rag_computed_at - interval '1 day' WHERE id = $1`, [waiting.id]);
      await t.dataSource.query(`UPDATE rag_snapshot SET computed_at = computed_at - interval '1 day' WHERE action_id = $1`, [waiting.id]);
      const oldLocks = await xmax();
      expect(await run()).toMatchObject({ snapshotsWritten: 0, coloursWritten: 0, coloursUnchanged: 3 });
      const newLocks = await xmax();
      expect(newLocks.filter((r) => r.id !== waiting.id)).toEqual(oldLocks.filter((r) => r.id !== waiting.id));
      expect(newLocks.find((r) => r.id === waiting.id)).not.toEqual(oldLocks.find((r) => r.id === waiting.id));

      // The day's snapshot gone (one action) or changed behind the recompute's back (another), and
      // one stored result's reasons changed: each is written again, and only those.
      await t.dataSource.query(`DELETE FROM rag_snapshot WHERE action_id = $1`, [waiting.id]);
      await t.dataSource.query(`UPDATE rag_snapshot SET reasons = '[]' WHERE action_id = $1`, [third.id]);
      await t.dataSource.query(`UPDATE action SET rag_reasons = '[{"code": "status_blocked", "colour": "red", "text": "an older wording"}]' WHERE id = $1`, [blocked.id]);
      expect(await run()).toMatchObject({ snapshotsWritten: 2, coloursWritten: 1, coloursUnchanged: 2 });
      const content = (rows: Awaited<ReturnType<typeof snapshots>>) => rows.map(({ computedAt: _at, ...rest }) => rest);
      expect(content(await snapshots(t.dataSource, org4.id))).toEqual(content(before));
      expect((await storedRag(t.dataSource, blocked.id)).reasons).toEqual(before.find((s) => s.actionId === blocked.id)!.reasons);
      expect(await run()).toMatchObject({ snapshotsWritten: 0, coloursWritten: 0, coloursUnchanged: 3 });
    });

    it("a re-run whose chunk ends on a settled action still gives the others their milestones: the stored results equal an evaluation from scratch", async () => {
      // The facts stream hands each chunk of actions the milestones up to the chunk's last action
      // id. A settled row (its stored result already this run's) must still carry its id: when it
      // was sent as NULL and ended the chunk, every milestone of the chunk was dropped, and the
      // actions evaluated in it lost their overdue milestones (found by the demo's history).
      const org6 = await t.createOrganisation();
      const plan6 = await seedPlanBasics(t.dataSource, org6.id);
      const seeded = [];
      for (let i = 0; i < 5; i++) {
        const a = await seedAction(t.dataSource, org6.id, plan6, { ownerId: org6.admin.id, milestones: [{ title: `Audit ${i}`, dueDate: '2026-11-01' }] });
        await insertProgressUpdate(t.dataSource, { organisationId: org6.id, actionId: a.id, authorId: org6.admin.id, updateDate: '2026-11-16' });
        seeded.push(a.id);
      }
      // Ids in the order the stream reads them; the last is the one left settled.
      const ids = [...seeded].sort();
      type Run = { actions: number; coloursWritten: number; coloursUnchanged: number; snapshotsWritten: number };
      const run = () => queue.run<Run>(RAG_JOBS.recomputeOrganisation, { organisationId: org6.id });
      const fromScratch = async () => {
        const evaluated = await t.app.get(RagComputeService).evaluatePlan(org6.id, plan6.planId!, '2026-11-23');
        return evaluated.results.map((r) => ({ actionId: r.actionId, colour: r.colour, reasons: r.reasons })).sort((x, y) => (x.actionId < y.actionId ? -1 : 1));
      };
      const stored = async () =>
        (await snapshots(t.dataSource, org6.id)).map((s) => ({ actionId: s.actionId, colour: s.colour, reasons: s.reasons.map(({ code, colour, text }) => ({ code, colour, text })) }));
      expect(await run()).toMatchObject({ actions: 5, coloursWritten: 5 });
      const first = await stored();
      expect(first.every((s) => s.reasons.some((r) => r.code.startsWith('milestone_overdue')))).toBe(true);

      // One changed (mostly settled: the other facts are read for it only), then three (most not).
      for (const changed of [ids.slice(0, 1), ids.slice(0, 3)]) {
        for (const id of changed) await insertProgressUpdate(t.dataSource, { organisationId: org6.id, actionId: id, authorId: org6.admin.id, updateDate: '2026-11-20' });
        // The changed ones are evaluated again and found the same (a newer update changes no rule
        // here): their stored colours are written again only for the new facts version.
        expect(await run()).toMatchObject({ actions: 5, coloursWritten: changed.length, coloursUnchanged: 5 - changed.length, snapshotsWritten: 0 });
        expect(await stored()).toEqual(first);
        expect(await stored()).toEqual(await fromScratch());
      }
    });

    it('every table the facts statements read is watched by a facts-version trigger (a new source of facts needs one)', async () => {
      const sql = actionFactsSql('', '', '', '', '', { policyVersion: '$5', computedSince: '$6', mostly: true }) + actionFactsSql('', '', '', '', '', { policyVersion: '$5', computedSince: '$6', mostly: false }) + milestoneFactsSql('', '');
      const read = new Set([...sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)\b/gi)].map((m) => m[1]));
      // The action itself is watched by its own row trigger; the snapshots are the stored result, not facts.
      read.delete('action');
      read.delete('rag_snapshot');
      // The statements' own names (CTEs) are not tables.
      const tables = await t.dataSource.query<{ name: string }[]>(`SELECT relname AS name FROM pg_class WHERE relkind = 'r' AND relname = ANY($1)`, [[...read]]);
      for (const name of [...read]) if (!tables.some((table) => table.name === name)) read.delete(name);
      expect(read.size).toBeGreaterThan(0);
      const watched = await t.dataSource.query<{ table: string }[]>(`SELECT DISTINCT tgrelid::regclass::text AS table FROM pg_trigger WHERE tgname LIKE 'rag\\_facts\\_%' AND NOT tgisinternal`);
      expect([...read].sort()).toEqual(expect.arrayContaining(['evidence', 'evidence_review', 'milestone', 'progress_update', 'rag_override', 'regulator_deadline']));
      expect([...read].filter((table) => !watched.some((w) => w.table === table))).toEqual([]);
      expect(watched.map((w) => w.table)).toContain('action');
    });

    it("every change to what the policy reads raises the action's facts version, so a re-run of the day evaluates it again; the RAG's own writes do not", async () => {
      const org5 = await t.createOrganisation();
      const plan5 = await seedPlanBasics(t.dataSource, org5.id);
      const a = await seedAction(t.dataSource, org5.id, plan5, {
        ownerId: org5.admin.id,
        status: 'in_progress',
        milestones: [
          { title: 'Audit', dueDate: '2026-11-01' },
          { title: 'Training', dueDate: '2026-12-20' },
        ],
      });
      const [m1, m2] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM milestone WHERE action_id = $1 ORDER BY due_date`, [a.id]);
      const evidenceId = await insertEvidence(t.dataSource, { organisationId: org5.id, actionId: a.id, uploadedById: org5.admin.id, uploadedAt: '2026-11-10T10:00:00Z' });
      await t.dataSource.query(`INSERT INTO evidence_review (organisation_id, evidence_id, reviewer_id, decision, reviewed_at) VALUES ($1, $2, $3, 'rejected', '2026-11-11T10:00:00Z')`, [
        org5.id,
        evidenceId,
        org5.admin.id,
      ]);
      await insertProgressUpdate(t.dataSource, { organisationId: org5.id, actionId: a.id, authorId: org5.admin.id, updateDate: '2026-11-15' });
      await t.dataSource.query(
        `INSERT INTO rag_override (organisation_id, action_id, colour, reason, expires_on, set_by_id, set_at) VALUES ($1, $2, 'green', 'Agreed at the board', '2026-12-31', $3, '2026-11-12T10:00:00Z')`,
        [org5.id, a.id, org5.admin.id],
      );
      await t.dataSource.query(
        `INSERT INTO regulator_deadline (organisation_id, plan_id, key, action_id, milestone_id, basis, rule, sources) VALUES ($1, $2, 'test-deadline', $3, $4, 'basis', 'rule', '[]')`,
        [org5.id, plan5.planId, a.id, m1.id],
      );

      const factsVersion = async () => (await t.dataSource.query<{ v: number }[]>(`SELECT facts_version AS v FROM action WHERE id = $1`, [a.id]))[0].v;
      const raised = async (what: string, sql: string, params: unknown[]) => {
        const before = await factsVersion();
        await t.dataSource.query(sql, params);
        return { what, raised: (await factsVersion()) > before };
      };
      const checks: { what: string; raised: boolean }[] = [];
      // Each table the facts come from: a copy of the action's row inserted, a row updated (even to
      // the same values), the copy deleted.
      const sources: { table: string; link: string; copy?: Record<string, unknown> }[] = [
        { table: 'milestone', link: 'action_id = $1' },
        { table: 'evidence', link: 'action_id = $1' },
        { table: 'evidence_review', link: 'evidence_id IN (SELECT id FROM evidence WHERE action_id = $1)' },
        { table: 'progress_update', link: 'action_id = $1' },
        { table: 'rag_override', link: 'action_id = $1' },
        { table: 'regulator_deadline', link: 'action_id = $1', copy: { milestone_id: m2.id, key: 'test-deadline-copy' } },
      ];
      for (const { table, link, copy } of sources) {
        const [{ id }] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM ${table} WHERE ${link} ORDER BY id LIMIT 1`, [a.id]);
        const newId = randomUUID();
        checks.push(
          await raised(
            `${table} insert`,
            `INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(x) || $2::jsonb)).* FROM ${table} x WHERE x.id = $1`,
            [id, JSON.stringify({ id: newId, ...copy })],
          ),
        );
        checks.push(await raised(`${table} update`, `UPDATE ${table} SET id = id WHERE id = $1`, [id]));
        checks.push(await raised(`${table} delete`, `DELETE FROM ${table} WHERE id = $1`, [newId]));
      }
      checks.push(await raised('action_status_history update', `UPDATE action_status_history SET recorded_at = recorded_at WHERE action_id = $1`, [a.id]));
      checks.push(await raised('action title', `UPDATE action SET title = title || '.' WHERE id = $1`, [a.id]));
      checks.push(await raised('action due date', `UPDATE action SET due_date = due_date + 1 WHERE id = $1`, [a.id]));
      checks.push(await raised('action status', `UPDATE action SET status = 'blocked' WHERE id = $1`, [a.id]));
      checks.push(await raised('action_status_history delete', `DELETE FROM action_status_history WHERE id = (SELECT min(id) FROM action_status_history WHERE action_id = $1)`, [a.id]));
      expect(checks.filter((c) => !c.raised)).toEqual([]);
      expect(checks.length).toBe(sources.length * 3 + 5);

      // What the policy does not read leaves it alone: the stored result, the action's own bookkeeping.
      type Run = { snapshotsWritten: number; coloursWritten: number; coloursUnchanged: number };
      const run = () => queue.run<Run>(RAG_JOBS.recomputeOrganisation, { organisationId: org5.id });
      expect(await run()).toMatchObject({ coloursWritten: 1, snapshotsWritten: 1 });
      const stored = await t.dataSource.query<{ v: number; seen: number }[]>(`SELECT facts_version AS v, rag_facts_version AS seen FROM action WHERE id = $1`, [a.id]);
      expect(stored).toEqual([{ v: await factsVersion(), seen: await factsVersion() }]);
      expect(await raised('the RAG', `UPDATE action SET rag_reasons = rag_reasons, rag_computed_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`, [a.id])).toEqual({
        what: 'the RAG',
        raised: false,
      });
      expect(await run()).toMatchObject({ coloursWritten: 0, snapshotsWritten: 0, coloursUnchanged: 1 });

      // A change after the run: the re-run of the day evaluates the action again and writes its new colour.
      await t.dataSource.query(`UPDATE action SET status = 'in_progress' WHERE id = $1`, [a.id]);
      await t.dataSource.query(`UPDATE rag_override SET ended_at = '2026-11-20T10:00:00Z' WHERE action_id = $1`, [a.id]);
      expect((await storedRag(t.dataSource, a.id)).colour).toBe('green');
      expect(await run()).toMatchObject({ coloursWritten: 1, snapshotsWritten: 1, coloursUnchanged: 0 });
      expect((await storedRag(t.dataSource, a.id)).colour).not.toBe('green');
      expect(await run()).toMatchObject({ coloursWritten: 0, snapshotsWritten: 0, coloursUnchanged: 1 });
    });

    it("deleting an action deletes its snapshots (no foreign key on the snapshots; a trigger on action does it)", async () => {
      const a = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id });
      await trigger.actionChanged(org.id, a.id);
      await waitForRag(t.dataSource, a.id, (r) => r.colour !== null, 'colour');
      await queue.run(RAG_JOBS.recomputeOrganisation, { organisationId: org.id, asOf: '2026-11-20' });
      const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM rag_snapshot WHERE action_id = $1`, [a.id]))[0].n;
      expect(await count()).toBe(2);
      await t.dataSource.query(`DELETE FROM action WHERE id = $1`, [a.id]);
      expect(await count()).toBe(0);
    });

    it('a recompute for another date writes that date\'s snapshots and leaves the current colours alone', async () => {
      const org3 = await t.createOrganisation();
      const plan3 = await seedPlanBasics(t.dataSource, org3.id);
      const a = await seedAction(t.dataSource, org3.id, plan3, { ownerId: org3.admin.id, dueDate: '2026-11-25' });
      await insertProgressUpdate(t.dataSource, { organisationId: org3.id, actionId: a.id, authorId: org3.admin.id, updateDate: '2026-11-20' });
      await queue.run(RAG_JOBS.recomputeOrganisation, { organisationId: org3.id });
      expect(await storedRag(t.dataSource, a.id)).toMatchObject({ colour: 'green', asOf: '2026-11-23' });

      const res = await t.http().post(inPlan(org3.admin.planId, 'rag/recompute')).set(bearer(org3.admin)).send({ asOf: '2026-11-30' }).expect(202);
      const done = await queue.waitForJob<{ currentColoursUpdated: boolean; counts: Record<string, number> }>(res.body.jobId);
      expect(done).toMatchObject({ asOf: '2026-11-30', currentColoursUpdated: false, counts: { red: 1 } });
      expect(await storedRag(t.dataSource, a.id)).toMatchObject({ colour: 'green', asOf: '2026-11-23' });
      const snaps = await snapshots(t.dataSource, org3.id);
      expect(snaps.map((s) => [s.asOf, s.colour, s.reasons[0]?.text])).toEqual([
        ['2026-11-23', 'green', 'on track'],
        ['2026-11-30', 'red', 'overdue by 5 days'],
      ]);
    });
  });

  describe('overrides', () => {
    it('board sets an override: shown with its reason until it expires, then the computed colour is back', async () => {
      const a = await action({ milestones: [{ title: 'Audit complete', dueDate: '2026-10-01' }] });
      await trigger.actionChanged(org.id, a.id);
      await waitForRag(t.dataSource, a.id, (r) => r.colour === 'red', 'computed red');

      const res = await t
        .http()
        .post(`/api/v1/actions/${a.id}/rag-override`)
        .set(bearer(board))
        .send({ colour: 'amber', reason: '  Recovery plan agreed at board on 20 November  ', expiresOn: '2026-12-15' })
        .expect(201);
      expect(res.body).toMatchObject({
        actionId: a.id,
        colour: 'amber',
        reason: 'Recovery plan agreed at board on 20 November',
        expiresOn: '2026-12-15',
        text: 'Override: Recovery plan agreed at board on 20 November (until 15 December 2026)',
        setById: board.id,
        endedAt: null,
        active: true,
      });
      const shown = await waitForRag(t.dataSource, a.id, (r) => r.overridden, 'override shown');
      expect(shown).toMatchObject({
        colour: 'amber',
        overridden: true,
        reasons: [{ code: 'override', colour: 'amber', text: 'Override: Recovery plan agreed at board on 20 November (until 15 December 2026)' }],
      });
      const history = await t.http().get(`/api/v1/actions/${a.id}/rag-history`).set(bearer(board)).expect(200);
      expect(history.body.items[0]).toMatchObject({ asOf: '2026-11-23', colour: 'amber', overridden: true });

      // The last day it applies is its expiry date; the next day the computed colour is back.
      t.clock.set('2026-12-15T12:00:00Z');
      await queue.run(RAG_JOBS.recomputeOrganisation, { organisationId: org.id });
      expect(await storedRag(t.dataSource, a.id)).toMatchObject({ colour: 'amber', overridden: true, asOf: '2026-12-15' });
      t.clock.set('2026-12-16T02:00:00Z');
      await queue.run(RAG_JOBS.recomputeOrganisation, { organisationId: org.id });
      expect(await storedRag(t.dataSource, a.id)).toMatchObject({ colour: 'red', overridden: false, asOf: '2026-12-16' });

      const audit = await t.http().get(`/api/v1/audit-events?entityType=rag_override&entityId=${res.body.id}`).set(bearer(org.admin)).expect(200);
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({ action: 'create', actorId: board.id });
    });

    it('a new override ends the active one; DELETE ends it (audited) and the computed colour is back', async () => {
      const a = await action({});
      const first = await t.http().post(`/api/v1/actions/${a.id}/rag-override`).set(bearer(board)).send({ colour: 'red', reason: 'Partner withdrew funding', expiresOn: '2026-12-01' }).expect(201);
      const second = await t.http().post(`/api/v1/actions/${a.id}/rag-override`).set(bearer(org.admin)).send({ colour: 'amber', reason: 'Funding restored in part', expiresOn: '2026-12-31' }).expect(201);
      const rows = await t.dataSource.query(`SELECT id, ended_at, ended_by_id FROM rag_override WHERE action_id = $1 ORDER BY set_at, id`, [a.id]);
      expect(rows.find((r: { id: string }) => r.id === first.body.id)).toMatchObject({ ended_by_id: org.admin.id });
      expect(rows.find((r: { id: string }) => r.id === first.body.id).ended_at).toBeInstanceOf(Date);
      expect(rows.find((r: { id: string }) => r.id === second.body.id)).toMatchObject({ ended_at: null });
      await waitForRag(t.dataSource, a.id, (r) => r.overridden && r.colour === 'amber', 'second override shown');

      const ended = await t.http().delete(`/api/v1/actions/${a.id}/rag-override`).set(bearer(board)).expect(200);
      expect(ended.body).toMatchObject({ id: second.body.id, endedById: board.id, active: false });
      expect(typeof ended.body.endedAt).toBe('string');
      await waitForRag(t.dataSource, a.id, (r) => !r.overridden && r.colour === 'green', 'computed colour back');
      await t.http().delete(`/api/v1/actions/${a.id}/rag-override`).set(bearer(board)).expect(404);

      const audit = await t.http().get(`/api/v1/audit-events?entityType=rag_override&entityId=${second.body.id}`).set(bearer(org.admin)).expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'end']);
    });

    it('refuses owners (403), and scrutiny and other organisations (404); checks the body (400 naming the field)', async () => {
      const a = await action({});
      const body = { colour: 'green', reason: 'Agreed at board', expiresOn: '2026-12-01' };
      await t.http().post(`/api/v1/actions/${a.id}/rag-override`).set(bearer(owner)).send(body).expect(403);
      await t.http().delete(`/api/v1/actions/${a.id}/rag-override`).set(bearer(owner)).expect(403);
      await t.http().post(`/api/v1/actions/${a.id}/rag-override`).set(bearer(scrutiny)).send(body).expect(404);
      await t.http().post(`/api/v1/actions/${a.id}/rag-override`).set(bearer(other.admin)).send(body).expect(404);
      await t.http().delete(`/api/v1/actions/${a.id}/rag-override`).set(bearer(other.admin)).expect(404);

      const bad = async (patch: object, field: string) => {
        const res = await t.http().post(`/api/v1/actions/${a.id}/rag-override`).set(bearer(board)).send({ ...body, ...patch }).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
      };
      await bad({ reason: 'ok' }, 'reason');
      await bad({ reason: 'x'.repeat(1001) }, 'reason');
      await bad({ colour: 'purple' }, 'colour');
      await bad({ expiresOn: '2026-11-22' }, 'expiresOn'); // yesterday
      await bad({ expiresOn: '2027-05-23' }, 'expiresOn'); // 181 days ahead
      await bad({ expiresOn: '2026-02-30' }, 'expiresOn');
      await t.http().post(`/api/v1/actions/${a.id}/rag-override`).set(bearer(board)).send({ ...body, expiresOn: '2027-05-22' }).expect(201); // 180 days
      await t.http().post(`/api/v1/actions/${a.id}/rag-override`).set(bearer(board)).send({ ...body, expiresOn: '2026-11-23' }).expect(201); // today
      await t.http().post('/api/v1/actions/not-a-uuid/rag-override').set(bearer(board)).send(body).expect(400);
    });
  });

  describe('policy settings', () => {
    const settingsOf = (planId: string) => `/api/v1/plans/${planId}/settings/rag`;

    it("reads the plan's defaults as version 1 (its readers: admin, board, owner; scrutiny 403), also flat for a one-plan organisation", async () => {
      const res = await t.http().get(settingsOf(org.planId)).set(bearer(board)).expect(200);
      expect(res.body).toMatchObject({
        version: 1,
        createdById: null,
        settings: {
          redAfterDays: 28,
          staleAfterDays: 42,
          progressAmberPoints: 15,
          progressRedPoints: 30,
          rules: { overdueAction: true, overdueMilestones: true, blocked: true, staleUpdates: true, rejectedEvidence: true, progressAgainstTime: false },
        },
      });
      await t.http().get(settingsOf(org.planId)).set(bearer(org.admin)).expect(200);
      await t.http().get(settingsOf(org.planId)).set(bearer(owner)).expect(200);
      await t.http().get(settingsOf(org.planId)).set(bearer(scrutiny)).expect(403);
      // One route style: there is no flat /settings/rag.
      await t.http().get('/api/v1/settings/rag').set(bearer(board)).expect(404);
      // Another organisation's plan is unknown: 404.
      await t.http().get(settingsOf(other.planId)).set(bearer(board)).expect(404);
    });

    it('refuses changes from board, owner and scrutiny (403: administrators set the policy) and bad settings (400 naming each field), and a stale version (409)', async () => {
      // The board reads the policy its work is coloured by, but does not set it (DESIGN: admin's "RAG thresholds").
      const byBoard = await t.http().put(settingsOf(org.planId)).set(bearer(board)).send({ redAfterDays: 7 }).expect(403);
      expect(byBoard.body).toMatchObject({ code: 'forbidden', message: expect.stringContaining('admin') });
      await t.http().put(settingsOf(org.planId)).set(bearer(owner)).send({ redAfterDays: 7 }).expect(403);
      await t.http().put(settingsOf(org.planId)).set(bearer(scrutiny)).send({ redAfterDays: 7 }).expect(403);
      const fields = async (body: unknown) => {
        const res = await t.http().put(settingsOf(org.planId)).set(bearer(org.admin)).send(body as object).expect(400);
        return res.body.details.map((d: { field: string }) => d.field).sort();
      };
      expect(await fields({ redAfterDays: 0 })).toEqual(['redAfterDays']);
      expect(await fields({ redAfterDays: 7.5, staleAfterDays: 'soon' })).toEqual(['redAfterDays', 'staleAfterDays']);
      expect(await fields({ rules: { blocked: 'yes', teaBreaks: true } })).toEqual(['rules.blocked', 'rules.teaBreaks']);
      expect(await fields({ colourBlind: true })).toEqual(['colourBlind']);
      expect(await fields({ progressAmberPoints: 40, progressRedPoints: 30 })).toEqual(['progressRedPoints']);
      expect(await fields({ version: 'one' })).toEqual(['version']);
      const stale = await t.http().put(settingsOf(org.planId)).set(bearer(org.admin)).send({ redAfterDays: 7, version: 99 }).expect(409);
      expect(stale.body.details).toEqual({ currentVersion: 1 });
      expect((await t.http().get(settingsOf(org.planId)).set(bearer(board)).expect(200)).body.version).toBe(1);
    });

    it('saves a change when the queue is unreachable: 200 with no recompute (a 503 said it failed, and a retry then changed nothing)', async () => {
      const orgQ = await t.createOrganisation();
      const spy = jest.spyOn(t.app.get(RagTriggerService), 'recomputeOrganisation').mockRejectedValueOnce(new DependencyUnavailableError('redis', 'queue add: no answer from Redis in 2000 ms'));
      try {
        const res = await t.http().put(settingsOf(orgQ.planId)).set(bearer(orgQ.admin)).send({ redAfterDays: 14 }).expect(200);
        expect(res.body).toMatchObject({ version: 2, changed: true, recompute: null, settings: expect.objectContaining({ redAfterDays: 14 }) });
        expect(spy).toHaveBeenCalledTimes(1);
      } finally {
        spy.mockRestore();
      }
    });

    it("each plan has its own policy: an administrator changes A's (recomputing A only); plan B keeps its version; a board member of A knows nothing of B", async () => {
      const orgP = await t.createOrganisation();
      const planB = await t.createPlan(orgP, { title: 'SEND improvement plan' });
      const boardA = await t.createUser(orgP, 'board');
      const boardB = await t.createUser(orgP, 'board', { planId: planB.id });
      const fixtureA = await seedPlanBasics(t.dataSource, orgP.id, orgP.planId);
      const fixtureB = await seedPlanBasics(t.dataSource, orgP.id, planB.id);
      const ms = [{ title: 'Audit complete', dueDate: '2026-11-13' }];
      const a = await seedAction(t.dataSource, orgP.id, fixtureA, { ownerId: orgP.admin.id, milestones: ms });
      const b = await seedAction(t.dataSource, orgP.id, fixtureB, { ownerId: orgP.admin.id, milestones: ms });
      for (const x of [a, b]) await insertProgressUpdate(t.dataSource, { organisationId: orgP.id, actionId: x.id, authorId: orgP.admin.id, updateDate: '2026-11-20' });
      await queue.run(RAG_JOBS.recomputeOrganisation, { organisationId: orgP.id });
      expect(await storedRag(t.dataSource, a.id)).toMatchObject({ colour: 'amber', policyVersion: 1 });
      expect(await storedRag(t.dataSource, b.id)).toMatchObject({ colour: 'amber', policyVersion: 1 });

      // A board member of A knows nothing of B (404), and may not change it.
      await t.http().get(settingsOf(planB.id)).set(bearer(boardA)).expect(404);
      await t.http().put(settingsOf(planB.id)).set(bearer(boardA)).send({ redAfterDays: 7 }).expect(404);

      const res = await t.http().put(settingsOf(orgP.planId)).set(bearer(orgP.admin)).send({ redAfterDays: 7, version: 1 }).expect(200);
      expect(res.body).toMatchObject({ version: 2, changed: true, createdById: orgP.admin.id });
      await queue.waitForJob(res.body.recompute.jobId);
      expect(await storedRag(t.dataSource, a.id)).toMatchObject({ colour: 'red', policyVersion: 2 });
      // Plan B: untouched, still version 1 and amber.
      expect(await storedRag(t.dataSource, b.id)).toMatchObject({ colour: 'amber', policyVersion: 1 });
      expect((await t.http().get(settingsOf(planB.id)).set(bearer(boardB)).expect(200)).body).toMatchObject({ version: 1, settings: { redAfterDays: 28 } });
      // The nightly run of B (a plan job) uses B's own policy.
      await queue.run(RAG_JOBS.recomputeOrganisation, { organisationId: orgP.id, planId: planB.id });
      expect(await storedRag(t.dataSource, b.id)).toMatchObject({ colour: 'amber', policyVersion: 1 });
      const versions = await t.dataSource.query(`SELECT plan_id AS "planId", version FROM rag_policy WHERE organisation_id = $1 ORDER BY plan_id = $2 DESC, version`, [orgP.id, orgP.planId]);
      expect(versions).toEqual([
        { planId: orgP.planId, version: 1 },
        { planId: orgP.planId, version: 2 },
        { planId: planB.id, version: 1 },
      ]);
    });

    it('a change is a new version, audited, and recolours the plan: redAfterDays 28 -> 7 turns an amber milestone red', async () => {
      const org4 = await t.createOrganisation();
      const plan4 = await seedPlanBasics(t.dataSource, org4.id);
      const a = await seedAction(t.dataSource, org4.id, plan4, { ownerId: org4.admin.id, milestones: [{ title: 'Audit complete', dueDate: '2026-11-13' }] });
      await insertProgressUpdate(t.dataSource, { organisationId: org4.id, actionId: a.id, authorId: org4.admin.id, updateDate: '2026-11-20' });
      await queue.run(RAG_JOBS.recomputeOrganisation, { organisationId: org4.id });
      expect(await storedRag(t.dataSource, a.id)).toMatchObject({ colour: 'amber', policyVersion: 1 });

      const res = await t.http().put(settingsOf(org4.planId)).set(bearer(org4.admin)).send({ redAfterDays: 7, version: 1 }).expect(200);
      expect(res.body).toMatchObject({ version: 2, changed: true, createdById: org4.admin.id, settings: { redAfterDays: 7, staleAfterDays: 42 } });
      expect(res.body.recompute.statusUrl).toBe(`/api/v1/jobs/${res.body.recompute.jobId}`);
      await queue.waitForJob(res.body.recompute.jobId);
      const red = await storedRag(t.dataSource, a.id);
      expect(red).toMatchObject({
        colour: 'red',
        policyVersion: 2,
        reasons: [{ code: 'milestone_overdue_red', colour: 'red', text: "milestone 'Audit complete' overdue by 10 days" }],
      });
      const snap = (await snapshots(t.dataSource, org4.id)).find((s) => s.actionId === a.id);
      expect(snap).toMatchObject({ asOf: '2026-11-23', colour: 'red', policyVersion: 2 });

      const versions = await t.dataSource.query(`SELECT version, settings->>'redAfterDays' AS red FROM rag_policy WHERE organisation_id = $1 ORDER BY version`, [org4.id]);
      expect(versions).toEqual([
        { version: 1, red: '28' },
        { version: 2, red: '7' },
      ]);
      const audit = await t.http().get('/api/v1/audit-events?entityType=rag_policy').set(bearer(org4.admin)).expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'update', actorId: org4.admin.id });
      expect(audit.body.items[0].changes).toMatchObject({ policyVersion: { before: 1, after: 2 }, redAfterDays: { before: 28, after: 7 } });

      // The same settings again: no new version, nothing queued.
      const same = await t.http().put(settingsOf(org4.planId)).set(bearer(org4.admin)).send({ redAfterDays: 7 }).expect(200);
      expect(same.body).toMatchObject({ version: 2, changed: false, recompute: null });
      // Another organisation still has its own version 1.
      expect((await t.http().get(settingsOf(other.planId)).set(bearer(other.admin)).expect(200)).body.version).toBe(1);
    });
  });

  describe('POST /plans/:planId/rag/recompute and GET /jobs/:id', () => {
    it('answers 202 with the job, whose state and progress run to completed; other organisations get 404', async () => {
      const res = await t.http().post(inPlan(board.planId, 'rag/recompute')).set(bearer(board)).expect(202);
      expect(res.body.jobId).toMatch(/^rag-[0-9a-f-]{36}$/);
      expect(res.body.statusUrl).toBe(`/api/v1/jobs/${res.body.jobId}`);

      const done = await waitFor(async () => {
        const s = await t.http().get(res.body.statusUrl).set(bearer(board)).expect(200);
        return s.body.state === 'completed' ? s.body : undefined;
      }, 'the recompute job to complete');
      expect(done).toMatchObject({ id: res.body.jobId, queue: QUEUES.rag, name: RAG_JOBS.recomputeOrganisation, state: 'completed', progress: 100, attemptsMade: expect.any(Number) });
      expect(done.returnValue).toMatchObject({ organisationId: org.id, asOf: '2026-11-23', policyVersion: 1, currentColoursUpdated: true });
      expect(done.returnValue.actions).toBeGreaterThan(0);
      expect(typeof done.createdAt).toBe('string');
      expect(typeof done.finishedAt).toBe('string');
      expect(done.failedReason).toBeUndefined();

      await t.http().get(res.body.statusUrl).set(bearer(org.admin)).expect(200);
      await t.http().get(res.body.statusUrl).set(bearer(other.admin)).expect(404);
      await t.http().get(res.body.statusUrl).set(bearer(owner)).expect(403);
      await t.http().get(res.body.statusUrl).set(bearer(scrutiny)).expect(403);
      await t.http().get('/api/v1/jobs/rag-00000000-0000-4000-8000-000000000000').set(bearer(board)).expect(404);
      await t.http().get('/api/v1/jobs/pack-00000000-0000-4000-8000-000000000000').set(bearer(board)).expect(404);
      await t.http().get('/api/v1/jobs/1').set(bearer(board)).expect(404); // internal single-action job ids
      await t.http().post(inPlan(owner.planId, 'rag/recompute')).set(bearer(owner)).expect(403);
      await t.http().post(inPlan(scrutiny.planId, 'rag/recompute')).set(bearer(scrutiny)).expect(403);
      const bad = await t.http().post(inPlan(board.planId, 'rag/recompute')).set(bearer(board)).send({ asOf: '2026-13-01' }).expect(400);
      expect(bad.body.details[0].field).toBe('asOf');
    });
  });

  describe('GET /actions/:id/rag-history', () => {
    it('lists snapshots newest first, paginated, for board, admin and the owner; refuses other owners (403), scrutiny and other organisations (404)', async () => {
      const a = await action({});
      for (const asOf of ['2026-11-21', '2026-11-22', '2026-11-23']) {
        await queue.run(RAG_JOBS.recomputeOrganisation, { organisationId: org.id, asOf });
      }
      const page = await t.http().get(`/api/v1/actions/${a.id}/rag-history?pageSize=2`).set(bearer(owner)).expect(200);
      expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(page.body.items.map((s: { asOf: string }) => s.asOf)).toEqual(['2026-11-23', '2026-11-22']);
      expect(page.body.items[0]).toEqual({
        asOf: '2026-11-23',
        colour: 'green',
        reasons: [{ code: 'on_track', colour: 'green', text: 'on track' }],
        overridden: false,
        computed: null,
        override: null,
        policyVersion: 1,
        computedAt: expect.any(String),
      });
      const next = await t.http().get(`/api/v1/actions/${a.id}/rag-history?pageSize=2&page=2`).set(bearer(board)).expect(200);
      expect(next.body.items.map((s: { asOf: string }) => s.asOf)).toEqual(['2026-11-21']);
      await t.http().get(`/api/v1/actions/${a.id}/rag-history`).set(bearer(org.admin)).expect(200);
      await t.http().get(`/api/v1/actions/${a.id}/rag-history`).set(bearer(otherOwner)).expect(403);
      await t.http().get(`/api/v1/actions/${a.id}/rag-history`).set(bearer(scrutiny)).expect(404);
      await t.http().get(`/api/v1/actions/${a.id}/rag-history`).set(bearer(other.admin)).expect(404);
      await t.http().get('/api/v1/actions/00000000-0000-4000-8000-000000000000/rag-history').set(bearer(board)).expect(404);
    });
  });

  describe('health', () => {
    it('reports the rag queue consumed while the worker runs', async () => {
      const res = await t.http().get('/api/v1/health/ready/details').set(bearer(org.admin)).expect(200);
      expect(res.body.info.queues.rag).toMatchObject({ consuming: true });
      expect(res.body.info.queues.rag.workers).toBeGreaterThanOrEqual(1);
    });
  });
});
