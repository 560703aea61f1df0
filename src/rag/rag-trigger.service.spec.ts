import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { DependencyUnavailableError } from '../common/errors/dependency-unavailable.error';
import { RAG_JOBS } from '../queue/queues';
import type { PendingRecompute, RagPendingRepository } from './pending/rag-pending.repository';
import { RagTriggerService } from './rag-trigger.service';

const ORG = '11111111-1111-4111-8111-111111111111';
const ACTION = '22222222-2222-4222-8222-222222222222';
const ACTION_2 = '55555555-5555-4555-8555-555555555555';
const PLAN = '33333333-3333-4333-8333-333333333333';
const USER = '44444444-4444-4444-8444-444444444444';
const AT = '2026-11-23 10:00:00.123456+00';
const MANAGER = {} as EntityManager;

const actionRecord = (actionId: string, requestedAt = AT): PendingRecompute => ({ organisationId: ORG, planId: null, actionId, requestedById: null, requestedAt });
const planRecord: PendingRecompute = { organisationId: ORG, planId: PLAN, actionId: null, requestedById: USER, requestedAt: AT };

/** The queue and the repository stubbed; `add` is what Redis does with each job. */
function setUp(add: () => Promise<unknown>, options: { record?: () => Promise<PendingRecompute[]>; forget?: () => Promise<void> } = {}) {
  const queue = { name: 'rag', add: jest.fn(add) };
  const pending = {
    recordActions: jest.fn(options.record ?? (async (_m: unknown, _o: string, ids: readonly string[]) => ids.map((id) => actionRecord(id)))),
    recordPlan: jest.fn(async () => planRecord),
    forget: jest.fn(options.forget ?? (async () => undefined)),
  };
  const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  return { sut: new RagTriggerService(queue as unknown as Queue, pending as unknown as RagPendingRepository), queue, pending, error, warn };
}

const refused = async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));

describe('RagTriggerService.changes (recorded in the transaction, queued after the commit)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('records in the given transaction, queues nothing until queue(), then queues each action deduplicated by action and deletes its record', async () => {
    const { sut, queue, pending } = setUp(async () => ({ id: 'rag-1' }));
    const recompute = sut.changes();
    await recompute.actions(MANAGER, ORG, [ACTION, ACTION_2]);
    expect(pending.recordActions).toHaveBeenCalledWith(MANAGER, ORG, [ACTION, ACTION_2]);
    expect(queue.add).not.toHaveBeenCalled();

    await recompute.queue();
    expect(queue.add).toHaveBeenCalledTimes(2);
    expect(queue.add).toHaveBeenCalledWith(
      RAG_JOBS.recomputeAction,
      { organisationId: ORG, actionId: ACTION },
      expect.objectContaining({ deduplication: { id: `action:${ACTION}`, keepLastIfActive: true }, attempts: 5 }),
    );
    expect(pending.forget.mock.calls).toEqual([[actionRecord(ACTION)], [actionRecord(ACTION_2)]]);
    // Queued once: a second queue() has nothing left.
    await recompute.queue();
    expect(queue.add).toHaveBeenCalledTimes(2);
  });

  it('an action recorded twice in one transaction is queued once, and the newest record is the one deleted', async () => {
    let n = 0;
    const { sut, queue, pending } = setUp(async () => ({ id: 'rag-1' }), { record: async () => [actionRecord(ACTION, `${AT}-${++n}`)] });
    const recompute = sut.changes();
    await recompute.action(MANAGER, ORG, ACTION);
    await recompute.action(MANAGER, ORG, ACTION);
    await recompute.queue();
    expect(queue.add).toHaveBeenCalledTimes(1);
    expect(pending.forget).toHaveBeenCalledWith(actionRecord(ACTION, `${AT}-2`));
  });

  it('Redis not taking the job: the record is kept for the reconciler, the failure logged, nothing thrown', async () => {
    const { sut, pending, error } = setUp(refused);
    const recompute = sut.changes();
    await recompute.action(MANAGER, ORG, ACTION);
    await expect(recompute.queue()).resolves.toBeUndefined();
    expect(pending.forget).not.toHaveBeenCalled();
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ organisationId: ORG, actionId: ACTION }), expect.stringContaining("reconciler"));
  });

  it('the record not deleted after the job was queued is a warning, not a failure (the reconciler queues it once more)', async () => {
    const { sut, queue, warn } = setUp(async () => ({ id: 'rag-1' }), { forget: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) });
    const recompute = sut.changes();
    await recompute.action(MANAGER, ORG, ACTION);
    await expect(recompute.queue()).resolves.toBeUndefined();
    expect(queue.add).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ actionId: ACTION }), expect.stringContaining('once more'));
  });
});

