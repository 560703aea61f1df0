import { Logger } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { RAG_JOBS } from '../../queue/queues';
import type { RagComputeService, RecomputedOrganisation } from '../compute/rag-compute.service';
import type { RagFactsRepository } from '../compute/rag-facts.repository';
import type { RagPendingRepository } from '../pending/rag-pending.repository';
import { RagTriggerService } from '../rag-trigger.service';
import { RagProcessor } from './rag.processor';

const ORG = '11111111-1111-4111-8111-111111111111';
const ACTION = '22222222-2222-4222-8222-222222222222';
const PLAN_A = '44444444-4444-4444-8444-444444444444';
const PLAN_B = '55555555-5555-4555-8555-555555555555';

function setup() {
  const compute = {
    today: jest.fn(() => '2027-01-01'),
    recomputeAction: jest.fn(),
    recomputeOrganisation: jest.fn(),
  };
  const facts = {
    activePlans: jest.fn(async () => [
      { organisationId: ORG, planId: PLAN_A },
      { organisationId: '33333333-3333-4333-8333-333333333333', planId: PLAN_B },
    ]),
  };
  const queue = { addBulk: jest.fn(async (jobs: { opts: { jobId: string } }[]) => jobs.map((j) => ({ id: j.opts.jobId }))) };
  const sut = new RagProcessor(compute as unknown as RagComputeService, facts as unknown as RagFactsRepository, new RagTriggerService(queue as unknown as Queue, { recordActions: jest.fn(), recordPlan: jest.fn(), forget: jest.fn() } as unknown as RagPendingRepository));
  const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  return { sut, compute, facts, queue, log, error };
}

function job(name: string, data: object, attemptsMade = 0): Job {
  return { id: 'rag-42', name, data, attemptsMade, opts: { attempts: 5 }, updateProgress: jest.fn(async () => undefined) } as unknown as Job;
}

describe('RagProcessor', () => {
  afterEach(() => jest.restoreAllMocks());

  it('recomputes one action and logs start and end with the job id, queue and organisation', async () => {
    const { sut, compute, log } = setup();
    compute.recomputeAction.mockResolvedValue({ asOf: '2027-01-01', colour: 'red', policyVersion: 2, colourWritten: true, snapshotWritten: true });
    const result = await sut.process(job(RAG_JOBS.recomputeAction, { organisationId: ORG, actionId: ACTION }));
    expect(compute.recomputeAction).toHaveBeenCalledWith(ORG, ACTION);
    expect(result).toMatchObject({ actionId: ACTION, colour: 'red', found: true });
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ jobId: 'rag-42', queue: 'rag', job: 'recompute-action', organisationId: ORG, attempt: 1 }), 'RAG job started');
    expect(log).toHaveBeenCalledWith(
      expect.objectContaining({ jobId: 'rag-42', queue: 'rag', organisationId: ORG, durationMs: expect.any(Number), colour: 'red' }),
      'RAG job finished',
    );
  });

  it('recomputes an organisation for the payload date (or today), reporting progress on the job', async () => {
    const { sut, compute, log } = setup();
    const summary: RecomputedOrganisation = {
      organisationId: ORG,
      asOf: '2026-12-31',
      policyVersion: 1,
      actions: 3,
      counts: { red: 1, amber: 1, green: 1, grey: 0, blue: 0 },
      currentColoursUpdated: false,
      coloursWritten: 0,
      coloursUnchanged: 0,
      snapshotsWritten: 3,
      timings: { evaluateMs: 1, totalMs: 5 },
    };
    compute.recomputeOrganisation.mockImplementation(async (_org: string, _asOf: string, progress: (p: number) => Promise<void>) => {
      await progress(50);
      return summary;
    });
    const j = job(RAG_JOBS.recomputeOrganisation, { organisationId: ORG, asOf: '2026-12-31' });
    expect(await sut.process(j)).toBe(summary);
    expect(compute.recomputeOrganisation).toHaveBeenCalledWith(ORG, '2026-12-31', expect.any(Function));
    expect(j.updateProgress).toHaveBeenCalledWith(50);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ organisationId: ORG, actions: 3, red: 1, snapshotsWritten: 3, totalMs: 5 }), 'RAG job finished');

    await sut.process(job(RAG_JOBS.recomputeOrganisation, { organisationId: ORG }));
    expect(compute.recomputeOrganisation).toHaveBeenLastCalledWith(ORG, '2027-01-01', expect.any(Function));
  });

  it('nightly: queues one recompute per active plan for the new London day, with ids naming day and plan, deduplicated by plan and day', async () => {
    const { sut, queue } = setup();
    const result = await sut.process(job(RAG_JOBS.nightly, {}));
    expect(queue.addBulk).toHaveBeenCalledWith([
      {
        name: RAG_JOBS.recomputeOrganisation,
        data: { organisationId: ORG, planId: PLAN_A, asOf: '2027-01-01' },
        opts: { jobId: `rag-nightly-2027-01-01-${PLAN_A}`, deduplication: { id: `plan-day:2027-01-01:${PLAN_A}` } },
      },
      expect.objectContaining({ opts: { jobId: `rag-nightly-2027-01-01-${PLAN_B}`, deduplication: { id: `plan-day:2027-01-01:${PLAN_B}` } } }),
    ]);
    expect(result).toEqual({ asOf: '2027-01-01', organisations: 2, plans: 2, jobIds: [`rag-nightly-2027-01-01-${PLAN_A}`, `rag-nightly-2027-01-01-${PLAN_B}`] });
  });

  it('logs a failure with the job id, organisation and whether it will be retried, and rethrows for BullMQ to retry', async () => {
    const { sut, compute, error } = setup();
    const boom = new Error('database went away');
    compute.recomputeAction.mockRejectedValue(boom);
    await expect(sut.process(job(RAG_JOBS.recomputeAction, { organisationId: ORG, actionId: ACTION }, 1))).rejects.toBe(boom);
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ jobId: 'rag-42', queue: 'rag', organisationId: ORG, attempt: 2, willRetry: true, err: boom }), 'RAG job failed');
    await expect(sut.process(job(RAG_JOBS.recomputeAction, { organisationId: ORG, actionId: ACTION }, 4))).rejects.toBe(boom);
    expect(error).toHaveBeenLastCalledWith(expect.objectContaining({ attempt: 5, willRetry: false }), 'RAG job failed');
  });

  it('gives up at once (no retry) on a malformed date', async () => {
    const { sut, compute } = setup();
    await expect(sut.process(job(RAG_JOBS.recomputeOrganisation, { organisationId: ORG, asOf: '2026-02-30' }))).rejects.toMatchObject({ name: 'UnrecoverableError' });
    expect(compute.recomputeOrganisation).not.toHaveBeenCalled();
  });

  it('refuses a job it does not know (logged as a failure)', async () => {
    const { sut, error } = setup();
    await expect(sut.process(job('paint-it-blue', { organisationId: ORG }))).rejects.toThrow(/unknown RAG job/);
    expect(error).toHaveBeenCalled();
  });
});
