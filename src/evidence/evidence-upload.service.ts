import { Inject, Injectable, Logger } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { DataSource, EntityManager } from 'typeorm';
import { ActionsRepository } from '../actions/actions.repository';
import { AuditService } from '../audit/audit.service';
import { assertCanUploadTo } from '../common/auth/access-policy';
import { CLOCK, Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import type { AuthUser } from '../common/request-context/request-context';
import { createValidationPipe } from '../common/validation/validation.pipe';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { type RagChanges, RagTriggerService } from '../rag/rag-trigger.service';
import { cleanFileName } from './content/clean-file-name';
import { SniffedType, sniffContentType } from './content/sniff-content-type';
import { storedObjectSource } from './content/stored-object-source';
import { CreateEvidenceDto } from './dto/create-evidence.dto';
import { EvidenceDetailDto } from './dto/evidence.dto';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceException } from './evidence.exception';
import { EvidenceErrorCode } from './evidence.exception';
import { toEvidenceDetailDto } from './evidence.mapper';
import { EvidenceRepository } from './evidence.repository';
import { MALWARE_SCANNER, MalwareScanner } from './scanning/malware-scanner';
import { MalwareScannerException } from './scanning/malware-scanner.exception';
import { FileTooLargeError } from '../storage/file-too-large.error';
import { contentKey, OBJECT_STORAGE, ObjectStorage, StorageException } from '../storage/object-storage';
import { discardUpload, StagedUpload, stageUpload } from '../storage/stage-upload';
import { drainRequest, ReceivedUpload, receiveMultipartUpload } from './upload/receive-multipart-upload';
import { MalformedUploadError, UploadAbortedError, UploadFormError } from './upload/upload-errors';

/** Room for the text fields and the multipart framing on top of the file, when judging a declared Content-Length. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;
const MAX_FIELDS = 8;
/** How much of a refused body is read and thrown away so the client sees our answer; past it the connection is cut. */
const MAX_DRAIN_BYTES = 32 * 1024 * 1024;
export const EVIDENCE_FILE_FIELD = 'file';

/**
 * An evidence upload, from socket to committed row, with nothing left half-done:
 *
 * 1. access is checked before a byte of the body is read (404 / 403);
 * 2. the file part streams through `HashingStream` (size, SHA-256, first 8 KiB) to a temporary key
 *    (`tmp/<uuid>`): memory holds a chunk, never the file; past EVIDENCE_MAX_BYTES it stops at once (413);
 * 3. the text fields are validated, the type is judged from the content (415), and the file is
 *    scanned for malware (422) while it is still only a temporary object nobody can see;
 * 4. one transaction inserts the row, its audit event and the action's RAG recompute (recorded) and
 *    promotes the object to its content key (`sha256/ab/cd/<hex>`, so the same content is stored
 *    once), under a lock on that content;
 * 5. after the commit, the recompute is queued.
 *
 * Any failure on the way (the client going away, a refusal, storage, the database) removes the
 * temporary object; a content object is removed only if no evidence row (of any organisation)
 * points at it, checked under the same content lock.
 */
@Injectable()
export class EvidenceUploadService {
  private readonly logger = new Logger(EvidenceUploadService.name);
  private readonly maxBytes: number;
  /** The global validation rules, applied to the multipart text fields once they are all in. */
  private readonly fieldsPipe = createValidationPipe();

  constructor(
    private readonly dataSource: DataSource,
    private readonly evidence: EvidenceRepository,
    private readonly actions: ActionsRepository,
    private readonly audit: AuditService,
    private readonly rag: RagTriggerService,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(MALWARE_SCANNER) private readonly scanner: MalwareScanner,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.maxBytes = config.EVIDENCE_MAX_BYTES;
  }

  async upload(user: AuthUser, actionId: string, req: IncomingMessage): Promise<EvidenceDetailDto> {
    const received = await this.receive(user, actionId, req);
    const recompute = this.rag.changes();
    let row: EvidenceEntity;
    try {
      row = await this.accept(user, actionId, received, recompute);
    } catch (err) {
      // Idempotent: after a promotion the temporary key is already gone.
      if (received.file) await this.discard(received.file.staged);
      throw this.toHttpError(err);
    }
    // Step 5, after the commit.
    await recompute.queue();
    this.logger.log(
      { evidenceId: row.id, actionId, organisationId: user.organisationId, sizeBytes: row.sizeBytes, contentType: row.contentType },
      'evidence uploaded',
    );
    // A new item has no reviews and no successor, and its only person is the uploader: no queries needed.
    return toEvidenceDetailDto(row, [], new Map([[user.id, user.name]]), null);
  }

