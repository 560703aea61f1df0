import { ConfigError, loadConfig, publicBaseUrl, smtpPort } from './app-config';

describe('loadConfig', () => {
  it('gives development defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(config.STORAGE_DRIVER).toBe('local');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ STORAGE_DRIVER: 's3' }, 'S3_BUCKET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
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
});
