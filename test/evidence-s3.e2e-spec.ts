import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import * as http from 'node:http';
import { ActionEntity } from '../src/actions/entities/action.entity';
import { EvidenceEntity } from '../src/evidence/entities/evidence.entity';
import { RunningS3rver, startS3rver } from '../src/storage/s3rver.testing';
import { downloadEvidence, eventually, fakeExecutable, listen, makePdf, makeXlsx, multipartBody, sha256 } from './support/evidence-fixtures';
import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { bearer, TestApp, TestUser } from './support/test-app';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The same upload and download path with STORAGE_DRIVER=s3, against s3rver (a real S3-compatible HTTP server). */
describe('evidence on S3-compatible storage (s3rver)', () => {
  let s3: RunningS3rver;
  let client: S3Client;
  let t: TestApp;
  let owner: TestUser;
  let board: TestUser;
  let action: ActionEntity;

  const keys = async (): Promise<string[]> => {
    const res = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    return (res.Contents ?? []).map((o) => o.Key!).sort();
  };
  const rowCount = () => t.dataSource.getRepository(EvidenceEntity).count();

  function upload(data: Buffer, fileName: string, title = 'Evidence on S3') {
    return t.http().post(`/api/v1/actions/${action.id}/evidence`).set(bearer(owner)).field('title', title).attach('file', data, fileName);
  }

  const download = (id: string) => downloadEvidence(t, board, id);

  beforeAll(async () => {
    s3 = await startS3rver('evidence-it');
    client = new S3Client({
      endpoint: s3.endpoint,
      region: 'eu-west-2',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    t = await TestApp.start({
      env: {
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: s3.endpoint,
        S3_BUCKET: s3.bucket,
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
      },
    });
    const org = await t.createOrganisation();
    owner = await t.createUser(org, 'owner');
    board = await t.createUser(org, 'board');
    action = await seedAction(t.dataSource, org.id, await seedPlanBasics(t.dataSource, org.id), { ownerId: owner.id });
  });

  afterAll(async () => {
    await t?.close();
    client?.destroy();
    await s3?.stop();
  });

  it('stores a PDF and an .xlsx under content keys and gives them back byte for byte', async () => {
    const pdf = await makePdf('S3 round trip');
    const xlsx = await makeXlsx(300);
    const p = await upload(pdf, 'minutes.pdf').expect(201);
    const x = await upload(xlsx, 'case review.xlsx').expect(201);
    expect(p.body.contentType).toBe('application/pdf');
    // The xlsx is typed from its zip directory, read with ranged GETs from the staged object on S3.
    expect(x.body.contentType).toBe(XLSX_MIME);
    expect(sha256((await download(p.body.id).expect(200)).body as Buffer)).toBe(sha256(pdf));
    expect(sha256((await download(x.body.id).expect(200)).body as Buffer)).toBe(sha256(xlsx));
    const digest = sha256(xlsx);
    expect(await keys()).toEqual(expect.arrayContaining([`sha256/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`]));
    expect((await keys()).filter((k) => k.startsWith('tmp/'))).toEqual([]);
  });

  it('serves a range (206) from S3', async () => {
    const xlsx = await makeXlsx(500);
    const id = (await upload(xlsx, 'ranged.xlsx').expect(201)).body.id;
    const res = await download(id).set('Range', 'bytes=10-109').expect(206);
    expect(res.headers['content-range']).toBe(`bytes 10-109/${xlsx.length}`);
    expect((res.body as Buffer).equals(xlsx.subarray(10, 110))).toBe(true);
  });

  it('stores the same content once', async () => {
    const pdf = await makePdf('S3 dedup');
    await upload(pdf, 'a.pdf').expect(201);
    await upload(pdf, 'b.pdf').expect(201);
    expect((await keys()).filter((k) => k.endsWith(sha256(pdf)))).toHaveLength(1);
  });

  it('removes the staged object of a refused (415) upload', async () => {
    const before = await keys();
    await upload(fakeExecutable(), 'report.pdf').expect(415);
    expect(await keys()).toEqual(before);
  });

  it('leaves no object and no row when the client goes away mid-upload', async () => {
    const port = await listen(t.app.getHttpServer());
    const before = await keys();
    const rowsBefore = await rowCount();
    const data = Buffer.alloc(900 * 1024, 0x41);
    data.write('%PDF-1.7\n', 0, 'latin1');
    const { body, contentType } = multipartBody([
      { name: 'title', value: 'Aborted on S3' },
      { name: 'file', file: { data, fileName: 'aborted.pdf' } },
    ]);
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: `/api/v1/actions/${action.id}/evidence`,
        method: 'POST',
        headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': contentType, 'Content-Length': body.length },
      });
      req.on('error', () => undefined);
      req.on('close', () => resolve());
      req.write(body.subarray(0, body.length / 2), () => setTimeout(() => req.destroy(), 300));
    });
    // Give the server time to notice, then check nothing was left.
    await new Promise((r) => setTimeout(r, 500));
    expect(await eventually(async () => JSON.stringify(await keys()) === JSON.stringify(before))).toBe(true);
    expect(await rowCount()).toBe(rowsBefore);
  });
});
