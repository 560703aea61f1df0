import { Injectable, Logger } from '@nestjs/common';
import { AuditEventRepository } from './audit-event.repository';
import { AuditChainWalker } from './chain/audit-chain';
import { AuditChainReportDto } from './dto/audit-chain-report.dto';

const BATCH = 2000;

/**
 * Verifies the audit trail's hash chain (src/audit/chain/audit-chain.ts) by recomputing every
 * event's hash here, not in the database that wrote it, and reports the first broken link.
 */
@Injectable()
export class AuditChainService {
  private readonly logger = new Logger(AuditChainService.name);

  constructor(private readonly events: AuditEventRepository) {}

  async verifyOrganisation(organisationId: string): Promise<AuditChainReportDto> {
    const walker = new AuditChainWalker();
    let afterSeq = '0';
    for (;;) {
      const batch = await this.events.chainAfter(organisationId, afterSeq, BATCH);
      if (batch.length === 0 || !batch.every((e) => walker.next(e))) break;
      afterSeq = batch[batch.length - 1].seq;
    }
    const head = walker.head;
    const firstBreak = walker.firstBreak;
    if (firstBreak) {
      this.logger.warn({ organisationId, seq: firstBreak.seq, eventId: firstBreak.eventId, problem: firstBreak.problem }, 'audit chain broken');
    }
    return {
      organisationId,
      valid: firstBreak === null,
      eventsVerified: walker.eventsVerified,
      head: head && { seq: head.seq, eventId: head.eventId, hash: head.hash, occurredAt: head.occurredAt.toISOString() },
      firstBreak,
    };
  }

  /** Every organisation's chain, deleted organisations included (for the CLI). */
  async verifyAll(): Promise<AuditChainReportDto[]> {
    const reports: AuditChainReportDto[] = [];
    for (const organisationId of await this.events.organisationIdsWithEvents()) reports.push(await this.verifyOrganisation(organisationId));
    return reports;
  }
}
