/**
 * What to do after a delivery attempt fails: retry later (exponential back-off) or give up.
 * Pure: the sender passes the attempt count, the failure and the time.
 */

/** The parts of a nodemailer error the decision needs. */
export interface DeliveryFailure {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
  message: string;
}

export const MAX_RETRY_DELAY_MS = 6 * 3600 * 1000;

/** base, 2 x base, 4 x base, ... after the 1st, 2nd, 3rd failed attempt; at most 6 hours. */
export function retryDelayMs(failedAttempts: number, baseSeconds: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(MAX_RETRY_DELAY_MS, baseSeconds * 1000 * 2 ** Math.min(exponent, 30));
}

/**
 * How long the retries of one message span, from its first attempt to its last (MAIL_MAX_ATTEMPTS
 * attempts, the back-off between them): an SMTP outage shorter than this loses nothing; every
 * message goes once the server recovers. A lower bound, since the every-minute delivery job picks a
 * retry up to a minute after it falls due. With the defaults (10 attempts, 60 s base):
 * 1 + 2 + 4 + ... + 256 minutes = 511 minutes, about 8.5 hours.
 */
export function retryWindowMs(maxAttempts: number, baseSeconds: number): number {
  let total = 0;
  for (let failed = 1; failed < maxAttempts; failed++) total += retryDelayMs(failed, baseSeconds);
  return total;
}

/** The outage the retry schedule should at least outlast ("an SMTP server that refuses for an hour"); the sender warns at boot below it. */
export const MIN_RETRY_WINDOW_MS = 3600 * 1000;

/**
 * A 5xx answer to the recipient or to the message itself will be the same next time (no such
 * mailbox, message refused): fail at once. Everything else (4xx "try later", a refused or dropped
 * connection, a timeout, a failed login or a 5xx to MAIL FROM, which are the server's or our
 * configuration's problem) is retried.
 */
export function isPermanent(failure: DeliveryFailure): boolean {
  if (failure.code === 'EENVELOPE' && failure.responseCode === undefined) return true; // no valid recipient address
  if (failure.code === 'EINVALIDMESSAGE') return true; // cannot be built (see mail-transport)
  const code = failure.responseCode;
  if (code === undefined || code < 500 || code > 599) return false;
  const command = (failure.command ?? '').toUpperCase();
  return command.startsWith('RCPT') || command === 'DATA' || command.startsWith('DATA');
}

export type NextStep = { action: 'retry'; at: Date } | { action: 'fail' };

export function nextStep(failure: DeliveryFailure, attemptsMade: number, maxAttempts: number, now: Date, baseSeconds: number): NextStep {
  if (isPermanent(failure) || attemptsMade >= maxAttempts) return { action: 'fail' };
  return { action: 'retry', at: new Date(now.getTime() + retryDelayMs(attemptsMade, baseSeconds)) };
}

/**
 * The failure as stored on the row and shown to the board: code, SMTP status, command and the
 * server's words, with any configured secret blanked and at most 1,000 characters.
 */
export function describeFailure(failure: DeliveryFailure, secrets: (string | undefined)[]): string {
  const head = [failure.code, failure.responseCode, failure.command ? `at ${failure.command}` : undefined].filter((p) => p !== undefined && p !== '').join(' ');
  let words = (failure.response ?? failure.message ?? '').replace(/\s+/g, ' ').trim();
  for (const secret of secrets) {
    if (secret && secret.length >= 3) words = words.split(secret).join('[redacted]');
  }
  const text = head ? `${head}: ${words}` : words;
  return text.length <= 1000 ? text : `${text.slice(0, 999)}…`;
}

/** The error a transport threw, as a DeliveryFailure (whatever was thrown). */
export function toDeliveryFailure(err: unknown): DeliveryFailure {
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    return {
      code: typeof e.code === 'string' ? e.code : undefined,
      responseCode: typeof e.responseCode === 'number' ? e.responseCode : undefined,
      command: typeof e.command === 'string' ? e.command : undefined,
      response: typeof e.response === 'string' ? e.response : undefined,
      message: typeof e.message === 'string' ? e.message : 'unknown error',
    };
  }
  return { message: typeof err === 'string' ? err : 'unknown error' };
}