describe('RagTriggerService.actionChanged (a change committed without a record: tools and tests)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('records in a transaction of its own, queues, deletes the record', async () => {
    const { sut, queue, pending } = setUp(async () => ({ id: 'rag-1' }));
    await sut.actionChanged(ORG, ACTION);
    expect(pending.recordActions).toHaveBeenCalledWith(undefined, ORG, [ACTION]);
    expect(queue.add).toHaveBeenCalledWith(RAG_JOBS.recomputeAction, { organisationId: ORG, actionId: ACTION }, expect.anything());
    expect(pending.forget).toHaveBeenCalledWith(actionRecord(ACTION));
  });

  it('PostgreSQL not taking the record: still queued; both failing is logged, never thrown (the nightly run recomputes)', async () => {
    const down = async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const queued = setUp(async () => ({ id: 'rag-1' }), { record: down });
    await expect(queued.sut.actionChanged(ORG, ACTION)).resolves.toBeUndefined();
    expect(queued.queue.add).toHaveBeenCalledTimes(1);
    jest.restoreAllMocks();

    const lost = setUp(refused, { record: down });
    await expect(lost.sut.actionChanged(ORG, ACTION)).resolves.toBeUndefined();
    expect(lost.error).toHaveBeenLastCalledWith(expect.objectContaining({ actionId: ACTION }), expect.stringContaining('nightly run'));
  });

  it('queueAction (the reconciler) throws when Redis does not take the job, and records nothing', async () => {
    const { sut, pending } = setUp(refused);
    await expect(sut.queueAction(ORG, ACTION)).rejects.toThrow('ECONNREFUSED');
    expect(pending.recordActions).not.toHaveBeenCalled();
  });
});

describe('RagTriggerService.planChanged', () => {
  afterEach(() => jest.restoreAllMocks());

  it("queues the recorded plan's recompute, deletes the record, and answers with the job to poll", async () => {
    const { sut, queue, pending } = setUp(async () => ({ id: 'rag-7' }));
    expect(await sut.recordPlan(MANAGER, ORG, PLAN, USER)).toEqual(planRecord);
    expect(pending.recordPlan).toHaveBeenCalledWith(MANAGER, ORG, PLAN, USER);
    await expect(sut.planChanged(planRecord)).resolves.toEqual({ jobId: 'rag-7', statusUrl: expect.stringContaining('rag-7') });
    expect(queue.add).toHaveBeenCalledWith(RAG_JOBS.recomputeOrganisation, { organisationId: ORG, planId: PLAN, requestedById: USER }, expect.anything());
    expect(pending.forget).toHaveBeenCalledWith(planRecord);
  });

  it('Redis unavailable: keeps the record for the reconciler and answers null (no job queued)', async () => {
    const { sut, pending } = setUp(async () => Promise.reject(new DependencyUnavailableError('redis', 'adding rag/x: no answer from Redis in 2000 ms')));
    await expect(sut.planChanged(planRecord)).resolves.toBeNull();
    expect(pending.forget).not.toHaveBeenCalled();
  });

  it('any other failure keeps the record too, and is thrown', async () => {
    const { sut, pending } = setUp(async () => Promise.reject(new Error('ERR unknown command')));
    await expect(sut.planChanged(planRecord)).rejects.toThrow('ERR unknown command');
    expect(pending.forget).not.toHaveBeenCalled();
  });
});

describe('RagTriggerService.recomputeOrganisation (on demand)', () => {
  afterEach(() => jest.restoreAllMocks());

  it("a plan's recompute for a given date is deduplicated by plan and date, and answered with the job BullMQ kept (the reconciler's backfill of the day, say)", async () => {
    const { sut, queue } = setUp(async () => ({ id: 'rag-nightly-2026-11-21-plan' }));
    await expect(sut.recomputeOrganisation(ORG, '2026-11-21', USER, PLAN)).resolves.toEqual({
      jobId: 'rag-nightly-2026-11-21-plan',
      statusUrl: expect.stringContaining('rag-nightly-2026-11-21-plan'),
    });
    expect(queue.add).toHaveBeenCalledWith(
      RAG_JOBS.recomputeOrganisation,
      { organisationId: ORG, planId: PLAN, asOf: '2026-11-21', requestedById: USER },
      expect.objectContaining({ jobId: expect.stringMatching(/^rag-/), deduplication: { id: `plan-day:2026-11-21:${PLAN}` } }),
    );
  });

  it('without a date (today when it runs: a policy change, an import) each request is its own job', async () => {
    const { sut, queue } = setUp(async () => ({ id: 'rag-8' }));
    await sut.recomputeOrganisation(ORG, undefined, USER, PLAN);
    expect(queue.add).toHaveBeenCalledWith(RAG_JOBS.recomputeOrganisation, expect.anything(), { jobId: expect.stringMatching(/^rag-/) });
  });
});
