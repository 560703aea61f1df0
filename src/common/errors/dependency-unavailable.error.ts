/**
 * A dependency other than PostgreSQL (Redis: queues, login limits) did not answer in time. The
 * error filter answers 503 `dependency_unavailable`, so a client retries later; PostgreSQL rows
 * already committed stay committed.
 */
export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: 'redis',
    message: string,
  ) {
    super(message);
    this.name = 'DependencyUnavailableError';
  }
}

/**
 * Whether an error means Redis is unreachable: ours, or ioredis giving up on a command
 * (`MaxRetriesPerRequestError`, or its "Connection is closed." after giving up). A bare socket error is
 * not enough: it may be PostgreSQL's or the object store's.
 */
export function isRedisUnavailable(err: unknown): boolean {
  if (err instanceof DependencyUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  return /^(Connection is closed\.|Stream isn't writeable)/.test(err.message);
}

/** `promise`, or a DependencyUnavailableError after `ms` (the promise keeps running; its outcome is ignored). */
export function withinDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DependencyUnavailableError('redis', `${what}: no answer from Redis in ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
