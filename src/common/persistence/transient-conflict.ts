import { setTimeout as sleep } from 'node:timers/promises';
import { safeDatabaseError } from '../errors/safe-database-error';

/**
 * The SQL states PostgreSQL gives a statement it rolled back because another transaction running at
 * the same moment stood in its way: deadlock_detected (40P01) and serialization_failure (40001).
 * Nothing of that statement's transaction was kept, and sending the same work again usually succeeds.
 */
const TRANSIENT_CONFLICT_STATES: ReadonlySet<string> = new Set(['40P01', '40001']);

/** Whether PostgreSQL rolled the work back only because of another transaction at the same moment (see TRANSIENT_CONFLICT_STATES). */
export function isTransientConflict(error: unknown): boolean {
  // The SQL state of TypeORM's QueryFailedError or of pg's own error, read as every other database error is.
  const state = safeDatabaseError(error).sqlState;
  return state !== undefined && TRANSIENT_CONFLICT_STATES.has(state);
}

/**
 * Runs `work` and, when PostgreSQL rolls it back for a deadlock or a serialisation failure, runs it
 * again, up to `retries` more times, each after a short random pause (so the two sides do not meet
 * again in step). `work` must be one statement or one transaction whose repetition is harmless.
 * Any other error, and the last conflict, is thrown as it came.
 */
export async function retryTransientConflict<T>(work: () => Promise<T>, options: { retries?: number; onRetry?: (error: unknown, attempt: number) => void } = {}): Promise<T> {
  const retries = options.retries ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt > retries || !isTransientConflict(err)) throw err;
      options.onRetry?.(err, attempt);
      await sleep(Math.round(20 * attempt + Math.random() * 80 * attempt));
    }
  }
}
