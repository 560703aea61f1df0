import { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACK_JOBS, QUEUES } from '../src/queue/queues';
import { RagComputeService } from '../src/rag/compute/rag-compute.service';
import { bullConnection } from '../src/redis/redis.module';
import { seedAction, seedPlanBasics, type ActionFixtureInput, type PlanFixture } from './support/plan-fixtures';
import { binaryParser, docxAllXml, docxParagraphs, pdfInfo, pdfStructText, pdfText, POPPLER, POPPLER_SKIP_NOTE, readWorkbook, sheetRows, workbookText } from './support/packs-readers';
import { insertEvidence } from './support/rag-fixtures';
import { waitForJob as waitForJobOf, waitForPack as waitForPackOf } from './support/wait-for';
import { bearer, TestApp, type TestOrganisation, type TestUser, inPlan } from './support/test-app';

/**
 * Progress packs end to end: the API queues a job, the in-process worker builds the pack from the
 * database on real PostgreSQL and Redis, and the files are read back with real readers (poppler,
 * exceljs, the DOCX XML) and compared with the dashboard for the same date.
 *
 * The plan (clock 2026-11-23, London), as in the dashboard test:
 *   workstream A (finding FA under a Section 50 notice)
 *     A1 blocked, owner Priya Raman                      red
 *     A2 a milestone 10 days overdue, owner Marcus Bell   amber
 *     A3 milestones ahead, owner Priya Raman              green
 *   workstream B (finding FB)
 *     B1 complete, milestone done, evidence accepted      blue
 *     B2 not started, starts 2027                         grey
 *     B3 on track, evidence waiting                       green
 */
type Counts = Record<'red' | 'amber' | 'green' | 'blue' | 'grey', number>;
type PackBody = {
  id: string;
  state: string;
  progress: number;
  contentHash: string | null;
  failureReason: string | null;
  jobId: string;
  title: string;
  requestedById: string | null;
  publishedAt: string | null;
  publishedById: string | null;
  files: { format: string; contentType: string; sizeBytes: number; sha256: string; url: string }[];
};

const TODAY = '2026-11-23';
const PREVIOUS = '2026-10-26';
const OWNER_NAMES = ['Priya Raman', 'Marcus Bell'];
const BOARD_NAME = 'Helen Carter';
const ORDER = ['red', 'amber', 'green', 'blue', 'grey'] as const;
const LABEL = { red: 'Red', amber: 'Amber', green: 'Green', blue: 'Blue', grey: 'Grey' } as const;

