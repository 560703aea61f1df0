import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ActionEntity } from '../src/actions/entities/action.entity';
import { MilestoneEntity } from '../src/actions/entities/milestone.entity';
import { EvidenceEntity } from '../src/evidence/entities/evidence.entity';
import { EvidenceModule } from '../src/evidence/evidence.module';
import { MALWARE_SCANNER, MalwareScanner } from '../src/evidence/scanning/malware-scanner';
import { RagTriggerService } from '../src/rag/rag-trigger.service';
import { downloadEvidence, fakeExecutable, listFiles, makePdf, makeXlsx, multipartBody, sha256 } from './support/evidence-fixtures';
import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser } from './support/test-app';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CONTENT_KEY_FILE = /^evidence\/sha256\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

describe('evidence: upload, download, review, withdrawal (real PostgreSQL, local disk)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let orgB: TestOrganisation;
  let admin: TestUser;
  let board: TestUser;
  let board2: TestUser;
  let owner: TestUser;
  let owner2: TestUser;
  let scrutiny: TestUser;
  let ownerB: TestUser;
  let action: ActionEntity;
  let otherOwnersAction: ActionEntity;
  let orgBAction: ActionEntity;
  let milestone: MilestoneEntity;
  let otherMilestone: MilestoneEntity;

  /** Files under the test's DATA_DIR. */
  const files = () => listFiles(t.config.DATA_DIR);
  const rowCount = async () => t.dataSource.getRepository(EvidenceEntity).count();

  interface UploadOptions {
    fileName?: string;
    contentType?: string;
    fields?: Record<string, string>;
  }

  function upload(user: TestUser, actionId: string, data: Buffer, { fileName = 'evidence.pdf', contentType, fields = {} }: UploadOptions = {}) {
    const req = t.http().post(`/api/v1/actions/${actionId}/evidence`).set(bearer(user));
    for (const [name, value] of Object.entries({ title: 'Safeguarding audit', ...fields })) req.field(name, value);
    return req.attach('file', data, { filename: fileName, contentType: contentType ?? 'application/octet-stream' });
  }

  const download = (user: TestUser, id: string) => downloadEvidence(t, user, id);

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Warrington Borough Council');
    orgB = await t.createOrganisation('Wigan Council');
    admin = org.admin;
    board = await t.createUser(org, 'board');
    board2 = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner', { partnerAgency: 'Cheshire Police' });
    owner2 = await t.createUser(org, 'owner');
    scrutiny = await t.createUser(org, 'scrutiny');
    ownerB = await t.createUser(orgB, 'owner');
    const plan = await seedPlanBasics(t.dataSource, org.id);
    action = await seedAction(t.dataSource, org.id, plan, {
      ownerId: owner.id,
      milestones: [{ title: 'Audit 40 case files', dueDate: '2026-12-01' }],
    });
    otherOwnersAction = await seedAction(t.dataSource, org.id, plan, {
      ownerId: owner2.id,
      milestones: [{ title: 'Train the front door team', dueDate: '2026-12-15' }],
    });
    orgBAction = await seedAction(t.dataSource, orgB.id, await seedPlanBasics(t.dataSource, orgB.id), { ownerId: ownerB.id });
    const milestones = t.dataSource.getRepository(MilestoneEntity);
    milestone = await milestones.findOneByOrFail({ actionId: action.id });
    otherMilestone = await milestones.findOneByOrFail({ actionId: otherOwnersAction.id });
  });

  afterAll(() => t.close());

  describe('upload and download', () => {
    it('stores a real PDF uploaded by the owner and gives it back byte for byte, with safe headers', async () => {
      const pdf = await makePdf('Safeguarding audit: 40 case files, October 2026');
      const res = await upload(owner, action.id, pdf, {
        fileName: 'Q3 safeguarding audit.pdf',
        contentType: 'application/pdf',
        fields: { description: 'Audit against the new threshold guidance', milestoneId: milestone.id },
      }).expect(201);
      expect(res.body).toMatchObject({
        actionId: action.id,
        milestoneId: milestone.id,
        title: 'Safeguarding audit',
        description: 'Audit against the new threshold guidance',
        fileName: 'Q3 safeguarding audit.pdf',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: sha256(pdf),
        uploadedBy: { id: owner.id, name: expect.stringMatching(/^owner /) },
        uploadedAt: '2026-11-23T10:00:00.000Z',
        reviewState: 'submitted',
        reviewedBy: null,
        reviews: [],
        withdrawnAt: null,
        version: 1,
        contentUrl: `/api/v1/evidence/${res.body.id}/content`,
      });

      const got = await download(owner, res.body.id).expect(200);
      expect(sha256(got.body as Buffer)).toBe(sha256(pdf));
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(got.headers['content-disposition']).toBe(`attachment; filename="Q3 safeguarding audit.pdf"; filename*=UTF-8''Q3%20safeguarding%20audit.pdf`);
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers['content-length']).toBe(String(pdf.length));
      expect(got.headers.etag).toBe(`"${sha256(pdf)}"`);
      expect(got.headers['accept-ranges']).toBe('bytes');

      // Stored under its content key, never under the uploaded name.
      const digest = sha256(pdf);
      expect(existsSync(join(t.config.DATA_DIR, 'evidence', 'sha256', digest.slice(0, 2), digest.slice(2, 4), digest))).toBe(true);
    });

    it('stores a real .xlsx (typed from its zip entries) and gives it back byte for byte', async () => {
      const xlsx = await makeXlsx(200);
      const res = await upload(owner, action.id, xlsx, { fileName: 'case review.xlsx', fields: { title: 'Case review spreadsheet' } }).expect(201);
      expect(res.body).toMatchObject({ contentType: XLSX_MIME, sizeBytes: xlsx.length, sha256: sha256(xlsx), fileName: 'case review.xlsx' });
      const got = await download(board, res.body.id).expect(200);
      expect(sha256(got.body as Buffer)).toBe(sha256(xlsx));
      expect(got.headers['content-type']).toBe(XLSX_MIME);
    });

    it('lets board and admin upload to any action of their organisation', async () => {
      await upload(board, otherOwnersAction.id, await makePdf('board upload'), { fields: { title: 'Board minutes' } }).expect(201);
      await upload(admin, otherOwnersAction.id, await makePdf('admin upload'), { fields: { title: 'Terms of reference' } }).expect(201);
    });

    it('judges the type from the content: the declared type and the name decide nothing', async () => {
      const csv = Buffer.from('case,reviewed,outcome\nC-1,2026-10-01,Good\nC-2,2026-10-02,Good\n');
      const res = await upload(owner, action.id, csv, { fileName: 'figures.csv', contentType: 'application/pdf', fields: { title: 'Figures' } }).expect(201);
      expect(res.body.contentType).toBe('text/csv; charset=utf-8');
      const got = await download(owner, res.body.id).expect(200);
      expect(got.headers['content-type']).toBe('text/csv; charset=utf-8');
    });

    it('refuses a renamed executable (MZ bytes named report.pdf, declared application/pdf) with 415 listing what is allowed; nothing stays', async () => {
      const rowsBefore = await rowCount();
      const filesBefore = files();
      const res = await upload(owner, action.id, fakeExecutable(), { fileName: 'report.pdf', contentType: 'application/pdf' }).expect(415);
      expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
      expect(res.body.message).toMatch(/Allowed: PDF document, PNG image, JPEG image, Word document, Excel workbook, PowerPoint presentation/);
      expect(res.body.details.allowedTypes).toEqual(expect.arrayContaining([{ mime: 'application/pdf', extension: 'pdf', label: 'PDF document' }]));
      expect(typeof res.body.requestId).toBe('string');
      expect(await rowCount()).toBe(rowsBefore);
      expect(files()).toEqual(filesBefore);
    });

    it("downloads under a name ending in the sniffed type's extension (a PDF called .exe, or with no extension)", async () => {
      const pdf = await makePdf('misnamed');
      const misnamed = await upload(owner, action.id, pdf, { fileName: 'minutes.exe' }).expect(201);
      expect(misnamed.body.fileName).toBe('minutes.exe');
      const got = await download(owner, misnamed.body.id).expect(200);
      expect(got.headers['content-disposition']).toBe(`attachment; filename="minutes.exe.pdf"; filename*=UTF-8''minutes.exe.pdf`);
      const bare = await upload(owner, action.id, await makePdf('bare'), { fileName: 'minutes' }).expect(201);
      expect((await download(owner, bare.body.id).expect(200)).headers['content-disposition']).toContain(`filename*=UTF-8''minutes.pdf`);
    });

    it('cleans a path-traversal file name for display and stores the file under a server key only', async () => {
      const pdf = await makePdf('traversal attempt');
      const res = await upload(owner, action.id, pdf, { fileName: '../../etc/passwd.pdf' }).expect(201);
      expect(res.body.fileName).toBe('passwd.pdf');
      const got = await download(owner, res.body.id).expect(200);
      expect(got.headers['content-disposition']).toBe(`attachment; filename="passwd.pdf"; filename*=UTF-8''passwd.pdf`);
      const row = await t.dataSource.getRepository(EvidenceEntity).findOneByOrFail({ id: res.body.id });
      expect(row.storageKey).toBe(`sha256/${row.sha256.slice(0, 2)}/${row.sha256.slice(2, 4)}/${row.sha256}`);
      for (const f of files()) expect(f).toMatch(CONTENT_KEY_FILE);
    });

    it('cleans a right-to-left override out of a name, and keeps UTF-8 names', async () => {
      // (Raw control characters never get this far: a part header containing one is malformed, 400.)
      const pdf = await makePdf('bidi name');
      const res = await upload(owner, action.id, pdf, { fileName: 'invoice\u202Efdp.exe.pdf' }).expect(201);
      expect(res.body.fileName).toBe('invoicefdp.exe.pdf');
      const welsh = await upload(owner, action.id, await makePdf('welsh'), { fileName: 'Cynllun gwella – Café.pdf' }).expect(201);
      expect(welsh.body.fileName).toBe('Cynllun gwella – Café.pdf');
    });

    it('stores the same content once: two uploads, two rows, one object', async () => {
      const pdf = await makePdf('the same minutes, uploaded twice');
      const first = await upload(owner, action.id, pdf, { fields: { title: 'Minutes' } }).expect(201);
      const second = await upload(board, action.id, pdf, { fields: { title: 'Minutes again' } }).expect(201);
      expect(second.body.id).not.toBe(first.body.id);
      const digest = sha256(pdf);
      expect(await t.dataSource.getRepository(EvidenceEntity).countBy({ sha256: digest })).toBe(2);
      expect(files().filter((f) => f.endsWith(digest))).toHaveLength(1);
      expect(files().filter((f) => !CONTENT_KEY_FILE.test(f))).toEqual([]);
      expect(sha256((await download(board, second.body.id).expect(200)).body as Buffer)).toBe(digest);
    });

    it('stores the same content once when two uploads of it race', async () => {
      const pdf = await makePdf('uploaded by two people at the same moment');
      const results = await Promise.all([
        upload(owner, action.id, pdf, { fields: { title: 'Race A' } }),
        upload(board, action.id, pdf, { fields: { title: 'Race B' } }),
        upload(admin, action.id, pdf, { fields: { title: 'Race C' } }),
      ]);
      expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(files().filter((f) => f.endsWith(sha256(pdf)))).toHaveLength(1);
      expect(files().filter((f) => !CONTENT_KEY_FILE.test(f))).toEqual([]);
    });

    it('accepts the text fields after the file as well as before it', async () => {
      const pdf = await makePdf('fields after the file');
      const { body, contentType } = multipartBody([
        { name: 'file', file: { data: pdf, fileName: 'late-fields.pdf', contentType: 'application/pdf' } },
        { name: 'title', value: 'Fields sent last' },
        { name: 'milestoneId', value: milestone.id },
      ]);
      const res = await t.http().post(`/api/v1/actions/${action.id}/evidence`).set(bearer(owner)).set('Content-Type', contentType).send(body).expect(201);
      expect(res.body).toMatchObject({ title: 'Fields sent last', milestoneId: milestone.id, sha256: sha256(pdf) });
    });

    it('asks RAG to recompute the action after the upload commits', async () => {
      const spy = jest.spyOn(t.app.get(RagTriggerService), 'queueRecorded');
      try {
        await upload(owner, action.id, await makePdf('rag trigger')).expect(201);
        expect(spy).toHaveBeenCalledWith(expect.objectContaining({ organisationId: org.id, actionId: action.id }));
      } finally {
        spy.mockRestore();
      }
    });

    it('records the upload in the audit trail', async () => {
      const res = await upload(owner, action.id, await makePdf('audited upload'), { fields: { title: 'Audited' } }).expect(201);
      const audit = await t.http().get(`/api/v1/audit-events?entityType=evidence&entityId=${res.body.id}`).set(bearer(board)).expect(200);
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({ action: 'create', actorId: owner.id });
      expect(audit.body.items[0].changes.sha256.after).toBe(res.body.sha256);
    });
  });

  describe('refusals (400) leave nothing behind', () => {
    it.each<[string, Record<string, string>, RegExp]>([
      ['a missing title', { title: '' }, /title/],
      ['an unknown field', { colour: 'red' }, /colour/],
      ['a malformed milestone id', { milestoneId: 'not-a-uuid' }, /milestoneId/],
      ['an over-long title', { title: 'x'.repeat(301) }, /title/],
    ])('%s', async (_case, fields, field) => {
      const rowsBefore = await rowCount();
      const filesBefore = files();
      const res = await upload(owner, action.id, await makePdf(`refused ${_case}`), { fields }).expect(400);
      expect(res.body.message).toMatch(field);
      expect(await rowCount()).toBe(rowsBefore);
      expect(files()).toEqual(filesBefore);
    });

    it('a milestone of another action (400 naming milestoneId)', async () => {
      const filesBefore = files();
      const res = await upload(owner, action.id, await makePdf('wrong milestone'), { fields: { milestoneId: otherMilestone.id } }).expect(400);
      expect(res.body.details).toEqual([{ field: 'milestoneId', messages: ['must be a milestone of this action'] }]);
      expect(files()).toEqual(filesBefore);
    });

    it('no file, an empty file, two files, the file sent as text, a body that is not multipart', async () => {
      const rowsBefore = await rowCount();
      const filesBefore = files();
      const none = await t.http().post(`/api/v1/actions/${action.id}/evidence`).set(bearer(owner)).field('title', 'No file').expect(400);
      expect(none.body.details).toEqual([{ field: 'file', messages: [expect.stringMatching(/is required/)] }]);

      const empty = await upload(owner, action.id, Buffer.alloc(0), { fileName: 'empty.pdf' }).expect(400);
      expect(empty.body.details).toEqual([{ field: 'file', messages: ['is empty'] }]);

      const two = await t
        .http()
        .post(`/api/v1/actions/${action.id}/evidence`)
        .set(bearer(owner))
        .field('title', 'Two files')
        .attach('file', await makePdf('one'), 'one.pdf')
        .attach('file', await makePdf('two'), 'two.pdf')
        .expect(400);
      expect(two.body.message).toMatch(/exactly one file/);

      const asText = await t.http().post(`/api/v1/actions/${action.id}/evidence`).set(bearer(owner)).field('title', 'x').field('file', 'not a file').expect(400);
      expect(asText.body.message).toMatch(/file: must be a file part/);

      const json = await t.http().post(`/api/v1/actions/${action.id}/evidence`).set(bearer(owner)).send({ title: 'JSON' }).expect(415);
      expect(json.body.message).toMatch(/multipart\/form-data/);

      const malformed = await t
        .http()
        .post(`/api/v1/actions/${action.id}/evidence`)
        .set(bearer(owner))
        .set('Content-Type', 'multipart/form-data; boundary=xyz')
        .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7 truncated')
        .expect(400);
      expect(malformed.body.message).toMatch(/multipart body could not be read/);

      expect(await rowCount()).toBe(rowsBefore);
      expect(files()).toEqual(filesBefore);
    });
  });

  describe('who may upload and read', () => {
    it("refuses an owner adding evidence to another owner's action (403), another organisation's action (404), and scrutiny (404)", async () => {
      const pdf = await makePdf('not yours');
      const rowsBefore = await rowCount();
      const forbidden = await upload(owner, otherOwnersAction.id, pdf).expect(403);
      expect(forbidden.body.message).toBe('You can only add evidence to actions you own');
      await upload(owner, orgBAction.id, pdf).expect(404);
      await upload(orgB.admin, action.id, pdf).expect(404);
      await upload(scrutiny, action.id, pdf).expect(404);
      expect(await rowCount()).toBe(rowsBefore);
    });

    it('lets owners read the evidence of their own actions only; board and admin read all; scrutiny and other organisations get 404', async () => {
      const item = await upload(owner, action.id, await makePdf('read rules'), { fields: { title: 'Read rules' } }).expect(201);
      const id = item.body.id as string;

      for (const reader of [owner, board, admin]) {
        await t.http().get(`/api/v1/evidence/${id}`).set(bearer(reader)).expect(200);
        await download(reader, id).expect(200);
        const list = await t.http().get(`/api/v1/actions/${action.id}/evidence?pageSize=200`).set(bearer(reader)).expect(200);
        expect(list.body.items.map((e: { id: string }) => e.id)).toContain(id);
      }
      for (const outsider of [owner2, scrutiny, orgB.admin, ownerB]) {
        await t.http().get(`/api/v1/evidence/${id}`).set(bearer(outsider)).expect(404);
        await download(outsider, id).expect(404);
        await t.http().get(`/api/v1/actions/${action.id}/evidence`).set(bearer(outsider)).expect(404);
      }
    });

    it('lists with uploader, time, size, type, hash and review state, newest first, paginated', async () => {
      const res = await t.http().get(`/api/v1/actions/${action.id}/evidence?page=1&pageSize=2`).set(bearer(board)).expect(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 2 });
      expect(res.body.total).toBeGreaterThan(2);
      expect(res.body.items).toHaveLength(2);
      expect(res.body.items[0]).toEqual(
        expect.objectContaining({
          uploadedBy: { id: expect.any(String), name: expect.any(String) },
          uploadedAt: expect.any(String),
          sizeBytes: expect.any(Number),
          contentType: expect.any(String),
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          reviewState: 'submitted',
        }),
      );
      const page2 = await t.http().get(`/api/v1/actions/${action.id}/evidence?page=2&pageSize=2`).set(bearer(board)).expect(200);
      expect(page2.body.items[0].id).not.toBe(res.body.items[0].id);
    });

    it('answers 404 for an unknown evidence id and 400 for a malformed one', async () => {
      await t.http().get('/api/v1/evidence/00000000-0000-4000-8000-000000000000').set(bearer(admin)).expect(404);
      const bad = await t.http().get('/api/v1/evidence/nope').set(bearer(admin)).expect(400);
      expect(bad.body.details).toEqual([{ field: 'id', messages: ['must be a UUID'] }]);
    });
  });

  describe('range requests and caching', () => {
    let id: string;
    let data: Buffer;

    beforeAll(async () => {
      data = await makeXlsx(2000);
      id = (await upload(owner, action.id, data, { fileName: 'large.xlsx', fields: { title: 'Large workbook' } }).expect(201)).body.id;
    });

    it('serves bytes=start-end as 206 with Content-Range', async () => {
      const res = await download(board, id).set('Range', 'bytes=100-1099').expect(206);
      expect(res.headers['content-range']).toBe(`bytes 100-1099/${data.length}`);
      expect(res.headers['content-length']).toBe('1000');
      expect((res.body as Buffer).equals(data.subarray(100, 1100))).toBe(true);
    });

    it('serves an open-ended range and a suffix range', async () => {
      const tail = await download(board, id).set('Range', `bytes=${data.length - 10}-`).expect(206);
      expect((tail.body as Buffer).equals(data.subarray(data.length - 10))).toBe(true);
      const suffix = await download(board, id).set('Range', 'bytes=-25').expect(206);
      expect(suffix.headers['content-range']).toBe(`bytes ${data.length - 25}-${data.length - 1}/${data.length}`);
      expect((suffix.body as Buffer).equals(data.subarray(data.length - 25))).toBe(true);
    });

    it('answers 416 with the real size for a range beyond the end', async () => {
      const res = await t.http().get(`/api/v1/evidence/${id}/content`).set(bearer(board)).set('Range', `bytes=${data.length}-`).expect(416);
      expect(res.headers['content-range']).toBe(`bytes */${data.length}`);
      expect(res.body).toMatchObject({ statusCode: 416, details: { size: data.length } });
    });

    it('sends the whole file when If-Range names other content, and 304 for a current If-None-Match', async () => {
      const whole = await download(board, id).set('Range', 'bytes=0-9').set('If-Range', '"0000"').expect(200);
      expect((whole.body as Buffer).length).toBe(data.length);
      const resumed = await download(board, id).set('Range', 'bytes=0-9').set('If-Range', `"${sha256(data)}"`).expect(206);
      expect((resumed.body as Buffer).length).toBe(10);
      await t.http().get(`/api/v1/evidence/${id}/content`).set(bearer(board)).set('If-None-Match', `"${sha256(data)}"`).expect(304);
    });
  });

  describe('review', () => {
    let byOwner: string;
    let byBoard: string;

    beforeAll(async () => {
      byOwner = (await upload(owner, action.id, await makePdf('to review, by the owner'), { fields: { title: 'Training records' } }).expect(201)).body.id;
      byBoard = (await upload(board, action.id, await makePdf('to review, by a board member'), { fields: { title: 'Board paper' } }).expect(201)).body.id;
    });

    it('refuses the uploader, saying why (403)', async () => {
      const res = await t.http().post(`/api/v1/evidence/${byBoard}/review`).set(bearer(board)).send({ decision: 'accepted' }).expect(403);
      expect(res.body.message).toMatch(/you uploaded this evidence; another board member must review it/i);
    });

    it('refuses owners (403), scrutiny (404) and other organisations (404)', async () => {
      const res = await t.http().post(`/api/v1/evidence/${byOwner}/review`).set(bearer(owner)).send({ decision: 'accepted' }).expect(403);
      expect(res.body.message).toMatch(/board members and admins/);
      await t.http().post(`/api/v1/evidence/${byOwner}/review`).set(bearer(scrutiny)).send({ decision: 'accepted' }).expect(404);
      await t.http().post(`/api/v1/evidence/${byOwner}/review`).set(bearer(orgB.admin)).send({ decision: 'accepted' }).expect(404);
    });

    it('requires a comment to reject, and a known decision', async () => {
      const noComment = await t.http().post(`/api/v1/evidence/${byOwner}/review`).set(bearer(board)).send({ decision: 'rejected', comment: '  ' }).expect(400);
      expect(noComment.body.details).toEqual([{ field: 'comment', messages: [expect.stringMatching(/required when rejecting/)] }]);
      const bad = await t.http().post(`/api/v1/evidence/${byOwner}/review`).set(bearer(board)).send({ decision: 'maybe' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['decision']);
    });

    it('lets another board member accept; the decision is kept, audited, and final (409 after)', async () => {
      const rag = jest.spyOn(t.app.get(RagTriggerService), 'queueRecorded');
      try {
        const res = await t.http().post(`/api/v1/evidence/${byBoard}/review`).set(bearer(board2)).send({ decision: 'accepted', comment: 'Clear and complete', version: 1 }).expect(200);
        expect(res.body).toMatchObject({
          reviewState: 'accepted',
          reviewedBy: { id: board2.id },
          reviewedAt: '2026-11-23T10:00:00.000Z',
          reviewComment: 'Clear and complete',
          version: 2,
          reviews: [{ decision: 'accepted', comment: 'Clear and complete', reviewer: { id: board2.id }, reviewedAt: '2026-11-23T10:00:00.000Z' }],
        });
        expect(rag).toHaveBeenCalledWith(expect.objectContaining({ organisationId: org.id, actionId: action.id }));
      } finally {
        rag.mockRestore();
      }
      const again = await t.http().post(`/api/v1/evidence/${byBoard}/review`).set(bearer(admin)).send({ decision: 'rejected', comment: 'No' }).expect(409);
      expect(again.body.message).toMatch(/already been accepted/);
      const audit = await t.http().get(`/api/v1/audit-events?entityType=evidence&entityId=${byBoard}`).set(bearer(admin)).expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'review']);
      const review = audit.body.items.find((e: { action: string }) => e.action === 'review');
      expect(review).toMatchObject({ actorId: board2.id, changes: { reviewState: { before: 'submitted', after: 'accepted' } } });
    });

    it('refuses a stale version (409 with the current version)', async () => {
      const id = (await upload(owner, action.id, await makePdf('stale version'), { fields: { title: 'Stale' } }).expect(201)).body.id;
      const res = await t.http().post(`/api/v1/evidence/${id}/review`).set(bearer(board)).send({ decision: 'accepted', version: 7 }).expect(409);
      expect(res.body.details).toEqual({ currentVersion: 1 });
    });

    it('lets one of two simultaneous reviews win; the other gets 409', async () => {
      const id = (await upload(owner, action.id, await makePdf('race'), { fields: { title: 'Race' } }).expect(201)).body.id;
      const results = await Promise.all([
        t.http().post(`/api/v1/evidence/${id}/review`).set(bearer(board)).send({ decision: 'accepted' }),
        t.http().post(`/api/v1/evidence/${id}/review`).set(bearer(board2)).send({ decision: 'rejected', comment: 'Wrong quarter' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const detail = await t.http().get(`/api/v1/evidence/${id}`).set(bearer(board)).expect(200);
      expect(detail.body.reviews).toHaveLength(1);
    });

    it('lets a rejected item be superseded by a new upload, once; the history shows both', async () => {
      const rejected = await t.http().post(`/api/v1/evidence/${byOwner}/review`).set(bearer(board)).send({ decision: 'rejected', comment: 'Covers Q2 only; add Q3' }).expect(200);
      expect(rejected.body).toMatchObject({ reviewState: 'rejected', reviewComment: 'Covers Q2 only; add Q3' });

      const replacement = await upload(owner, action.id, await makePdf('training records Q2 and Q3'), {
        fields: { title: 'Training records (Q2 and Q3)', supersedesId: byOwner },
      }).expect(201);
      expect(replacement.body).toMatchObject({ supersedesId: byOwner, reviewState: 'submitted' });

      const old = await t.http().get(`/api/v1/evidence/${byOwner}`).set(bearer(owner)).expect(200);
      expect(old.body).toMatchObject({ reviewState: 'rejected', supersededById: replacement.body.id });
      expect(old.body.reviews).toEqual([expect.objectContaining({ decision: 'rejected', comment: 'Covers Q2 only; add Q3', reviewer: expect.objectContaining({ id: board.id }) })]);

      const twice = await upload(owner, action.id, await makePdf('a third try'), { fields: { supersedesId: byOwner } }).expect(409);
      expect(twice.body.message).toMatch(/already been replaced/);
      const notRejected = await upload(owner, action.id, await makePdf('supersede accepted'), { fields: { supersedesId: byBoard } }).expect(400);
      expect(notRejected.body.details).toEqual([{ field: 'supersedesId', messages: ['must be a rejected evidence item of this action'] }]);
    });
  });

  describe('withdrawal', () => {
    it('lets the uploader withdraw unreviewed evidence: gone from lists, still there for admins and in the audit trail', async () => {
      const pdf = await makePdf('withdrawn by mistake');
      const id = (await upload(owner, action.id, pdf, { fields: { title: 'Wrong file' } }).expect(201)).body.id as string;

      const notYours = await t.http().post(`/api/v1/evidence/${id}/withdraw`).set(bearer(board)).send({}).expect(403);
      expect(notYours.body.message).toMatch(/Only the person who uploaded this evidence/);
      await t.http().post(`/api/v1/evidence/${id}/withdraw`).set(bearer(owner2)).send({}).expect(404);

      const res = await t.http().post(`/api/v1/evidence/${id}/withdraw`).set(bearer(owner)).send({ version: 1 }).expect(200);
      expect(res.body).toMatchObject({ withdrawnAt: '2026-11-23T10:00:00.000Z', withdrawnBy: { id: owner.id }, version: 2 });

      for (const user of [owner, board]) {
        const list = await t.http().get(`/api/v1/actions/${action.id}/evidence?pageSize=200`).set(bearer(user)).expect(200);
        expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(id);
        await t.http().get(`/api/v1/evidence/${id}`).set(bearer(user)).expect(404);
        await download(user, id).expect(404);
      }
      await t.http().get(`/api/v1/actions/${action.id}/evidence?includeWithdrawn=true`).set(bearer(board)).expect(403);
      const adminList = await t.http().get(`/api/v1/actions/${action.id}/evidence?includeWithdrawn=true&pageSize=200`).set(bearer(admin)).expect(200);
      expect(adminList.body.items.map((e: { id: string }) => e.id)).toContain(id);
      await t.http().get(`/api/v1/evidence/${id}`).set(bearer(admin)).expect(200);
      expect(sha256((await download(admin, id).expect(200)).body as Buffer)).toBe(sha256(pdf));

      // Final: not withdrawn twice, not reviewed once withdrawn.
      await t.http().post(`/api/v1/evidence/${id}/withdraw`).set(bearer(owner)).send({}).expect(404);
      await t.http().post(`/api/v1/evidence/${id}/review`).set(bearer(admin)).send({ decision: 'accepted' }).expect(409);

      const audit = await t.http().get(`/api/v1/audit-events?entityType=evidence&entityId=${id}`).set(bearer(admin)).expect(200);
      const withdrawal = audit.body.items.find((e: { action: string }) => e.action === 'withdraw');
      expect(withdrawal).toMatchObject({ actorId: owner.id, changes: { withdrawnById: { before: null, after: owner.id } } });
      expect(await t.dataSource.getRepository(EvidenceEntity).existsBy({ id })).toBe(true);
    });

    it('refuses to withdraw reviewed evidence (409)', async () => {
      const id = (await upload(owner, action.id, await makePdf('reviewed, then withdrawn?'), { fields: { title: 'Reviewed' } }).expect(201)).body.id;
      await t.http().post(`/api/v1/evidence/${id}/review`).set(bearer(board)).send({ decision: 'accepted' }).expect(200);
      const res = await t.http().post(`/api/v1/evidence/${id}/withdraw`).set(bearer(owner)).send({}).expect(409);
      expect(res.body.message).toMatch(/already been accepted/);
    });
  });

  describe('malware hook', () => {
    it('refuses an infected file with 422 before it becomes visible; nothing stays, the refusal is audited', async () => {
      const scanner = t.app.select(EvidenceModule).get<MalwareScanner>(MALWARE_SCANNER, { strict: true });
      const spy = jest.spyOn(scanner, 'scan').mockImplementationOnce(async (stream) => {
        stream.destroy();
        return { clean: false, signature: 'Eicar-Test-Signature' };
      });
      try {
        const rowsBefore = await rowCount();
        const filesBefore = files();
        const res = await upload(owner, action.id, await makePdf('infected'), { fileName: 'infected.pdf' }).expect(422);
        expect(res.body.message).toMatch(/malware scanner found Eicar-Test-Signature/);
        expect(spy).toHaveBeenCalledTimes(1);
        expect(await rowCount()).toBe(rowsBefore);
        expect(files()).toEqual(filesBefore);
        const audit = await t.http().get(`/api/v1/audit-events?entityType=action&entityId=${action.id}`).set(bearer(admin)).expect(200);
        expect(audit.body.items[0]).toMatchObject({
          action: 'evidence_refused_malware',
          actorId: owner.id,
          changes: { signature: { after: 'Eicar-Test-Signature' }, fileName: { after: 'infected.pdf' } },
        });
      } finally {
        spy.mockRestore();
      }
    });
  });

  it('documents the upload as multipart/form-data in OpenAPI', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    const post = res.body.paths['/actions/{id}/evidence'].post;
    const schema = post.requestBody.content['multipart/form-data'].schema;
    expect(schema.required).toEqual(['title', 'file']);
    expect(schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '403', '404', '413', '415', '422', '503']));
    expect(res.body.paths['/evidence/{id}/content'].get.responses['206']).toBeDefined();
    expect(res.body.paths['/evidence/{id}/review'].post.requestBody).toBeDefined();
  });
});
