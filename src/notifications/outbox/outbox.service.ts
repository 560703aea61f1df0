import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { APP_CONFIG, publicBaseUrl, type AppConfig } from '../../config/app-config';
import type { MessageDataByKind } from '../messages/message-data';
import { MessageLinks } from '../messages/message-links';
import { renderMessage } from '../messages/render-message';
import { MESSAGE_KIND_NOTIFICATION, NOTIFICATION_KIND_RULES, type MessageKind, type UnsubscribeScope } from '../notification-kinds';
import { deliveryDecision } from '../preferences/preference-rules';
import { PreferencesRepository, type RecipientProfile } from '../preferences/preferences.repository';
import { signUnsubscribeToken, unsubscribeExpiry } from '../preferences/unsubscribe-token';
import { toPage } from '../../common/pagination/page.dto';
import type { OutboxMessageDto, OutboxPageDto, OutboxQueryDto } from '../dto/outbox-message.dto';
import { OutboxRepository, outboxKey, type NewOutboxMessage, type OutboxCounts, type OutboxListRow } from './outbox.repository';

/**
 * One message to write. The key (recipient, kind, subjectRef, period) says which occurrence this
 * is: writing the same key again adds nothing. Conventions: subjectRef names the thing
 * ('milestone:<id>', 'action:<id>', 'evidence:<id>', 'meeting:<id>', 'pack:<id>', 'digest'),
 * period the occurrence (the due date for due reminders, so a moved date reminds again; the
 * reminder's date for overdue weekly reminders; the ISO week '2026-W48' for weekly digests; the
 * day for daily digests).
 */
export interface OutboxRequest<K extends MessageKind = MessageKind> {
  organisationId: string;
  /** The plan the message is about (the board's list of messages sent filters by it). */
  planId?: string | null;
  recipientId: string;
  kind: K;
  subjectRef: string;
  period: string;
  data: MessageDataByKind[K];
}

/**
 * - written: a new row, delivered by the sender;
 * - duplicate: that key was written before (nothing new);
 * - deferred_to_digest: the recipient gets this kind in their weekly digest (the digest scan lists it);
 * - suppressed_off: the recipient switched this kind off;
 * - recipient_inactive: the user is deactivated: they receive nothing.
 */
export type EnqueueOutcome = 'written' | 'duplicate' | 'deferred_to_digest' | 'suppressed_off' | 'recipient_inactive';

export interface EnqueueSummary {
  written: number;
  duplicate: number;
  deferred_to_digest: number;
  suppressed_off: number;
  recipient_inactive: number;
  /** One outcome per request, in order. */
  outcomes: EnqueueOutcome[];
}

/**
 * Writes e-mails to the outbox (PostgreSQL), where the worker's sender picks them up. Pass the
 * EntityManager of the transaction that records the event, so the message exists exactly when the
 * event does; then, after the commit, call OutboxTrigger.messagesWritten() to send it within
 * seconds rather than at the next minute.
 */
