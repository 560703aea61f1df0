/**
 * How the worker process stops on SIGTERM or SIGINT (a deploy, a scale-down, Ctrl-C), in this order:
 *
 * 1. Close every BullMQ worker: BullMQ's `Worker.close()` takes no new job and resolves once the
 *    active ones have finished and been recorded (completed, or failed for a reason of their own).
 * 2. Only then let Nest tear the process down (`app.close()`: every onModuleDestroy, then
 *    beforeApplicationShutdown, then onApplicationShutdown), which stops the pack render thread, the
 *    mail transport, Redis and the database pool. (@nestjs/bullmq's own close of its workers, in its
 *    onApplicationShutdown, then gets the promise of the close already done.)
 *
 * Nest's own signal handling (enableShutdownHooks) runs step 2 alone, and @nestjs/bullmq closes its
 * workers only in its onApplicationShutdown, after every onModuleDestroy: a pack being rendered lost
 * its render thread mid-job and used up one of its attempts.
 *
 * Step 1 is bounded by WORKER_SHUTDOWN_GRACE_MS. Past it the process exits at once, without step 2:
 * tearing the dependencies down under a job still running would make it fail, and its failure would
 * be written (the pack row's "Attempt 1 of 5 failed") while the database is still open. Exiting
 * leaves the job active in Redis with a lock nobody renews; once the lock expires BullMQ's stall
 * detection moves it back to waiting for another worker, without counting a failed attempt (one stall
 * per job is allowed: BullMQ's maxStalledCount, 1 by default). Not `close(true)`: BullMQ's close()
 * returns the first call's promise to any later one, so a forced close after the graceful one does
 * nothing; and the process ending is what hands the job over anyway.
 *
 * Plain functions, no Nest: the service (worker-shutdown.service.ts) finds the workers, and
 * src/worker.ts listens for the signals.
 */

/** How long the teardown after the workers have closed may take before the process exits anyway (connections that hang). */
export const WORKER_TEARDOWN_MS = 5_000;

/** What stopping needs of a BullMQ worker. */
export interface ClosableWorker {
  readonly name: string;
  /** Resolves once the active jobs have finished (BullMQ's `Worker.close()` without force). */
  close(): Promise<void>;
}

/** Nest's Logger, as far as stopping uses it: fields first, then the message (pino's order). */
export interface ShutdownLogger {
  log(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface StopWorkerOptions {
  signal: string;
  workers: readonly ClosableWorker[];
  /** Jobs this process is running now (for the log). */
  activeJobs: number;
  graceMs: number;
  /** Nest's teardown: `app.close()`. */
  closeApp: () => Promise<void>;
  logger: ShutdownLogger;
  teardownMs?: number;
}

export type StopOutcome =
  /** Every active job finished, then the process was torn down. */
  | { outcome: 'stopped'; exitCode: 0 }
  /** The grace period ran out: the unfinished jobs are left to stall detection, nothing torn down. */
  | { outcome: 'abandoned'; exitCode: 0; stillClosing: string[] }
  /** The jobs finished but the teardown failed or hung. */
  | { outcome: 'teardown-failed'; exitCode: 1 };

type Settled = { state: 'resolved' } | { state: 'rejected'; error: unknown } | { state: 'timed-out' };

/** How `promise` settles within `ms` (the timer is cleared either way, so it never holds the process). */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'timed-out' }), ms);
  });
  try {
    return await Promise.race([promise.then((): Settled => ({ state: 'resolved' }), (error: unknown): Settled => ({ state: 'rejected', error })), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes the workers (waiting for their active jobs, at most `graceMs`), then tears the process down; says how to exit. */
export async function stopWorker(options: StopWorkerOptions): Promise<StopOutcome> {
  const { signal, workers, activeJobs, graceMs, closeApp, logger, teardownMs = WORKER_TEARDOWN_MS } = options;
  const started = Date.now();
  logger.log({ signal, activeJobs, graceMs, queues: workers.map((w) => w.name) }, `worker stopping: waiting for ${activeJobs} active jobs`);

  const open = new Set(workers.map((w) => w.name));
  const closing = Promise.all(
    workers.map((w) =>
      w.close().then(
        () => open.delete(w.name),
        // BullMQ's close() reports its own cleanup errors as 'error' events; a rejection here would
        // be unexpected, and says nothing about the jobs: the worker counts as closed.
        (err: unknown) => {
          open.delete(w.name);
          logger.error({ queue: w.name, err }, 'a queue worker failed to close');
        },
      ),
    ),
  );
  const drained = await settleWithin(closing, graceMs);
  if (drained.state === 'timed-out') {
    const stillClosing = [...open];
    logger.warn(
      { signal, graceMs, stillClosing, durationMs: Date.now() - started },
      'worker stopped: grace period over with jobs still active; they are left to stall detection (another worker takes them once their locks expire)',
    );
    return { outcome: 'abandoned', exitCode: 0, stillClosing };
  }

  const torn = await settleWithin(closeApp(), teardownMs);
  if (torn.state !== 'resolved') {
    const err = torn.state === 'rejected' ? torn.error : new Error(`teardown took over ${teardownMs} ms`);
    logger.error({ signal, err, durationMs: Date.now() - started }, 'worker stopped: its jobs had finished, but the teardown failed');
    return { outcome: 'teardown-failed', exitCode: 1 };
  }
  logger.log({ signal, durationMs: Date.now() - started }, 'worker stopped');
  return { outcome: 'stopped', exitCode: 0 };
}
