import type { Job, Queue } from 'bullmq';
import type { AuthUser, PlanRole } from '../../common/request-context/request-context';
import type { JobsRepository } from './jobs.repository';
import { publicFailureReason, JobsService, toJobStatus } from './jobs.service';

/** An organisation's admin (reads every job of it), or a member holding plan roles. */
const user = (organisationId: string, plans?: Record<string, PlanRole | null>): AuthUser => ({
  id: 'u',
  organisationId,
  role: plans ? 'member' : 'admin',
  email: 'b@example.gov.uk',
  name: 'B',
  plans: Object.fromEntries(Object.entries(plans ?? { 'plan-a': null, 'plan-b': null }).map(([id, role]) => [id, { role, closed: false }])),
});

function fakeJob(id: string, organisationId: string | undefined, extra: Partial<Job> = {}, scope: { planId?: string; packId?: string } = {}): Job {
  return {
    id,
    name: 'recompute-organisation',
    data: organisationId ? { organisationId, ...scope } : {},
    progress: 40,
    attemptsMade: 1,
    timestamp: Date.parse('2026-11-23T10:00:00Z'),
    getState: async () => 'active',
    ...extra,
  } as unknown as Job;
}

function queue(name: string, jobs: Job[]) {
  return { name, getJob: jest.fn(async (id: string) => jobs.find((j) => j.id === id)) } as unknown as Queue & { getJob: jest.Mock };
}

describe('JobsService', () => {
  const rag = queue('rag', [fakeJob('rag-1', 'org-a'), fakeJob('7', 'org-a'), fakeJob('rag-nightly-2026-11-23', undefined)]);
  const packs = queue('packs', [fakeJob('pack-1', 'org-a'), fakeJob('7', 'org-b')]);
  const repository = { planOfPack: jest.fn(async (_: string, packId: string) => (packId === 'p-b' ? 'plan-b' : null)) } as unknown as JobsRepository;
  // The notifications queue: an administrator's scan (organisation, no plan), and the 06:00 scan and deliveries (no organisation).
  const notifications = queue('notifications', [fakeJob('scan-1', 'org-a'), fakeJob('repeat:notifications-scan:1', undefined), fakeJob('7', 'org-a')]);
  const sut = new JobsService(rag, packs, notifications, repository);

  it('looks a rag- id up in the rag queue, a pack- id in the packs queue and a scan- id in the notifications queue only', async () => {
    expect(await sut.get(user('org-a'), 'rag-1')).toMatchObject({ id: 'rag-1', queue: 'rag', state: 'active', progress: 40 });
    expect(await sut.get(user('org-a'), 'pack-1')).toMatchObject({ id: 'pack-1', queue: 'packs' });
    expect(await sut.get(user('org-a'), 'scan-1')).toMatchObject({ id: 'scan-1', queue: 'notifications' });
    expect(packs.getJob).not.toHaveBeenCalledWith('rag-1');
    expect(rag.getJob).not.toHaveBeenCalledWith('pack-1');
    expect(rag.getJob).not.toHaveBeenCalledWith('scan-1');
    expect(packs.getJob).not.toHaveBeenCalledWith('scan-1');
    expect(notifications.getJob).not.toHaveBeenCalledWith('rag-1');
    expect(notifications.getJob).not.toHaveBeenCalledWith('pack-1');
  });

  it("a reminder scan is its organisation's administrators' only; the notifications queue's other jobs are never found", async () => {
    await expect(sut.get(user('org-b'), 'scan-1')).rejects.toMatchObject({ status: 404 });
    await expect(sut.get(user('org-a', { 'plan-a': 'board' }), 'scan-1')).rejects.toMatchObject({ status: 404 });
    // Not prefixed 'scan-': never looked up there (the 06:00 scan's id has ':', and a bare id goes to rag and packs).
    await expect(sut.get(user('org-a'), 'repeat:notifications-scan:1')).rejects.toMatchObject({ status: 404 });
    await expect(sut.get(user('org-a'), '7')).resolves.toMatchObject({ queue: 'rag' });
    expect(notifications.getJob).not.toHaveBeenCalledWith('7');
  });

  it("answers 404 for another organisation's job, one without an organisation, and an unknown or malformed id", async () => {
    await expect(sut.get(user('org-b'), 'rag-1')).rejects.toMatchObject({ status: 404 });
    await expect(sut.get(user('org-a'), 'rag-nightly-2026-11-23')).rejects.toMatchObject({ status: 404 });
    await expect(sut.get(user('org-a'), 'rag-2')).rejects.toMatchObject({ status: 404 });
    await expect(sut.get(user('org-a'), 'rag:1')).rejects.toMatchObject({ status: 404 });
  });

  it('an unprefixed id is looked for in both queues, and only the caller organisation counts', async () => {
    expect(await sut.get(user('org-b'), '7')).toMatchObject({ queue: 'packs' });
    expect(await sut.get(user('org-a'), '7')).toMatchObject({ queue: 'rag' });
  });

  it("answers 404 for a job of a plan the user is not admin or board in (a recompute's planId, a pack's plan looked up)", async () => {
    const planned = queue('rag', [fakeJob('rag-a', 'org-a', {}, { planId: 'plan-a' }), fakeJob('rag-all', 'org-a')]);
    const packed = queue('packs', [fakeJob('pack-b', 'org-a', {}, { packId: 'p-b' })]);
    const scoped = new JobsService(planned, packed, queue('notifications', []), repository);
    const boardA = user('org-a', { 'plan-a': 'board', 'plan-b': 'owner' });
    expect(await scoped.get(boardA, 'rag-a')).toMatchObject({ id: 'rag-a' });
    await expect(scoped.get(boardA, 'pack-b')).rejects.toMatchObject({ status: 404 });
    await expect(scoped.get(user('org-a', { 'plan-b': 'board' }), 'rag-a')).rejects.toMatchObject({ status: 404 });
    expect(await scoped.get(user('org-a', { 'plan-b': 'board' }), 'pack-b')).toMatchObject({ id: 'pack-b' });
    // An organisation-wide recompute (no plan): its admins only.
    await expect(scoped.get(boardA, 'rag-all')).rejects.toMatchObject({ status: 404 });
    expect(await scoped.get(user('org-a'), 'rag-all')).toMatchObject({ id: 'rag-all' });
  });
});

