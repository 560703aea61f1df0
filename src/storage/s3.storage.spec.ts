import { randomBytes } from 'node:crypto';
import { StorageExceptionCode, tempKey } from './object-storage';
import { S3Storage, S3StorageOptions } from './s3.storage';
import { RunningS3rver, startS3rver } from './s3rver.testing';
import { chunked, failingSource, readAll } from './stream.testing';

/**
 * S3-only behaviour against s3rver 3.7 (the shared contract is in object-storage.spec.ts): that the
 * SDK really goes multipart and aborts a failed upload, CopyObject moves, checksum settings, and errors.
 * s3rver answers AbortMultipartUpload with 405 (not implemented), so the abort is checked as sent.
 */
describe('S3Storage (against s3rver)', () => {
  let s3: RunningS3rver;
  let sut: S3Storage;
  const extra: S3Storage[] = [];

  const options = (overrides: Partial<S3StorageOptions> = {}): S3StorageOptions => ({
    endpoint: s3.endpoint,
    region: 'eu-west-2',
    bucket: s3.bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
    ...overrides,
  });

  beforeAll(async () => {
    s3 = await startS3rver('evidence');
    sut = new S3Storage(options());
  });

  afterAll(async () => {
    for (const storage of [sut, ...extra]) storage.destroy();
    await s3.stop();
  });

  it('is kind s3', () => {
    expect(sut.kind).toBe('s3');
  });

  it('goes multipart for a large body, and sends an abort when the body fails after the first part', async () => {
    const key = tempKey();
    const failure = new Error('connection reset');
    const before = s3.requests.length;
    // The body fails only once the first 5 MiB part has reached the server, however slow the machine.
    const firstPartArrived = () => s3.waitForRequest((r) => r.startsWith('PUT ') && r.includes('partNumber=1'), before);
    await expect(sut.put(key, failingSource(6 * 1024 * 1024, failure, firstPartArrived))).rejects.toBe(failure);
    const sent = s3.requests.slice(before);
    expect(sent.some((r) => r.startsWith('POST ') && r.includes('?uploads'))).toBe(true);
    expect(sent.some((r) => r.startsWith('PUT ') && r.includes('partNumber=1'))).toBe(true);
    expect(sent.some((r) => r.startsWith('DELETE ') && r.includes('uploadId='))).toBe(true);
    expect(sent.some((r) => r.startsWith('POST ') && r.includes('uploadId='))).toBe(false);
    expect(await sut.exists(key)).toBe(false);
  });

  it('cuts a range down to what was asked for when the server sends more (s3rver serves bytes=0-0 whole)', async () => {
    const key = tempKey();
    await sut.put(key, chunked(Buffer.from('0123456789')));
    expect((await readAll(await sut.get(key, { start: 0, end: 0 }))).toString()).toBe('0');
  });

  it('moves with CopyObject + DeleteObject (and copies nothing when the target exists)', async () => {
    const from = tempKey();
    const to = `sha256/00/11/${'0011'.padEnd(64, 'f')}`;
    await sut.put(from, chunked(Buffer.from('x')));
    const before = s3.requests.length;
    await sut.move(from, to);
    const sent = s3.requests.slice(before);
    expect(sent.filter((r) => r.startsWith('PUT ') && r.includes(to))).toHaveLength(1);
    expect(sent.filter((r) => r.startsWith('DELETE ') && r.includes(from))).toHaveLength(1);

    const second = tempKey();
    await sut.put(second, chunked(Buffer.from('x')));
    const mark = s3.requests.length;
    await sut.move(second, to);
    expect(s3.requests.slice(mark).filter((r) => r.startsWith('PUT '))).toHaveLength(0);
  });

  it('works with checksums WHEN_REQUIRED too', async () => {
    const storage = new S3Storage(options({ checksums: 'WHEN_REQUIRED' }));
    extra.push(storage);
    const data = randomBytes(6 * 1024 * 1024);
    const key = tempKey();
    await storage.put(key, chunked(data));
    expect(await readAll(await storage.get(key, { start: 100, end: 199 }))).toEqual(data.subarray(100, 200));
  });

  it('reports a missing bucket as BACKEND_FAILURE, and a bad endpoint too', async () => {
    const noBucket = new S3Storage(options({ bucket: 'no-such-bucket' }));
    const nowhere = new S3Storage(options({ endpoint: 'http://127.0.0.1:1' }));
    extra.push(noBucket, nowhere);
    await expect(noBucket.put(tempKey(), chunked(Buffer.from('x')))).rejects.toMatchObject({ code: StorageExceptionCode.BACKEND_FAILURE });
    await expect(nowhere.stat(tempKey())).rejects.toMatchObject({ code: StorageExceptionCode.BACKEND_FAILURE });
  });
});
