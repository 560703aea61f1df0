import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_HEAD_BYTES, FileTooLargeError, HashingStream } from './hashing-stream';
import { chunked, countingSource, readAll } from './stream.testing';

describe('HashingStream', () => {
  it('passes bytes through unchanged and hashes them like crypto does for the whole', async () => {
    const data = randomBytes(1024 * 1024 + 17);
    const sut = new HashingStream();
    const out = await readAll(chunked(data, 1000).pipe(sut));
    expect(out).toEqual(data);
    expect(sut.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(sut.bytes).toBe(data.length);
  });

  it('keeps the first 8 KiB as head, across chunk boundaries', async () => {
    const data = randomBytes(50_000);
    const sut = new HashingStream();
    await readAll(chunked(data, 3000).pipe(sut));
    expect(sut.head).toEqual(data.subarray(0, DEFAULT_HEAD_BYTES));
    expect(sut.head.length).toBe(8192);
  });

  it('keeps the whole body as head when it is shorter, and handles empty input', async () => {
    const small = new HashingStream();
    await readAll(chunked(Buffer.from('%PDF-1.7')).pipe(small));
    expect(small.head.toString()).toBe('%PDF-1.7');

    const empty = new HashingStream();
    await readAll(chunked(Buffer.alloc(0)).pipe(empty));
    expect(empty.bytes).toBe(0);
    expect(empty.head.length).toBe(0);
    expect(empty.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('accepts exactly maxBytes', async () => {
    const sut = new HashingStream({ maxBytes: 4096 });
    await readAll(chunked(randomBytes(4096), 1000).pipe(sut));
    expect(sut.bytes).toBe(4096);
  });

  it('errors with FileTooLargeError on the chunk that passes maxBytes, before reading the rest', async () => {
    const source = countingSource(100 * 1024 * 1024, 64 * 1024);
    const sut = new HashingStream({ maxBytes: 1024 * 1024 });
    let forwarded = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        forwarded += chunk.length;
        callback();
      },
    });
    const failure = pipeline(source.stream, sut, sink);
    await expect(failure).rejects.toBeInstanceOf(FileTooLargeError);
    await expect(failure).rejects.toMatchObject({ maxBytes: 1024 * 1024, code: 'FILE_TOO_LARGE' });
    expect(forwarded).toBeLessThanOrEqual(1024 * 1024);
    // Stopped within a few chunks of the limit (the source reads a little ahead), not after 100 MiB.
    expect(source.produced()).toBeLessThan(3 * 1024 * 1024);
  });

  it('will not give a digest before the stream has ended', () => {
    expect(() => new HashingStream().sha256).toThrow(/before the stream ended/);
  });
});
