import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { FileTooLargeError, HashingStream } from './hashing-stream';
import { contentKey, ObjectStorage, StorageException, StorageExceptionCode, tempKey } from './object-storage';
import { STORAGE_DRIVERS, StorageUnderTest } from './storage-drivers.testing';
import { chunked, countingSource, failingSource, readAll, sha256Hex } from './stream.testing';

/** Bigger than one S3 multipart part (5 MiB), so the S3 driver really goes multipart. */
const LARGE = 12 * 1024 * 1024 + 123;
const INVALID_KEYS = ['', '../x', 'tmp/../../etc/passwd', '/etc/passwd', 'a\\b', 'a\0b', 'a//b', 'a/', './a', '.partial/x', 'C:/x', 'tmp/%2e%2e'];

async function expectStorageError(promise: Promise<unknown>, code: StorageExceptionCode): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(StorageException);
  await expect(promise).rejects.toMatchObject({ code });
}

/** The behaviour every ObjectStorage must have, whatever the backend. */
describe.each(STORAGE_DRIVERS)('ObjectStorage contract: $name', (driver) => {
  let subject: StorageUnderTest;
  let storage: ObjectStorage;
  beforeAll(async () => {
    subject = await driver.start();
    storage = subject.storage;
  });
  afterAll(async () => {
    await subject.stop();
  });

  it('stores a streamed body and reads it back byte for byte', async () => {
    const data = randomBytes(300 * 1024 + 7);
    const key = tempKey();
    await storage.put(key, chunked(data, 10_000), { contentType: 'application/pdf' });
    expect(await readAll(await storage.get(key))).toEqual(data);
    expect(await storage.stat(key)).toEqual({ size: data.length });
    expect(await storage.exists(key)).toBe(true);
  });

  it('streams a large body (multipart on S3) intact', async () => {
    const data = randomBytes(LARGE);
    const key = tempKey();
    await storage.put(key, chunked(data), { sizeHint: data.length });
    expect(await storage.stat(key)).toEqual({ size: LARGE });
    expect(sha256Hex(await readAll(await storage.get(key)))).toBe(sha256Hex(data));
  });

  it('stores an empty body', async () => {
    const key = tempKey();
    await storage.put(key, Readable.from([]));
    expect(await storage.stat(key)).toEqual({ size: 0 });
    expect((await readAll(await storage.get(key))).length).toBe(0);
  });

  it('replaces an object put twice at the same key', async () => {
    const key = tempKey();
    await storage.put(key, chunked(Buffer.from('first version')));
    await storage.put(key, chunked(Buffer.from('second')));
    expect((await readAll(await storage.get(key))).toString()).toBe('second');
  });

  it('reads inclusive byte ranges, clamping an end past the object', async () => {
    const data = Buffer.from('0123456789abcdef');
    const key = tempKey();
    await storage.put(key, chunked(data));
    expect((await readAll(await storage.get(key, { start: 2, end: 5 }))).toString()).toBe('2345');
    expect((await readAll(await storage.get(key, { start: 0, end: 0 }))).toString()).toBe('0');
    expect((await readAll(await storage.get(key, { start: 10, end: 1000 }))).toString()).toBe('abcdef');
  });

  it('reads a range across multipart part boundaries', async () => {
    const data = randomBytes(LARGE);
    const key = tempKey();
    await storage.put(key, chunked(data));
    const start = 5 * 1024 * 1024 - 10;
    expect(await readAll(await storage.get(key, { start, end: start + 99 }))).toEqual(data.subarray(start, start + 100));
  });

  it('refuses a range starting past the end (416) and malformed ranges', async () => {
    const key = tempKey();
    await storage.put(key, chunked(Buffer.from('short')));
    await expectStorageError(storage.get(key, { start: 5, end: 10 }), StorageExceptionCode.RANGE_NOT_SATISFIABLE);
    await expectStorageError(storage.get(key, { start: 3, end: 2 }), StorageExceptionCode.INVALID_RANGE);
    await expectStorageError(storage.get(key, { start: -1, end: 2 }), StorageExceptionCode.INVALID_RANGE);
    await expectStorageError(storage.get(key, { start: 0.5, end: 2 }), StorageExceptionCode.INVALID_RANGE);
  });

  it('reports a missing object: stat null, exists false, get NOT_FOUND', async () => {
    const key = tempKey();
    expect(await storage.stat(key)).toBeNull();
    expect(await storage.exists(key)).toBe(false);
    await expectStorageError(storage.get(key), StorageExceptionCode.NOT_FOUND);
    await expectStorageError(storage.get(key, { start: 0, end: 1 }), StorageExceptionCode.NOT_FOUND);
  });

  it('deletes, and deleting again (or something never stored) succeeds', async () => {
    const key = tempKey();
    await storage.put(key, chunked(Buffer.from('to delete')));
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await storage.delete(key);
    await storage.delete(tempKey());
  });

  it('moves a temporary object to its content key', async () => {
    const data = Buffer.from(`minutes of the improvement board ${Math.random()}`);
    const from = tempKey();
    const to = contentKey(sha256Hex(data));
    await storage.put(from, chunked(data));
    await storage.move(from, to);
    expect(await storage.exists(from)).toBe(false);
    expect(await readAll(await storage.get(to))).toEqual(data);
    // A retried move (a job run twice) is a no-op.
    await storage.move(from, to);
    expect(await readAll(await storage.get(to))).toEqual(data);
  });

  it('dedups: moving onto an existing content key drops the temporary copy and keeps the original', async () => {
    const data = Buffer.from(`training record ${Math.random()}`);
    const key = contentKey(sha256Hex(data));
    await storage.put(key, chunked(data));
    const second = tempKey();
    await storage.put(second, chunked(data));
    await storage.move(second, key);
    expect(await storage.exists(second)).toBe(false);
    expect(await readAll(await storage.get(key))).toEqual(data);
  });

  it('refuses to move something that is not there', async () => {
    await expectStorageError(storage.move(tempKey(), contentKey(sha256Hex(randomBytes(8)))), StorageExceptionCode.NOT_FOUND);
  });

  it('on a body that errors midway: rejects with that error and leaves no object or partial behind', async () => {
    const key = tempKey();
    const failure = new Error('client went away');
    await expect(storage.put(key, failingSource(256 * 1024, failure))).rejects.toBe(failure);
    expect(await storage.exists(key)).toBe(false);
    expect(await subject.leftovers()).toEqual([]);
  });

  it('on a large body that errors after the first part: no object, and the upload is cleaned up', async () => {
    const key = tempKey();
    const failure = new Error('connection reset');
    // The delay lets S3's first part reach the server before the failure, so a real multipart upload exists.
    await expect(storage.put(key, failingSource(6 * 1024 * 1024, failure, 500))).rejects.toBe(failure);
    expect(await storage.exists(key)).toBe(false);
    expect(await subject.leftovers()).toEqual([]);
  });

  it('stops reading as soon as a HashingStream body passes maxBytes', async () => {
    const key = tempKey();
    const source = countingSource(64 * 1024 * 1024);
    const hasher = new HashingStream({ maxBytes: 1024 * 1024 });
    const body = source.stream.pipe(hasher);
    await expect(storage.put(key, body)).rejects.toBeInstanceOf(FileTooLargeError);
    source.stream.destroy();
    expect(source.produced()).toBeLessThan(4 * 1024 * 1024);
    expect(await storage.exists(key)).toBe(false);
    expect(await subject.leftovers()).toEqual([]);
  });

  it.each(INVALID_KEYS)('rejects the key %j before any I/O', async (key) => {
    await expectStorageError(storage.put(key, chunked(Buffer.from('x'))), StorageExceptionCode.INVALID_KEY);
    await expectStorageError(storage.get(key), StorageExceptionCode.INVALID_KEY);
    await expectStorageError(storage.stat(key), StorageExceptionCode.INVALID_KEY);
    await expectStorageError(storage.exists(key), StorageExceptionCode.INVALID_KEY);
    await expectStorageError(storage.delete(key), StorageExceptionCode.INVALID_KEY);
    await expectStorageError(storage.move(key, tempKey()), StorageExceptionCode.INVALID_KEY);
    await expectStorageError(storage.move(tempKey(), key), StorageExceptionCode.INVALID_KEY);
  });
});