/** "1 red, 1 amber, 2 green, 1 blue and 1 grey": how the packs write counts (colours with none left out). */
function countsInWords(counts: Counts): string {
  const parts = ORDER.filter((c) => counts[c] > 0).map((c) => `${counts[c]} ${c}`);
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

describe('progress packs', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let other: TestOrganisation;
  let board: TestUser;
  let priya: TestUser;
  let marcus: TestUser;
  let scrutiny: TestUser;
  const ids: Record<string, string> = {};

  const http = () => t.http();
  const waitForJob = (user: TestUser, jobId: string) => waitForJobOf(t, user, jobId);
  const waitForPack = (id: string, user: TestUser = board) => waitForPackOf<PackBody>(t, user, id);

  async function recompute(asOf: string): Promise<void> {
    const res = await http().post(inPlan(board.planId, 'rag/recompute')).set(bearer(board)).send({ asOf }).expect(202);
    await waitForJob(board, res.body.jobId);
  }

  async function requestPack(body: Record<string, unknown>, user: TestUser = board): Promise<string> {
    const res = await http().post(inPlan(user.planId, 'packs')).set(bearer(user)).send(body).expect(202);
    return res.body.id as string;
  }

  async function download(id: string, format: string, user: TestUser = board) {
    const res = await http().get(`/api/v1/packs/${id}/files/${format}`).set(bearer(user)).buffer(true).parse(binaryParser);
    return { res, body: res.body as Buffer };
  }

  async function dashboardCounts(asOf: string): Promise<Counts> {
    const res = await http().get(inPlan(board.planId, `dashboard?asOf=${asOf}`)).set(bearer(board)).expect(200);
    expect(res.body.coloursAvailable).toBe(true);
    return res.body.overall.counts as Counts;
  }

  beforeAll(async () => {
    t = await TestApp.start({ worker: true, now: `${TODAY}T10:00:00Z` });
    org = await t.createOrganisation('Wirral Council');
    other = await t.createOrganisation('Halton Council');
    board = await t.createUser(org, 'board', { name: BOARD_NAME, jobTitle: 'Director of Adult Social Services' });
    priya = await t.createUser(org, 'owner', { name: OWNER_NAMES[0], jobTitle: 'Head of Safeguarding Adults' });
    marcus = await t.createUser(org, 'owner', { name: OWNER_NAMES[1], partnerAgency: 'Merseyside Police' });
    scrutiny = await t.createUser(org, 'scrutiny', { name: 'Councillor Jane Ward' });

    const ds = t.dataSource;
    const planA: PlanFixture = await seedPlanBasics(ds, org.id);
    const planB: PlanFixture = await seedPlanBasics(ds, org.id);
    const [{ id: noticeId }] = await ds.query(
      `INSERT INTO notice (plan_id, organisation_id, kind, title, inspection_id, issued_on, deadline, version)
       VALUES ((SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id LIMIT 1), $1, 'section_50', 'Section 50 notice: adult safeguarding', $2, '2025-07-01', '2026-12-31', 1) RETURNING id`,
      [org.id, planA.inspectionId],
    );
    await ds.query(`UPDATE finding SET notice_id = $1 WHERE id = $2`, [noticeId, planA.findingId]);

    const seed = async (key: string, plan: PlanFixture, owner: TestUser, input: Omit<ActionFixtureInput, 'ownerId'>, narrative?: string) => {
      const a = await seedAction(ds, org.id, plan, { ownerId: owner.id, reference: key.toUpperCase(), title: `Action ${key}`, ...input });
      if (narrative) {
        await ds.query(
          `INSERT INTO progress_update (organisation_id, action_id, author_id, update_date, narrative, status_at_time, progress_percent_at_time)
           VALUES ($1, $2, $3, '2026-11-20', $4, 'in_progress', 40)`,
          [org.id, a.id, owner.id, narrative],
        );
      }
      ids[key] = a.id;
    };
    await seed('a1', planA, priya, { status: 'blocked' }, `${OWNER_NAMES[0]} met the safeguarding partnership; the audit is booked.`);
    await seed('a2', planA, marcus, { milestones: [{ title: 'Audit complete', dueDate: '2026-11-13' }] }, `Audit started with the police; ${BOARD_NAME} has seen the plan.`);
    await seed('a3', planA, priya, { milestones: [{ title: 'Training plan', dueDate: '2026-12-01' }] }, 'Training plan drafted; DI Quayle and Olusegun reviewed it.');
    await seed('b1', planB, marcus, { status: 'complete', milestones: [{ title: 'Policy published', dueDate: '2026-10-01', completedOn: '2026-09-28' }] }, 'Policy published.');
    await insertEvidence(ds, { organisationId: org.id, actionId: ids.b1, uploadedById: marcus.id, uploadedAt: '2026-10-01T09:00:00Z', state: 'accepted', title: 'Published policy' });
    await ds.query(`UPDATE evidence SET reviewed_at = '2026-10-02T09:00:00Z', reviewed_by_id = $1 WHERE action_id = $2`, [board.id, ids.b1]);
    await seed('b2', planB, priya, { status: 'not_started', startDate: '2027-02-01', dueDate: '2027-06-30' });
    await seed('b3', planB, marcus, {}, 'On track.');
    await insertEvidence(ds, { organisationId: org.id, actionId: ids.b3, uploadedById: marcus.id, uploadedAt: '2026-11-14T15:30:00Z', title: 'Audit report' });

    // A month ago and today, as the nightly runs would have left them.
    await recompute(PREVIOUS);
    await recompute(TODAY);
  });

  afterAll(() => t?.close());

  describe('a board pack and a scrutiny pack for today', () => {
    let boardPack: PackBody;
    let scrutinyPack: PackBody;
    let counts: Counts;
    const files: Record<'board' | 'scrutiny', Record<string, Buffer>> = { board: {}, scrutiny: {} };

    beforeAll(async () => {
      const accepted = await http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send({ audience: 'board', asOf: TODAY }).expect(202);
      expect(accepted.body).toEqual({
        id: expect.any(String),
        state: 'queued',
        jobId: `pack-${accepted.body.id}`,
        statusUrl: `/api/v1/packs/${accepted.body.id}`,
        jobStatusUrl: `/api/v1/jobs/pack-${accepted.body.id}`,
      });
      const scrutinyId = await requestPack({ audience: 'scrutiny', asOf: TODAY });
      [boardPack, scrutinyPack] = await Promise.all([waitForPack(accepted.body.id), waitForPack(scrutinyId)]);
      counts = await dashboardCounts(TODAY);
      for (const [audience, pack] of [['board', boardPack], ['scrutiny', scrutinyPack]] as const) {
        for (const format of ['pdf', 'docx', 'xlsx', 'json']) {
          const { res, body } = await download(pack.id, format);
          expect(res.status).toBe(200);
          files[audience][format] = body;
        }
      }
    });

    it('is ready with progress 100, a content hash and one file per format', () => {
      expect(counts).toEqual({ red: 1, amber: 1, green: 2, blue: 1, grey: 1 });
      for (const pack of [boardPack, scrutinyPack]) {
        expect(pack).toMatchObject({ state: 'ready', progress: 100, failureReason: null, jobId: `pack-${pack.id}`, publishedAt: null });
        expect(pack.contentHash).toMatch(/^[0-9a-f]{64}$/);
        expect(pack.files.map((f) => f.format)).toEqual(['pdf', 'docx', 'xlsx', 'json']);
        for (const f of pack.files) expect(f.url).toBe(`/api/v1/packs/${pack.id}/files/${f.format}`);
      }
      expect(boardPack.contentHash).not.toBe(scrutinyPack.contentHash);
    });

    it('downloads each file as an attachment with its type, length and digest', async () => {
      const { res, body } = await download(boardPack.id, 'pdf');
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${org.slug}-improvement-plan-board-pack-${TODAY}.pdf"`);
      expect(Number(res.headers['content-length'])).toBe(body.length);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      for (const f of boardPack.files) {
        const file = files.board[f.format];
        expect(file.length).toBe(f.sizeBytes);
        expect(createHash('sha256').update(file).digest('hex')).toBe(f.sha256);
      }
      const xlsx = await download(scrutinyPack.id, 'xlsx');
      expect(xlsx.res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.res.headers['content-disposition']).toBe(`attachment; filename="${org.slug}-improvement-plan-scrutiny-pack-${TODAY}.xlsx"`);
      const docx = await download(scrutinyPack.id, 'docx');
      expect(docx.res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    });

    it('has the dashboard\'s colour counts in the JSON of both packs', () => {
      for (const audience of ['board', 'scrutiny'] as const) {
        const model = JSON.parse(files[audience].json.toString('utf8'));
        const now = Object.fromEntries(model.headline.counts.map((c: { colour: string; now: number }) => [c.colour, c.now]));
        expect(now).toEqual(counts);
        expect(model.headline.total).toBe(6);
        expect(model.meta).toMatchObject({ asOf: TODAY, organisationName: 'Wirral Council', planTitle: 'Wirral Council improvement plan', previousAsOf: PREVIOUS });
      }
    });

    it('has the dashboard\'s colour counts on the XLSX summary sheet, and one tracker row per action', async () => {
      for (const audience of ['board', 'scrutiny'] as const) {
        const wb = await readWorkbook(files[audience].xlsx);
        const summary = wb.getWorksheet('Summary');
        if (!summary) throw new Error(`no Summary sheet in the ${audience} workbook`);
        const rows = sheetRows(summary);
        for (const colour of ORDER) {
          const row = rows.find((r) => r[0] === LABEL[colour]);
          expect([audience, colour, row?.[1]]).toEqual([audience, colour, counts[colour]]);
        }
        const tracker = wb.getWorksheet('Tracker');
        if (!tracker) throw new Error(`no Tracker sheet in the ${audience} workbook`);
        const refs = sheetRows(tracker).slice(1).map((r) => r[0]);
        expect([...refs].sort()).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3']);
      }
    });

    it('says the dashboard\'s counts in a DOCX paragraph', async () => {
      const sentence = `the plan has 6 actions: ${countsInWords(counts)}`;
      for (const audience of ['board', 'scrutiny'] as const) {
        const paragraphs = await docxParagraphs(files[audience].docx);
        expect([audience, paragraphs.some((p) => p.includes(sentence))]).toEqual([audience, true]);
      }
    });

    describe(`read with poppler${POPPLER_SKIP_NOTE}`, () => {
      (POPPLER ? it : it.skip)('says the dashboard\'s counts in the PDF text, and the PDF is tagged with headings and table headers', () => {
        const sentence = `the plan has 6 actions: ${countsInWords(counts)}`;
        for (const audience of ['board', 'scrutiny'] as const) {
          const pdf = files[audience].pdf;
          expect([audience, pdfText(pdf)]).toEqual([audience, expect.stringContaining(sentence)]);
          const info = pdfInfo(pdf);
          expect(info.Tagged).toBe('yes');
          expect(info.Title).toBeTruthy();
          const structure = pdfStructText(pdf);
          expect(structure).toMatch(/\bH1\b/);
          expect(structure).toMatch(/\bTH\b/);
        }
      });

      (POPPLER ? it : it.skip)('names owners in the board PDF and nobody in the scrutiny PDF', () => {
        const boardText = pdfText(files.board.pdf);
        expect(boardText).toContain(OWNER_NAMES[0]);
        const scrutinyText = pdfText(files.scrutiny.pdf);
        for (const name of [...OWNER_NAMES, BOARD_NAME]) expect([name, scrutinyText.includes(name)]).toEqual([name, false]);
        expect(scrutinyText).toContain('Head of Safeguarding Adults');
      });
    });

    it('names owners (and people named in updates) in the board DOCX, XLSX and JSON', async () => {
      const wb = await readWorkbook(files.board.xlsx);
      const docx = (await docxParagraphs(files.board.docx)).join('\n');
      const json = files.board.json.toString('utf8');
      expect(json).toContain(`${BOARD_NAME} has seen the plan`);
      for (const name of OWNER_NAMES) {
        expect(workbookText(wb)).toContain(name);
        expect(docx).toContain(name);
        expect(json).toContain(name);
      }
    });

    it('names nobody in the scrutiny DOCX, XLSX or JSON: owners appear by role, and a name in an update is replaced by the role', async () => {
      const texts = {
        docx: await docxAllXml(files.scrutiny.docx),
        xlsx: workbookText(await readWorkbook(files.scrutiny.xlsx)),
        json: files.scrutiny.json.toString('utf8'),
      };
      for (const [format, text] of Object.entries(texts)) {
        for (const name of [...OWNER_NAMES, BOARD_NAME, 'Councillor Jane Ward']) expect([format, name, text.includes(name)]).toEqual([format, name, false]);
        expect([format, text.includes('Head of Safeguarding Adults')]).toEqual([format, true]);
      }
      expect(texts.json).toContain('The Head of Safeguarding Adults met the safeguarding partnership');
      // A board member named in an owner's update (not an owner of any action) is replaced too.
      expect(texts.json).toContain('the Director of Adult Social Services has seen the plan');
      // "Report of" is the requester's role, never their name.
      expect(JSON.parse(texts.json).meta.reportOfRole).toBe('Director of Adult Social Services');
    });

    it('gives the same content hash when the same pack is generated again with no data change', async () => {
      const again = await waitForPack(await requestPack({ audience: 'board', asOf: TODAY }));
      expect(again.id).not.toBe(boardPack.id);
      expect(again.contentHash).toBe(boardPack.contentHash);
      // The files differ only in the printed generation time (the new pack's request time).
      const first = JSON.parse(files.board.json.toString('utf8'));
      const second = JSON.parse((await download(again.id, 'json')).body.toString('utf8'));
      expect(second.meta.generatedAt).not.toBe(first.meta.generatedAt);
      expect(second.tracker).toEqual(first.tracker);
      expect(second.headline).toEqual(first.headline);
    });

    it('shows the job in GET /jobs/:id', async () => {
      const res = await http().get(`/api/v1/jobs/pack-${boardPack.id}`).set(bearer(board)).expect(200);
      expect(res.body).toMatchObject({ id: `pack-${boardPack.id}`, queue: 'packs', name: 'generate', state: 'completed', progress: 100 });
      expect(res.body.returnValue).toMatchObject({ outcome: 'generated', contentHash: boardPack.contentHash, actions: 6 });
      await http().get(`/api/v1/jobs/pack-${boardPack.id}`).set(bearer(other.admin)).expect(404);
    });

    describe('publishing and scrutiny access', () => {
      it('shows scrutiny members nothing before publication', async () => {
        const list = await http().get(inPlan(scrutiny.planId, 'packs')).set(bearer(scrutiny)).expect(200);
        expect(list.body).toMatchObject({ items: [], total: 0 });
        await http().get(`/api/v1/packs/${scrutinyPack.id}`).set(bearer(scrutiny)).expect(404);
        expect((await download(scrutinyPack.id, 'pdf', scrutiny)).res.status).toBe(404);
        await http().get(`/api/v1/packs/${boardPack.id}`).set(bearer(scrutiny)).expect(404);
      });

      it('refuses to publish a board pack (409), and lets neither scrutiny members nor owners publish (403)', async () => {
        const res = await http().post(`/api/v1/packs/${boardPack.id}/publish`).set(bearer(board)).expect(409);
        expect(res.body.error).toBeDefined();
        expect(res.body.message).toMatch(/scrutiny/i);
        await http().post(`/api/v1/packs/${scrutinyPack.id}/publish`).set(bearer(scrutiny)).expect(403);
        await http().post(`/api/v1/packs/${scrutinyPack.id}/publish`).set(bearer(priya)).expect(403);
        await http().post(`/api/v1/packs/${scrutinyPack.id}/publish`).set(bearer(other.admin)).expect(404);
      });

      it('shows board members the publication check: every replacement and every suspect, by field and action', async () => {
        const res = await http().get(`/api/v1/packs/${scrutinyPack.id}/publication-check`).set(bearer(board)).expect(200);
        expect(res.body).toMatchObject({ packId: scrutinyPack.id, acknowledgementRequired: true });
        expect(res.body.fieldsChecked).toBeGreaterThan(6);
        expect(res.body.replacements).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ field: 'latest update', actionReference: 'A1', kind: 'name', before: OWNER_NAMES[0], after: 'The Head of Safeguarding Adults' }),
            expect.objectContaining({ field: 'latest update', actionReference: 'A3', kind: 'name', before: 'DI Quayle', after: '[name removed]' }),
          ]),
        );
        expect(res.body.suspects).toEqual([expect.objectContaining({ field: 'latest update', actionReference: 'A3', word: 'Olusegun', reason: 'not_in_dictionary' })]);
        // The check holds the names removed: not for scrutiny members or owners; a board pack has none.
        await http().get(`/api/v1/packs/${scrutinyPack.id}/publication-check`).set(bearer(scrutiny)).expect(403);
        await http().get(`/api/v1/packs/${scrutinyPack.id}/publication-check`).set(bearer(other.admin)).expect(404);
        expect((await http().get(`/api/v1/packs/${boardPack.id}/publication-check`).set(bearer(board)).expect(409)).body.code).toBe('not_a_scrutiny_pack');
        const pdf = pdfText(files.scrutiny.pdf);
        for (const word of ['Quayle', 'Olusegun']) expect([word, pdf.includes(word)]).toEqual([word, word === 'Olusegun']);
      });

      it('refuses to publish with suspects left unless they are acknowledged (409 naming the count)', async () => {
        const res = await http().post(`/api/v1/packs/${scrutinyPack.id}/publish`).set(bearer(board)).expect(409);
        expect(res.body).toMatchObject({ code: 'publication_suspects_not_acknowledged', details: { suspects: 1 } });
        expect(res.body.message).toMatch(/1 possible name/);
        await http().post(`/api/v1/packs/${scrutinyPack.id}/publish`).set(bearer(board)).send({ acknowledgeSuspects: 'yes' }).expect(400);
        await http().post(`/api/v1/packs/${scrutinyPack.id}/publish`).set(bearer(board)).send({ acknowledgeSuspects: false }).expect(409);
      });

      it('publishes a ready scrutiny pack once, with an audit event', async () => {
        const res = await http().post(`/api/v1/packs/${scrutinyPack.id}/publish`).set(bearer(board)).send({ acknowledgeSuspects: true }).expect(200);
        expect(res.body).toMatchObject({ id: scrutinyPack.id, state: 'ready', publishedAt: `${TODAY}T10:00:00.000Z`, publishedById: board.id, contentHash: scrutinyPack.contentHash });
        const again = await http().post(`/api/v1/packs/${scrutinyPack.id}/publish`).set(bearer(org.admin)).expect(409);
        expect(again.body.message).toMatch(/already published/);
        const audit = await t.dataSource.query(`SELECT action, actor_id AS "actorId" FROM audit_event WHERE entity_type = 'pack' AND entity_id = $1 ORDER BY occurred_at, id`, [scrutinyPack.id]);
        expect(audit).toEqual([
          { action: 'create', actorId: board.id },
          { action: 'publish', actorId: board.id },
        ]);
        // The acknowledgement is audited with the suspects acknowledged.
        const [publish] = await t.dataSource.query(`SELECT changes FROM audit_event WHERE entity_type = 'pack' AND entity_id = $1 AND action = 'publish'`, [scrutinyPack.id]);
        expect(publish.changes.publicationCheck.after).toEqual({
          suspectsAcknowledged: true,
          replacements: expect.any(Number),
          suspects: [{ word: 'Olusegun', field: 'latest update', actionReference: 'A3', reason: 'not_in_dictionary' }],
        });
      });

      it('then shows scrutiny members the published scrutiny pack, and only that', async () => {
        const list = await http().get(inPlan(scrutiny.planId, 'packs')).set(bearer(scrutiny)).expect(200);
        expect(list.body.total).toBe(1);
        expect(list.body.items.map((p: PackBody) => p.id)).toEqual([scrutinyPack.id]);
        expect(list.body.items[0]).toMatchObject({ requestedById: null, publishedById: null });
        expect((await http().get(inPlan(scrutiny.planId, 'packs?audience=board')).set(bearer(scrutiny)).expect(200)).body.total).toBe(0);
        await http().get(`/api/v1/packs/${scrutinyPack.id}`).set(bearer(scrutiny)).expect(200);
        const file = await download(scrutinyPack.id, 'pdf', scrutiny);
        expect(file.res.status).toBe(200);
        expect(file.body.equals(files.scrutiny.pdf)).toBe(true);
        await http().get(`/api/v1/packs/${boardPack.id}`).set(bearer(scrutiny)).expect(404);
        expect((await download(boardPack.id, 'pdf', scrutiny)).res.status).toBe(404);
        await http().post(inPlan(scrutiny.planId, 'packs')).set(bearer(scrutiny)).send({ audience: 'scrutiny', asOf: TODAY }).expect(403);
      });

      it('lists for the board with filters', async () => {
        const all = (await http().get(inPlan(board.planId, 'packs?pageSize=50')).set(bearer(board)).expect(200)).body;
        expect(all.total).toBeGreaterThanOrEqual(3);
        const published = (await http().get(inPlan(board.planId, 'packs?published=true')).set(bearer(board)).expect(200)).body;
        expect(published.items.map((p: PackBody) => p.id)).toEqual([scrutinyPack.id]);
        const boards = (await http().get(inPlan(board.planId, 'packs?audience=board&state=ready')).set(bearer(board)).expect(200)).body;
        expect(boards.items.every((p: { audience: string; state: string }) => p.audience === 'board' && p.state === 'ready')).toBe(true);
        expect(boards.items.map((p: PackBody) => p.id)).toContain(boardPack.id);
        const unpublished = (await http().get(inPlan(board.planId, 'packs?published=false&audience=scrutiny')).set(bearer(board)).expect(200)).body;
        expect(unpublished.total).toBe(0);
        const page = (await http().get(inPlan(board.planId, 'packs?pageSize=1&page=2')).set(bearer(board)).expect(200)).body;
        expect(page).toMatchObject({ page: 2, pageSize: 1, total: all.total });
        expect(page.items).toHaveLength(1);
      });
    });

    it('refuses owners everywhere in /packs (403) and hides packs from another organisation (404)', async () => {
      await http().get(inPlan(priya.planId, 'packs')).set(bearer(priya)).expect(403);
      await http().get(`/api/v1/packs/${boardPack.id}`).set(bearer(priya)).expect(403);
      expect((await download(boardPack.id, 'pdf', priya)).res.status).toBe(403);
      await http().post(inPlan(priya.planId, 'packs')).set(bearer(priya)).send({ audience: 'board', asOf: TODAY }).expect(403);

      await http().get(`/api/v1/packs/${boardPack.id}`).set(bearer(other.admin)).expect(404);
      expect((await download(boardPack.id, 'pdf', other.admin)).res.status).toBe(404);
      expect((await http().get(inPlan(other.admin.planId, 'packs')).set(bearer(other.admin)).expect(200)).body.total).toBe(0);
    });
  });

  describe('other reporting dates', () => {
    it('matches the dashboard for a past date from that date\'s snapshots', async () => {
      const id = await requestPack({ audience: 'board', asOf: PREVIOUS, formats: ['json', 'xlsx'], title: 'October board pack' });
      const pack = await waitForPack(id);
      expect(pack.files.map((f) => f.format)).toEqual(['xlsx', 'json']);
      const counts = await dashboardCounts(PREVIOUS);
      const model = JSON.parse((await download(id, 'json')).body.toString('utf8'));
      expect(Object.fromEntries(model.headline.counts.map((c: { colour: string; now: number }) => [c.colour, c.now]))).toEqual(counts);
      expect(model.meta.title).toBe('October board pack');
      expect((await download(id, 'pdf')).res.status).toBe(404);
    });

    it("keeps a scrutiny pack's title as its files print it: a name in it is screened in the list, the pack and the JSON alike", async () => {
      const pack = await waitForPack(await requestPack({ audience: 'scrutiny', asOf: TODAY, formats: ['json'], title: `Progress report checked by ${OWNER_NAMES[0]}` }));
      expect(pack.title).not.toContain(OWNER_NAMES[0]);
      const model = JSON.parse((await download(pack.id, 'json')).body.toString('utf8'));
      expect(pack.title).toBe(model.meta.title);
      const listed = (await http().get(inPlan(board.planId, 'packs')).set(bearer(board)).expect(200)).body.items as PackBody[];
      expect(listed.find((p) => p.id === pack.id)?.title).toBe(model.meta.title);
      // The check says what was replaced (for the board).
      const check = await http().get(`/api/v1/packs/${pack.id}/publication-check`).set(bearer(board)).expect(200);
      expect(check.body.replacements).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'pack title', before: OWNER_NAMES[0] })]));
    });

    it('computes the snapshots of a date nobody recomputed before building the pack', async () => {
      const asOf = '2026-11-02';
      expect((await http().get(inPlan(board.planId, `dashboard?asOf=${asOf}`)).set(bearer(board)).expect(200)).body.coloursAvailable).toBe(false);
      const pack = await waitForPack(await requestPack({ audience: 'scrutiny', asOf, formats: ['json'] }));
      const counts = await dashboardCounts(asOf);
      const model = JSON.parse((await download(pack.id, 'json')).body.toString('utf8'));
      expect(Object.fromEntries(model.headline.counts.map((c: { colour: string; now: number }) => [c.colour, c.now]))).toEqual(counts);
      expect(model.headline.total).toBe(6);
    });

    it("shows the plan's own trend, as the dashboard does, when a sister plan was recomputed on dates this plan was not", async () => {
      // The council's second plan, recomputed on eleven days between this plan's two reporting dates.
      const sister = await t.createPlan(org);
      const sisterBasics = await seedPlanBasics(t.dataSource, org.id, sister.id);
      await seedAction(t.dataSource, org.id, sisterBasics, { ownerId: priya.id, reference: 'S1' });
      for (let day = 3; day <= 13; day++) await t.app.get(RagComputeService).recomputePlan(org.id, sister.id, `2026-11-${String(day).padStart(2, '0')}`);

      const pack = await waitForPack(await requestPack({ audience: 'board', asOf: TODAY, formats: ['json'] }));
      const model = JSON.parse((await download(pack.id, 'json')).body.toString('utf8'));
      const chart = model.charts.find((c: { id: string }) => c.id === 'rag-trend') as { dates: string[]; series: { colour: string; values: number[] }[] };
      const trend = (await http().get(inPlan(board.planId, 'dashboard')).set(bearer(board)).expect(200)).body.trend as { asOf: string; counts: Counts }[];
      expect(trend.map((p) => p.asOf)).toEqual(expect.arrayContaining([PREVIOUS, TODAY]));
      expect(chart.dates).toEqual(trend.map((p) => p.asOf));
      for (const { colour, values } of chart.series) expect(values).toEqual(trend.map((p) => p.counts[colour as keyof Counts]));
    });
  });

  describe('requests that are refused', () => {
    it('names the field: asOf in the future or not a date, a bad audience, an unknown format, a blank title', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ audience: 'board', asOf: '2026-11-24' }, 'asOf'],
        [{ audience: 'board', asOf: '23/11/2026' }, 'asOf'],
        [{ audience: 'board' }, 'asOf'],
        [{ audience: 'public', asOf: TODAY }, 'audience'],
        [{ audience: 'board', asOf: TODAY, formats: ['pdf', 'html'] }, 'formats'],
        [{ audience: 'board', asOf: TODAY, formats: [] }, 'formats'],
        [{ audience: 'board', asOf: TODAY, title: '   ' }, 'title'],
        [{ audience: 'board', asOf: TODAY, colour: 'red' }, 'colour'],
      ];
      for (const [body, field] of cases) {
        const res = await http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send(body);
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      const badId = await http().get('/api/v1/packs/not-a-uuid').set(bearer(board)).expect(400);
      expect(badId.body.details[0].field).toBe('id');
    });

    it('names the format of a download that is not one of the four', async () => {
      const id = await requestPack({ audience: 'board', asOf: TODAY, formats: ['json'] });
      const res = await http().get(`/api/v1/packs/${id}/files/html`).set(bearer(board)).expect(400);
      expect(res.body.details[0].field).toBe('format');
      await waitForPack(id);
    });

    it('refuses to publish or download a pack that is not ready (409)', async () => {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO pack (plan_id, organisation_id, audience, as_of, title, formats, state, requested_by_id)
         VALUES ((SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id LIMIT 1), $1, 'scrutiny', $2, 'Waiting pack', '["pdf"]', 'generating', $3) RETURNING id`,
        [org.id, TODAY, board.id],
      );
      const publish = await http().post(`/api/v1/packs/${id}/publish`).set(bearer(board)).expect(409);
      expect(publish.body.message).toMatch(/ready/);
      expect((await download(id, 'pdf')).res.status).toBe(409);
      const shown = await http().get(`/api/v1/packs/${id}`).set(bearer(board)).expect(200);
      expect(shown.body).toMatchObject({ state: 'generating', files: [] });
    });
  });

  describe('a job that fails', () => {
    it('marks the pack failed with the reason after its last attempt, and the job shows it', async () => {
      // The other organisation's pack folder is a file: storing any of its packs fails.
      mkdirSync(join(t.config.DATA_DIR, 'evidence', 'packs'), { recursive: true });
      writeFileSync(join(t.config.DATA_DIR, 'evidence', 'packs', other.id), 'not a folder');
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO pack (plan_id, organisation_id, audience, as_of, title, formats, requested_by_id, job_id)
         VALUES ((SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id LIMIT 1), $1, 'board', $2, 'Doomed pack', '["json"]', $3, 'pack-' || gen_random_uuid()::text) RETURNING id`,
        [other.id, TODAY, other.admin.id],
      );
      // One attempt, so the test need not sit through the production backoff.
      const queue = new Queue(QUEUES.packs, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX });
      try {
        await queue.add(PACK_JOBS.generate, { organisationId: other.id, packId: id }, { jobId: `pack-${id}`, attempts: 1 });
      } finally {
        await queue.close();
      }
      const deadline = Date.now() + 60_000;
      let pack: PackBody;
      for (;;) {
        pack = (await http().get(`/api/v1/packs/${id}`).set(bearer(other.admin)).expect(200)).body;
        if (pack.state === 'failed' || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(pack).toMatchObject({ state: 'failed', files: [], contentHash: null });
      expect(pack.failureReason).toBe('The pack files could not be stored (storage failure); the worker log has the details.');
      const job = await http().get(`/api/v1/jobs/pack-${id}`).set(bearer(other.admin)).expect(200);
      expect(job.body).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: expect.any(String) });
      expect((await download(id, 'json', other.admin)).res.status).toBe(409);
    });
  });

  it('is documented in the OpenAPI contract', async () => {
    const doc = (await http().get('/api/docs-json').expect(200)).body;
    expect(doc.paths['/plans/{planId}/packs'].post.responses['202']).toBeDefined();
    for (const path of ['/plans/{planId}/packs', '/packs/{id}', '/packs/{id}/files/{format}', '/packs/{id}/publish', '/packs/{id}/publication-check']) expect(doc.paths[path]).toBeDefined();
    expect(Object.keys(doc.components.schemas.PackDto.properties)).toEqual(expect.arrayContaining(['state', 'progress', 'failureReason', 'contentHash', 'files', 'publishedAt']));
  });
});
