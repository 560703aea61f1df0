import { ConfigError, databaseRole, loadConfig, publicBaseUrl, smtpPort } from './app-config';

describe('loadConfig', () => {
  it('gives development defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\/tracker_app:/);
    expect(config.MIGRATION_DATABASE_URL).toMatch(/^postgres:\/\/tracker_owner:/);
    expect(config.STORAGE_DRIVER).toBe('local');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }, 'DATABASE_URL'],
    [{ MIGRATION_DATABASE_URL: 'mysql://x' }, 'MIGRATION_DATABASE_URL'],
    [{ STORAGE_DRIVER: 's3' }, 'S3_BUCKET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'a-real-production-secret-of-32-chars-or-more' }, 'WEB_SESSION_SECRET'],
    // Mail off: the unsubscribe endpoint still takes tokens.
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://a:b@db/x', WEB_SESSION_SECRET: 's'.repeat(40) }, 'UNSUBSCRIBE_SECRET'],
    [{ WEB_SESSION_SECRET: 'short' }, 'WEB_SESSION_SECRET'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'proxy.example.org' }, 'TRUST_PROXY'],
    [{ WEB_SESSION_IDLE_MINUTES: '0' }, 'WEB_SESSION_IDLE_MINUTES'],
    [{ WORKER_QUEUES: 'rag,pdf' }, 'WORKER_QUEUES'],
    [{ WORKER_QUEUES: ' , ' }, 'WORKER_QUEUES'],
    [{ WORKER_QUEUES: 'maintenance' }, 'WORKER_QUEUES'],
    [{ WORKER_SHUTDOWN_GRACE_MS: '-1' }, 'WORKER_SHUTDOWN_GRACE_MS'],
    [{ WORKER_SHUTDOWN_GRACE_MS: '2.5' }, 'WORKER_SHUTDOWN_GRACE_MS'],
    [{ WORKER_SHUTDOWN_GRACE_MS: '3600001' }, 'WORKER_SHUTDOWN_GRACE_MS'],
    [{ WEB_SESSION_IDLE_MINUTES: '120', WEB_SESSION_ABSOLUTE_HOURS: '1' }, 'WEB_SESSION_IDLE_MINUTES'],
    [{ RAG_NIGHTLY_CRON: 'nightly' }, 'RAG_NIGHTLY_CRON'],
    [{ RAG_NIGHTLY_CRON: '0 25 * * *' }, 'RAG_NIGHTLY_CRON'],
    [{ NOTIFICATIONS_SCAN_CRON: 'daily' }, 'NOTIFICATIONS_SCAN_CRON'],
    [{ NOTIFICATIONS_SCAN_CRON: '0 6 * * 8' }, 'NOTIFICATIONS_SCAN_CRON'],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '-1' }, 'DATABASE_STATEMENT_TIMEOUT_MS'],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '30s' }, 'DATABASE_STATEMENT_TIMEOUT_MS'],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '1.5' }, 'DATABASE_STATEMENT_TIMEOUT_MS'],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '50' }, 'DATABASE_STATEMENT_TIMEOUT_MS'],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '600001' }, 'DATABASE_STATEMENT_TIMEOUT_MS'],
    [{ DATABASE_LOCK_TIMEOUT_MS: '99' }, 'DATABASE_LOCK_TIMEOUT_MS'],
    [{ DATABASE_LOCK_TIMEOUT_MS: 'off' }, 'DATABASE_LOCK_TIMEOUT_MS'],
    // A lock timeout at or past the statement timeout would never fire.
    [{ DATABASE_LOCK_TIMEOUT_MS: '30000' }, 'DATABASE_LOCK_TIMEOUT_MS'],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '5000', DATABASE_LOCK_TIMEOUT_MS: '5000' }, 'DATABASE_LOCK_TIMEOUT_MS'],
    [{ DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '500' }, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'],
    [{ DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '3600001' }, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
  });

  it.each([
    ['postgres://tracker_app:pw@127.0.0.1:5432/db', 'tracker_app'],
    ['postgres://odd%20name@db.example/x', 'odd name'],
    ['postgres://127.0.0.1/db', null],
  ])('reads the role %s logs in as', (url, role) => {
    expect(databaseRole(url)).toBe(role);
  });

  describe('mail settings', () => {
    const mail = { SMTP_HOST: 'smtp.example.gov.uk', MAIL_FROM: 'Improvement tracker <noreply@example.gov.uk>' };

    it('leaves mail disabled when SMTP_HOST is unset, with STARTTLS required by default', () => {
      const config = loadConfig({});
      expect(config.SMTP_HOST).toBeUndefined();
      expect(config.SMTP_REQUIRE_TLS).toBe(true);
      expect(publicBaseUrl(config)).toBe('http://localhost:3000');
    });

    it('takes a full SMTP set-up and picks the port from the TLS mode', () => {
      expect(smtpPort(loadConfig(mail))).toBe(587);
      expect(smtpPort(loadConfig({ ...mail, SMTP_SECURE: 'true' }))).toBe(465);
      const config = loadConfig({ ...mail, SMTP_PORT: '2525', SMTP_USER: 'tracker', SMTP_PASSWORD: 'pw', PUBLIC_BASE_URL: 'https://tracker.example.gov.uk/' });
      expect(smtpPort(config)).toBe(2525);
      expect(publicBaseUrl(config)).toBe('https://tracker.example.gov.uk');
      expect(loadConfig({ ...mail, MAIL_FROM: 'noreply@example.gov.uk' }).MAIL_FROM).toBe('noreply@example.gov.uk');
    });

    it.each([
      [{ SMTP_HOST: 'smtp.example.gov.uk' }, 'MAIL_FROM'],
      [{ ...mail, SMTP_USER: 'tracker' }, 'SMTP_PASSWORD'],
      [{ ...mail, SMTP_PASSWORD: 'pw' }, 'SMTP_USER'],
      [{ SMTP_USER: 'tracker', SMTP_PASSWORD: 'pw' }, 'SMTP_USER'],
      [{ SMTP_PORT: '25' }, 'SMTP_PORT'],
      [{ ...mail, MAIL_FROM: 'not an address' }, 'MAIL_FROM'],
      [{ ...mail, MAIL_FROM: 'a@b.example\r\nBcc: x@y.example' }, 'MAIL_FROM'],
      [{ ...mail, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), UNSUBSCRIBE_SECRET: 'y'.repeat(40) }, 'PUBLIC_BASE_URL'],
      [{ ...mail, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PUBLIC_BASE_URL: 'https://t.example' }, 'UNSUBSCRIBE_SECRET'],
      [{ UNSUBSCRIBE_SECRET: 'short' }, 'UNSUBSCRIBE_SECRET'],
    ])('refuses the half-configured %j naming %s', (env, name) => {
      expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
    });
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', REDIS_URL: 'y' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['PORT', 'REDIS_URL']);
    }
  });

  describe('WORKER_QUEUES', () => {
    it('runs every queue by default', () => {
      expect(loadConfig({}).WORKER_QUEUES).toEqual(['rag', 'packs', 'notifications', 'imports']);
    });

    it('takes a comma-separated list, in any case and with spaces, once each', () => {
      expect(loadConfig({ WORKER_QUEUES: ' RAG, notifications,rag ' }).WORKER_QUEUES).toEqual(['rag', 'notifications']);
    });

    it('names the queues it accepts when refusing one', () => {
      expect(() => loadConfig({ WORKER_QUEUES: 'rag,pdf' })).toThrow(/WORKER_QUEUES: must be a comma-separated list of rag, packs, notifications, imports/);
    });
  });

  describe('TRUST_PROXY', () => {
    it('trusts no proxy by default or when none', () => {
      expect(loadConfig({}).TRUST_PROXY).toEqual([]);
      expect(loadConfig({ TRUST_PROXY: 'none' }).TRUST_PROXY).toEqual([]);
    });

    it('takes a list of addresses, subnets and express presets', () => {
      expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,fd00::/8 ,loopback' }).TRUST_PROXY).toEqual(['10.0.0.5', '192.168.0.0/16', 'fd00::/8', 'loopback']);
    });
  });

  it('gives the worker 25 s on SIGTERM to finish its active jobs, within a 30 s stop timeout, or what WORKER_SHUTDOWN_GRACE_MS says', () => {
    expect(loadConfig({}).WORKER_SHUTDOWN_GRACE_MS).toBe(25_000);
    expect(loadConfig({ WORKER_SHUTDOWN_GRACE_MS: '200' }).WORKER_SHUTDOWN_GRACE_MS).toBe(200);
    expect(loadConfig({ WORKER_SHUTDOWN_GRACE_MS: '0' }).WORKER_SHUTDOWN_GRACE_MS).toBe(0);
  });

  it("gives the API's database sessions a 30 s statement, 10 s lock and 60 s idle-in-transaction timeout, each 0 for off", () => {
    const c = loadConfig({});
    expect([c.DATABASE_STATEMENT_TIMEOUT_MS, c.DATABASE_LOCK_TIMEOUT_MS, c.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS]).toEqual([30_000, 10_000, 60_000]);
    const off = loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0', DATABASE_LOCK_TIMEOUT_MS: '0', DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '0' });
    expect([off.DATABASE_STATEMENT_TIMEOUT_MS, off.DATABASE_LOCK_TIMEOUT_MS, off.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS]).toEqual([0, 0, 0]);
    // With the statement timeout off, any lock timeout may be set.
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0', DATABASE_LOCK_TIMEOUT_MS: '60000' }).DATABASE_LOCK_TIMEOUT_MS).toBe(60_000);
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '2000', DATABASE_LOCK_TIMEOUT_MS: '500' }).DATABASE_LOCK_TIMEOUT_MS).toBe(500);
  });

  it('gives the web session a 30-minute idle timeout and a 12-hour lifetime by default', () => {
    const c = loadConfig({});
    expect([c.WEB_SESSION_IDLE_MINUTES, c.WEB_SESSION_ABSOLUTE_HOURS]).toEqual([30, 12]);
  });

  it('derives the queue prefix from the database name unless QUEUE_PREFIX is set', () => {
    expect(loadConfig({}).QUEUE_PREFIX).toBe('it:improvement_tracker');
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db.internal:5432/council.live' }).QUEUE_PREFIX).toBe('it:council_live');
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db.internal:5432/a', QUEUE_PREFIX: 'tracker' }).QUEUE_PREFIX).toBe('tracker');
  });
});
