import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ActionEntity } from '../src/actions/entities/action.entity';
import { EvidenceEntity } from '../src/evidence/entities/evidence.entity';
import { EvidenceModule } from '../src/evidence/evidence.module';
import { MALWARE_SCANNER, MalwareScanner } from '../src/evidence/scanning/malware-scanner';
import { MalwareScannerException, MalwareScannerExceptionCode } from '../src/evidence/scanning/malware-scanner.exception';
import { OBJECT_STORAGE, ObjectStorage, StorageException, StorageExceptionCode } from '../src/storage/object-storage';
import { StorageModule } from '../src/storage/storage.module';
import { eventually, listen, listFiles, makePdf, multipartBody, sha256 } from './support/evidence-fixtures';
import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser } from './support/test-app';

const MAX_BYTES = 1024 * 1024;

/**
 * "Nothing half-done": every way an upload can fail (too big, the client going away at any point,
 * the database refusing the row or the commit, storage failing, the scanner failing) leaves no row
 * and no stored object, except objects other rows already use. Checked on the real disk under the
 * test's DATA_DIR and in the real database.
 */
describe('evidence uploads that fail leave nothing behind (real PostgreSQL, local disk)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let owner: TestUser;
  let action: ActionEntity;
  let port: number;
  let storage: ObjectStorage;

  const files = () => listFiles(t.config.DATA_DIR);
  const rowCount = () => t.dataSource.getRepository(EvidenceEntity).count();
  const path = () => `/api/v1/actions/${action.id}/evidence`;

  function upload(data: Buffer, title = 'Audit report', fileName = 'audit.pdf') {
    return t.http().post(path()).set(bearer(owner)).field('title', title).attach('file', data, { filename: fileName, contentType: 'application/pdf' });
  }

  /** A raw request on the listening port, written by the test piece by piece. */
  function openRequest(body: Buffer, contentType: string) {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: path(),
      method: 'POST',
      headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': contentType, 'Content-Length': body.length },
    });
    req.on('error', () => undefined);
    const response = new Promise<{ status: number; body: Record<string, unknown> }>((resolve) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') }));
      });
    });
    const write = (bytes: Buffer) => new Promise<void>((resolve) => req.write(bytes, () => resolve()));
    const closed = new Promise<void>((resolve) => req.on('close', () => resolve()));
    return { req, response, write, closed };
  }

  /** A body with a file part of `size` bytes (a PDF header, then filler), in the given part order. */
  function bigBody(size: number, fieldsFirst = true) {
    const data = Buffer.alloc(size, 0x41);
    data.write('%PDF-1.7\n', 0, 'latin1');
    const file = { name: 'file', file: { data, fileName: 'large.pdf', contentType: 'application/pdf' } };
    const title = { name: 'title', value: 'Large scan' };
    return multipartBody(fieldsFirst ? [title, file] : [file, title]);
  }

  /** Kills a half-sent upload once `ready` holds, then waits for the server to clean up. */
  async function abortWhen(parts: { bytes: number; fieldsFirst?: boolean; size?: number }, ready: () => boolean) {
    const rowsBefore = await rowCount();
    const filesBefore = files();
    const { body, contentType } = bigBody(parts.size ?? 900 * 1024, parts.fieldsFirst ?? true);
    const upload = openRequest(body, contentType);
    await upload.write(body.subarray(0, parts.bytes));
    expect(await eventually(ready, 10_000)).toBe(true);
    upload.req.destroy();
    await upload.closed;
    // The server notices the reset and removes what it had written.
    expect(await eventually(() => JSON.stringify(files()) === JSON.stringify(filesBefore), 10_000)).toBe(true);
    expect(await rowCount()).toBe(rowsBefore);
  }

  beforeAll(async () => {
    t = await TestApp.start({ env: { EVIDENCE_MAX_BYTES: String(MAX_BYTES) } });
    org = await t.createOrganisation();
    owner = await t.createUser(org, 'owner');
    action = await seedAction(t.dataSource, org.id, await seedPlanBasics(t.dataSource, org.id), { ownerId: owner.id });
    port = await listen(t.app.getHttpServer());
    // The one instance StorageModule provides to evidence and packs alike.
    storage = t.app.select(StorageModule).get<ObjectStorage>(OBJECT_STORAGE, { strict: true });
    // One evidence item up front, so "nothing left" is checked beside an object that must stay.
    await upload(await makePdf('already stored'), 'Already stored').expect(201);
  });

  afterAll(() => t.close());

  describe('size limit (EVIDENCE_MAX_BYTES = 1 MiB)', () => {
    it('answers 413 as soon as the limit is passed, before the client has sent the rest; nothing stays', async () => {
      const rowsBefore = await rowCount();
      const filesBefore = files();
      const { body, contentType } = bigBody(1800 * 1024);
      const upload = openRequest(body, contentType);
      // Just past the limit, and then nothing more: the answer must come without the rest of the body.
      await upload.write(body.subarray(0, MAX_BYTES + 64 * 1024));
      const res = await upload.response;
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, message: 'The file is larger than the limit of 1 MB', details: { maxBytes: MAX_BYTES } });
      upload.req.destroy();
      expect(await eventually(() => JSON.stringify(files()) === JSON.stringify(filesBefore))).toBe(true);
      expect(await rowCount()).toBe(rowsBefore);
    });

    it('answers 413 to a complete oversize upload (the client still reads the answer)', async () => {
      const rowsBefore = await rowCount();
      const filesBefore = files();
      const data = Buffer.alloc(MAX_BYTES + 1, 0x41);
      data.write('%PDF-1.7\n', 0, 'latin1');
      const res = await upload(data).expect(413);
      expect(typeof res.body.requestId).toBe('string');
      expect(files()).toEqual(filesBefore);
      expect(await rowCount()).toBe(rowsBefore);
    });

    it('answers 413 without reading a body whose Content-Length is already too big', async () => {
      const filesBefore = files();
      const data = Buffer.alloc(3 * MAX_BYTES, 0x41);
      await upload(data).expect(413);
      expect(files()).toEqual(filesBefore);
    });

    it('accepts a file of exactly the limit', async () => {
      const data = Buffer.alloc(MAX_BYTES, 0x20);
      data.write('%PDF-1.7\n', 0, 'latin1');
      const res = await upload(data).expect(201);
      expect(res.body.sizeBytes).toBe(MAX_BYTES);
    });
  });

  describe('with a real client (curl: Expect 100-continue, its own multipart encoding)', () => {
    const run = promisify(execFile);
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'evidence-curl-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    async function curlUpload(file: string): Promise<{ status: number; body: Record<string, unknown> }> {
      const { stdout } = await run('curl', [
        '-sS',
        '-w',
        '\n%{http_code}',
        '-H',
        `Authorization: Bearer ${owner.token}`,
        '-F',
        'title=Uploaded with curl',
        '-F',
        `file=@${file};type=application/pdf`,
        `http://127.0.0.1:${port}${path()}`,
      ]);
      const cut = stdout.lastIndexOf('\n');
      return { status: Number(stdout.slice(cut + 1)), body: JSON.parse(stdout.slice(0, cut)) };
    }

    it('uploads a file under the limit', async () => {
      const data = Buffer.alloc(600 * 1024, 0x42);
      data.write('%PDF-1.7\n', 0, 'latin1');
      writeFileSync(join(dir, 'ok.pdf'), data);
      const res = await curlUpload(join(dir, 'ok.pdf'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ fileName: 'ok.pdf', sizeBytes: data.length, sha256: sha256(data) });
    });

    it('gets a clean 413 for a file over the limit, and nothing stays', async () => {
      const filesBefore = files();
      const data = Buffer.alloc(MAX_BYTES + 300 * 1024, 0x43);
      data.write('%PDF-1.7\n', 0, 'latin1');
      writeFileSync(join(dir, 'big.pdf'), data);
      const res = await curlUpload(join(dir, 'big.pdf'));
      expect(res.status).toBe(413);
      expect(res.body.message).toBe('The file is larger than the limit of 1 MB');
      expect(files()).toEqual(filesBefore);
    });
  });

  describe('the client goes away mid-upload', () => {
    it('while the file is streaming to disk: the partial file is removed and no row is written', async () => {
      // Ready once the server is writing the file (a partial object exists).
      await abortWhen({ bytes: 450 * 1024 }, () => files().some((f) => f.startsWith('evidence/.partial/')));
    });

    it('after the file was staged but before the trailing fields arrived: the staged object is removed', async () => {
      const { body } = bigBody(300 * 1024, false);
      // Everything but the last few bytes (the end of the title part and the closing boundary).
      await abortWhen({ bytes: body.length - 20, fieldsFirst: false, size: 300 * 1024 }, () => files().some((f) => f.startsWith('evidence/tmp/')));
    });

    it('before the file part began: nothing was ever stored, and no row', async () => {
      const rowsBefore = await rowCount();
      const filesBefore = files();
      const { body, contentType } = bigBody(500 * 1024);
      const upload = openRequest(body, contentType);
      await upload.write(body.subarray(0, 60));
      await new Promise((r) => setTimeout(r, 200));
      upload.req.destroy();
      await upload.closed;
      await new Promise((r) => setTimeout(r, 200));
      expect(files()).toEqual(filesBefore);
      expect(await rowCount()).toBe(rowsBefore);
      // The server is still healthy afterwards.
      await t.http().get('/api/v1/health').expect(200);
    });
  });

  describe('the database refuses', () => {
    beforeAll(async () => {
      // Test-only triggers in this test's own database: one refuses the INSERT, one fails the COMMIT
      // (made by the owner: the application's role has no DDL).
      await t.asOwner((c) => c.query(`
        CREATE FUNCTION evidence_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.title = 'refuse the insert' OR NEW.title = 'fail the commit' THEN
            RAISE EXCEPTION 'refused by a test trigger';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER evidence_test_refuse_insert BEFORE INSERT ON evidence FOR EACH ROW
          WHEN (NEW.title = 'refuse the insert') EXECUTE FUNCTION evidence_test_refuse();
        CREATE CONSTRAINT TRIGGER evidence_test_refuse_commit AFTER INSERT ON evidence DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
          WHEN (NEW.title = 'fail the commit') EXECUTE FUNCTION evidence_test_refuse();
      `));
    });

    it('a failed INSERT leaves no row and no object (500 with a request id)', async () => {
      const rowsBefore = await rowCount();
      const filesBefore = files();
      const res = await upload(await makePdf('insert refused'), 'refuse the insert').expect(500);
      expect(typeof res.body.requestId).toBe('string');
      expect(await rowCount()).toBe(rowsBefore);
      expect(files()).toEqual(filesBefore);
    });

    it('a failed COMMIT (after the object was promoted) removes the object when no row uses it', async () => {
      const pdf = await makePdf('commit refused');
      const filesBefore = files();
      await upload(pdf, 'fail the commit').expect(500);
      expect(await t.dataSource.getRepository(EvidenceEntity).countBy({ sha256: sha256(pdf) })).toBe(0);
      expect(files()).toEqual(filesBefore);
    });

    it('never deletes an object another row uses: the earlier upload of the same content still downloads', async () => {
      const pdf = await makePdf('shared content');
      const first = await upload(pdf, 'First copy').expect(201);
      const filesBefore = files();
      await upload(pdf, 'refuse the insert').expect(500);
      await upload(pdf, 'fail the commit').expect(500);
      expect(files()).toEqual(filesBefore);
      expect(await t.dataSource.getRepository(EvidenceEntity).countBy({ sha256: sha256(pdf) })).toBe(1);
      const got = await t.http().get(`/api/v1/evidence/${first.body.id}/content`).set(bearer(owner)).buffer(true).expect(200);
      expect(got.headers.etag).toBe(`"${sha256(pdf)}"`);
    });
  });

  describe('what changed while the file was arriving is checked again at the commit', () => {
    afterEach(() => jest.restoreAllMocks());

    /** Runs `meanwhile` after the file has been received, before the commit (while it is scanned). */
    function whileScanning(meanwhile: () => Promise<void>): void {
      const scanner = t.app.select(EvidenceModule).get<MalwareScanner>(MALWARE_SCANNER, { strict: true });
      const scan = scanner.scan.bind(scanner);
      jest.spyOn(scanner, 'scan').mockImplementationOnce(async (stream) => {
        await meanwhile();
        return scan(stream);
      });
    }

    it('the action given to someone else: 403, no row, nothing stored', async () => {
      const board = await t.createUser(org, 'board');
      whileScanning(async () => void (await t.dataSource.query('UPDATE action SET owner_id = $1 WHERE id = $2', [board.id, action.id])));
      const rowsBefore = await rowCount();
      const filesBefore = files();
      try {
        const res = await upload(await makePdf('reassigned'), 'Reassigned meanwhile').expect(403);
        expect(res.body.message).toBe('You can only add evidence to actions you own');
        expect(await rowCount()).toBe(rowsBefore);
        expect(files()).toEqual(filesBefore);
      } finally {
        await t.dataSource.query('UPDATE action SET owner_id = $1 WHERE id = $2', [owner.id, action.id]);
      }
    });

    it('the plan closed: 409 plan_closed, no row, nothing stored', async () => {
      const plan = await t.createPlan(org);
      await t.addMember(org, plan.id, owner, 'owner');
      const other = await seedAction(t.dataSource, org.id, await seedPlanBasics(t.dataSource, org.id, plan.id), { ownerId: owner.id });
      whileScanning(async () => void (await t.http().post(`/api/v1/plans/${plan.id}/close`).set(bearer(org.admin)).expect(200)));
      const rowsBefore = await rowCount();
      const filesBefore = files();
      const res = await t.http().post(`/api/v1/actions/${other.id}/evidence`).set(bearer(owner)).field('title', 'Closed meanwhile').attach('file', await makePdf('closed'), { filename: 'audit.pdf', contentType: 'application/pdf' }).expect(409);
      expect(res.body.code).toBe('plan_closed');
      expect(await rowCount()).toBe(rowsBefore);
      expect(files()).toEqual(filesBefore);
    });
  });

  describe('storage and the scanner fail', () => {
    afterEach(() => jest.restoreAllMocks());

    it('a storage failure while writing: 503 with a request id, no row, nothing stored', async () => {
      jest.spyOn(storage, 'put').mockImplementationOnce(async (_key, body) => {
        // Read a little, as a real write would, then fail like a full disk.
        for await (const _chunk of body) break;
        throw new StorageException('No space left on device', StorageExceptionCode.BACKEND_FAILURE);
      });
      const rowsBefore = await rowCount();
      const filesBefore = files();
      const res = await upload(await makePdf('storage down'), 'Storage down').expect(503);
      expect(res.body).toMatchObject({ statusCode: 503, message: expect.stringMatching(/storage is unavailable, so nothing was saved/) });
      expect(typeof res.body.requestId).toBe('string');
      expect(res.headers['x-request-id']).toBe(res.body.requestId);
      expect(await rowCount()).toBe(rowsBefore);
      expect(files()).toEqual(filesBefore);
    });

    it('a storage failure while promoting: 503, the row is rolled back, the staged object removed', async () => {
      jest.spyOn(storage, 'move').mockRejectedValueOnce(new StorageException('rename failed', StorageExceptionCode.BACKEND_FAILURE));
      const rowsBefore = await rowCount();
      const filesBefore = files();
      const res = await upload(await makePdf('move fails'), 'Move fails').expect(503);
      expect(typeof res.body.requestId).toBe('string');
      expect(await rowCount()).toBe(rowsBefore);
      expect(files()).toEqual(filesBefore);
    });

    it('a scanner that cannot scan is never taken as clean: 503, nothing stays', async () => {
      const scanner = t.app.select(EvidenceModule).get<MalwareScanner>(MALWARE_SCANNER, { strict: true });
      jest.spyOn(scanner, 'scan').mockImplementationOnce(async (stream) => {
        stream.destroy();
        throw new MalwareScannerException('clamd at clamav:3310 is unavailable', MalwareScannerExceptionCode.UNAVAILABLE);
      });
      const rowsBefore = await rowCount();
      const filesBefore = files();
      const res = await upload(await makePdf('scanner down'), 'Scanner down').expect(503);
      expect(res.body.message).toMatch(/malware scanner is unavailable/);
      expect(await rowCount()).toBe(rowsBefore);
      expect(files()).toEqual(filesBefore);
    });
  });
});
