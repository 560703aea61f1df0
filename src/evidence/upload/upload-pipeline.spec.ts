import { randomBytes } from 'node:crypto';
import { FileTooLargeError } from '../../storage/hashing-stream';
import { contentKey, ObjectStorage } from '../../storage/object-storage';
import { StagedUpload, stageUpload } from '../../storage/stage-upload';
import { STORAGE_DRIVERS, StorageUnderTest } from '../../storage/storage-drivers.testing';
import { chunked, readAll, sha256Hex } from '../../storage/stream.testing';
import { sniffContentType } from '../content/sniff-content-type';
import { storedObjectSource } from '../content/stored-object-source';

/** As EvidenceUploadService does it: the staged bytes move to their content key (deduplicated). */
async function promote(storage: ObjectStorage, staged: StagedUpload): Promise<string> {
  const key = contentKey(staged.sha256);
  await storage.move(staged.tempKey, key);
  return key;
}

/** An evidence upload on every storage driver: staged to a temporary key, judged from what was stored, promoted. */
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

  describe('the upload pipeline: stage, judge, promote', () => {
    it('stages with digest, size and head, sniffs a zip from the stored object, and dedups on promote', async () => {
      const csv = Buffer.from('action,owner,status\nA1,Head of Service,complete\nA2,Principal Social Worker,in progress\n');
      const staged = await stageUpload(storage, chunked(csv, 7), { maxBytes: 1024 });
      expect(staged).toMatchObject({ sha256: sha256Hex(csv), size: csv.length, head: csv });
      const source = storedObjectSource(storage, staged.tempKey, staged.size);
      expect(await sniffContentType(staged.head, 'tracker.csv', source)).toMatchObject({ mime: 'text/csv' });

      const key = await promote(storage, staged);
      expect(key).toBe(contentKey(sha256Hex(csv)));
      expect(await storage.exists(staged.tempKey)).toBe(false);

      const again = await stageUpload(storage, chunked(csv), { maxBytes: 1024 });
      expect(await promote(storage, again)).toBe(key);
      expect(await storage.exists(again.tempKey)).toBe(false);
      expect(await readAll(await storage.get(key))).toEqual(csv);
    });

    it('rejects an oversized upload with FileTooLargeError and keeps nothing', async () => {
      await expect(stageUpload(storage, chunked(randomBytes(300 * 1024)), { maxBytes: 100 * 1024 })).rejects.toBeInstanceOf(FileTooLargeError);
      expect(await subject.leftovers()).toEqual([]);
    });
  });
});
