import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ImportProcessingService } from '../src/imports/jobs/import-processing.service';
import { ImportsWorkerModule } from '../src/imports/imports-worker.module';
import { ImportsRepository } from '../src/imports/imports.repository';
import { RagTriggerService } from '../src/rag/rag-trigger.service';
import { buildZip, deflatedZeros, WORKBOOK_PARTS } from '../src/imports/testing/zip-builder.testing';
import { eventually } from './support/evidence-fixtures';
import { seedPlanBasics } from './support/plan-fixtures';
import { bearer, inPlan, TestApp, type TestOrganisation, type TestUser } from './support/test-app';

jest.setTimeout(120_000);

const FIXTURES = join(__dirname, 'fixtures', 'imports');
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

interface Run {
  id: string;
  status: string;
  counts: { created: number; updated: number; unchanged: number; conflicts: number; skipped: number } | null;
  auditEvents: number;
  error: { code: string; message: string } | null;
  preview: {
    counts: { actions: Record<string, number>; findings: Record<string, number>; workstreams: Record<string, number>; milestones: Record<string, number> };
    rows: { row: number; reference: string; outcome: string; changes: { field: string }[]; reason?: string }[];
    issues: { severity: string; code: string; sheet: string | null; row: number | null; column: string | null; message: string }[];
    unmatchedOwners: { text: string; key: string; column: string | null; rows: number[]; matchedTo: string | null; leftUnassigned: boolean }[];
    statusWords: { word: string; status: string | null; rows: number }[];
  } | null;
}

