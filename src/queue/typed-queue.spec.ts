import type { Job, Queue } from 'bullmq';
import { isJobOf, PACK_JOBS, QUEUES, RAG_JOBS, type QueueJob } from './queues';
import { TypedQueue } from './typed-queue';

function fakeQueue() {
  return {
    add: jest.fn(async (name: string, data: unknown) => ({ id: '1', name, data })),
    addBulk: jest.fn(async (jobs: { name: string }[]) => jobs.map((j, i) => ({ id: String(i), name: j.name }))),
    upsertJobScheduler: jest.fn(async () => ({ id: 'repeat:1' })),
  };
}

describe('TypedQueue', () => {
  it('hands jobs to BullMQ unchanged', async () => {
    const queue = fakeQueue();
    const sut = new TypedQueue(QUEUES.rag, queue as unknown as Queue);
    await sut.add(RAG_JOBS.recomputeAction, { organisationId: 'o', actionId: 'a' }, { jobId: 'x' });
    expect(queue.add).toHaveBeenCalledWith('recompute-action', { organisationId: 'o', actionId: 'a' }, { jobId: 'x' });
    const bulk = [{ name: RAG_JOBS.recomputeOrganisation, data: { organisationId: 'o', asOf: '2027-01-01' }, opts: { jobId: 'rag-y' } }];
    await sut.addBulk(bulk);
    expect(queue.addBulk).toHaveBeenCalledWith(bulk);
    await sut.upsertJobScheduler('rag-nightly', { pattern: '0 2 * * *' }, { name: RAG_JOBS.nightly, data: {} });
    expect(queue.upsertJobScheduler).toHaveBeenCalledWith('rag-nightly', { pattern: '0 2 * * *' }, { name: 'nightly', data: {} });
  });

  it('does not compile with a payload of another job, or a job of another queue', () => {
    const sut = new TypedQueue(QUEUES.rag, fakeQueue() as unknown as Queue);
    const wrongPayload = () =>
      // @ts-expect-error recompute-action needs an actionId
      sut.add(RAG_JOBS.recomputeAction, { organisationId: 'o' });
    const wrongQueue = () =>
      // @ts-expect-error 'generate' is a packs job
      sut.add(PACK_JOBS.generate, { organisationId: 'o', packId: 'p' });
    expect([wrongPayload, wrongQueue]).toHaveLength(2);
  });
});

describe('isJobOf', () => {
  const job = (name: string, data: object) => ({ id: '1', name, data }) as unknown as Job;

  it('accepts the job names the queue declares and narrows job.data by name', () => {
    const j = job('recompute-action', { organisationId: 'o', actionId: 'a' });
    expect(isJobOf(QUEUES.rag, j)).toBe(true);
    if (isJobOf(QUEUES.rag, j) && j.name === RAG_JOBS.recomputeAction) {
      const typed: QueueJob<typeof QUEUES.rag> = j;
      expect(typed.data.actionId).toBe('a');
    }
  });

  it("refuses another queue's job and an unknown name", () => {
    expect(isJobOf(QUEUES.packs, job('recompute-action', {}))).toBe(false);
    expect(isJobOf(QUEUES.rag, job('paint-it-blue', {}))).toBe(false);
    expect(isJobOf(QUEUES.packs, job('generate', {}))).toBe(true);
  });
});
