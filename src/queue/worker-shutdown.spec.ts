import { settleWithin, stopWorker, type ClosableWorker, type ShutdownLogger, type StopWorkerOptions } from './worker-shutdown';

const never = () => new Promise<void>(() => undefined);
const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What happened, in order: each worker's close finishing, the teardown starting, each log line. */
function recorder() {
  const events: string[] = [];
  const logger: ShutdownLogger = {
    log: (_fields, message) => events.push(`log: ${message}`),
    warn: (_fields, message) => events.push(`warn: ${message}`),
    error: (_fields, message) => events.push(`error: ${message}`),
  };
  const worker = (name: string, close: () => Promise<void>): ClosableWorker => ({
    name,
    close: () => close().then(() => void events.push(`${name} closed`)),
  });
  return { events, logger, worker };
}

describe('stopWorker', () => {
  const base = (over: Partial<StopWorkerOptions>): StopWorkerOptions => ({
    signal: 'SIGTERM',
    workers: [],
    activeJobs: 0,
    graceMs: 1000,
    closeApp: () => Promise.resolve(),
    logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    ...over,
  });

  it('tears the process down only once every worker has closed (its active jobs finished)', async () => {
    const { events, logger, worker } = recorder();
    const outcome = await stopWorker(
      base({
        workers: [worker('packs', () => after(30)), worker('rag', () => after(5))],
        activeJobs: 2,
        logger,
        closeApp: async () => void events.push('teardown'),
      }),
    );
    expect(outcome).toEqual({ outcome: 'stopped', exitCode: 0 });
    expect(events).toEqual(['log: worker stopping: waiting for 2 active jobs', 'rag closed', 'packs closed', 'teardown', 'log: worker stopped']);
  });

  it('past the grace period, exits without tearing anything down under the job still running', async () => {
    const { events, logger, worker } = recorder();
    const started = Date.now();
    const outcome = await stopWorker(
      base({ workers: [worker('packs', never), worker('rag', () => Promise.resolve())], activeJobs: 1, graceMs: 50, logger, closeApp: async () => void events.push('teardown') }),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(outcome).toEqual({ outcome: 'abandoned', exitCode: 0, stillClosing: ['packs'] });
    expect(events).not.toContain('teardown');
    expect(events[events.length - 1]).toMatch(/^warn: worker stopped: grace period over/);
  });

  it('with a grace of 0 abandons at once a job still running', async () => {
    const { logger, worker } = recorder();
    const outcome = await stopWorker(base({ workers: [worker('imports', never)], graceMs: 0, logger }));
    expect(outcome.outcome).toBe('abandoned');
  });

  it('stops at once when no worker has a job (nothing to wait for)', async () => {
    const { events, logger, worker } = recorder();
    const outcome = await stopWorker(base({ workers: [worker('maintenance', () => Promise.resolve())], logger }));
    expect(outcome.exitCode).toBe(0);
    expect(events[0]).toBe('log: worker stopping: waiting for 0 active jobs');
  });

  it('counts a worker whose close fails as closed, logs it and tears down', async () => {
    const { events, logger } = recorder();
    const failing: ClosableWorker = { name: 'notifications', close: () => Promise.reject(new Error('boom')) };
    const outcome = await stopWorker(base({ workers: [failing], logger, closeApp: async () => void events.push('teardown') }));
    expect(outcome.outcome).toBe('stopped');
    expect(events).toEqual(['log: worker stopping: waiting for 0 active jobs', 'error: a queue worker failed to close', 'teardown', 'log: worker stopped']);
  });

  it.each([
    ['fails', () => Promise.reject(new Error('pool already ended'))],
    ['hangs', never],
  ])('exits 1 when the teardown %s', async (_how, closeApp) => {
    const { events, logger } = recorder();
    const outcome = await stopWorker(base({ logger, closeApp, teardownMs: 30 }));
    expect(outcome).toEqual({ outcome: 'teardown-failed', exitCode: 1 });
    expect(events[events.length - 1]).toMatch(/^error: worker stopped: its jobs had finished, but the teardown failed/);
  });
});

describe('settleWithin', () => {
  it('says how a promise settled, or that it did not in time', async () => {
    await expect(settleWithin(Promise.resolve(1), 50)).resolves.toEqual({ state: 'resolved' });
    const error = new Error('no');
    await expect(settleWithin(Promise.reject(error), 50)).resolves.toEqual({ state: 'rejected', error });
    await expect(settleWithin(never(), 10)).resolves.toEqual({ state: 'timed-out' });
  });
});
