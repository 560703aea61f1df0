/** What a PostgreSQL error may say about itself without quoting any value. */
export interface SafeDatabaseError {
  name: string;
  sqlState?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/**
 * A database error without the values: no bound parameters, no `detail` ("Key (email)=(...)"), no
 * message (PostgreSQL quotes values in some). The SQL state, constraint and table say what failed.
 */
export function safeDatabaseError(error: unknown): SafeDatabaseError {
  const e = (error ?? {}) as { name?: unknown; code?: unknown; constraint?: unknown; table?: unknown; column?: unknown; driverError?: unknown };
  const driver = (e.driverError ?? e) as typeof e;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    name: text(e.name) ?? 'Error',
    sqlState: text(driver.code) ?? text(e.code),
    constraint: text(driver.constraint),
    table: text(driver.table),
    column: text(driver.column),
  };
}
