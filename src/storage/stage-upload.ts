import { pipeline } from 'node:stream';
import { Readable } from 'node:stream';
import { HashingStream } from './hashing-stream';
import { ObjectStorage, tempKey } from './object-storage';

export interface StagedUpload {
  /** Where the bytes are now: `tmp/<uuid>`, until moved to `contentKey(sha256)` or `discardUpload`. */
  tempKey: string;
  sha256: string;
  size: number;
  /** The first 8 KiB, for `sniffContentType`. */
  head: Buffer;
}

export interface StageUploadOptions {
  maxBytes: number;
  sizeHint?: number;
}

/**
 * First half of an upload: stream `source` to a temporary key while hashing, counting and keeping
 * the head, so the type can be judged and the file scanned before it gets its content key.
 * Rejects with the source's error or `FileTooLargeError` (and leaves nothing stored) if the body
 * fails; the source is destroyed in that case, so the caller stops receiving it.
 */
export async function stageUpload(storage: ObjectStorage, source: Readable, options: StageUploadOptions): Promise<StagedUpload> {
  const hasher = new HashingStream({ maxBytes: options.maxBytes });
  const key = tempKey();
  // pipeline carries an error either way: a source failure fails the hasher (so put cleans up), and a
  // hasher failure (too large) destroys the source. Its callback has nothing to add: put sees the error.
  const body = pipeline(source, hasher, () => undefined);
  try {
    await storage.put(key, body, { sizeHint: options.sizeHint });
  } catch (err) {
    await storage.delete(key).catch(() => undefined);
    throw err;
  }
  return { tempKey: key, sha256: hasher.sha256, size: hasher.bytes, head: hasher.head };
}

/** For a rejected upload (wrong type, malware): remove the temporary object. */
export async function discardUpload(storage: ObjectStorage, staged: StagedUpload): Promise<void> {
  await storage.delete(staged.tempKey);
}
