import { createHash } from 'node:crypto';
import { FixedClock } from '../../common/clock/clock';
import { readAll } from '../../storage/stream.testing';
import type { ObjectStorage } from '../../storage/object-storage';
import type { RagComputeService } from '../../rag/compute/rag-compute.service';
import type { PackEntity } from '../entities/pack.entity';
import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.testing';
import type { PacksRepository } from '../packs.repository';
import type { PackSourceLoader } from '../source/pack-source.loader';
import { packContentHash } from './content-hash';
import { PackGenerationService, packStorageKey } from './pack-generation.service';
import type { PackRenderThreadService } from './pack-render-thread.service';
import { PackRenderThread, RenderThreadError } from '../render/render-thread-pool';
import { renderPdf } from '../render/render-pdf';
import { LocalDiskStorage } from '../../storage/local-disk.storage';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ORG = '11111111-1111-4111-8111-111111111111';
const PACK = '22222222-2222-4222-8222-222222222222';
const PLAN = '33333333-3333-4333-8333-333333333333';

function packRow(extra: Partial<PackEntity> = {}): PackEntity {
  return {
    id: PACK,
    organisationId: ORG,
    planId: PLAN,
    meetingId: null,
    audience: 'board',
    asOf: '2025-10-31',
    title: 'Board pack',
    formats: ['json'],
    state: 'queued',
    progress: 0,
    failureReason: null,
    contentHash: null,
    requestedById: '33333333-3333-4333-8333-333333333333',
    jobId: `pack-${PACK}`,
    createdAt: new Date('2025-11-03T09:15:00Z'),
    completedAt: null,
    publishedAt: null,
    publishedById: null,
    figuresRevision: null,
    ...extra,
  };
}

/** Every collaborator mocked; the source is the model's own fixture. */
function setup(pack: PackEntity | null, coverage = { snapshots: 14, actionsWithout: 0 }, options: { storage?: ObjectStorage; thread?: PackRenderThread } = {}) {
  const packs = {
    findOne: jest.fn().mockResolvedValue(pack),
    markGenerating: jest.fn().mockResolvedValue(pack !== null && pack.state !== 'ready'),
    setProgress: jest.fn().mockResolvedValue(undefined),
    markReady: jest.fn().mockResolvedValue(true),
    markAttemptFailed: jest.fn().mockResolvedValue(undefined),
  };
  const loader = { snapshotCoverage: jest.fn().mockResolvedValue(coverage), loadChecked: jest.fn().mockResolvedValue({ source: packSourceFixture('board'), check: null, figuresRevision: 3 }) };
  const rag = { recomputePlan: jest.fn().mockResolvedValue({}) };
  const stored = new Map<string, Buffer>();
  const storage = {
    put: jest.fn(async (key: string, body: NodeJS.ReadableStream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
      stored.set(key, Buffer.concat(chunks));
    }),
    delete: jest.fn(async (key: string) => {
      stored.delete(key);
    }),
  };
  const clock = new FixedClock(new Date('2025-11-03T10:00:00Z'));
  const sut = new PackGenerationService(
    packs as unknown as PacksRepository,
    loader as unknown as PackSourceLoader,
    rag as unknown as RagComputeService,
    options.storage ?? (storage as unknown as ObjectStorage),
    clock,
    options.thread as PackRenderThreadService | undefined,
  );
  return { sut, packs, loader, rag, storage, stored };
}

/** The attempt token the `call`-th generate() took the pack over with (markGenerating's third argument). */
const tokenOf = (packs: { markGenerating: jest.Mock }, call = 0): string => packs.markGenerating.mock.calls[call][2] as string;
/** The file rows markReady was given (its last call). */
const rowsOf = (packs: { markReady: jest.Mock }): { format: string; storageKey: string; sha256: string; sizeBytes: number; contentType: string }[] =>
  (packs.markReady.mock.lastCall?.[3] as { files: [] } | undefined)?.files ?? [];

const context = { jobId: `pack-${PACK}`, attempt: 1, maxAttempts: 3, reportProgress: jest.fn().mockResolvedValue(undefined) };