describe('toJobStatus', () => {
  it('reports the result and finish time of a completed job, the reason of a failed one', () => {
    const done = toJobStatus(fakeJob('rag-1', 'org', { returnvalue: { actions: 3 }, finishedOn: Date.parse('2026-11-23T10:00:02Z') } as Partial<Job>), 'rag', 'completed');
    expect(done).toEqual({
      id: 'rag-1',
      queue: 'rag',
      name: 'recompute-organisation',
      state: 'completed',
      progress: 40,
      attemptsMade: 1,
      createdAt: '2026-11-23T10:00:00.000Z',
      returnValue: { actions: 3 },
      finishedAt: '2026-11-23T10:00:02.000Z',
    });
    const failed = toJobStatus(fakeJob('rag-2', 'org', { failedReason: 'database went away', progress: { stage: 'x' } }), 'rag', 'failed');
    expect(failed).toMatchObject({ state: 'failed', failedReason: 'database went away', progress: 0 });
    expect(failed.returnValue).toBeUndefined();
  });

  it.each([
    ["ENOENT: no such file or directory, open '/var/lib/tracker/data/evidence/tmp/1234'", "ENOENT: no such file or directory, open '[path]'"],
    ['boom\n    at Object.<anonymous> (/app/dist/rag/x.js:1:2)', 'boom'],
    ['database went away', 'database went away'],
  ])('hides server paths and stack lines in a failure reason: %s', (reason, shown) => {
    expect(publicFailureReason(reason)).toBe(shown);
  });
});
