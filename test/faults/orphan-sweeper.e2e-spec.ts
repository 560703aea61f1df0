import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { OrphanSweeper } from '../../src/maintenance/orphan-sweeper.service';
import { PackEntity } from '../../src/packs/entities/pack.entity';
import { PackFileEntity } from '../../src/packs/entities/pack-file.entity';
import { contentKey, OBJECT_STORAGE, type ObjectStorage } from '../../src/storage/object-storage';
import { RunningS3rver, startS3rver } from '../../src/storage/s3rver.testing';
import { eventually } from '../support/evidence-fixtures';
import { bearer, inPlan, TestApp } from '../support/test-app';

const HOUR = 3_600_000;

/**
 * The orphan sweeper, on each storage driver: staged uploads (`tmp/`, `.partial/`) go once older
 * than ORPHAN_UPLOAD_AGE_MINUTES; stored objects no row refers to go once older than
 * ORPHAN_OBJECT_AGE_HOURS; objects rows refer to stay, whatever their age. The test clock moves
 * past the real files' times instead of waiting.
 */
describe.each(['local', 's3'] as const)('faults: the orphan sweeper (%s storage)', (driver) => {
  let t: TestApp;
  let s3: RunningS3rver | null = null;
  let storage: ObjectStorage;
  let sweeper: OrphanSweeper;
  let packFileKey: string;

  beforeAll(async () => {
    const env: Record<string, string> = { ORPHAN_UPLOAD_AGE_MINUTES: '60', ORPHAN_OBJECT_AGE_HOURS: '24' };
    if (driver === 's3') {
      s3 = await startS3rver('sweeper-it');
      Object.assign(env, { STORAGE_DRIVER: 's3', S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' });
    }
    t = await TestApp.start({ env, worker: true });
    storage = t.worker!.get(OBJECT_STORAGE);
    sweeper = t.worker!.get(OrphanSweeper);
    const org = await t.createOrganisation('Wirral Council');
    const board = await t.createUser(org, 'board');
    const packId = (await t.http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send({ audience: 'board', asOf: '2026-11-20', formats: ['json'] }).expect(202)).body.id as string;
    expect(await eventually(async () => (await t.dataSource.getRepository(PackEntity).findOneByOrFail({ id: packId })).state === 'ready', 60_000, 250)).toBe(true);
    packFileKey = (await t.dataSource.getRepository(PackFileEntity).findOneByOrFail({ packId })).storageKey;
  });

  afterAll(async () => {
    await t?.close();
    await s3?.stop();
  });

  const put = (key: string) => storage.put(key, Readable.from(Buffer.from(`orphan ${key}`)));
  const at = (offsetMs: number) => t.clock.set(new Date(Date.now() + offsetMs));

  it('removes staged uploads after their age and unreferenced objects after a day; referenced objects stay', async () => {
    const staged = `tmp/${randomUUID()}`;
    const orphan = contentKey('ab'.repeat(32));
    await put(staged);
    await put(orphan);
    const partial = join(t.config.DATA_DIR, 'evidence', '.partial', randomUUID());
    if (driver === 'local') {
      mkdirSync(join(t.config.DATA_DIR, 'evidence', '.partial'), { recursive: true });
      writeFileSync(partial, 'half an upload');
    }

    at(30 * 60_000); // younger than both ages: nothing goes
    expect(await sweeper.sweep()).toMatchObject({ staged: [], unreferenced: [] });

    at(2 * HOUR); // staged uploads are dead; the orphan is not a day old yet
    const second = await sweeper.sweep();
    expect(second.staged).toEqual(expect.arrayContaining(driver === 'local' ? [staged, expect.stringMatching(/^\.partial\//)] : [staged]));
    expect(second.unreferenced).toEqual([]);
    expect(await storage.exists(staged)).toBe(false);

    at(25 * HOUR);
    const third = await sweeper.sweep();
    expect(third.unreferenced).toEqual([orphan]);
    expect(await storage.exists(orphan)).toBe(false);
    expect(await storage.exists(packFileKey)).toBe(true);
  });
});
