import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DependencyUnavailableError } from '../common/errors/dependency-unavailable.error';
import { RAG_JOBS } from '../queue/queues';
import type { RagPendingRepository } from './pending/rag-pending.repository';
import { RagTriggerService } from './rag-trigger.service';

const ORG = '11111111-1111-4111-8111-111111111111';
const ACTION = '22222222-2222-4222-8222-222222222222';
const PLAN = '33333333-3333-4333-8333-333333333333';
const USER = '44444444-4444-4444-8444-444444444444';

function setUp(add: () => Promise<unknown>, remember: () => Promise<void> = async () => undefined) {
  const queue = { name: 'rag', add: jest.fn(add) };
  const pending = { rememberAction: jest.fn(remember), rememberPlan: jest.fn(remember) };
  const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  return { sut: new RagTriggerService(queue as unknown as Queue, pending as unknown as RagPendingRepository), queue, pending, error };
}

describe('RagTriggerService.actionChanged', () => {
  afterEach(() => jest.restoreAllMocks());

  it("queues the action's recompute, deduplicated by action, and records nothing", async () => {
    const { sut, queue, pending } = setUp(async () => ({ id: 'rag-1' }));
    await sut.actionChanged(ORG, ACTION);
    expect(queue.add).toHaveBeenCalledWith(
      RAG_JOBS.recomputeAction,
      { organisationId: ORG, actionId: ACTION },
      expect.objectContaining({ deduplication: { id: `action:${ACTION}`, keepLastIfActive: true }, attempts: 5 }),
    );
    expect(pending.rememberAction).not.toHaveBeenCalled();
  });

  it('Redis not taking the job: records the recompute in PostgreSQL for the reconciler, and does not throw', async () => {
    const { sut, pending, error } = setUp(async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')));
    await expect(sut.actionChanged(ORG, ACTION)).resolves.toBeUndefined();
    expect(pending.rememberAction).toHaveBeenCalledWith(ORG, ACTION);
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ organisationId: ORG, actionId: ACTION }), expect.stringContaining('recorded'));
  });

  it('the record failing too is logged, not thrown (the change is saved; the nightly run recomputes)', async () => {
    const { sut, error } = setUp(
      async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
      async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
    );
    await expect(sut.actionChanged(ORG, ACTION)).resolves.toBeUndefined();
    expect(error).toHaveBeenLastCalledWith(expect.objectContaining({ actionId: ACTION }), expect.stringContaining('nightly run'));
  });

  it('queueAction throws when Redis does not take the job (the reconciler keeps the record)', async () => {
    const { sut, pending } = setUp(async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')));
    await expect(sut.queueAction(ORG, ACTION)).rejects.toThrow('ECONNREFUSED');
    expect(pending.rememberAction).not.toHaveBeenCalled();
  });
});

describe('RagTriggerService.planChanged', () => {
  afterEach(() => jest.restoreAllMocks());

  it("queues the plan's recompute and answers with the job to poll", async () => {
    const { sut, queue, pending } = setUp(async () => ({ id: 'rag-7' }));
    await expect(sut.planChanged(ORG, PLAN, USER)).resolves.toEqual({ jobId: 'rag-7', statusUrl: expect.stringContaining('rag-7') });
    expect(queue.add).toHaveBeenCalledWith(RAG_JOBS.recomputeOrganisation, { organisationId: ORG, planId: PLAN, requestedById: USER }, expect.anything());
    expect(pending.rememberPlan).not.toHaveBeenCalled();
  });

  it('Redis unavailable: records the plan for the reconciler and answers null (no job queued)', async () => {
    const { sut, pending } = setUp(async () => Promise.reject(new DependencyUnavailableError('redis', 'adding rag/x: no answer from Redis in 2000 ms')));
    await expect(sut.planChanged(ORG, PLAN, USER)).resolves.toBeNull();
    expect(pending.rememberPlan).toHaveBeenCalledWith(ORG, PLAN, USER);
  });

  it('any other failure is recorded too, then thrown', async () => {
    const { sut, pending } = setUp(async () => Promise.reject(new Error('ERR unknown command')));
    await expect(sut.planChanged(ORG, PLAN)).rejects.toThrow('ERR unknown command');
    expect(pending.rememberPlan).toHaveBeenCalledWith(ORG, PLAN, null);
  });
});