describe('Importing a tracker (API)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let scrutiny: TestUser;

  beforeAll(async () => {
    t = await TestApp.start({ worker: true });
    org = await t.createOrganisation();
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner');
    scrutiny = await t.createUser(org, 'scrutiny');
  });
  afterAll(() => t?.close());

  async function upload(user: TestUser, planId: string, body: Buffer, name: string) {
    return t.http().post(inPlan(planId, 'imports')).set(bearer(user)).attach('file', body, name);
  }

  async function waitFor(user: TestUser, id: string, statuses: string[]): Promise<Run> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await t.http().get(`/api/v1/imports/${id}`).set(bearer(user)).expect(200);
      if (statuses.includes(res.body.status)) return res.body as Run;
      if (res.body.status === 'failed' && !statuses.includes('failed')) throw new Error(`import failed: ${JSON.stringify(res.body.error)}`);
      if (Date.now() > deadline) throw new Error(`import still ${res.body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function previewed(user: TestUser, planId: string, body: Buffer, name: string): Promise<Run> {
    const res = await upload(user, planId, body, name);
    expect(res.status).toBe(202);
    expect(res.body.statusUrl).toBe(`/api/v1/imports/${res.body.id}`);
    return waitFor(user, res.body.id, ['previewed']);
  }

  async function commit(user: TestUser, id: string, resolutions?: Record<string, string>): Promise<Run> {
    const res = await t.http().post(`/api/v1/imports/${id}/commit`).set(bearer(user)).send(resolutions ? { resolutions } : {});
    expect(res.status).toBe(202);
    return waitFor(user, id, ['committed']);
  }

  /** Maps the owners that match nobody (`to` by text; the rest left unassigned) and waits for the new preview. */
  async function decideOwners(user: TestUser, run: Run, to: Record<string, string> = {}): Promise<Run> {
    const ownerMatches = Object.fromEntries(run.preview!.unmatchedOwners.map((o) => [o.text, to[o.text] ?? null]));
    await t.http().put(`/api/v1/imports/${run.id}/mapping`).set(bearer(user)).send({ ownerMatches }).expect(202);
    return waitFor(user, run.id, ['previewed']);
  }

  const count = async (sql: string, params: unknown[]): Promise<number> => Number((await t.dataSource.query(sql, params))[0].n);
  const auditCount = (planId: string) => count('SELECT count(*) AS n FROM audit_event WHERE plan_id = $1', [planId]);
  const actionCount = (planId: string) => count('SELECT count(*) AS n FROM action WHERE plan_id = $1', [planId]);

  it('imports the adult social care workbook (merged title rows, two-line header) into the plan, and the same file again changes nothing', async () => {
    const plan = await t.createPlan(org);
    await t.addMember(org, plan.id, board, 'board');
    await seedPlanBasics(t.dataSource, org.id, plan.id);
    const run = await previewed(board, plan.id, fixture('adult-social-care-plan.xlsx'), 'adult-social-care-plan.xlsx');
    expect(run.preview!.counts.actions).toEqual({ create: 10, update: 0, unchanged: 0, conflict: 0, skipped: 0 });
    // Five key outcomes: new ones, or matched to the plan's (the seeded plan has one).
    expect(run.preview!.counts.workstreams.create + run.preview!.counts.workstreams.existing).toBe(5);
    expect(run.preview!.counts.findings.create).toBeGreaterThan(0);
    // The owners are not users of this plan: listed to match, by their words, with their rows and column.
    const unmatched = run.preview!.unmatchedOwners;
    expect(unmatched.length).toBeGreaterThan(1);
    expect(unmatched[0]).toMatchObject({ column: expect.stringMatching(/^[A-Z]+$/), rows: expect.arrayContaining([expect.any(Number)]), matchedTo: null, leftUnassigned: false });
    const ownerErrors = run.preview!.issues.filter((i) => i.code === 'owner_unmatched');
    expect(ownerErrors).toHaveLength(unmatched.length);
    expect(ownerErrors[0]).toMatchObject({ severity: 'error', sheet: expect.any(String), row: unmatched[0].rows[0], column: unmatched[0].column });
    // Nothing written by a preview.
    expect(await actionCount(plan.id)).toBe(0);

    // They never silently become the person who commits: the commit waits for a decision on each.
    const refused = await t.http().post(`/api/v1/imports/${run.id}/commit`).set(bearer(board)).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('import_owners_not_decided');
    expect(JSON.stringify(refused.body)).toContain(`ownerMatches.${unmatched[0].text}`);
    expect(await actionCount(plan.id)).toBe(0);

    // The first owner is mapped to a member of the plan; the others are left unassigned.
    await t.addMember(org, plan.id, owner, 'owner');
    const decided = await decideOwners(board, run, { [unmatched[0].text]: owner.id });
    expect(decided.preview!.unmatchedOwners[0]).toMatchObject({ matchedTo: owner.id, leftUnassigned: false });
    expect(decided.preview!.unmatchedOwners.slice(1).every((o) => o.leftUnassigned && o.matchedTo === null)).toBe(true);
    expect(decided.preview!.issues.filter((i) => i.code === 'owner_unmatched' && i.severity === 'error')).toEqual([]);

    const before = await auditCount(plan.id);
    const done = await commit(board, run.id);
    expect(done.counts).toEqual({ created: 10, updated: 0, unchanged: 0, conflicts: 0, skipped: 0 });
    expect(await actionCount(plan.id)).toBe(10);
    const actionEvents = await count("SELECT count(*) AS n FROM audit_event WHERE plan_id = $1 AND entity_type = 'action' AND action = 'import_create'", [plan.id]);
    expect(actionEvents).toBe(10);
    expect(await auditCount(plan.id)).toBe(before + done.auditEvents);
    const named = await t.dataSource.query("SELECT changes FROM audit_event WHERE plan_id = $1 AND entity_type = 'action' LIMIT 1", [plan.id]);
    expect(named[0].changes.importRunId.after).toBe(run.id);
    const row = await t.dataSource.query("SELECT title, status, due_date::text AS due, owner_id AS \"ownerId\" FROM action WHERE plan_id = $1 AND reference = '1.1'", [plan.id]);
    expect(row[0]).toMatchObject({ status: 'embedded', due: '2025-09-30' });
    // The mapped owner's rows are theirs; an owner left unassigned is held by whoever committed (an action needs an owner).
    const ownerOf = async (rowNumber: number): Promise<string> => {
      const ref = decided.preview!.rows.find((r) => r.row === rowNumber)!.reference;
      return (await t.dataSource.query('SELECT owner_id AS "ownerId" FROM action WHERE plan_id = $1 AND reference = $2', [plan.id, ref]))[0].ownerId;
    };
    for (const r of unmatched[0].rows) await expect(ownerOf(r)).resolves.toBe(owner.id);
    await expect(ownerOf(unmatched[1].rows[0])).resolves.toBe(board.id);
    const saved = await t.dataSource.query('SELECT owner_matches AS "ownerMatches" FROM import_mapping WHERE plan_id = $1', [plan.id]);
    expect(saved[0].ownerMatches[unmatched[0].key]).toBe(owner.id);
    expect(saved[0].ownerMatches[unmatched[1].key]).toBeNull();

    // The original file is kept and downloadable by the board.
    const file = await t.http().get(`/api/v1/imports/${run.id}/file`).set(bearer(board)).buffer(true).parse((res, cb) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => cb(null, Buffer.concat(parts)));
    });
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, fixture('adult-social-care-plan.xlsx'))).toBe(0);

    // Re-import: the same file again changes nothing and writes no audit event (the saved owner matches are reused).
    const again = await previewed(board, plan.id, fixture('adult-social-care-plan.xlsx'), 'adult-social-care-plan.xlsx');
    expect(again.preview!.counts.actions).toEqual({ create: 0, update: 0, unchanged: 10, conflict: 0, skipped: 0 });
    expect(again.preview!.unmatchedOwners.every((o) => o.matchedTo !== null || o.leftUnassigned)).toBe(true);
    expect(again.preview!.counts.workstreams.create).toBe(0);
    const auditBefore = await auditCount(plan.id);
    const second = await commit(board, again.id);
    expect(second.counts).toMatchObject({ created: 0, updated: 0, unchanged: 10, conflicts: 0 });
    expect(second.auditEvents).toBe(0);
    expect(await auditCount(plan.id)).toBe(auditBefore);

    // The plan's imports are listed with who ran them.
    const list = await t.http().get(inPlan(plan.id, 'imports')).set(bearer(board)).expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items[0].createdBy.id).toBe(board.id);
  });

  it('imports the Windows-1252 CSV once the suggested dates are accepted, matching owners by email', async () => {
    const plan = await t.createPlan(org);
    await t.addMember(org, plan.id, board, 'board');
    const made = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(org.admin))
      .send({ email: 'rob.kellner@southcombe.example.gov.uk', name: 'Rob Kellner', role: 'owner', password: 'correct-horse-battery-staple', planId: plan.id })
      .expect(201);
    const lead = { id: made.body.id as string };
    const run = await previewed(board, plan.id, fixture('childrens-services-nos.csv'), 'childrens-services-nos.csv');
    expect(run.preview!.unmatchedOwners.map((o) => o.text)).not.toContain('rob.kellner@southcombe.example.gov.uk');
    // "Q3 2026/27" and "Sep-26" are not dates: those rows wait for the user to accept the suggestion.
    const needs = run.preview!.issues.filter((i) => i.code === 'date_needs_accepting');
    expect(needs.length).toBeGreaterThan(0);
    expect(needs[0]).toMatchObject({ sheet: expect.any(String), row: expect.any(Number), column: expect.stringMatching(/^[A-Z]+$/) });
    expect(run.preview!.counts.actions.skipped).toBeGreaterThanOrEqual(needs.length);

    const put = await t.http().put(`/api/v1/imports/${run.id}/mapping`).set(bearer(board)).send({ acceptSuggestedDates: true });
    expect(put.status).toBe(202);
    const again = await waitFor(board, run.id, ['previewed']);
    // Row 11's "When" has no date in it at all: it stays out, named by sheet, row and column.
    expect(again.preview!.issues.filter((i) => i.severity === 'error' && i.code !== 'owner_unmatched')).toEqual([
      expect.objectContaining({ code: 'missing_due_date', sheet: 'childrens-services-nos.csv', row: 11, column: 'E' }),
    ]);
    expect(again.preview!.counts.actions).toMatchObject({ create: 5, skipped: 1 });
    await decideOwners(board, again);
    const done = await commit(board, run.id);
    expect(done.counts).toMatchObject({ created: 5, skipped: 1 });
    const due = await t.dataSource.query("SELECT due_date::text AS due FROM action WHERE plan_id = $1 AND reference = '2'", [plan.id]);
    expect(due[0].due).toBe('2026-12-31');
    const owned = await t.dataSource.query("SELECT owner_id AS \"ownerId\" FROM action WHERE plan_id = $1 AND reference = '3'", [plan.id]);
    expect(owned[0].ownerId).toBe(lead.id);
  });

  it("records the commit's RAG recompute with it (a few actions one by one, more than 50 as the plan's), queued once it commits", async () => {
    const plan = await t.createPlan(org);
    await t.addMember(org, plan.id, board, 'board');
    const csv = (from: number, rows: number) =>
      Buffer.from(['Ref,Action,Lead officer,Target date,Status', ...Array.from({ length: rows }, (_, i) => `R${from + i},Audit case files ${from + i},${board.email},31/03/2027,On track`), ''].join('\r\n'));
    // The commit job's own trigger (the worker's); a record read on another connection is committed.
    const trigger = t.worker!.get(RagTriggerService, { strict: false });
    const seen: { kind: string; committed: boolean }[] = [];
    const recorded = async (sql: string, id: string | null) => (await t.dataSource.query<unknown[]>(sql, [id])).length === 1;
    const queueRecorded = trigger.queueRecorded.bind(trigger);
    const planChanged = trigger.planChanged.bind(trigger);
    jest.spyOn(trigger, 'queueRecorded').mockImplementation(async (row) => {
      seen.push({ kind: 'action', committed: await recorded('SELECT 1 FROM rag_recompute_pending WHERE action_id = $1', row.actionId) });
      return queueRecorded(row);
    });
    jest.spyOn(trigger, 'planChanged').mockImplementation(async (row) => {
      seen.push({ kind: 'plan', committed: await recorded('SELECT 1 FROM rag_plan_recompute_pending WHERE plan_id = $1', row.planId) });
      return planChanged(row);
    });
    try {
      await commit(board, (await previewed(board, plan.id, csv(1, 3), 'few.csv')).id);
      // The run reads "committed" as its transaction commits; the job queues the recomputes just after.
      await eventually(() => seen.length >= 3, 10_000);
      expect(seen).toEqual(Array.from({ length: 3 }, () => ({ kind: 'action', committed: true })));
      seen.length = 0;
      await commit(board, (await previewed(board, plan.id, csv(4, 51), 'many.csv')).id);
      await eventually(() => seen.length >= 1, 10_000);
      expect(seen).toEqual([{ kind: 'plan', committed: true }]);
      const left = () => t.dataSource.query<unknown[]>('SELECT 1 FROM rag_recompute_pending UNION ALL SELECT 1 FROM rag_plan_recompute_pending');
      await eventually(async () => (await left()).length === 0, 10_000);
      expect(await left()).toEqual([]);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('reports the messy tracker\'s errors by sheet, row and column, and imports a row once its status word is mapped', async () => {
    const plan = await t.createPlan(org);
    await t.addMember(org, plan.id, board, 'board');
    const run = await previewed(board, plan.id, fixture('partnership-tracker-messy.xlsx'), 'partnership-tracker-messy.xlsx');
    const unknown = run.preview!.issues.find((i) => i.code === 'status_unknown');
    expect(unknown).toMatchObject({ severity: 'error', sheet: 'Tracker 2026', row: 12, column: 'J' });
    expect(unknown!.message).toContain("'Tracker 2026', row 12, column J");
    expect(run.preview!.rows.find((r) => r.row === 12)!.outcome).toBe('skipped');

    // Every distinct status word is listed with its reading; one is unknown until mapped.
    expect(run.preview!.statusWords).toEqual(expect.arrayContaining([{ word: 'Awaiting sign-off', status: null, rows: 1 }, expect.objectContaining({ word: 'Delayed', status: 'in_progress' })]));

    // Map the unknown word, and remap a known one ('Delayed' -> blocked rather than in progress).
    await t.http().put(`/api/v1/imports/${run.id}/mapping`).set(bearer(board)).send({ statusWords: { 'Awaiting sign-off': 'complete', Delayed: 'blocked' }, acceptSuggestedDates: true }).expect(202);
    const remapped = await waitFor(board, run.id, ['previewed']);
    expect(remapped.preview!.statusWords).toEqual(expect.arrayContaining([{ word: 'Awaiting sign-off', status: 'complete', rows: 1 }, expect.objectContaining({ word: 'Delayed', status: 'blocked' })]));
    expect(remapped.preview!.rows.find((r) => r.row === 12)!.outcome).toBe('create');
    const again = await decideOwners(board, remapped);
    const done = await commit(board, run.id);
    const statuses = await t.dataSource.query("SELECT reference, status FROM action WHERE plan_id = $1 AND reference IN ('A3', 'A5') ORDER BY reference", [plan.id]);
    expect(statuses).toEqual([{ reference: 'A3', status: 'blocked' }, { reference: 'A5', status: 'complete' }]);
    expect(done.counts!.created).toBe(again.preview!.counts.actions.create);
    expect(await actionCount(plan.id)).toBe(done.counts!.created);
    // The mapping (with the status word) is saved for the plan.
    const saved = await t.dataSource.query('SELECT status_words AS "statusWords" FROM import_mapping WHERE plan_id = $1', [plan.id]);
    expect(saved[0].statusWords).toEqual({ 'Awaiting sign-off': 'complete', Delayed: 'blocked' });
  });

  it('fails the commit cleanly, naming the owners, when a user mapped or matched at preview has left the plan or been deactivated since', async () => {
    const plan = await t.createPlan(org);
    await t.addMember(org, plan.id, board, 'board');
    const mapped = await t.createUser(org, 'owner', { planId: plan.id, name: 'Morgan Mapped' });
    const matched = await t.createUser(org, 'owner', { planId: plan.id, name: 'Esme Emailed' });
    const csv = Buffer.from(
      ['Ref,Action,Lead officer,Target date,Status', 'L1,Audit the case files,Pat the lead,31/03/2027,On track', `L2,Train every team,${matched.email},31/03/2027,On track`, 'L3,Publish the policy,Pat the lead,31/03/2027,On track', ''].join('\r\n'),
      'utf8',
    );
    const first = await previewed(board, plan.id, csv, 'tracker.csv');
    // 'Pat the lead' matches nobody and is mapped to a member; the email matches the other member.
    expect(first.preview!.unmatchedOwners.map((o) => o.text)).toEqual(['Pat the lead']);
    const run = await decideOwners(board, first, { 'Pat the lead': mapped.id });
    expect(run.preview!.unmatchedOwners[0]).toMatchObject({ matchedTo: mapped.id });
    expect(run.preview!.issues.filter((i) => i.severity === 'error')).toEqual([]);

    // Between the preview and the commit: one leaves the plan, the other is deactivated.
    await t.http().delete(`/api/v1/plans/${plan.id}/members/${mapped.id}`).set(bearer(org.admin)).expect(204);
    const version = (await t.dataSource.query('SELECT version FROM "user" WHERE id = $1', [matched.id]))[0].version;
    await t.http().patch(`/api/v1/users/${matched.id}`).set(bearer(org.admin)).send({ active: false, version }).expect(200);

    // The API still sees the preview's decisions and accepts; the job re-checks on its own snapshot and writes nothing.
    const auditBefore = await auditCount(plan.id);
    await t.http().post(`/api/v1/imports/${run.id}/commit`).set(bearer(board)).send({}).expect(202);
    const failed = await waitFor(board, run.id, ['failed', 'committed']);
    expect(failed.status).toBe('failed');
    expect(failed.error!.code).toBe('import_owners_not_decided');
    expect(failed.error!.message).toContain("'Pat the lead' (Morgan Mapped)");
    expect(failed.error!.message).toContain(`'${matched.email}' (Esme Emailed)`);
    const details = (failed.error as unknown as { details: { field: string; messages: string[] }[] }).details;
    expect(details.map((d) => d.field).sort()).toEqual([`ownerMatches.${matched.email}`, 'ownerMatches.Pat the lead'].sort());
    expect(details.find((d) => d.field === 'ownerMatches.Pat the lead')!.messages[0]).toContain('rows 2, 4');
    expect(await actionCount(plan.id)).toBe(0);
    expect(await auditCount(plan.id)).toBe(auditBefore);
    expect(await count('SELECT count(*) AS n FROM import_mapping WHERE plan_id = $1', [plan.id])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM imported_action WHERE plan_id = $1', [plan.id])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM workstream WHERE plan_id = $1', [plan.id])).toBe(0);
    const stored = await t.dataSource.query('SELECT committed_at AS "committedAt", counts FROM import_run WHERE id = $1', [run.id]);
    expect(stored[0]).toEqual({ committedAt: null, counts: null });

    // The failed run is decided again (now both owners are listed) and commits.
    const redo = await t.http().put(`/api/v1/imports/${run.id}/mapping`).set(bearer(board)).send({ ownerMatches: { 'Pat the lead': board.id, [matched.email]: null } });
    expect(redo.status).toBe(202);
    const again = await waitFor(board, run.id, ['previewed']);
    expect(again.preview!.unmatchedOwners.map((o) => o.text).sort()).toEqual(['Pat the lead', matched.email].sort());
    const done = await commit(board, run.id);
    expect(done.counts).toMatchObject({ created: 3 });
    const owners = await t.dataSource.query('SELECT DISTINCT owner_id AS "ownerId" FROM action WHERE plan_id = $1', [plan.id]);
    expect(owners).toEqual([{ ownerId: board.id }]);
  });

  it('writes nothing when the plan was closed, or the person who confirmed left its board, while the commit waited in the queue', async () => {
    const plan = await t.createPlan(org);
    await t.addMember(org, plan.id, board, 'board');
    const csv = Buffer.from(['Ref,Action,Lead officer,Target date,Status', `Q1,Audit the case files,${board.email},31/03/2027,On track`, ''].join('\r\n'), 'utf8');
    const processing = t.worker!.get(ImportProcessingService, { strict: false });
    // As the API leaves a confirmed run for its job, the job then run by hand after the change.
    const confirmed = async () => {
      const run = await previewed(board, plan.id, csv, 'tracker.csv');
      await t.dataSource.query(`UPDATE import_run SET status = 'committing' WHERE id = $1`, [run.id]);
      return run;
    };
    const runJob = async (runId: string) => {
      expect(await processing.commit({ organisationId: org.id, planId: plan.id, importRunId: runId, requestedById: board.id }, `job-${runId}`)).toMatchObject({ outcome: 'failed' });
      return waitFor(org.admin, runId, ['failed']);
    };

    const demoted = await confirmed();
    await t.http().put(`/api/v1/plans/${plan.id}/members/${board.id}`).set(bearer(org.admin)).send({ role: 'owner' }).expect(200);
    expect((await runJob(demoted.id)).error).toMatchObject({ code: 'forbidden' });
    await t.http().put(`/api/v1/plans/${plan.id}/members/${board.id}`).set(bearer(org.admin)).send({ role: 'board' }).expect(200);

    const closed = await confirmed();
    await t.http().post(`/api/v1/plans/${plan.id}/close`).set(bearer(org.admin)).expect(200);
    expect((await runJob(closed.id)).error).toMatchObject({ code: 'plan_closed' });
    expect(await actionCount(plan.id)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM workstream WHERE plan_id = $1', [plan.id])).toBe(0);
  });

  describe('re-importing an edited file', () => {
    const header = 'Ref,Action,Lead officer,Target date,Status,Workstream\r\n';
    const line = (ref: string, title: string, due = '31/03/2027', status = 'On track') => `${ref},${title},${''},${due},${status},Practice\r\n`;
    const csv = (...lines: string[]) => Buffer.from(header + lines.join(''), 'utf8');

    it('updates exactly the edited rows and lists a row edited in the system meanwhile as a conflict, resolved at commit', async () => {
      const plan = await t.createPlan(org);
      await t.addMember(org, plan.id, board, 'board');
      const first = await previewed(board, plan.id, csv(line('R1', 'Audit case files'), line('R2', 'Train every team'), line('R3', 'Publish the policy')), 'tracker.csv');
      await commit(board, first.id);

      // Edited in the system since: R3's title.
      const r3 = (await t.dataSource.query("SELECT id, version FROM action WHERE plan_id = $1 AND reference = 'R3'", [plan.id]))[0];
      await t.http().patch(`/api/v1/actions/${r3.id}`).set(bearer(board)).send({ title: 'Publish the policy (system)', version: r3.version }).expect(200);

      // The file edits R2 (due date) and R3 (title); R1 is as before.
      const edited = csv(line('R1', 'Audit case files'), line('R2', 'Train every team', '30/06/2027'), line('R3', 'Publish the revised policy'));
      const run = await previewed(board, plan.id, edited, 'tracker.csv');
      expect(run.preview!.counts.actions).toEqual({ create: 0, update: 1, unchanged: 1, conflict: 1, skipped: 0 });
      const byRef = Object.fromEntries(run.preview!.rows.map((r) => [r.reference, r]));
      expect(byRef.R2.outcome).toBe('update');
      expect(byRef.R2.changes.map((c) => c.field)).toEqual(['dueDate']);
      expect(byRef.R3.outcome).toBe('conflict');

      const auditBefore = await auditCount(plan.id);
      const done = await commit(board, run.id);
      expect(done.counts).toMatchObject({ updated: 1, unchanged: 1, conflicts: 1 });
      expect(await auditCount(plan.id)).toBe(auditBefore + 1);
      const rows = await t.dataSource.query('SELECT reference, title, due_date::text AS due FROM action WHERE plan_id = $1 ORDER BY reference', [plan.id]);
      expect(rows).toEqual([
        { reference: 'R1', title: 'Audit case files', due: '2027-03-31' },
        { reference: 'R2', title: 'Train every team', due: '2027-06-30' },
        { reference: 'R3', title: 'Publish the policy (system)', due: '2027-03-31' },
      ]);
      // The due date it replaced is kept, stamped with the commit's time, for the past's colours
      // (migration TrueHistoryOfDates); the rows whose dates it left alone keep no history.
      const history = await t.dataSource.query(
        `SELECT a.reference, h.due_date::text AS due, h.superseded_at = a.dates_recorded_at AND a.dates_recorded_at IS NOT NULL AS stamped
           FROM action_dates_history h JOIN action a ON a.id = h.action_id WHERE a.plan_id = $1`,
        [plan.id],
      );
      expect(history).toEqual([{ reference: 'R2', due: '2027-03-31', stamped: true }]);

      // The same edited file again, taking the file's value for the conflict.
      const third = await previewed(board, plan.id, edited, 'tracker.csv');
      expect(third.preview!.counts.actions).toMatchObject({ update: 0, unchanged: 2, conflict: 1 });
      const resolved = await commit(board, third.id, { R3: 'file' });
      expect(resolved.counts).toMatchObject({ updated: 1, conflicts: 0 });
      const r3After = await t.dataSource.query("SELECT title FROM action WHERE plan_id = $1 AND reference = 'R3'", [plan.id]);
      expect(r3After[0].title).toBe('Publish the revised policy');

      // Keeping the system's value quietens the row for the next import of the same file.
      const r3Now = (await t.dataSource.query('SELECT version FROM action WHERE id = $1', [r3.id]))[0];
      await t.http().patch(`/api/v1/actions/${r3.id}`).set(bearer(board)).send({ title: 'Publish it (system again)', version: r3Now.version }).expect(200);
      const fourth = await previewed(board, plan.id, csv(line('R1', 'Audit case files'), line('R2', 'Train every team', '30/06/2027'), line('R3', 'Publish the policy v3')), 'tracker.csv');
      expect(fourth.preview!.counts.actions.conflict).toBe(1);
      await commit(board, fourth.id, { R3: 'system' });
      const fifth = await previewed(board, plan.id, csv(line('R1', 'Audit case files'), line('R2', 'Train every team', '30/06/2027'), line('R3', 'Publish the policy v3')), 'tracker.csv');
      expect(fifth.preview!.counts.actions).toMatchObject({ unchanged: 3, conflict: 0 });
    });

    it('updates a row imported as not started (or with no status) when only the file changed it, and the audit chain still verifies', async () => {
      const plan = await t.createPlan(org);
      await t.addMember(org, plan.id, board, 'board');
      const first = await previewed(board, plan.id, csv(line('N1', 'Start the review', '31/03/2027', 'Not started'), line('N2', 'Map the pathways', '31/03/2027', '')), 'tracker.csv');
      expect((await commit(board, first.id)).counts).toMatchObject({ created: 2 });

      const edited = csv(line('N1', 'Start the full review', '31/03/2027', 'Not started'), line('N2', 'Map every pathway', '31/03/2027', ''));
      const run = await previewed(board, plan.id, edited, 'tracker.csv');
      expect(run.preview!.counts.actions).toEqual({ create: 0, update: 2, unchanged: 0, conflict: 0, skipped: 0 });
      const done = await commit(board, run.id);
      expect(done.counts).toMatchObject({ updated: 2, conflicts: 0 });
      expect(done.auditEvents).toBe(2);

      // Every event the commits appended in one statement sits in one valid chain.
      const events = await count('SELECT count(*) AS n FROM audit_event WHERE organisation_id = $1', [org.id]);
      const verified = await t.http().get('/api/v1/audit-events/verify').set(bearer(org.admin)).expect(200);
      expect(verified.body).toMatchObject({ valid: true, eventsVerified: events, firstBreak: null });
    });
  });

  it("holds the plan's actions locked while it compares and writes, so an edit made meanwhile waits and is never overwritten unseen", async () => {
    const plan = await t.createPlan(org);
    await t.addMember(org, plan.id, board, 'board');
    const csv = Buffer.from(['Ref,Action,Lead officer,Target date,Status', `K1,Audit the case files,${board.email},31/03/2027,On track`, ''].join('\r\n'), 'utf8');
    expect((await commit(board, (await previewed(board, plan.id, csv, 'tracker.csv')).id)).counts).toMatchObject({ created: 1 });
    const edited = Buffer.from(['Ref,Action,Lead officer,Target date,Status', `K1,Audit every case file,${board.email},31/03/2027,On track`, ''].join('\r\n'), 'utf8');
    const run = await previewed(board, plan.id, edited, 'tracker.csv');
    // The commit's read of the plan: at that moment another session tries to lock an action of the plan.
    // The commit job's own repository (the worker's maintenance module has another instance).
    const repository = t.worker!.select(ImportsWorkerModule).get(ImportsRepository, { strict: true });
    const snapshot = repository.snapshot.bind(repository);
    let lockedMeanwhile: string | null = null;
    const spy = jest.spyOn(repository, 'snapshot').mockImplementationOnce(async (...args) => {
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query(`SELECT id FROM action WHERE plan_id = $1 FOR UPDATE NOWAIT`, [plan.id]);
        lockedMeanwhile = 'free';
      } catch (err) {
        lockedMeanwhile = (err as { code?: string }).code ?? 'error';
      } finally {
        await runner.rollbackTransaction().catch(() => undefined);
        await runner.release();
      }
      return snapshot(...args);
    });
    try {
      expect((await commit(board, run.id)).counts).toMatchObject({ updated: 1 });
    } finally {
      spy.mockRestore();
    }
    expect(lockedMeanwhile).toBe('55P03'); // lock_not_available: the commit holds them
  });

  it('reopens a done action whose owner has since left the plan with the importer as its owner, as a new action left unassigned is held', async () => {
    const plan = await t.createPlan(org);
    await t.addMember(org, plan.id, board, 'board');
    const leaver = await t.createUser(org, 'owner', { planId: plan.id });
    const file = (status: string, lead: string) => Buffer.from(['Ref,Action,Lead officer,Target date,Status', `L1,Audit the case files,${lead},31/03/2027,${status}`, ''].join('\r\n'), 'utf8');
    const ownerOf = async () => (await t.dataSource.query(`SELECT owner_id AS "ownerId", status FROM action WHERE plan_id = $1 AND reference = 'L1'`, [plan.id]))[0];
    const first = await previewed(board, plan.id, file('Complete', leaver.email), 'tracker.csv');
    expect((await commit(board, first.id)).counts).toMatchObject({ created: 1 });
    expect(await ownerOf()).toEqual({ ownerId: leaver.id, status: 'complete' });
    // Nothing of theirs is open, so they may leave the plan.
    await t.http().delete(`/api/v1/plans/${plan.id}/members/${leaver.id}`).set(bearer(org.admin)).expect(204);

    const reopened = await previewed(board, plan.id, file('In progress', ''), 'tracker.csv');
    expect(reopened.preview!.counts.actions).toMatchObject({ update: 1 });
    await commit(board, reopened.id);
    expect(await ownerOf()).toEqual({ ownerId: board.id, status: 'in_progress' });
  });

  describe('hostile files write nothing', () => {
    let plan: { id: string };
    beforeAll(async () => {
      plan = await t.createPlan(org);
      await t.addMember(org, plan.id, board, 'board');
    });

    it('a zip bomb fails its preview job with a clear code', async () => {
      const bomb = buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: await deflatedZeros(20 * 1024 * 1024) }]);
      const res = await upload(board, plan.id, bomb, 'plan.xlsx');
      expect(res.status).toBe(202);
      const run = await waitFor(board, res.body.id, ['failed']);
      expect(run.error!.code).toBe('archive_compression_ratio');
      expect(run.error!.message).toMatch(/\w/);
      await t.http().post(`/api/v1/imports/${run.id}/commit`).set(bearer(board)).send({}).expect(409);
      expect(await actionCount(plan.id)).toBe(0);
    });

    it('a 100 MB CSV is refused with 413 while it streams', async () => {
      const chunk = Buffer.from('Ref,Action,Target date\r\n' + 'A1,Do the thing,31/03/2027\r\n'.repeat(40_000));
      let sent = 0;
      const body = new Readable({
        read() {
          if (sent >= 100 * 1024 * 1024) return this.push(null);
          sent += chunk.length;
          this.push(chunk);
        },
      });
      const res = await t.http().post(inPlan(plan.id, 'imports')).set(bearer(board)).attach('file', body as unknown as Buffer, 'huge.csv');
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('file_too_large');
      expect(await count('SELECT count(*) AS n FROM import_run WHERE plan_id = $1 AND file_name = $2', [plan.id, 'huge.csv'])).toBe(0);
    });

    it('a PDF or an old .xls is refused at once (415)', async () => {
      const pdf = await upload(board, plan.id, Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'plan.csv');
      expect(pdf.status).toBe(415);
      expect(pdf.body.code).toBe('unsupported_file_type');
      const xls = await upload(board, plan.id, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]), 'plan.xls');
      expect(xls.status).toBe(415);
      expect(xls.body.code).toBe('legacy_excel_file');
    });

    it('formula cells are kept as plain text, reported, and never written as formulas', async () => {
      const csv = Buffer.from('Ref,Action,Target date\r\nF1,"=HYPERLINK(""http://evil.example/x"",""Click"")",31/03/2027\r\nF2,@SUM(A1:A2),31/03/2027\r\n');
      const run = await previewed(board, plan.id, csv, 'formulas.csv');
      expect(run.preview!.issues.filter((i) => i.code === 'formula_like_text').length).toBeGreaterThan(0);
      await commit(board, run.id);
      const titles = await t.dataSource.query("SELECT title FROM action WHERE plan_id = $1 AND reference IN ('F1','F2') ORDER BY reference", [plan.id]);
      expect(titles.map((r: { title: string }) => r.title)).toEqual(['=HYPERLINK("http://evil.example/x","Click")', '@SUM(A1:A2)']);
    });
  });

  describe('who may import', () => {
    let runId: string;
    beforeAll(async () => {
      const csv = Buffer.from('Ref,Action,Target date\r\nP1,Do it,31/03/2027\r\n');
      runId = (await previewed(board, org.planId, csv, 'p.csv')).id;
    });

    it('owners get 403, scrutiny members and other organisations 404', async () => {
      const csv = Buffer.from('Ref,Action,Target date\r\nP1,Do it,31/03/2027\r\n');
      expect((await upload(owner, org.planId, csv, 'p.csv')).status).toBe(403);
      expect((await upload(scrutiny, org.planId, csv, 'p.csv')).status).toBe(404);
      await t.http().get(`/api/v1/imports/${runId}`).set(bearer(owner)).expect(403);
      await t.http().get(`/api/v1/imports/${runId}`).set(bearer(scrutiny)).expect(404);
      await t.http().get(`/api/v1/imports/${runId}/file`).set(bearer(owner)).expect(403);
      const other = await t.createOrganisation();
      await t.http().get(`/api/v1/imports/${runId}`).set(bearer(other.admin)).expect(404);
      await t.http().post(`/api/v1/imports/${runId}/commit`).set(bearer(other.admin)).send({}).expect(404);
      expect((await upload(other.admin, org.planId, csv, 'p.csv')).status).toBe(404);
      // The admin of the organisation may.
      await t.http().get(`/api/v1/imports/${runId}`).set(bearer(org.admin)).expect(200);
    });

    it('a bad mapping is a 400 naming the field', async () => {
      const res = await t.http().put(`/api/v1/imports/${runId}/mapping`).set(bearer(board)).send({ columns: { C: 'colour' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_mapping');
      expect(res.body.message).toContain('mapping.columns.C');
      // An owner matched to someone who may not own actions in the plan (a scrutiny member) is refused too.
      const notMember = await t.http().put(`/api/v1/imports/${runId}/mapping`).set(bearer(board)).send({ ownerMatches: { 'Jo Bloggs': scrutiny.id } });
      expect(notMember.status).toBe(400);
      expect(notMember.body.code).toBe('invalid_mapping');
      expect(notMember.body.message).toContain('mapping.ownerMatches.Jo Bloggs');
    });
  });
});