  /** Steps 1 and 2: refuse early, else stream the body in. Nothing is left staged if this throws. */
  private async receive(user: AuthUser, actionId: string, req: IncomingMessage): Promise<ReceivedUpload> {
    try {
      const action = await this.actions.findAccessScope(user.organisationId, actionId);
      if (!action) throw AppException.notFound('Action', actionId);
      assertCanUploadTo(user, action);
      if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) throw EvidenceException.notMultipart();
      const declaredLength = Number(req.headers['content-length']);
      const knownLength = Number.isSafeInteger(declaredLength) && declaredLength >= 0 ? declaredLength : undefined;
      // A body that says up front it is too big is refused before anything is written.
      if (knownLength !== undefined && knownLength > this.maxBytes + FORM_OVERHEAD_BYTES) throw new FileTooLargeError(this.maxBytes);
      return await receiveMultipartUpload(req, {
        fileField: EVIDENCE_FILE_FIELD,
        stage: (file) => stageUpload(this.storage, file, { maxBytes: this.maxBytes, sizeHint: knownLength }),
        discard: (staged) => this.discard(staged),
        maxFieldBytes: MAX_FIELD_BYTES,
        maxFields: MAX_FIELDS,
        maxDrainBytes: MAX_DRAIN_BYTES,
      });
    } catch (err) {
      // Refused before (or while) reading: let the client finish sending so it reads our answer.
      drainRequest(req, MAX_DRAIN_BYTES);
      throw this.toHttpError(err);
    }
  }

  /** Steps 3 and 4, on a staged file: validate, judge, scan, commit. */
  private async accept(user: AuthUser, actionId: string, received: ReceivedUpload, recompute: RagChanges): Promise<EvidenceEntity> {
    const fields = (await this.fieldsPipe.transform(received.fields, { type: 'body', metatype: CreateEvidenceDto })) as CreateEvidenceDto;
    if (!received.file) throw AppException.invalidField(EVIDENCE_FILE_FIELD, `is required: attach the evidence as the "${EVIDENCE_FILE_FIELD}" part`);
    const { staged } = received.file;
    if (staged.size === 0) throw AppException.invalidField(EVIDENCE_FILE_FIELD, 'is empty');
    const fileName = cleanFileName(received.file.rawFileName);
    // The declared type and the name decide nothing; the name only hints where bytes cannot tell (text, legacy Office).
    const type = await sniffContentType(staged.head, fileName, storedObjectSource(this.storage, staged.tempKey, staged.size));
    if (!type) throw EvidenceException.unsupportedType();
    await this.checkLinks(null, user, actionId, fields);
    await this.scan(user, actionId, staged, fileName);
    return this.commit(user, actionId, fields, staged, fileName, type, recompute);
  }

  /** The milestone must be one of this action's; a superseded item must be this action's, rejected, and not yet replaced. */
  private async checkLinks(manager: EntityManager | null, user: AuthUser, actionId: string, fields: CreateEvidenceDto): Promise<void> {
    if (fields.milestoneId && !(await this.evidence.milestoneBelongsTo(user.organisationId, actionId, fields.milestoneId))) {
      throw AppException.invalidField('milestoneId', 'must be a milestone of this action');
    }
    if (!fields.supersedesId) return;
    // Checked early (no lock) to refuse before the scan, and again locked inside the commit's transaction.
    const superseded = manager
      ? await this.evidence.lockInOrg(manager, user.organisationId, fields.supersedesId)
      : await this.evidence.findInOrg(user.organisationId, fields.supersedesId);
    if (!superseded || superseded.actionId !== actionId || superseded.withdrawnAt !== null || superseded.reviewState !== 'rejected') {
      throw AppException.invalidField('supersedesId', 'must be a rejected evidence item of this action');
    }
    if (await this.evidence.isSuperseded(manager ?? undefined, user.organisationId, superseded.id)) {
      throw AppException.conflict(EvidenceErrorCode.AlreadySuperseded, 'That rejected evidence has already been replaced by another upload', {
        supersedesId: superseded.id,
      });
    }
  }

  /**
   * MALWARE HOOK. Every upload is scanned here, after its type is known and before it gets a row or a
   * content key, i.e. before anyone but the uploader's own request can see it. The scanner is the
   * `MALWARE_SCANNER` provider (`MalwareScanner.scan(stream)`): clamd's INSTREAM when CLAMAV_HOST is
   * set, else a no-op that reports clean. Infected: the temporary object is removed, the refusal is
   * audited on the action (who, file name, hash, signature; not the file), and the client gets 422.
   * A scan that cannot finish (clamd down, timeout, its size limit) is never taken as clean: 503.
   * To plug in another scanner, provide MALWARE_SCANNER with another implementation.
   */
  private async scan(user: AuthUser, actionId: string, staged: StagedUpload, fileName: string): Promise<void> {
    const result = await this.scanner.scan(await this.storage.get(staged.tempKey));
    if (result.clean) return;
    this.logger.warn({ actionId, organisationId: user.organisationId, sha256: staged.sha256, signature: result.signature }, 'evidence upload refused: malware found');
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        entityType: 'action',
        entityId: actionId,
        action: 'evidence_refused_malware',
        after: { fileName, sha256: staged.sha256, sizeBytes: staged.size, signature: result.signature },
      }),
    );
    throw EvidenceException.malwareFound(result.signature);
  }

  /**
   * Step 4. The row, its audit event and the promotion to the content key commit together: the
   * object is promoted last, inside the transaction, so a failed insert never touches a content key.
   * If the promotion or the commit fails, the content object is released (deleted only if unused).
   */
  private async commit(
    user: AuthUser,
    actionId: string,
    fields: CreateEvidenceDto,
    staged: StagedUpload,
    fileName: string,
    type: SniffedType,
    recompute: RagChanges,
  ): Promise<EvidenceEntity> {
    const key = contentKey(staged.sha256);
    let promoting = false;
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.assertStillCanUpload(manager, user, actionId);
        await this.evidence.lockContent(manager, staged.sha256);
        // Again under the transaction: two uploads must not both replace one rejected item.
        await this.checkLinks(manager, user, actionId, fields);
        const row = await this.evidence.insert(manager, {
          organisationId: user.organisationId,
          actionId,
          milestoneId: fields.milestoneId ?? null,
          title: fields.title,
          description: fields.description ?? '',
          fileName,
          contentType: type.charset ? `${type.mime}; charset=${type.charset}` : type.mime,
          sizeBytes: staged.size,
          sha256: staged.sha256,
          storageKey: key,
          uploadedById: user.id,
          uploadedAt: this.clock.now(),
          supersedesId: fields.supersedesId ?? null,
        });
        await this.audit.record(manager, { entityType: 'evidence', entityId: row.id, action: 'create', after: row });
        await recompute.action(manager, user.organisationId, actionId);
        promoting = true;
        // Same content already stored: the temporary object is simply dropped (dedup).
        await this.storage.move(staged.tempKey, key);
        return row;
      });
    } catch (err) {
      if (promoting) await this.releaseContentIfUnused(staged.sha256);
      throw err;
    }
  }

  /**
   * The upload's first check, again as things are at its commit (a large upload takes a while):
   * the action locked (so its owner cannot change until the commit), the plan row held (so it
   * cannot close until then) and the user's role in it read afresh. Reassigned, removed from the
   * plan or the plan closed meanwhile: 403, 404 or 409, and nothing is stored.
   */
  private async assertStillCanUpload(manager: EntityManager, user: AuthUser, actionId: string): Promise<void> {
    const action = await this.actions.findAccessScope(user.organisationId, actionId, { manager, lock: true });
    if (!action) throw AppException.notFound('Action', actionId);
    const access = await this.evidence.lockPlanAccess(manager, action.planId, user.id);
    if (!access) throw AppException.notFound('Action', actionId);
    assertCanUploadTo({ ...user, plans: { ...user.plans, [action.planId]: access } }, action);
  }

  /** Deletes a content object that no evidence row points at; under the content lock, so never one another upload is committing. */
  private async releaseContentIfUnused(sha256: string): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.evidence.lockContent(manager, sha256);
        if (await this.evidence.isContentReferenced(manager, sha256)) return;
        await this.storage.delete(contentKey(sha256));
      });
    } catch (err) {
      this.logger.error({ err, storageKey: contentKey(sha256) }, 'could not release an unused evidence object; it is orphaned');
    }
  }

  /** Removes a temporary object; a failure is logged (a sweep of old `tmp/` keys catches it), never thrown over the real error. */
  private async discard(staged: StagedUpload): Promise<void> {
    try {
      await discardUpload(this.storage, staged);
    } catch (err) {
      this.logger.error({ err, storageKey: staged.tempKey }, 'could not remove a staged upload; it is orphaned under tmp/');
    }
  }

  /** Stream, storage and scanner failures in HTTP terms; 5xx ones are logged here with their cause. */
  private toHttpError(err: unknown): unknown {
    if (err instanceof AppException) return err;
    if (err instanceof FileTooLargeError) return EvidenceException.fileTooLarge(this.maxBytes);
    if (err instanceof UploadFormError) return AppException.invalidField(err.field, err.problem);
    if (err instanceof MalformedUploadError) return new AppException(400, EvidenceErrorCode.MalformedUpload, err.message);
    // Nobody is listening any more; the status is for the logs.
    if (err instanceof UploadAbortedError) return new AppException(400, EvidenceErrorCode.UploadAborted, err.message);
    if (err instanceof StorageException) {
      this.logger.error({ err }, 'evidence storage failed during an upload');
      return EvidenceException.storageUnavailable();
    }
    if (err instanceof MalwareScannerException) {
      this.logger.error({ err }, 'the malware scanner failed during an upload');
      return EvidenceException.scannerUnavailable();
    }
    return err;
  }
}
