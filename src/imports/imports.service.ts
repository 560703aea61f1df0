import { isRedisUnavailable } from '../common/errors/dependency-unavailable.error';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { assertPlanOpen, canReadPlan, isPlanClosed, isPlanManager, planRoleOf } from '../common/auth/access-policy';
import { AppException } from '../common/errors/app.exception';
import { apiPath } from '../common/http/api-paths';
import { isUuid } from '../common/validation/uuid';
import { toPage } from '../common/pagination/page.dto';
import type { PageQueryDto } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { cleanFileName, contentDisposition } from '../evidence/content/clean-file-name';
import { EvidenceErrorCode, EvidenceException } from '../evidence/evidence.exception';
import { drainRequest, receiveMultipartUpload, type ReceivedUpload } from '../evidence/upload/receive-multipart-upload';
import { MalformedUploadError, UploadAbortedError, UploadFormError } from '../evidence/upload/upload-errors';
import { FileTooLargeError } from '../storage/file-too-large.error';
import { OBJECT_STORAGE, ObjectStorage, StorageException } from '../storage/object-storage';
import { discardUpload, stageUpload, type StagedUpload } from '../storage/stage-upload';
import { ACTION_STATUSES, type ActionStatus } from '../vocabulary/action-status';
import type { CommitImportDto, UpdateImportChoicesDto } from './dto/import-choices.dto';
import type { ImportRunDetailDto, ImportRunDto, ImportRunPageDto } from './dto/import-run.dto';
import type { ImportRunEntity } from './entities/import-run.entity';
import { IMPORT_FIELDS, type ImportField } from './import-fields';
import { DEFAULT_IMPORT_LIMITS } from './import-limits';
import { ImportException } from './imports.exception';
import { ImportsRepository } from './imports.repository';
import { ImportJobsService } from './jobs/import-jobs.service';
import type { ConflictResolution, ImportChoices } from './preview/import-choices';
import { ownerKey } from './preview/import-choices';
import { sniffImportFile } from './read/sniff-import-file';

export const IMPORT_FILE_FIELD = 'file';
const FORM_OVERHEAD_BYTES = 1024 * 1024;
const MAX_DRAIN_BYTES = 32 * 1024 * 1024;
export const importRunPath = (id: string): string => apiPath('imports', id);
const COLUMN_LETTER = /^[A-Z]{1,3}$/;

