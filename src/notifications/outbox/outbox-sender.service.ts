import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { MAIL_TRANSPORT, SMTP_TIMEOUTS, type MailTransport, type OutgoingMail } from '../mail/mail-transport';
import { deliveryDecision } from '../preferences/preference-rules';
import { PreferencesRepository, type RecipientProfile } from '../preferences/preferences.repository';
import { describeFailure, MIN_RETRY_WINDOW_MS, nextStep, retryWindowMs, toDeliveryFailure } from './delivery-policy';
import { OutboxRepository, type ClaimedMessage } from './outbox.repository';

/**
 * How long a claim holds its rows. A sender starts a row only while at least LEASE_MARGIN_MS of
 * its lease is left, and one delivery is bounded by the SMTP timeouts (well under the margin), so
 * in the normal case a row is finished before its lease can run out and another sender take it.
 */
export const LEASE_MS = 10 * 60_000;
export const LEASE_MARGIN_MS = 3 * 60_000;
const BATCH_SIZE = 100;

export interface DeliveryRun {
  enabled: boolean;
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** Rows handed back untried (lease too short) or lost to another sender after their lease ran out. */
  released: number;
  lostLease: number;
}

export interface DeliverOptions {
  /** Stop claiming after this many rows (default: until none are due). */
  maxMessages?: number;
  /** Stop claiming new batches after this long (default 50 s, so the every-minute job does not pile up). */
  budgetMs?: number;
}

/**
 * Delivers the outbox, exactly once in the normal case:
 *
 * 1. claim a batch (one committed UPDATE ... FOR UPDATE SKIP LOCKED: pending -> sending, with a
 *    lease time and a token), so two senders (worker replicas, or a kick and the minute job) never
 *    take the same row;
 * 2. send each with a Message-ID made from the row id, the same on every attempt;
 * 3. mark it sent at once, only if the claim still holds it.
 *
 * What SMTP cannot give: if the process dies after the server accepted a message (250 after DATA)
 * and before step 3 commits, the row stays 'sending' until its lease ends and is then sent again,
 * once, with the same Message-ID (so a receiving system can recognise the copy). That window is a
 * round trip or two to the database per message (see SentMarks), retried briefly if the database hiccups.
 *
 * A failure goes back to pending with exponential back-off (MAIL_RETRY_BASE_SECONDS, doubling, at
 * most 6 hours) until MAIL_MAX_ATTEMPTS (the defaults ride out about 8.5 hours of SMTP outage, see
 * retryWindowMs; a boot warning below an hour), then stays 'failed' for the dashboard; a 5xx to the
 * recipient or the message fails at once. A deactivated recipient, or one who switched the kind
 * off since the message was written, is skipped and marked so.
 */
@Injectable()
export class OutboxSender {
  private readonly logger = new Logger(OutboxSender.name);
  private readonly messageIdDomain: string;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly preferences: PreferencesRepository,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.messageIdDomain = fromDomain(config.MAIL_FROM);
    // The margin must cover one whole delivery, or a slow one could outlive its lease.
    const oneDelivery = SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.greetingTimeout + SMTP_TIMEOUTS.socketTimeout;
    if (LEASE_MARGIN_MS <= oneDelivery) throw new Error('OutboxSender: the lease margin must outlast one SMTP delivery');
    const window = retryWindowMs(config.MAIL_MAX_ATTEMPTS, config.MAIL_RETRY_BASE_SECONDS);
    if (this.enabled && window < MIN_RETRY_WINDOW_MS) {
      this.logger.warn(
        { maxAttempts: config.MAIL_MAX_ATTEMPTS, retryBaseSeconds: config.MAIL_RETRY_BASE_SECONDS, retryWindowMinutes: Math.round(window / 60_000) },
        'e-mail retries give up after less than an hour of SMTP outage (MAIL_MAX_ATTEMPTS / MAIL_RETRY_BASE_SECONDS): messages will be marked failed',
      );
    }
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /** The Message-ID of an outbox row: stable, so a resend after a crash is recognisably the same message. */
  messageIdFor(outboxId: string): string {
    return `<outbox-${outboxId}@${this.messageIdDomain}>`;
  }

  async deliverDue(options: DeliverOptions = {}): Promise<DeliveryRun> {
    const run: DeliveryRun = { enabled: this.enabled, claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0, released: 0, lostLease: 0 };
    if (!this.transport) return run;
    const started = performance.now();
    const budgetMs = options.budgetMs ?? 50_000;
    const maxMessages = options.maxMessages ?? Number.POSITIVE_INFINITY;
    while (run.claimed < maxMessages && performance.now() - started < budgetMs) {
      const now = this.clock.now();
      const leaseToken = randomUUID();
      const batch = await this.outbox.claimDue(now, Math.min(BATCH_SIZE, maxMessages - run.claimed), new Date(now.getTime() + LEASE_MS), leaseToken);
      if (batch.length === 0) break;
      run.claimed += batch.length;
      await this.deliverBatch(batch, leaseToken, run);
    }
    return run;
  }

