import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable, Transform } from 'node:stream';
import {
  assertValidKey,
  assertValidRange,
  ByteRange,
  ObjectStorage,
  PutOptions,
  StorageException,
  StorageExceptionCode,
  StoredObjectInfo,
} from './object-storage';

export interface S3StorageOptions {
  /** Omit for AWS; set for MinIO or another S3-compatible server. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `true` for MinIO and most self-hosted servers (`http://host/bucket/key`). */
  forcePathStyle: boolean;
  /** Multipart part size; the SDK's minimum (5 MiB) by default, raised for huge `sizeHint`s. */
  partSizeBytes?: number;
  /** Parts uploaded in parallel; memory per upload is about partSize x queueSize. */
  queueSize?: number;
  /**
   * The SDK's default (`WHEN_SUPPORTED`) adds CRC32 checksums to every upload, which AWS verifies.
   * `WHEN_REQUIRED` is for S3-compatible servers that reject the checksum headers.
   */
  checksums?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
}

const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;
/** CopyObject copies at most 5 GiB in one request; evidence is capped far below that. */
const MAX_SINGLE_COPY_BYTES = 5 * 1024 * 1024 * 1024;

/**
 * Objects in one S3 bucket, through the official SDK v3. Uploads stream through `Upload`
 * (multipart above one part), so memory stays at about partSize x queueSize whatever the file size.
 *
 * Operators should also set a bucket lifecycle rule `AbortIncompleteMultipartUpload` (a day is
 * plenty): this class aborts failed uploads, but a killed process cannot.
 */
export class S3Storage implements ObjectStorage {
  readonly kind = 's3' as const;
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly partSizeBytes: number;
  private readonly queueSize: number;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.partSizeBytes = Math.max(MIN_PART_SIZE, options.partSizeBytes ?? MIN_PART_SIZE);
    this.queueSize = options.queueSize ?? 4;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      requestChecksumCalculation: options.checksums ?? 'WHEN_SUPPORTED',
      responseChecksumValidation: options.checksums ?? 'WHEN_SUPPORTED',
    });
  }

  async put(key: string, body: Readable, opts: PutOptions = {}): Promise<void> {
    assertValidKey(key);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: opts.contentType },
      partSize: this.partSizeFor(opts.sizeHint),
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    let bodyError: Error | undefined;
    const onBodyError = (err: Error): void => {
      bodyError ??= err;
      // Stop at once rather than after the parts already in flight.
      void upload.abort();
    };
    body.once('error', onBodyError);
    try {
      await upload.done();
    } catch (err) {
      body.destroy();
      // `abort()` makes done() reject before lib-storage's own clean-up has run (it continues in the
      // background), so abort the multipart upload here as well and wait for it: no orphan parts.
      await this.abortMultipart(key, upload.uploadId);
      // `errored` covers a body that had already failed before we could listen.
      const bodyFailure = bodyError ?? body.errored;
      if (bodyFailure) throw bodyFailure;
      throw this.failure('upload', key, err);
    } finally {
      body.off('error', onBodyError);
    }
    if (bodyError !== undefined) {
      // The body failed after the SDK had already read the last byte: do not keep what may be a truncated object.
      await this.delete(key).catch(() => undefined);
      throw bodyError;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    assertValidKey(key);
    if (range) assertValidRange(range);
    try {
      const response = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      const stream = response.Body;
      if (!(stream instanceof Readable)) {
        // Only browsers get web streams; on Node the SDK always returns an IncomingMessage.
        throw new Error('S3 returned a body that is not a Node stream');
      }
      return range ? exactRange(stream, range, response.ContentRange, key) : stream;
    } catch (err) {
      if (err instanceof StorageException) throw err;
      const status = httpStatus(err);
      if (status === 404) throw notFound(key);
      if (status === 416) {
        throw new StorageException(`Range ${range?.start}-${range?.end} not satisfiable for ${key}`, StorageExceptionCode.RANGE_NOT_SATISFIABLE);
      }
      throw this.failure('read', key, err);
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    assertValidKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0 };
    } catch (err) {
      if (httpStatus(err) === 404) return null;
      throw this.failure('stat', key, err);
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    try {
      // S3 answers 204 for a missing key too, so this is idempotent without a HEAD first.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (err) {
      if (httpStatus(err) === 404) return;
      throw this.failure('delete', key, err);
    }
  }

  async move(fromKey: string, toKey: string): Promise<void> {
    assertValidKey(fromKey);
    assertValidKey(toKey);
    if (fromKey === toKey) {
      if (!(await this.exists(fromKey))) throw notFound(fromKey);
      return;
    }
    if (await this.exists(toKey)) {
      await this.delete(fromKey);
      return;
    }
    const source = await this.stat(fromKey);
    if (!source) throw notFound(fromKey);
    if (source.size > MAX_SINGLE_COPY_BYTES) {
      throw new StorageException(`${fromKey} is over 5 GiB, beyond a single CopyObject`, StorageExceptionCode.BACKEND_FAILURE);
    }
    try {
      await this.client.send(
        new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: `${encodeURIComponent(this.bucket)}/${encodeKey(fromKey)}` }),
      );
    } catch (err) {
      throw this.failure('copy', `${fromKey} to ${toKey}`, err);
    }
    await this.delete(fromKey);
  }

  /** Closes the client's sockets (on shutdown, and in tests). */
  destroy(): void {
    this.client.destroy();
  }

  /** Nest calls this on shutdown when the instance is a provider. */
  onModuleDestroy(): void {
    this.destroy();
  }

  async *list(prefix: string): AsyncIterable<StoredObjectInfo> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      } catch (err) {
        throw this.failure('list', prefix, err);
      }
      for (const o of page.Contents ?? []) {
        if (o.Key) yield { key: o.Key, lastModified: o.LastModified ?? new Date() };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Incomplete multipart uploads (a process killed mid-upload) started before `olderThan` are aborted. */
  async removeStalePartials(olderThan: Date): Promise<string[]> {
    let uploads;
    try {
      uploads = (await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket }))).Uploads ?? [];
    } catch (err) {
      // Some S3-compatible stores (s3rver) cannot list them: their lifecycle rule must sweep instead.
      if ((err as Error).name === 'NotImplemented') return [];
      throw this.failure('list multipart uploads of', this.bucket, err);
    }
    const removed: string[] = [];
    for (const u of uploads) {
      if (!u.Key || !u.UploadId || !u.Initiated || u.Initiated >= olderThan) continue;
      await this.abortMultipart(u.Key, u.UploadId);
      removed.push(`multipart:${u.Key}`);
    }
    return removed;
  }

  private partSizeFor(sizeHint?: number): number {
    if (!sizeHint || !Number.isFinite(sizeHint) || sizeHint <= 0) return this.partSizeBytes;
    // Keep under S3's 10,000-part ceiling with some headroom, since the hint may be low.
    return Math.max(this.partSizeBytes, Math.ceil(sizeHint / (MAX_PARTS / 2)));
  }

  private async abortMultipart(key: string, uploadId: string | undefined): Promise<void> {
    if (!uploadId) return;
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
    } catch {
      // Already aborted by lib-storage (NoSuchUpload), or the store is unreachable: the lifecycle rule sweeps leftovers.
    }
  }

  private failure(action: string, key: string, cause: unknown): StorageException {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    return new StorageException(`S3 could not ${action} ${key} in ${this.bucket}: ${detail}`, StorageExceptionCode.BACKEND_FAILURE, { cause });
  }
}

