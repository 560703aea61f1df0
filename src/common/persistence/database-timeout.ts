import { QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { safeDatabaseError } from '../errors/safe-database-error';

/**
 * The SQL states PostgreSQL gives a statement of the API's it gave up on because of the API's session
 * limits (typeormOptions): query_canceled (57014: DATABASE_STATEMENT_TIMEOUT_MS, or an operator's
 * pg_cancel_backend), lock_not_available (55P03: DATABASE_LOCK_TIMEOUT_MS, another transaction held
 * the rows) and idle_in_transaction_session_timeout (25P03: the session was ended because its
 * transaction sat idle past DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS). In each case the transaction
 * was rolled back: nothing of it was kept.
 */
const DATABASE_TIMEOUT_STATES: ReadonlySet<string> = new Set(['57014', '55P03', '25P03']);

/**
 * The SQL state of a database timeout, or null for any other error. A session that PostgreSQL ended
 * while the transaction sat idle (25P03) reaches the code later, usually not as 25P03: TypeORM
 * releases a query runner whose connection failed, and refuses the transaction's next statement
 * with QueryRunnerProviderAlreadyReleasedError. That is read as 25P03 too (the server ended the
 * session, and with it the transaction); TypeORM's own error carries no SQL state.
 */
export function databaseTimeoutState(error: unknown): string | null {
  if (error instanceof QueryRunnerProviderAlreadyReleasedError) return '25P03';
  const state = safeDatabaseError(error).sqlState;
  return state !== undefined && DATABASE_TIMEOUT_STATES.has(state) ? state : null;
}