  private async deliverBatch(batch: ClaimedMessage[], leaseToken: string, run: DeliveryRun): Promise<void> {
    const recipients = await this.preferences.recipientProfiles(batch.map((m) => m.recipientUserId));
    const marks = new SentMarks((sent) => this.outbox.markSent(leaseToken, sent));
    const queue = [...batch];
    const workers = Array.from({ length: Math.min(this.config.MAIL_MAX_CONNECTIONS, queue.length) }, async () => {
      for (let message = queue.shift(); message; message = queue.shift()) {
        await this.deliverOne(message, recipients.get(message.recipientUserId), leaseToken, marks, run);
      }
    });
    await Promise.all(workers);
  }

  private async deliverOne(message: ClaimedMessage, recipient: RecipientProfile | undefined, leaseToken: string, marks: SentMarks, run: DeliveryRun): Promise<void> {
    const context = { outboxId: message.id, organisationId: message.organisationId, kind: message.kind, attempt: message.attempts };
    if (!recipient?.active) {
      await this.outbox.markSkipped(message.id, leaseToken, 'recipient_inactive');
      run.skipped += 1;
      this.logger.log(context, 'e-mail skipped: recipient deactivated');
      return;
    }
    if (deliveryDecision(message.kind, recipient.modes) === 'suppressed_off') {
      await this.outbox.markSkipped(message.id, leaseToken, 'unsubscribed');
      run.skipped += 1;
      this.logger.log(context, 'e-mail skipped: recipient switched this kind off');
      return;
    }
    if (this.clock.now().getTime() > message.leaseUntil.getTime() - LEASE_MARGIN_MS) {
      run.released += await this.outbox.release([message.id], leaseToken);
      return;
    }
    const messageId = this.messageIdFor(message.id);
    let response: string;
    try {
      ({ response } = await this.transport!.send(this.compose(message, messageId)));
    } catch (err) {
      await this.recordFailure(message, leaseToken, err, run, context);
      return;
    }
    const marked = await marks.mark({ id: message.id, sentAt: this.clock.now(), messageId, smtpResponse: response });
    if (marked) {
      run.sent += 1;
    } else {
      run.lostLease += 1;
      this.logger.warn(context, 'e-mail sent but its claim had been taken over (lease ran out): it may be sent twice');
    }
  }

  private compose(message: ClaimedMessage, messageId: string): OutgoingMail {
    const headers: Record<string, string> = {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    };
    if (message.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    return {
      from: this.config.MAIL_FROM ?? '',
      to: message.recipientAddress,
      subject: message.subject,
      text: message.bodyText,
      html: message.bodyHtml,
      messageId,
      date: this.clock.now(),
      headers,
    };
  }

  private async recordFailure(message: ClaimedMessage, leaseToken: string, err: unknown, run: DeliveryRun, context: Record<string, unknown>): Promise<void> {
    const failure = toDeliveryFailure(err);
    const lastError = describeFailure(failure, [this.config.SMTP_PASSWORD, this.config.SMTP_USER]);
    const now = this.clock.now();
    const step = nextStep(failure, message.attempts, this.config.MAIL_MAX_ATTEMPTS, now, this.config.MAIL_RETRY_BASE_SECONDS);
    // Logs carry codes, never the address or the server's words (which may quote the address).
    const logged = { ...context, code: failure.code, responseCode: failure.responseCode, command: failure.command };
    if (step.action === 'retry') {
      await this.outbox.markRetry(message.id, leaseToken, step.at, lastError);
      run.retried += 1;
      this.logger.warn({ ...logged, nextAttemptAt: step.at.toISOString() }, 'e-mail delivery failed; will retry');
    } else {
      await this.outbox.markFailed(message.id, leaseToken, lastError);
      run.failed += 1;
      this.logger.error({ ...logged, maxAttempts: this.config.MAIL_MAX_ATTEMPTS }, 'e-mail delivery failed for good; reported on the dashboard');
    }
  }
}

/** The domain of MAIL_FROM ("Tracker <noreply@council.gov.uk>" -> "council.gov.uk"), for Message-IDs. */
export function fromDomain(from: string | undefined): string {
  const match = /@([^\s<>@]+?)>?\s*$/.exec(from ?? '');
  return match ? match[1].toLowerCase() : 'improvement-tracker.invalid';
}

type SentMark = { id: string; sentAt: Date; messageId: string; smtpResponse: string };

/**
 * The one step between "the server accepted it" and "recorded as sent", done as soon as possible:
 * a mark goes to the database at once unless an UPDATE is already on its way, in which case it
 * joins the next one, sent the moment that one returns (group commit: no timer, so a mark waits
 * at most one round trip more, and ten parallel deliveries need far fewer UPDATEs). A failed
 * UPDATE (a database blip) is retried briefly, since giving up would mean a resend after the lease.
 */
export class SentMarks {
  private pending: { mark: SentMark; resolve: (marked: boolean) => void; reject: (err: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly write: (marks: SentMark[]) => Promise<Set<string>>) {}

  mark(mark: SentMark): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.pending.push({ mark, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0);
        try {
          const marked = await this.writeWithRetry(batch.map((p) => p.mark));
          for (const p of batch) p.resolve(marked.has(p.mark.id));
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async writeWithRetry(marks: SentMark[]): Promise<Set<string>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.write(marks);
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }
}
