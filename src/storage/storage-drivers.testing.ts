import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LocalDiskStorage } from './local-disk.storage';
import { ObjectStorage } from './object-storage';
import { S3Storage } from './s3.storage';
import { startS3rver } from './s3rver.testing';

export interface StorageUnderTest {
  storage: ObjectStorage;
  /** Anything a failed write may have left behind (partial files, unfinished uploads); should be empty. */
  leftovers(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Every driver, on a real backend: local disk in a fresh temp dir, and S3 against s3rver 3.7 (a real
 * S3 HTTP server, in process) with the SDK's default checksum settings. s3rver does not implement
 * AbortMultipartUpload (it answers 405), so for S3 "nothing left behind" is read from the request
 * log: every multipart upload the client started was completed or had an abort sent.
 * For `describe.each(STORAGE_DRIVERS)` in the storage contract and in tests of code built on storage.
 */
export const STORAGE_DRIVERS: Array<{ name: string; start(): Promise<StorageUnderTest> }> = [
  {
    name: 'LocalDiskStorage',
    start: async () => {
      const root = await mkdtemp(path.join(tmpdir(), 'evidence-local-'));
      return {
        storage: new LocalDiskStorage(root),
        leftovers: async () => readdir(path.join(root, '.partial')).catch(() => []),
        stop: () => rm(root, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'S3Storage (s3rver)',
    start: async () => {
      const s3 = await startS3rver('evidence');
      const storage = new S3Storage({
        endpoint: s3.endpoint,
        region: 'eu-west-2',
        bucket: s3.bucket,
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
      });
      return {
        storage,
        leftovers: async () => unfinishedMultipartUploads(s3.requests),
        stop: async () => {
          storage.destroy();
          await s3.stop();
        },
      };
    },
  },
];

/** Upload ids that had parts sent but neither a CompleteMultipartUpload nor an AbortMultipartUpload. */
function unfinishedMultipartUploads(requests: string[]): string[] {
  const id = (r: string): string | null => /[?&]uploadId=([^&]+)/.exec(r)?.[1] ?? null;
  const started = new Set(requests.filter((r) => r.startsWith('PUT ') && id(r)).map(id));
  for (const r of requests) {
    if ((r.startsWith('POST ') || r.startsWith('DELETE ')) && id(r)) started.delete(id(r));
  }
  return [...started].filter((u): u is string => u !== null);
}