describe('PackGenerationService', () => {
  it("renders, stores under the attempt's key, and marks the pack ready with the file rows and the content hash", async () => {
    const { sut, packs, stored, rag } = setup(packRow());
    const result = await sut.generate({ organisationId: ORG, packId: PACK }, context);

    expect(result).toMatchObject({ outcome: 'generated', contentHash: packContentHash(buildPackModel(packSourceFixture('board'))), actions: 14, recomputed: false });
    const token = tokenOf(packs);
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    const key = packStorageKey(ORG, PACK, token, 'json');
    expect(key).toBe(`packs/${ORG}/${PACK}/${token}/json`);
    const json = stored.get(key);
    expect(JSON.parse(String(json)).headline.total).toBe(14);
    expect(packs.markReady).toHaveBeenCalledWith(ORG, PACK, token, {
      files: [expect.objectContaining({ packId: PACK, format: 'json', storageKey: key, sizeBytes: json?.length, contentType: 'application/json' })],
      contentHash: packContentHash(buildPackModel(packSourceFixture('board'))),
      completedAt: new Date('2025-11-03T10:00:00Z'),
      publicationCheck: null,
      figuresRevision: 3,
      // A board pack's title is kept as given (only a scrutiny pack's is screened).
      screenedTitle: null,
    });
    expect(rag.recomputePlan).not.toHaveBeenCalled();
    expect(packs.setProgress.mock.calls.every((c) => c[2] === token)).toBe(true);
    const progress = packs.setProgress.mock.calls.map((c) => c[3] as number);
    expect(progress[0]).toBe(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(context.reportProgress).toHaveBeenLastCalledWith(100);
  });

  // DOCX and XLSX are not byte-stable yet: their zip entries and DOCX core properties carry the
  // render time, and docx numbers drawings with a process-wide counter (see the packs report).
  it('writes byte-identical PDF and JSON when the same pack runs again', async () => {
    const first = setup(packRow({ formats: ['json', 'pdf'] }));
    await first.sut.generate({ organisationId: ORG, packId: PACK }, context);
    const second = setup(packRow({ formats: ['json', 'pdf'] }));
    await second.sut.generate({ organisationId: ORG, packId: PACK }, context);
    expect(tokenOf(second.packs)).not.toBe(tokenOf(first.packs));
    for (const format of ['json', 'pdf'] as const) {
      const bytes = second.stored.get(packStorageKey(ORG, PACK, tokenOf(second.packs), format));
      expect(bytes?.equals(first.stored.get(packStorageKey(ORG, PACK, tokenOf(first.packs), format)) as Buffer)).toBe(true);
    }
  });

  it('recomputes the reporting date first when it has no snapshots', async () => {
    const { sut, rag } = setup(packRow(), { snapshots: 0, actionsWithout: 14 });
    const result = await sut.generate({ organisationId: ORG, packId: PACK }, context);
    expect(rag.recomputePlan).toHaveBeenCalledWith(ORG, PLAN, '2025-10-31', expect.any(Function));
    expect(result).toMatchObject({ recomputed: true });
  });

  it('recomputes today when an action has no snapshot yet, but leaves a recorded past date alone', async () => {
    const today = setup(packRow({ asOf: '2025-11-03' }), { snapshots: 13, actionsWithout: 1 });
    await today.sut.generate({ organisationId: ORG, packId: PACK }, context);
    expect(today.rag.recomputePlan).toHaveBeenCalled();
    const past = setup(packRow(), { snapshots: 13, actionsWithout: 1 });
    await past.sut.generate({ organisationId: ORG, packId: PACK }, context);
    expect(past.rag.recomputePlan).not.toHaveBeenCalled();
  });

  it('leaves a ready (or published) pack alone and skips a pack that no longer exists', async () => {
    const ready = setup(packRow({ state: 'ready', publishedAt: new Date() }));
    await expect(ready.sut.generate({ organisationId: ORG, packId: PACK }, context)).resolves.toEqual({ outcome: 'skipped', packId: PACK, reason: 'already-ready' });
    expect(ready.storage.put).not.toHaveBeenCalled();
    expect(ready.packs.markReady).not.toHaveBeenCalled();
    const gone = setup(null);
    await expect(gone.sut.generate({ organisationId: ORG, packId: PACK }, context)).resolves.toMatchObject({ outcome: 'skipped', reason: 'pack-not-found' });
  });

  it('queues the pack again with the reason after a failed attempt, and fails it after the last', async () => {
    const { sut, packs, loader } = setup(packRow());
    loader.loadChecked.mockRejectedValue(new Error('connection terminated'));
    await expect(sut.generate({ organisationId: ORG, packId: PACK }, { ...context, attempt: 1 })).rejects.toThrow('connection terminated');
    expect(packs.markAttemptFailed).toHaveBeenLastCalledWith(ORG, PACK, 'Attempt 1 of 3 failed, retrying: connection terminated', false, expect.any(Date), tokenOf(packs, 0));
    await expect(sut.generate({ organisationId: ORG, packId: PACK }, { ...context, attempt: 3 })).rejects.toThrow('connection terminated');
    expect(packs.markAttemptFailed).toHaveBeenLastCalledWith(ORG, PACK, 'connection terminated', true, new Date('2025-11-03T10:00:00Z'), tokenOf(packs, 1));
    expect(packs.markReady).not.toHaveBeenCalled();
  });

  it('deletes its own files and ends superseded when another run has taken the pack over', async () => {
    const { sut, packs, stored, storage } = setup(packRow({ formats: ['json', 'pdf'] }));
    packs.markReady.mockResolvedValue(false);
    await expect(sut.generate({ organisationId: ORG, packId: PACK }, context)).resolves.toEqual({ outcome: 'skipped', packId: PACK, reason: 'superseded' });
    const keys = rowsOf(packs).map((r) => r.storageKey);
    expect(keys).toHaveLength(2);
    expect(storage.delete.mock.calls.map((c) => c[0]).sort()).toEqual([...keys].sort());
    expect([...stored.keys()]).toEqual([]);
    expect(packs.markAttemptFailed).not.toHaveBeenCalled();
  });

  it('deletes its files and fails the attempt when marking the pack ready fails', async () => {
    const { sut, packs, stored } = setup(packRow());
    packs.markReady.mockRejectedValue(new Error('connection terminated'));
    await expect(sut.generate({ organisationId: ORG, packId: PACK }, context)).rejects.toThrow('connection terminated');
    expect([...stored.keys()]).toEqual([]);
    expect(packs.markAttemptFailed).toHaveBeenLastCalledWith(ORG, PACK, 'Attempt 1 of 3 failed, retrying: connection terminated', false, expect.any(Date), tokenOf(packs));
  });

  describe('with the render thread', () => {
    let thread: PackRenderThread;
    let root: string;

    beforeAll(() => {
      thread = new PackRenderThread(256);
      root = mkdtempSync(join(tmpdir(), 'pack-thread-'));
    });
    afterAll(async () => {
      await thread.close();
      rmSync(root, { recursive: true, force: true });
    });

    /** Every stored file under the storage root, partial writes included. */
    const storedFiles = (dir = root): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? storedFiles(join(dir, e.name)) : [join(dir, e.name)]));

    it('renders the PDF in the thread, streamed to storage, byte for byte what this thread renders, beside the other formats', async () => {
      const storage = new LocalDiskStorage(root);
      const { sut, packs } = setup(packRow({ formats: ['pdf', 'json', 'docx', 'xlsx'] }), undefined, { storage, thread });
      const result = await sut.generate({ organisationId: ORG, packId: PACK }, context);
      expect(result).toMatchObject({ outcome: 'generated' });
      const stored = await readAll(await storage.get(packStorageKey(ORG, PACK, tokenOf(packs), 'pdf')));
      expect(stored.equals(await renderPdf(buildPackModel(packSourceFixture('board'))))).toBe(true);
      const pdfRow = rowsOf(packs).find((f) => f.format === 'pdf');
      expect(pdfRow).toMatchObject({ sizeBytes: stored.length, sha256: createHash('sha256').update(stored).digest('hex') });
      expect(rowsOf(packs)).toHaveLength(4);
    });

    it('fails the attempt cleanly when the thread dies: no file left behind, no file row, retried; the next attempt gets a new thread', async () => {
      const storage = new LocalDiskStorage(join(root, 'crash'));
      const { sut, packs } = setup(packRow({ formats: ['pdf', 'json', 'docx'] }), undefined, { storage, thread });
      sut.crashThreadOn = 'pdf';
      await expect(sut.generate({ organisationId: ORG, packId: PACK }, { ...context, attempt: 1 })).rejects.toBeInstanceOf(RenderThreadError);
      expect(packs.markReady).not.toHaveBeenCalled();
      expect(packs.markAttemptFailed).toHaveBeenLastCalledWith(
        ORG,
        PACK,
        expect.stringMatching(/^Attempt 1 of 3 failed, retrying: The render thread stopped/),
        false,
        expect.any(Date),
        tokenOf(packs, 0),
      );
      for (const format of ['pdf', 'json', 'docx'] as const) expect(await storage.exists(packStorageKey(ORG, PACK, tokenOf(packs, 0), format))).toBe(false);
      expect(storedFiles(join(root, 'crash'))).toEqual([]);

      sut.crashThreadOn = undefined;
      await expect(sut.generate({ organisationId: ORG, packId: PACK }, { ...context, attempt: 2 })).resolves.toMatchObject({ outcome: 'generated' });
      for (const format of ['pdf', 'json', 'docx'] as const) expect(await storage.exists(packStorageKey(ORG, PACK, tokenOf(packs, 1), format))).toBe(true);
    });
  });
});
