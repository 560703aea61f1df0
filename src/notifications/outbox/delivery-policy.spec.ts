import { loadConfig } from '../../config/app-config';
import { describeFailure, isPermanent, MAX_RETRY_DELAY_MS, MIN_RETRY_WINDOW_MS, nextStep, retryDelayMs, retryWindowMs, toDeliveryFailure } from './delivery-policy';
import { fromDomain } from './outbox-sender.service';

describe('delivery policy', () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [9, 60_000 * 256],
    [10, MAX_RETRY_DELAY_MS],
    [60, MAX_RETRY_DELAY_MS],
  ])('after %i failed attempts waits %i ms (base 60 s, doubling, at most 6 hours)', (attempts, delay) => {
    expect(retryDelayMs(attempts, 60)).toBe(delay);
  });

  it.each([
    [{ responseCode: 451, command: 'RCPT TO', message: 'try later' }, false],
    [{ responseCode: 421, command: 'CONN', message: 'busy' }, false],
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:2525' }, false],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, false],
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', message: 'Invalid login' }, false],
    [{ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM', message: 'sender refused' }, false],
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', message: 'no such user' }, true],
    [{ code: 'EMESSAGE', responseCode: 554, command: 'DATA', message: 'message refused' }, true],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, true],
    [{ code: 'EINVALIDMESSAGE', message: 'message cannot be built: recipient is not a plain e-mail address' }, true],
  ])('%j is permanent: %s', (failure, permanent) => {
    expect(isPermanent(failure)).toBe(permanent);
  });

  it('retries with back-off until the last attempt, then fails; a permanent failure fails at once', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const temporary = { responseCode: 451, command: 'RCPT TO', message: 'later' };
    expect(nextStep(temporary, 1, 10, now, 60)).toEqual({ action: 'retry', at: new Date('2026-11-23T10:01:00Z') });
    expect(nextStep(temporary, 3, 10, now, 60)).toEqual({ action: 'retry', at: new Date('2026-11-23T10:04:00Z') });
    expect(nextStep(temporary, 10, 10, now, 60)).toEqual({ action: 'fail' });
    expect(nextStep({ responseCode: 550, command: 'RCPT TO', message: 'no such user' }, 1, 10, now, 60)).toEqual({ action: 'fail' });
  });

  it('with the default settings, retries span over 8 hours: an SMTP server refusing for an hour (and then some) loses nothing', () => {
    const { MAIL_MAX_ATTEMPTS, MAIL_RETRY_BASE_SECONDS } = loadConfig({});
    expect([MAIL_MAX_ATTEMPTS, MAIL_RETRY_BASE_SECONDS]).toEqual([10, 60]);
    expect(retryWindowMs(MAIL_MAX_ATTEMPTS, MAIL_RETRY_BASE_SECONDS)).toBe(511 * 60_000);
    expect(retryWindowMs(MAIL_MAX_ATTEMPTS, MAIL_RETRY_BASE_SECONDS)).toBeGreaterThan(2 * MIN_RETRY_WINDOW_MS);
    // Attempts at 0, 1, 3, 7, 15, 31 and 63 minutes: the 7th (of 10) is the first after an hour's outage.
    const attemptsAt: number[] = [0];
    for (let failed = 1; failed < MAIL_MAX_ATTEMPTS; failed++) attemptsAt.push(attemptsAt[failed - 1] + retryDelayMs(failed, MAIL_RETRY_BASE_SECONDS) / 60_000);
    expect(attemptsAt.findIndex((m) => m >= 60) + 1).toBe(7);
    expect(attemptsAt).toEqual([0, 1, 3, 7, 15, 31, 63, 127, 255, 511]);
    // One attempt means no retry at all; a short schedule is below the hour (the sender warns at boot).
    expect(retryWindowMs(1, 60)).toBe(0);
    expect(retryWindowMs(4, 60)).toBe(7 * 60_000);
    expect(retryWindowMs(50, 60)).toBeLessThan(50 * MAX_RETRY_DELAY_MS);
  });

  it('describes a failure with its codes and the server words, never a configured secret', () => {
    const failure = toDeliveryFailure(
      Object.assign(new Error('Invalid login'), { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', response: '535 5.7.8 login tracker / s3cret-pw refused' }),
    );
    expect(describeFailure(failure, ['s3cret-pw', 'tracker', undefined])).toBe('EAUTH 535 at AUTH PLAIN: 535 5.7.8 login [redacted] / [redacted] refused');
    expect(describeFailure(toDeliveryFailure('boom'), [])).toBe('boom');
    expect(describeFailure({ message: 'x'.repeat(2000) }, []).length).toBe(1000);
  });

  it('makes Message-IDs in the domain of MAIL_FROM', () => {
    expect(fromDomain('Improvement tracker <noreply@Council.gov.uk>')).toBe('council.gov.uk');
    expect(fromDomain('noreply@council.gov.uk')).toBe('council.gov.uk');
    expect(fromDomain(undefined)).toBe('improvement-tracker.invalid');
  });
});
