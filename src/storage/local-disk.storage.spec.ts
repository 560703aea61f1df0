import { randomBytes } from 'node:crypto';
import { FileHandle, mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { EARLY_SYNC_BYTES, LocalDiskStorage } from './local-disk.storage';
import { contentKey, StorageExceptionCode, tempKey } from './object-storage';
import { chunked, failingSource, readAll, sha256Hex } from './stream.testing';

/** Local-only behaviour; the shared contract is in object-storage.spec.ts. */
describe('LocalDiskStorage', () => {
  let root: string;
  let sut: LocalDiskStorage;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'evidence-local-'));
    sut = new LocalDiskStorage(root);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is kind local', () => {
    expect(sut.kind).toBe('local');
  });

  it('lays content keys out as sha256/ab/cd/<hex> files under the root', async () => {
    const data = Buffer.from('audit report');
    const digest = sha256Hex(data);
    await sut.put(contentKey(digest), chunked(data));
    const file = path.join(root, 'sha256', digest.slice(0, 2), digest.slice(2, 4), digest);
    expect(await readFile(file)).toEqual(data);
    expect((await stat(file)).mode & 0o777).toBe(0o640);
  });

  it('stores bodies of tiny and of irregular chunks byte for byte (writes are batched while the disk is busy)', async () => {
    const tiny = randomBytes(5000 * 7);
    const tinyKey = tempKey();
    await sut.put(tinyKey, chunked(tiny, 7));
    expect(await readAll(await sut.get(tinyKey))).toEqual(tiny);

    const large = randomBytes(5 * 1024 * 1024 + 13);
    const sizes = [1, 65536, 3, 1_000_000, 17, 250_000];
    const irregular = Readable.from(
      (function* () {
        for (let at = 0, i = 0; at < large.length; i++) {
          const size = sizes[i % sizes.length];
          yield large.subarray(at, at + size);
          at += size;
        }
      })(),
    );
    const key = tempKey();
    await sut.put(key, irregular);
    expect(sha256Hex(await readAll(await sut.get(key)))).toBe(sha256Hex(large));
  });

  it('never exposes a half-written file: readers see the old version until the rename', async () => {
    const key = tempKey();
    const old = Buffer.alloc(100_000, 'o');
    await sut.put(key, chunked(old));
    const writing = sut.put(key, failingSource(500_000, new Error('dropped'), 200));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await readAll(await sut.get(key))).toEqual(old);
    await expect(writing).rejects.toThrow('dropped');
    expect(await readAll(await sut.get(key))).toEqual(old);
    expect(await readdir(path.join(root, '.partial'))).toEqual([]);
  });

  it('two concurrent puts to one key leave one complete body, not a mix', async () => {
    const key = tempKey();
    const a = Buffer.alloc(2 * 1024 * 1024, 'a');
    const b = Buffer.alloc(2 * 1024 * 1024, 'b');
    await Promise.all([sut.put(key, chunked(a, 4096)), sut.put(key, chunked(b, 4096))]);
    const stored = await readAll(await sut.get(key));
    expect([sha256Hex(a), sha256Hex(b)]).toContain(sha256Hex(stored));
  });

  describe('early fdatasyncs', () => {
    let fileHandle: { prototype: FileHandle };

    beforeAll(async () => {
      const probe = await open(path.join(root, 'probe'), 'w');
      fileHandle = { prototype: Object.getPrototypeOf(probe) as FileHandle };
      await probe.close();
    });

    afterEach(() => jest.restoreAllMocks());

    it('flushes a large body while it is still being written, then once more at the end', async () => {
      const datasync = jest.spyOn(fileHandle.prototype, 'datasync');
      const data = randomBytes(3 * EARLY_SYNC_BYTES + 5);
      const key = tempKey();
      await sut.put(key, chunked(data));
      expect(sha256Hex(await readAll(await sut.get(key)))).toBe(sha256Hex(data));
      // At least one early sync beside the writes (a write done while one runs starts none), and the last.
      expect(datasync.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(datasync.mock.calls.length).toBeLessThanOrEqual(4);
    });

    it('syncs a body smaller than EARLY_SYNC_BYTES once, at the end', async () => {
      const datasync = jest.spyOn(fileHandle.prototype, 'datasync');
      await sut.put(tempKey(), chunked(randomBytes(EARLY_SYNC_BYTES - 1)));
      expect(datasync).toHaveBeenCalledTimes(1);
    });

    it('fails the put when an early sync fails, leaving no partial file and no object', async () => {
      const original = fileHandle.prototype.datasync;
      let calls = 0;
      jest.spyOn(fileHandle.prototype, 'datasync').mockImplementation(function (this: FileHandle) {
        calls++;
        return calls === 1 ? Promise.reject(new Error('EIO: i/o error, fdatasync')) : original.call(this);
      });
      const key = tempKey();
      await expect(sut.put(key, chunked(randomBytes(2 * EARLY_SYNC_BYTES)))).rejects.toMatchObject({
        code: StorageExceptionCode.BACKEND_FAILURE,
        message: expect.stringContaining('EIO') as unknown,
      });
      expect(await sut.exists(key)).toBe(false);
      expect(await readdir(path.join(root, '.partial'))).toEqual([]);
    });
  });

  it('reports a key that is a directory (a prefix of other keys) as missing', async () => {
    await sut.put('sha256/aa/bb/' + 'a'.repeat(64), chunked(Buffer.from('x')));
    expect(await sut.stat('sha256/aa')).toBeNull();
    await expect(sut.get('sha256/aa')).rejects.toMatchObject({ code: StorageExceptionCode.NOT_FOUND });
    await sut.delete('sha256/aa');
  });

  it('reports a disk failure as BACKEND_FAILURE (root is a file, not a directory)', async () => {
    const fileAsRoot = path.join(root, 'not-a-dir');
    await sut.put('not-a-dir', chunked(Buffer.from('x')));
    const broken = new LocalDiskStorage(fileAsRoot);
    await expect(broken.put(tempKey(), chunked(Buffer.from('y')))).rejects.toMatchObject({ code: StorageExceptionCode.BACKEND_FAILURE });
  });
});
