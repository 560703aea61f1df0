import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskStorage } from './local-disk.storage';
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