@Injectable()
export class OutboxService {
  private readonly links: MessageLinks;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly preferences: PreferencesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.links = new MessageLinks(publicBaseUrl(config));
  }

  async enqueue<K extends MessageKind>(manager: EntityManager, request: OutboxRequest<K>): Promise<EnqueueOutcome> {
    return (await this.enqueueMany(manager, [request])).outcomes[0];
  }

  /**
   * Many messages in one go (a scan): recipients and their preferences are read in one query and
   * rows inserted in chunks. A recipient outside the request's organisation is a programming error
   * and throws, so a message can never carry one organisation's data to another's user.
   */
  async enqueueMany(manager: EntityManager, requests: OutboxRequest[]): Promise<EnqueueSummary> {
    const summary: EnqueueSummary = { written: 0, duplicate: 0, deferred_to_digest: 0, suppressed_off: 0, recipient_inactive: 0, outcomes: [] };
    if (requests.length === 0) return summary;
    const now = this.clock.now();
    const profiles = await this.preferences.recipientProfiles(
      requests.map((r) => r.recipientId),
      manager,
    );
    const outcomes: (EnqueueOutcome | null)[] = [];
    const rows: NewOutboxMessage[] = [];
    const rowIndex: number[] = [];
    const keysInBatch = new Set<string>();
    requests.forEach((request, i) => {
      const recipient = profiles.get(request.recipientId);
      if (!recipient || recipient.organisationId !== request.organisationId) {
        throw new Error(`outbox: recipient ${request.recipientId} is not a user of organisation ${request.organisationId}`);
      }
      const key = outboxKey({ recipientUserId: request.recipientId, kind: request.kind, subjectRef: request.subjectRef, period: request.period });
      // The same key twice in one call: one INSERT skips the second, so it is a duplicate here too.
      const outcome = keysInBatch.has(key) ? 'duplicate' : this.decide(request, recipient);
      outcomes.push(outcome);
      if (outcome !== null) return;
      keysInBatch.add(key);
      rows.push(this.compose(request, recipient, now));
      rowIndex.push(i);
    });
    const inserted = await this.outbox.insertIgnoringDuplicates(manager, rows);
    rows.forEach((row, j) => {
      outcomes[rowIndex[j]] = inserted.has(outboxKey(row)) ? 'written' : 'duplicate';
    });
    for (const outcome of outcomes as EnqueueOutcome[]) {
      summary[outcome] += 1;
      summary.outcomes.push(outcome);
    }
    return summary;
  }

  /** The dashboard's e-mail failures: one plan's messages that ran out of attempts (never lost). */
  deliveryFailures(organisationId: string, planId: string): Promise<number> {
    return this.outbox.countFailed(organisationId, planId);
  }

  /** Counts by state: `failed` are messages that ran out of attempts (never lost). */
  deliveryCounts(organisationId: string, planId?: string): Promise<OutboxCounts> {
    return this.outbox.countsByState(organisationId, planId);
  }

  /** The board's list of one plan's messages (GET /plans/:planId/notifications and the "Messages sent" page). */
  async list(organisationId: string, planId: string, query: OutboxQueryDto): Promise<OutboxPageDto> {
    const { rows, total } = await this.outbox.listForPlan(organisationId, planId, query, { skip: query.skip, take: query.pageSize });
    return toPage(rows.map(toOutboxMessageDto), total, query);
  }

  /** Puts failed messages (all, or those named) back for another round of attempts. */
  retryFailed(organisationId: string, ids?: string[]): Promise<number> {
    return this.outbox.requeueFailed(organisationId, this.clock.now(), ids);
  }

  private decide(request: OutboxRequest, recipient: RecipientProfile): EnqueueOutcome | null {
    if (!recipient.active) return 'recipient_inactive';
    switch (deliveryDecision(request.kind, recipient.modes)) {
      case 'send':
        return null;
      case 'defer_to_digest':
        return 'deferred_to_digest';
      case 'suppressed_off':
        return 'suppressed_off';
    }
  }

  private compose(request: OutboxRequest, recipient: RecipientProfile, now: Date): NewOutboxMessage {
    const unsubscribeUrl = this.unsubscribeUrl(request.kind, recipient.id, now);
    const rendered = renderMessage(request.kind, request.data, {
      recipientName: recipient.name,
      organisationName: recipient.organisationName,
      links: this.links,
      unsubscribeUrl,
    });
    return {
      organisationId: request.organisationId,
      planId: request.planId ?? null,
      recipientUserId: recipient.id,
      recipientAddress: recipient.email,
      kind: request.kind,
      subjectRef: request.subjectRef,
      period: request.period,
      subject: rendered.subject,
      bodyText: rendered.text,
      bodyHtml: rendered.html,
      unsubscribeUrl,
      nextAttemptAt: now,
    };
  }

  private unsubscribeUrl(kind: MessageKind, userId: string, now: Date): string | null {
    const notificationKind = MESSAGE_KIND_NOTIFICATION[kind];
    if (notificationKind !== null && NOTIFICATION_KIND_RULES[notificationKind].mandatory) return null;
    const scope: UnsubscribeScope = notificationKind ?? 'weekly_digest';
    return this.links.unsubscribe(signUnsubscribeToken(this.config.UNSUBSCRIBE_SECRET, { userId, scope, expiresAt: unsubscribeExpiry(now) }));
  }
}

function iso(d: Date | string): string {
  return new Date(d).toISOString();
}

function toOutboxMessageDto(r: OutboxListRow): OutboxMessageDto {
  return {
    id: r.id,
    kind: r.kind,
    recipientId: r.recipientId,
    recipientName: r.recipientName,
    recipientAddress: r.recipientAddress,
    subject: r.subject,
    period: r.period,
    state: r.state,
    attempts: Number(r.attempts),
    lastError: r.lastError,
    skipReason: r.skipReason,
    createdAt: iso(r.createdAt),
    sentAt: r.sentAt ? iso(r.sentAt) : null,
    nextAttemptAt: iso(r.nextAttemptAt),
  };
}