function notFound(key: string): StorageException {
  return new StorageException(`No object at ${key}`, StorageExceptionCode.NOT_FOUND);
}

function httpStatus(err: unknown): number | undefined {
  if (err instanceof S3ServiceException) return err.$metadata.httpStatusCode;
  // Duck-typed as well, in case two copies of the SDK end up in node_modules.
  const metadata = (err as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata;
  return typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/**
 * Makes sure a ranged read yields exactly the bytes asked for. Not every S3-compatible server gets
 * Range right (s3rver 3.7 answers `bytes=0-0` with the whole object, and a server that ignores Range
 * answers 200 with all of it); handing those bytes on would corrupt a resumed download. The
 * Content-Range header says what came back; anything extra is cut off here.
 */
function exactRange(body: Readable, range: ByteRange, contentRange: string | undefined, key: string): Readable {
  const match = contentRange ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange) : null;
  const servedStart = match ? Number(match[1]) : 0;
  const servedEnd = match ? Number(match[2]) : Number.POSITIVE_INFINITY;
  const total = match && match[3] !== '*' ? Number(match[3]) : Number.POSITIVE_INFINITY;
  const wantedEnd = Math.min(range.end, total - 1);
  if (servedStart === range.start && servedEnd === wantedEnd) return body;
  if (servedStart > range.start || servedEnd < wantedEnd) {
    body.destroy();
    throw new StorageException(
      `S3 served ${contentRange ?? 'no Content-Range'} for ${key}, not bytes ${range.start}-${wantedEnd}`,
      StorageExceptionCode.BACKEND_FAILURE,
    );
  }
  return sliceStream(body, range.start - servedStart, wantedEnd - range.start + 1);
}

/** The `length` bytes of `source` after the first `skip`; stops reading the source once they have passed. */
function sliceStream(source: Readable, skip: number, length: number): Readable {
  const stop = skip + length;
  let position = 0;
  const slice = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const from = Math.max(0, skip - position);
      const to = Math.min(chunk.length, stop - position);
      position += chunk.length;
      if (to > from) this.push(chunk.subarray(from, to));
      callback();
      if (position >= stop) {
        this.push(null);
        source.unpipe(slice);
        source.destroy();
      }
    },
  });
  source.on('error', (err) => {
    // Errors after the slice is complete come from our own destroy() of the rest: not the reader's concern.
    if (position < stop) slice.destroy(err);
  });
  return source.pipe(slice);
}
