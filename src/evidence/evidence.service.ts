import { Inject, Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { ActionsRepository } from '../actions/actions.repository';
import { AuditService } from '../audit/audit.service';
import {
  assertCanListWithdrawnEvidence,
  assertCanReadEvidence,
  assertCanReadEvidenceOf,
  assertCanReview,
  assertCanWithdraw,
  isPlanManager,
  requireVisibleAction,
} from '../common/auth/access-policy';
import { CLOCK, Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { RagTriggerService } from '../rag/rag-trigger.service';
import { contentDisposition } from './content/clean-file-name';
import { downloadFileName } from './content/download-file-name';
import { etagMatches, parseRange } from './download/parse-range';
import { RangeNotSatisfiableException } from './download/range-not-satisfiable.exception';
import { EvidenceDetailDto, EvidenceDto, EvidencePageDto } from './dto/evidence.dto';
import { EvidenceQueryDto } from './dto/evidence-query.dto';
import { NotificationEventsService } from '../notifications/events/notification-events.service';
import { ReviewEvidenceDto } from './dto/review-evidence.dto';
import { WithdrawEvidenceDto } from './dto/withdraw-evidence.dto';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceException } from './evidence.exception';
import { EvidenceErrorCode } from './evidence.exception';
import { peopleOf, toEvidenceDetailDto, toEvidenceDto } from './evidence.mapper';
import { EvidenceRepository } from './evidence.repository';
import { ByteRange, OBJECT_STORAGE, ObjectStorage, StorageException, StorageExceptionCode } from '../storage/object-storage';

/** What the content endpoint sends: status, headers, and the body stream (none for 304). */
export interface EvidenceContent {
  status: 200 | 206 | 304;
  headers: Record<string, string>;
  body: Readable | null;
}

export interface ContentConditions {
  range?: string;
  ifRange?: string;
  ifNoneMatch?: string;
}

/** The action an evidence item belongs to, as lists name it. */
export interface EvidenceActionSummary {
  id: string;
  reference: string;
  title: string;
}

export interface EvidenceQueueItem {
  evidence: EvidenceDto;
  action: EvidenceActionSummary;
}

/** Reading, reviewing and withdrawing evidence. Uploads are `EvidenceUploadService`. */
@Injectable()
export class EvidenceService {
  private readonly logger = new Logger(EvidenceService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly evidence: EvidenceRepository,
    private readonly actions: ActionsRepository,
    private readonly audit: AuditService,
    private readonly rag: RagTriggerService,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly notifications: NotificationEventsService,
  ) {}

  async listForAction(user: AuthUser, actionId: string, query: EvidenceQueryDto): Promise<EvidencePageDto> {
    const action = requireVisibleAction(user, actionId, await this.actions.findAccessScope(user.organisationId, actionId));
    assertCanReadEvidenceOf(user, action);
    if (query.includeWithdrawn) assertCanListWithdrawnEvidence(user);
    const [rows, total] = await this.evidence.findPageForAction(user.organisationId, actionId, {
      skip: query.skip,
      pageSize: query.pageSize,
      reviewState: query.reviewState,
      includeWithdrawn: query.includeWithdrawn === true,
    });
    const [names, superseding] = await Promise.all([
      this.evidence.findUserNames(user.organisationId, peopleOf(rows)),
      this.evidence.findSupersedingIds(user.organisationId, rows.map((r) => r.id)),
    ]);
    return toPage(rows.map((r) => toEvidenceDto(r, names, superseding.get(r.id) ?? null)), total, query);
  }

  /**
   * What a board member (or admin) of the plan has to review: submitted items, oldest first, never
   * their own uploads; each with its action's reference and title. 403 for anyone else in the plan.
   */
  async reviewQueue(user: AuthUser, planId: string): Promise<EvidenceQueueItem[]> {
    if (!isPlanManager(user, { organisationId: user.organisationId, planId })) throw AppException.forbidden('Only board members and admins review evidence');
    const rows = await this.evidence.findReviewQueue(user.organisationId, planId, user.id);
    const [names, actions] = await Promise.all([
      this.evidence.findUserNames(user.organisationId, peopleOf(rows)),
      this.evidence.findActionTitles(user.organisationId, rows.map((r) => r.actionId)),
    ]);
    return rows.map((r) => ({ evidence: toEvidenceDto(r, names, null), action: { id: r.actionId, ...(actions.get(r.actionId) ?? { reference: '', title: '' }) } }));
  }

  /** One item as GET /evidence/:id shows it, with its action's plan, reference and title (for pages). */
  async getWithAction(user: AuthUser, id: string): Promise<{ evidence: EvidenceDetailDto; action: EvidenceActionSummary & { planId: string } }> {
    const row = await this.findVisible(user, id);
    const titles = await this.evidence.findActionTitles(user.organisationId, [row.actionId]);
    const action = { id: row.actionId, planId: row.planId, ...(titles.get(row.actionId) ?? { reference: '', title: '' }) };
    return { evidence: await this.detail(user.organisationId, row), action };
  }

  async get(user: AuthUser, id: string): Promise<EvidenceDetailDto> {
    return this.detail(user.organisationId, await this.findVisible(user, id));
  }

  /** One item with its review history and the names it shows. */
  async detail(organisationId: string, row: EvidenceEntity): Promise<EvidenceDetailDto> {
    const [reviews, superseding] = await Promise.all([
      this.evidence.findReviews(organisationId, row.id),
      this.evidence.findSupersedingIds(organisationId, [row.id]),
    ]);
    const names = await this.evidence.findUserNames(organisationId, peopleOf([row], reviews));
    return toEvidenceDetailDto(row, reviews, names, superseding.get(row.id) ?? null);
  }

  /**
   * The stored file, whole or one byte range. The type is the one sniffed at upload and the browser
   * is told not to guess (`nosniff`), and it always downloads as an attachment with the cleaned
   * name, so an uploaded file can never run as a page of this site.
   */
  async openContent(user: AuthUser, id: string, conditions: ContentConditions): Promise<EvidenceContent> {
    const row = await this.findVisible(user, id);
    const etag = `"${row.sha256}"`;
    // Evidence can hold personal data: shared caches must not keep it; the browser revalidates by ETag.
    const caching = { ETag: etag, 'Cache-Control': 'private, no-cache' };
    if (etagMatches(conditions.ifNoneMatch, etag)) return { status: 304, headers: caching, body: null };

    const headers: Record<string, string> = {
      ...caching,
      'Content-Type': row.contentType,
      // Named for what the bytes are: the sniffed type's extension, whatever the upload was called.
      'Content-Disposition': contentDisposition(downloadFileName(row.fileName, row.contentType)),
      'X-Content-Type-Options': 'nosniff',
      'Accept-Ranges': 'bytes',
    };
    // If-Range: resume only when the client's partial copy is of this very content.
    const rangeApplies = conditions.ifRange === undefined || conditions.ifRange.trim() === etag;
    const decision = rangeApplies ? parseRange(conditions.range, row.sizeBytes) : { kind: 'whole' as const };
    if (decision.kind === 'unsatisfiable') throw new RangeNotSatisfiableException(row.sizeBytes);
    if (decision.kind === 'partial') {
      const body = await this.readStored(row, { start: decision.start, end: decision.end });
      headers['Content-Range'] = `bytes ${decision.start}-${decision.end}/${row.sizeBytes}`;
      headers['Content-Length'] = String(decision.end - decision.start + 1);
      return { status: 206, headers, body };
    }
    const body = await this.readStored(row);
    headers['Content-Length'] = String(row.sizeBytes);
    return { status: 200, headers, body };
  }

  /**
   * A board member's or admin's decision on submitted evidence, never on their own upload. The
   * decision is kept as a review row (the history) and as the item's current state, with an audit
   * event, in one transaction; the row is locked so two reviewers cannot both decide.
   */
  async review(user: AuthUser, id: string, dto: ReviewEvidenceDto): Promise<EvidenceDetailDto> {
    const visible = await this.findVisible(user, id);
    assertCanReview(user, visible);
    const comment = dto.comment ?? '';
    if (dto.decision === 'rejected' && comment === '') {
      throw AppException.invalidField('comment', 'is required when rejecting: say what the owner should change');
    }
    const now = this.clock.now();
    const recompute = this.rag.changes();
    const updated = await this.dataSource.transaction(async (manager) => {
      const before = await this.lockForChange(manager, user, id);
      if (before.reviewState !== 'submitted') {
        throw AppException.conflict(EvidenceErrorCode.AlreadyReviewed, `This evidence has already been ${before.reviewState}; only submitted evidence can be reviewed`, {
          reviewState: before.reviewState,
        });
      }
      if (dto.version !== undefined && dto.version !== before.version) throw AppException.staleVersion('Evidence', before.version);
      await this.evidence.insertReview(manager, {
        organisationId: user.organisationId,
        evidenceId: id,
        reviewerId: user.id,
        decision: dto.decision,
        comment,
        reviewedAt: now,
      });
      const after = await this.evidence.updateVersioned(manager, { id, organisationId: user.organisationId }, before.version, {
        reviewState: dto.decision,
        reviewedById: user.id,
        reviewedAt: now,
        reviewComment: comment === '' ? null : comment,
      });
      await this.audit.record(manager, { entityType: 'evidence', entityId: id, action: 'review', before, after });
      await recompute.action(manager, user.organisationId, after.actionId);
      // The uploader hears at once, in this transaction (the reviewer's role and comment only).
      if (dto.decision === 'rejected') await this.notifications.evidenceRejected(manager, user.organisationId, id);
      return after;
    });
    await recompute.queue();
    if (dto.decision === 'rejected') await this.notifications.afterCommit();
    return this.detail(user.organisationId, updated);
  }

  /**
   * The uploader takes back an item nobody has reviewed yet. Nothing is deleted: the row is marked,
   * leaves lists, and stays readable by admins and in the audit trail, with its file.
   */
  async withdraw(user: AuthUser, id: string, dto: WithdrawEvidenceDto): Promise<EvidenceDetailDto> {
    const visible = await this.findVisible(user, id);
    assertCanWithdraw(user, visible);
    const now = this.clock.now();
    const recompute = this.rag.changes();
    const updated = await this.dataSource.transaction(async (manager) => {
      const before = await this.lockForChange(manager, user, id);
      if (before.reviewState !== 'submitted') {
        throw AppException.conflict(EvidenceErrorCode.AlreadyReviewed, `This evidence has already been ${before.reviewState}, so it can no longer be withdrawn`, {
          reviewState: before.reviewState,
        });
      }
      if (dto.version !== undefined && dto.version !== before.version) throw AppException.staleVersion('Evidence', before.version);
      const after = await this.evidence.updateVersioned(manager, { id, organisationId: user.organisationId }, before.version, {
        withdrawnAt: now,
        withdrawnById: user.id,
      });
      await this.audit.record(manager, { entityType: 'evidence', entityId: id, action: 'withdraw', before, after });
      await recompute.action(manager, user.organisationId, after.actionId);
      return after;
    });
    await recompute.queue();
    return this.detail(user.organisationId, updated);
  }

  /** The row as the user may see it, else 404 (another organisation, scrutiny, another owner's action, withdrawn for non-admins). */
  private async findVisible(user: AuthUser, id: string): Promise<EvidenceEntity & { planId: string }> {
    const row = await this.evidence.findInOrg(user.organisationId, id);
    const action = row && (await this.actions.findAccessScope(user.organisationId, row.actionId));
    if (!row || !action) throw AppException.notFound('Evidence', id);
    assertCanReadEvidence(user, action, row);
    return Object.assign(row, { planId: action.planId });
  }

  /** Locks the row for a state change; withdrawn items are final. */
  private async lockForChange(manager: EntityManager, user: AuthUser, id: string): Promise<EvidenceEntity> {
    const row = await this.evidence.lockInOrg(manager, user.organisationId, id);
    if (!row) throw AppException.notFound('Evidence', id);
    if (row.withdrawnAt !== null) throw AppException.conflict(EvidenceErrorCode.EvidenceWithdrawn, 'This evidence has been withdrawn by its uploader');
    return row;
  }

  private async readStored(row: EvidenceEntity, range?: ByteRange): Promise<Readable> {
    try {
      return await this.storage.get(row.storageKey, range);
    } catch (err) {
      if (!(err instanceof StorageException)) throw err;
      if (err.code === StorageExceptionCode.RANGE_NOT_SATISFIABLE) throw new RangeNotSatisfiableException(row.sizeBytes);
      if (err.code === StorageExceptionCode.NOT_FOUND) {
        // A row whose file is gone is lost evidence: loud, with what an operator needs to find it.
        this.logger.error({ evidenceId: row.id, storageKey: row.storageKey, organisationId: row.organisationId }, 'stored evidence file is missing');
        throw EvidenceException.storedFileMissing(row.id);
      }
      this.logger.error({ err, evidenceId: row.id, storageKey: row.storageKey }, 'evidence storage failed on read');
      throw EvidenceException.storageUnavailable();
    }
  }
}
