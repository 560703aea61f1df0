import { FixedClock } from '../../common/clock/clock';
import type { AppConfig } from '../../config/app-config';
import { DEFAULT_RAG_POLICY } from '../policy/rag-policy.types';
import type { RagPolicyService } from '../settings/rag-policy.service';
import { RagComputeService, WRITE_CHUNK } from './rag-compute.service';
import type { ActionFactRow, FactRows } from './rag-facts';
import { emptyCounts, RAG_WORST_FIRST, type RagColour } from '../../vocabulary/rag-colour';
import type { RagFactsRepository, SettleOptions, WriteBatch } from './rag-facts.repository';

const ORG = '11111111-1111-4111-8111-111111111111';
const PLAN = '22222222-2222-4222-8222-222222222222';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const row = (n: number, status = 'blocked'): ActionFactRow => [id(n), `A${n}`, 'Action', status, '2026-01-05', '2026-12-31', 40, '2026-11-20', null, null, null, null, null, null, null];

function setup(actionCount: number, poolSize = 10) {
  const computedAt = new Date('2026-11-23T10:00:00.123Z');
  const writes: WriteBatch[] = [];
  const rows = Array.from({ length: actionCount }, (_, i) => row(i + 1, i % 2 ? 'blocked' : 'in_progress'));
  const facts = {
    databaseNow: jest.fn(async () => computedAt),
    countActions: jest.fn(async (_o: string, _p: string | null, _a: string, _since: Date | null) => ({ actions: actionCount, storedForDate: 0 })),
    loadFacts: jest.fn(async (_o: string, _a: string, actionId: string): Promise<FactRows> => ({ actions: rows.filter((r) => r[0] === actionId), milestones: [] })),
    streamFacts: jest.fn(async function* (_o: string, _a: string, chunk: number, _p?: string | null, _s?: SettleOptions): AsyncGenerator<FactRows> {
      for (let i = 0; i < rows.length; i += chunk) yield { actions: rows.slice(i, i + chunk), milestones: [] };
    }),
    writeResults: jest.fn(async (batch: WriteBatch) => {
      writes.push(batch);
      const n = (JSON.parse(batch.document) as unknown[]).length;
      return { coloursWritten: batch.writeCurrent ? n : 0, coloursUnchanged: 0, snapshotsWritten: n };
    }),
    planOfAction: jest.fn(async (_o: string, actionId: string) => (rows.some((r) => r[0] === actionId) ? PLAN : null)),
    planIdsOf: jest.fn(async () => [PLAN]),
  };
  const policies = { inForceOn: jest.fn(async () => ({ version: 3, settings: DEFAULT_RAG_POLICY, createdAt: computedAt, createdById: null })) };
  const sut = new RagComputeService(
    facts as unknown as RagFactsRepository,
    policies as unknown as RagPolicyService,
    new FixedClock(new Date('2026-11-23T10:00:00Z')),
    { DATABASE_POOL_SIZE: poolSize } as AppConfig,
  );
  return { sut, facts, policies, writes, computedAt, rows };
}

function countColoursOf(colours: string[]) {
  const counts = emptyCounts(RAG_WORST_FIRST);
  for (const c of colours) counts[c as RagColour] += 1;
  return counts;
}

