import { loadConfig } from '../config/app-config';
import { migrationOptions, typeormOptions, withSessionOptions } from './typeorm-options';

const optionsOf = (o: { extra?: unknown }) => (o.extra as { options?: string }).options;

describe('typeormOptions', () => {
  it("gives the API's sessions its statement, lock and idle-in-transaction timeouts, in libpq's options", () => {
    expect(optionsOf(typeormOptions(loadConfig({}), 'api'))).toBe('-c statement_timeout=30000 -c lock_timeout=10000 -c idle_in_transaction_session_timeout=60000');
    const config = loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '2000', DATABASE_LOCK_TIMEOUT_MS: '0', DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '5000' });
    // 0 is off: left out, PostgreSQL's default.
    expect(optionsOf(typeormOptions(config, 'api'))).toBe('-c statement_timeout=2000 -c idle_in_transaction_session_timeout=5000');
  });

  it('sends no options when every limit is off', () => {
    const off = loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0', DATABASE_LOCK_TIMEOUT_MS: '0', DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '0' });
    expect(typeormOptions(off, 'api').extra).toEqual({ max: 10 });
  });

  it("gives the worker's (and the CLI's) sessions none: long set-based statements, and cursors idle between chunks", () => {
    expect(typeormOptions(loadConfig({}), 'worker').extra).toEqual({ max: 10 });
  });

  it('keeps the migrations to their own options (the application role for their grants), without the timeouts', () => {
    expect(optionsOf(migrationOptions(loadConfig({})))).toBe('-c tracker.app_role=tracker_app');
  });

  describe("an `options` parameter in the URL (pg would let it replace ours)", () => {
    const withOptions = 'postgres://tracker_app:pw@db.example:5432/tracker?sslmode=require&options=-c%20search_path%3Dtracker';

    it('is taken out of the URL and sent before ours, the other parameters kept', () => {
      const api = typeormOptions(loadConfig({ DATABASE_URL: withOptions }), 'api');
      expect(api.url).toBe('postgres://tracker_app:pw@db.example:5432/tracker?sslmode=require');
      expect(optionsOf(api)).toBe('-c search_path=tracker -c statement_timeout=30000 -c lock_timeout=10000 -c idle_in_transaction_session_timeout=60000');
      expect(optionsOf(typeormOptions(loadConfig({ DATABASE_URL: withOptions }), 'worker'))).toBe('-c search_path=tracker');
      const migrations = migrationOptions(loadConfig({ DATABASE_URL: withOptions, MIGRATION_DATABASE_URL: withOptions.replace('tracker_app:pw', 'tracker_owner:pw') }));
      expect(migrations.url).toBe('postgres://tracker_owner:pw@db.example:5432/tracker?sslmode=require');
      expect(optionsOf(migrations)).toBe('-c search_path=tracker -c tracker.app_role=tracker_app');
    });

    it('leaves a URL without one exactly as written', () => {
      const url = 'postgres://u:p%40ss@127.0.0.1:5432/db';
      expect(withSessionOptions(url, '-c lock_timeout=1000')).toEqual({ url, options: '-c lock_timeout=1000' });
    });
  });
});