/**
 * Importing a tracker into a plan: upload (stream to storage, judge the type from the content, keep
 * the file as provenance) -> preview job -> the user's choices (re-preview job) -> commit job. Board
 * and admin only; what the user may not know exists is 404, what they see but may not do is 403.
 */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);
  private readonly maxBytes = DEFAULT_IMPORT_LIMITS.maxFileBytes;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ImportsRepository,
    private readonly jobs: ImportJobsService,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async upload(user: AuthUser, planId: string, req: IncomingMessage): Promise<ImportRunDto> {
    let received: ReceivedUpload;
    try {
      this.assertManager(user, planId);
      if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) throw ImportException.notMultipart();
      const declared = Number(req.headers['content-length']);
      const known = Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined;
      if (known !== undefined && known > this.maxBytes + FORM_OVERHEAD_BYTES) throw new FileTooLargeError(this.maxBytes);
      received = await receiveMultipartUpload(req, {
        fileField: IMPORT_FILE_FIELD,
        stage: (file) => stageUpload(this.storage, file, { maxBytes: this.maxBytes, sizeHint: known }),
        discard: (staged) => this.discard(staged),
        maxFieldBytes: 1024,
        maxFields: 4,
        maxDrainBytes: MAX_DRAIN_BYTES,
      });
    } catch (err) {
      drainRequest(req, MAX_DRAIN_BYTES);
      throw this.toHttpError(err);
    }
    const file = received.file;
    try {
      if (!file) throw AppException.invalidField(IMPORT_FILE_FIELD, `is required: attach the tracker as the "${IMPORT_FILE_FIELD}" part`);
      if (file.staged.size === 0) throw ImportException.fileEmpty();
      // What it is, from its first bytes (never the name): refused here when it is not an xlsx or a CSV.
      sniffImportFile(file.staged.head);
      const fileName = cleanFileName(file.rawFileName) || 'tracker';
      const run = await this.dataSource.transaction(async (manager) => {
        // The status words and owner matches of the plan's last commit are this import's starting point.
        const saved = await this.repository.findMapping(user.organisationId, planId);
        const row = await this.repository.insertRun(manager, {
          organisationId: user.organisationId,
          planId,
          createdById: user.id,
          fileName,
          storageKey: 'pending',
          sha256: file.staged.sha256,
          sizeBytes: file.staged.size,
          status: 'previewing',
          choices: saved ? { statusWords: { ...saved.statusWords }, ownerMatches: { ...saved.ownerMatches } } : {},
        });
        row.storageKey = `imports/${user.organisationId}/${row.id}`;
        await this.repository.updateRun(row.id, { storageKey: row.storageKey }, manager);
        await this.storage.move(file.staged.tempKey, row.storageKey);
        return row;
      });
      try {
        run.jobId = await this.jobs.enqueue('preview', run, user.id);
        await this.repository.updateRun(run.id, { jobId: run.jobId });
      } catch (err) {
        // The run and its file are saved: the worker's reconciler queues its preview once Redis is back.
        if (!isRedisUnavailable(err)) throw err;
        this.logger.warn({ err, importRunId: run.id }, 'import saved; its preview could not be queued yet (the reconciler will)');
      }
      this.logger.log({ importRunId: run.id, planId, organisationId: user.organisationId, sizeBytes: run.sizeBytes }, 'import uploaded');
      return (await this.toDtos([run]))[0];
    } catch (err) {
      if (file) await this.discard(file.staged);
      throw this.toHttpError(err);
    }
  }

  async list(user: AuthUser, planId: string, query: Pick<PageQueryDto, 'skip' | 'page' | 'pageSize'>): Promise<ImportRunPageDto> {
    this.assertManager(user, planId, false);
    const [rows, total] = await this.repository.listRuns(user.organisationId, planId, query.skip, query.pageSize);
    return toPage(await this.toDtos(rows), total, query);
  }

  async get(user: AuthUser, id: string): Promise<ImportRunDetailDto> {
    const run = await this.requireRun(user, id);
    const [dto] = await this.toDtos([run]);
    return { ...dto, preview: run.preview, choices: run.choices };
  }

  /** The user's changes to the columns, status words, owners or dates: a new preview (202). */
  async updateChoices(user: AuthUser, id: string, dto: UpdateImportChoicesDto): Promise<ImportRunDto> {
    const run = await this.requireRun(user, id);
    assertPlanOpen(user, run);
    const choices: ImportChoices = { ...run.choices, ...validChoices(dto) };
    if (dto.ownerMatches) {
      const members = new Set((await this.ownerCandidates(user, run.planId)).map((m) => m.id));
      for (const [text, userId] of Object.entries(dto.ownerMatches)) {
        if (userId !== null && !members.has(userId)) throw ImportException.invalidMapping(`ownerMatches.${text}`, 'must be the id of an active board member, owner or administrator of this plan, or null');
      }
    }
    return this.restart(user, run, 'preview', choices, ['previewed', 'failed']);
  }

  /** Who an owner's text may be mapped to: the plan's active board members and owners, and the organisation's admins (as the preview matches them). */
  async ownerCandidates(user: AuthUser, planId: string): Promise<{ id: string; name: string; email: string }[]> {
    this.assertManager(user, planId, false);
    return this.repository.ownerCandidates(user.organisationId, planId);
  }

  async commit(user: AuthUser, id: string, dto: CommitImportDto): Promise<ImportRunDto> {
    const run = await this.requireRun(user, id);
    assertPlanOpen(user, run);
    // An owner that matches nobody is never silently given to whoever commits: the user decides first.
    const undecided = (run.status === 'previewed' ? (run.preview?.unmatchedOwners ?? []) : []).filter((o) => !o.matchedTo && !o.leftUnassigned);
    if (undecided.length > 0) throw ImportException.ownersNotDecided(undecided);
    const resolutions: Record<string, ConflictResolution> = {};
    for (const [reference, how] of Object.entries(dto.resolutions ?? {})) {
      if (how !== 'file' && how !== 'system') throw AppException.invalidField(`resolutions.${reference}`, "must be 'file' or 'system'");
      resolutions[reference] = how;
    }
    return this.restart(user, run, 'commit', { ...run.choices, resolutions: { ...(run.choices.resolutions ?? {}), ...resolutions } }, ['previewed']);
  }

  /** The plan an import page belongs to, with the user's role in it (for the plan's header). */
  async planFor(user: AuthUser, planId: string): Promise<{ plan: { id: string; title: string; status: 'active' | 'closed' }; role: NonNullable<ReturnType<typeof planRoleOf>> }> {
    this.assertManager(user, planId, false);
    const role = planRoleOf(user, { organisationId: user.organisationId, planId });
    const title = await this.repository.planTitle(user.organisationId, planId);
    if (!role || title === null) throw AppException.notFound('Plan', planId);
    return { plan: { id: planId, title, status: isPlanClosed(user, { organisationId: user.organisationId, planId }) ? 'closed' : 'active' }, role };
  }

  /** The original file, as uploaded. */
  async file(user: AuthUser, id: string): Promise<{ body: Readable; headers: Record<string, string> }> {
    const run = await this.requireRun(user, id);
    let body: Readable;
    try {
      body = await this.storage.get(run.storageKey);
    } catch (err) {
      throw this.toHttpError(err);
    }
    const type = /\.csv$/i.test(run.fileName) ? 'text/csv' : /\.xlsx$/i.test(run.fileName) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/octet-stream';
    return {
      body,
      headers: {
        'Content-Type': type,
        'Content-Length': String(run.sizeBytes),
        'Content-Disposition': contentDisposition(run.fileName),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    };
  }

  private async restart(user: AuthUser, run: ImportRunEntity, kind: 'preview' | 'commit', choices: ImportChoices, from: ImportRunEntity['status'][]): Promise<ImportRunDto> {
    const status = kind === 'preview' ? 'previewing' : 'committing';
    const moved = await this.dataSource.transaction(async (manager) => {
      const locked = await this.repository.lockRun(manager, run.organisationId, run.id);
      if (!locked) throw AppException.notFound('Import', run.id);
      if (locked.status === 'committed') throw ImportException.alreadyCommitted();
      if (!from.includes(locked.status)) throw ImportException.notReady(locked.status);
      await this.repository.updateRun(run.id, { status, choices, error: null }, manager);
      const next: ImportRunEntity = { ...locked, status, choices };
      return next;
    });
    moved.jobId = await this.jobs.enqueue(kind, moved, user.id);
    await this.repository.updateRun(moved.id, { jobId: moved.jobId });
    return (await this.toDtos([moved]))[0];
  }

  /** The run, for a board member or admin of its plan: 404 when they may not know the plan, 403 for an owner. */
  private async requireRun(user: AuthUser, id: string): Promise<ImportRunEntity> {
    const run = isUuid(id) ? await this.repository.findRun(user.organisationId, id) : null;
    if (!run || !canReadPlan(user, run)) throw AppException.notFound('Import', id);
    if (!isPlanManager(user, run)) throw AppException.forbidden('Only the board and administrators import trackers');
    return run;
  }

  private assertManager(user: AuthUser, planId: string, writing = true): void {
    const scope = { organisationId: user.organisationId, planId };
    const role = planRoleOf(user, scope);
    if (role === null || !canReadPlan(user, scope)) throw AppException.notFound('Plan', planId);
    if (!isPlanManager(user, scope)) throw AppException.forbidden('Only the board and administrators import trackers');
    if (writing) assertPlanOpen(user, scope);
  }

  private async toDtos(runs: ImportRunEntity[]): Promise<ImportRunDto[]> {
    const names = await this.repository.userNames([...new Set(runs.flatMap((r) => [r.createdById, r.committedById].filter((x): x is string => !!x)))]);
    const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
    return runs.map((r) => ({
      id: r.id,
      planId: r.planId,
      status: r.status,
      fileName: r.fileName,
      sizeBytes: r.sizeBytes,
      sha256: r.sha256,
      createdBy: person(r.createdById) ?? { id: r.createdById, name: '' },
      createdAt: new Date(r.createdAt).toISOString(),
      committedBy: person(r.committedById),
      committedAt: r.committedAt ? new Date(r.committedAt).toISOString() : null,
      counts: r.counts,
      auditEvents: r.auditEvents,
      error: r.error,
      statusUrl: importRunPath(r.id),
      fileUrl: `${importRunPath(r.id)}/file`,
    }));
  }

  private async discard(staged: StagedUpload): Promise<void> {
    try {
      await discardUpload(this.storage, staged);
    } catch (err) {
      this.logger.error({ err, storageKey: staged.tempKey }, 'could not remove a staged import file; it is orphaned under tmp/');
    }
  }

  private toHttpError(err: unknown): unknown {
    if (err instanceof AppException) return err;
    if (err instanceof FileTooLargeError) return ImportException.fileTooLarge(this.maxBytes);
    if (err instanceof UploadFormError) return AppException.invalidField(err.field, err.problem);
    if (err instanceof MalformedUploadError) return new AppException(400, EvidenceErrorCode.MalformedUpload, err.message);
    if (err instanceof UploadAbortedError) return new AppException(400, EvidenceErrorCode.UploadAborted, err.message);
    if (err instanceof StorageException) {
      this.logger.error({ err }, 'import storage failed');
      return EvidenceException.storageUnavailable();
    }
    return err;
  }
}