describe('RagComputeService', () => {
  it("recomputes an organisation for today: stored colours and snapshots, in chunks, with progress to 100, with its plan's policy", async () => {
    const { sut, policies, writes, computedAt } = setup(WRITE_CHUNK + 3);
    const progress: number[] = [];
    const result = await sut.recomputeOrganisation(ORG, '2026-11-23', (p) => {
      progress.push(p);
    });
    expect(result).toMatchObject({
      organisationId: ORG,
      asOf: '2026-11-23',
      policyVersion: 3,
      actions: WRITE_CHUNK + 3,
      currentColoursUpdated: true,
      coloursWritten: WRITE_CHUNK + 3,
      snapshotsWritten: WRITE_CHUNK + 3,
    });
    expect(result.counts.red + result.counts.green).toBe(WRITE_CHUNK + 3);
    expect(writes).toHaveLength(2);
    expect(writes.every((w) => w.writeCurrent && w.policyVersion === 3 && w.computedAt === computedAt && w.asOf === '2026-11-23')).toBe(true);
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(100);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(policies.inForceOn).toHaveBeenCalledWith(ORG, PLAN, '2026-11-23');
  });

  it('counts the settled actions a re-run reads (stored result already this one) by their stored colour and as unchanged, and writes only the others', async () => {
    const { sut, facts, writes, rows, computedAt } = setup(WRITE_CHUNK + 3);
    await sut.recomputeOrganisation(ORG, '2026-11-23');
    // The facts read is asked for settled rows with the version the results are written with.
    // Only results this process computed count as settled: since its first computation's time.
    expect(facts.streamFacts).toHaveBeenCalledWith(ORG, '2026-11-23', expect.any(Number), PLAN, { policyVersion: 3, mostlySettled: false, computedSince: computedAt });
    const written = new Map(writes.flatMap((w) => JSON.parse(w.document) as { actionId: string; colour: string }[]).map((r) => [r.actionId, r.colour]));
    // As the read finds them after that run: settled (the id, the stored colour and the flag), but
    // for the last two (their facts changed).
    rows.forEach((r, i) => {
      if (i >= rows.length - 2) return;
      const colour = written.get(r[0])!;
      r.splice(0, r.length, ...([r[0], ...Array<null>(14).fill(null), colour, null, null, null, null, true] as unknown as ActionFactRow));
    });
    writes.length = 0;
    // Most actions hold a result stored for the date from their current facts: the read is told so (a choice of plan only).
    facts.countActions.mockResolvedValueOnce({ actions: rows.length, storedForDate: rows.length - 2 });
    // A later computation still trusts results from the first one's time on.
    facts.databaseNow.mockResolvedValueOnce(new Date(computedAt.getTime() + 60_000));
    const again = await sut.recomputeOrganisation(ORG, '2026-11-23');
    expect(facts.streamFacts).toHaveBeenLastCalledWith(ORG, '2026-11-23', expect.any(Number), PLAN, { policyVersion: 3, mostlySettled: true, computedSince: computedAt });
    // The first computation of the process counted none as stored by this code; the second, since the first.
    expect(facts.countActions.mock.calls.map((c) => c[3])).toEqual([null, computedAt]);
    // The first 5,000 were settled whole: no write at all; the rest wrote only its two.
    expect(writes).toHaveLength(1);
    expect((JSON.parse(writes[0].document) as { actionId: string }[]).map((r) => r.actionId)).toEqual([rows[rows.length - 2][0], rows[rows.length - 1][0]]);
    expect(again).toMatchObject({ actions: WRITE_CHUNK + 3, coloursWritten: 2, coloursUnchanged: WRITE_CHUNK + 1, snapshotsWritten: 2 });
    expect(again.counts.red + again.counts.green).toBe(WRITE_CHUNK + 3);
    expect(again.counts).toEqual(countColoursOf([...written.values()]));
  });

  it('for another date writes only snapshots', async () => {
    const { sut, writes } = setup(3);
    const result = await sut.recomputeOrganisation(ORG, '2026-11-30');
    expect(result).toMatchObject({ currentColoursUpdated: false, coloursWritten: 0, snapshotsWritten: 3 });
    expect(writes.every((w) => !w.writeCurrent)).toBe(true);
  });

  it('fails when a chunk fails to write (the job retries the lot)', async () => {
    const { sut, facts } = setup(WRITE_CHUNK * 3);
    facts.writeResults.mockRejectedValueOnce(new Error('deadlock detected'));
    await expect(sut.recomputeOrganisation(ORG, '2026-11-23')).rejects.toThrow('deadlock detected');
  });

  it('runs one organisation recompute at a time in a process', async () => {
    const { sut, facts } = setup(2);
    let running = 0;
    let most = 0;
    facts.writeResults.mockImplementation(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return { coloursWritten: 1, coloursUnchanged: 0, snapshotsWritten: 1 };
    });
    await Promise.all([sut.recomputeOrganisation(ORG), sut.recomputeOrganisation(ORG), sut.recomputeOrganisation(ORG)]);
    expect(most).toBe(1);
  });

  it('refuses, with a clear message, to run on a connection pool too small for it (instead of waiting forever)', async () => {
    const { sut } = setup(3, 2);
    await expect(sut.recomputeOrganisation(ORG, '2026-11-23')).rejects.toThrow(/DATABASE_POOL_SIZE of at least 3/);
  });

  it('evaluates a plan at a date without writing anything', async () => {
    const { sut, writes } = setup(4);
    const result = await sut.evaluatePlan(ORG, PLAN, '2027-01-05');
    expect(result.asOf).toBe('2027-01-05');
    expect(result.policyVersion).toBe(3);
    expect(result.results.map((r) => r.actionId)).toEqual([id(1), id(2), id(3), id(4)]);
    expect(result.results[1]).toMatchObject({ colour: 'red', overridden: false });
    expect(writes).toEqual([]);
  });

  it("recomputes one action for today by default, and says so when it does not exist", async () => {
    const { sut, writes } = setup(3);
    const result = await sut.recomputeAction(ORG, id(2));
    expect(result).toMatchObject({ actionId: id(2), asOf: '2026-11-23', colour: 'red', policyVersion: 3, colourWritten: true, snapshotWritten: true });
    expect(writes).toHaveLength(1);
    expect(await sut.recomputeAction(ORG, id(99))).toBeNull();
    expect(writes).toHaveLength(1);
  });
});
