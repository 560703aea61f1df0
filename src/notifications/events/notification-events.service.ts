import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { londonToday } from '../../common/dates/calendar-date';
import type { EnqueueSummary, OutboxRequest } from '../outbox/outbox.service';
import { OutboxService } from '../outbox/outbox.service';
import { OutboxTrigger } from '../outbox/outbox-trigger.service';
import { NotificationScanRepository } from '../scans/notification-scan.repository';

/**
 * The messages caused by an event rather than by the daily scan. Each writes in the caller's
 * transaction (pass its EntityManager) so the message exists exactly when the event does; after the
 * commit, the caller calls `afterCommit()` (OutboxTrigger) to send within seconds.
 */
@Injectable()
export class NotificationEventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scans: NotificationScanRepository,
    private readonly outbox: OutboxService,
    private readonly trigger: OutboxTrigger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Evidence rejected: to its uploader, at once, with the reviewer's role (never their name) and comment. Mandatory. */
  async evidenceRejected(manager: EntityManager, organisationId: string, evidenceId: string): Promise<boolean> {
    const row = await this.scans.rejectedEvidence(manager, organisationId, evidenceId);
    if (!row) return false;
    const outcome = await this.outbox.enqueue(manager, {
      organisationId,
      planId: row.planId,
      recipientId: row.uploadedById,
      kind: 'evidence_rejected',
      subjectRef: `evidence:${row.evidenceId}`,
      period: 'rejected',
      data: {
        action: { id: row.actionId, reference: row.reference, title: row.title },
        milestone: row.milestoneId ? { id: row.milestoneId, title: row.milestoneTitle ?? '' } : null,
        evidence: { id: row.evidenceId, fileName: row.fileName },
        reviewerRole: row.reviewerRole,
        comment: row.comment ?? '',
        reviewedOn: londonToday(row.reviewedAt ? new Date(row.reviewedAt) : this.clock.now()),
      },
    });
    return outcome === 'written';
  }

  /** A pack is ready (the pack job completed): to the plan's board members. Its own transaction, then delivery is asked for. */
  async packReady(organisationId: string, packId: string): Promise<EnqueueSummary | null> {
    const summary = await this.dataSource.transaction(async (manager) => {
      const pack = await this.scans.pack(manager, organisationId, packId);
      if (!pack || pack.state !== 'ready') return null;
      return this.toPlanMembers(manager, organisationId, pack, 'board', 'pack_ready', 'ready', {
        pack: { id: pack.id, title: pack.title, audience: pack.audience, asOf: pack.asOf, formats: pack.formats },
      });
    });
    if (summary && summary.written > 0) await this.trigger.messagesWritten();
    return summary;
  }

  /** A scrutiny pack published: to the plan's scrutiny members, in the publish transaction. */
  async scrutinyPackPublished(manager: EntityManager, organisationId: string, packId: string): Promise<EnqueueSummary | null> {
    const pack = await this.scans.pack(manager, organisationId, packId);
    if (!pack || pack.audience !== 'scrutiny') return null;
    return this.toPlanMembers(manager, organisationId, pack, 'scrutiny', 'scrutiny_pack_published', 'published', {
      committeeName: pack.committeeName ?? 'scrutiny committee',
      pack: { id: pack.id, title: pack.title, asOf: pack.asOf },
      meetingDate: pack.meetsOn,
    });
  }

  /** One message about a pack to each member of its plan who holds `role`, keyed by the pack. */
  private async toPlanMembers<K extends 'pack_ready' | 'scrutiny_pack_published'>(
    manager: EntityManager,
    organisationId: string,
    pack: { id: string; planId: string },
    role: 'board' | 'scrutiny',
    kind: K,
    period: string,
    data: OutboxRequest<K>['data'],
  ): Promise<EnqueueSummary> {
    const members = await this.scans.planMembers(role, [pack.planId], manager);
    const requests = members.map((m): OutboxRequest<K> => ({ organisationId, planId: pack.planId, recipientId: m.userId, kind, subjectRef: `pack:${pack.id}`, period, data }));
    return this.outbox.enqueueMany(manager, requests);
  }

  /** After the commit of a transaction that wrote messages: deliver now rather than at the next minute. */
  afterCommit(): Promise<void> {
    return this.trigger.messagesWritten();
  }
}