/** The choices from a request body, checked field by field (400 naming the field). */
export function validChoices(dto: UpdateImportChoicesDto): ImportChoices {
  const out: ImportChoices = {};
  if (dto.columns) {
    out.columns = {};
    for (const [letter, field] of Object.entries(dto.columns)) {
      if (!COLUMN_LETTER.test(letter)) throw ImportException.invalidMapping(`columns.${letter}`, 'must be a column letter such as C or AB');
      if (field !== null && !(IMPORT_FIELDS as readonly string[]).includes(field)) throw ImportException.invalidMapping(`columns.${letter}`, `must be one of ${IMPORT_FIELDS.join(', ')}, or null`);
      out.columns[letter] = field as ImportField | null;
    }
  }
  if (dto.statusWords) {
    out.statusWords = {};
    for (const [word, status] of Object.entries(dto.statusWords)) {
      if (!(ACTION_STATUSES as readonly string[]).includes(status)) throw ImportException.invalidMapping(`statusWords.${word}`, `must be one of ${ACTION_STATUSES.join(', ')}`);
      if (word.trim() === '' || word.length > 200) throw ImportException.invalidMapping('statusWords', 'words must be 1 to 200 characters');
      out.statusWords[word] = status as ActionStatus;
    }
  }
  if (dto.ownerMatches) {
    out.ownerMatches = {};
    for (const [text, userId] of Object.entries(dto.ownerMatches)) {
      if (userId !== null && (typeof userId !== 'string' || !isUuid(userId))) throw ImportException.invalidMapping(`ownerMatches.${text}`, "must be a user's id, or null");
      out.ownerMatches[ownerKey(text)] = userId;
    }
  }
  if (dto.acceptSuggestedDates !== undefined) out.acceptSuggestedDates = dto.acceptSuggestedDates;
  if (dto.sheetName !== undefined) out.sheetName = dto.sheetName;
  if (dto.headerRowNumber !== undefined) out.headerRowNumber = dto.headerRowNumber;
  return out;
}
