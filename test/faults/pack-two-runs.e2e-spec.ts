import { createHash } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { PackEntity } from '../../src/packs/entities/pack.entity';
import { PackFileEntity } from '../../src/packs/entities/pack-file.entity';
import { PackGenerationService, type PackJobContext } from '../../src/packs/jobs/pack-generation.service';
import { OBJECT_STORAGE, type ObjectStorage } from '../../src/storage/object-storage';
import { readAll } from '../../src/storage/stream.testing';
import { WorkerModule } from '../../src/worker.module';
import { binaryParser } from '../support/packs-readers';
import { seedAction, seedPlanBasics } from '../support/plan-fixtures';
import { bearer, inPlan, TestApp, TestOrganisation, TestUser } from '../support/test-app';

/**
 * Two runs of one pack at once: with two worker replicas and a Redis outage longer than the job
 * lock, BullMQ hands a stalled job to a second worker while the first resumes. Each run takes the
 * pack over with its own token and stores its files under it, so neither can overwrite or delete
 * the other's; only the run holding the token makes the pack ready. Both runs are driven here,
 * in one process, through the worker's own PackGenerationService (not started: no queue consumer
 * races them), the second one inside the first's progress callback, at the point named.
 */
describe('faults: two runs of one pack', () => {
  let t: TestApp;
  let workerRef: TestingModule;
  let generation: PackGenerationService;
  let storage: ObjectStorage;
  let org: TestOrganisation;
  let board: TestUser;

  const packRow = (id: string) => t.dataSource.getRepository(PackEntity).findOneByOrFail({ id });
  const fileRows = (packId: string) => t.dataSource.getRepository(PackFileEntity).find({ where: { packId }, order: { format: 'ASC' } });
  const requestPack = async (asOf: string): Promise<string> =>
    (await t.http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send({ audience: 'board', asOf, formats: ['json', 'pdf'] }).expect(202)).body.id as string;
  const context = (attempt: number, reportProgress?: (percent: number) => Promise<void>): PackJobContext => ({ jobId: 'test', attempt, maxAttempts: 5, reportProgress });
  /** Every stored key of a pack, whatever attempt wrote it. */
  const storedKeys = async (packId: string): Promise<string[]> => {
    const keys: string[] = [];
    for await (const o of storage.list(`packs/${org.id}/${packId}/`)) keys.push(o.key);
    return keys.sort();
  };
  /** The pack's files as the API serves them match their rows' hashes and sizes. */
  const expectServedFilesMatchRows = async (packId: string) => {
    const rows = await fileRows(packId);
    expect(rows.map((r) => r.format)).toEqual(['json', 'pdf']);
    for (const row of rows) {
      const body = (await t.http().get(`/api/v1/packs/${packId}/files/${row.format}`).set(bearer(board)).buffer(true).parse(binaryParser).expect(200)).body as Buffer;
      expect({ format: row.format, size: body.length, sha256: createHash('sha256').update(body).digest('hex') }).toEqual({ format: row.format, size: Number(row.sizeBytes), sha256: row.sha256 });
    }
    return rows;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Wirral Council');
    board = await t.createUser(org, 'board');
    const plan = await seedPlanBasics(t.dataSource, org.id, org.planId);
    for (let i = 0; i < 3; i++) await seedAction(t.dataSource, org.id, plan, { ownerId: board.id, dueDate: '2026-12-18' });
    workerRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot({ config: t.config, clock: t.clock })] }).compile();
    generation = workerRef.get(PackGenerationService, { strict: false });
    storage = workerRef.get<ObjectStorage>(OBJECT_STORAGE, { strict: false });
  });

  afterAll(async () => {
    await workerRef?.close();
    await t?.close();
  });

  it('a run that fails after another run finished the pack deletes only its own files: the ready pack keeps its files', async () => {
    const packId = await requestPack('2026-11-20');
    let second: unknown;
    // The first run, once its render has started (20%): the second run builds the whole pack, then
    // the first fails (as a run does whose worker lost its connection), deleting what it stored.
    const first = generation.generate(
      { organisationId: org.id, packId },
      context(1, async (percent) => {
        if (percent !== 20 || second) return;
        second = await generation.generate({ organisationId: org.id, packId }, context(2));
        throw new Error('connection terminated');
      }),
    );
    await expect(first).rejects.toThrow('connection terminated');
    expect(second).toMatchObject({ outcome: 'generated' });

    // The failed run changed nothing: the pack is ready, with no failure, and its files are whole.
    expect(await packRow(packId)).toMatchObject({ state: 'ready', failureReason: null, progress: 100 });
    const rows = await expectServedFilesMatchRows(packId);
    expect(await storedKeys(packId)).toEqual(rows.map((r) => r.storageKey).sort());
  });

  it('a run that finishes after another run took the pack over ends superseded and leaves no file; the other run makes the pack', async () => {
    const packId = await requestPack('2026-11-21');
    let second: Promise<unknown> | undefined;
    let keysWhileBoth: string[] = [];
    // Both runs store their files at once: the second starts when the first reports its files stored (97%).
    const first = await generation.generate(
      { organisationId: org.id, packId },
      context(1, async (percent) => {
        if (percent !== 97 || second) return;
        second = generation.generate({ organisationId: org.id, packId }, context(2, async (p) => {
          if (p === 97) keysWhileBoth = await storedKeys(packId);
        }));
        await second;
      }),
    );
    expect(first).toEqual({ outcome: 'skipped', packId, reason: 'superseded' });
    expect(await second).toMatchObject({ outcome: 'generated' });
    // While both were stored, each run had its own two files.
    expect(keysWhileBoth).toHaveLength(4);

    expect(await packRow(packId)).toMatchObject({ state: 'ready', failureReason: null });
    const rows = await expectServedFilesMatchRows(packId);
    // Only the finishing run's files are left.
    expect(await storedKeys(packId)).toEqual(rows.map((r) => r.storageKey).sort());
    const pdf = await readAll(await storage.get(rows.find((r) => r.format === 'pdf')!.storageKey));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("a retry after a failed attempt stores under a new key; the failed attempt's files are gone", async () => {
    const packId = await requestPack('2026-11-22');
    await expect(
      generation.generate(
        { organisationId: org.id, packId },
        context(1, async (percent) => {
          if (percent === 20) throw new Error('connection terminated');
        }),
      ),
    ).rejects.toThrow('connection terminated');
    expect(await packRow(packId)).toMatchObject({ state: 'queued', failureReason: 'Attempt 1 of 5 failed, retrying: connection terminated' });
    expect(await storedKeys(packId)).toEqual([]);

    await expect(generation.generate({ organisationId: org.id, packId }, context(2))).resolves.toMatchObject({ outcome: 'generated' });
    const rows = await expectServedFilesMatchRows(packId);
    expect(rows.every((r) => r.storageKey.startsWith(`packs/${org.id}/${packId}/`) && r.storageKey.split('/').length === 5)).toBe(true);
  });
});
