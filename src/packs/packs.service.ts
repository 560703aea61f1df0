import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CLOCK, type Clock } from '../common/clock/clock';
import { compareDates, londonToday, minDate } from '../common/dates/calendar-date';
import { MeetingsErrorCode } from '../meetings/meetings.exception';
import { MeetingsRepository, type MeetingWithCommittee } from '../meetings/meetings.repository';
import { AppException } from '../common/errors/app.exception';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { OBJECT_STORAGE, StorageException, StorageExceptionCode, type ObjectStorage } from '../storage/object-storage';
import { jobStatusUrl, packJobId } from '../queue/job-ids';
import { CreatePackDto } from './dto/create-pack.dto';
import { PackAcceptedDto, PackDto, PackPageDto } from './dto/pack.dto';
import { PackQueryDto } from './dto/pack-query.dto';
import { PublicationCheckDto, PublishPackDto } from './dto/publication-check.dto';
import type { PackEntity } from './entities/pack.entity';
import { PackJobsService } from './jobs/pack-jobs.service';
import { canSeePack, packVisibility, seesPeople } from './pack-access';
import { assertPlanManager, assertPlanOpen, isPlanManager, planRoleOf } from '../common/auth/access-policy';
import { PlansRepository } from '../plans/plans.repository';
import { attachmentDisposition, packFileName } from './pack-file-name';
import { packAuditView, packUrl, toPackDto } from './pack.mapper';
import { defaultPackTitle } from './pack-titles';
import { PacksRepository } from './packs.repository';
import type { PublicationCheck } from './publication/publication-check';
import { isPackFormat, PACK_FORMATS, type PackFormat } from '../vocabulary/pack-format';
import { PacksErrorCode } from './packs.exception';
import { NotificationEventsService } from '../notifications/events/notification-events.service';

export interface PackDownload {
  headers: Record<string, string>;
  body: Readable;
}

/**
 * The pack use cases of the API: request a pack (a row and a queued job, answered at once), list,
 * show, download, publish. Building the pack happens in the worker (PackGenerationService).
 */
@Injectable()
export class PacksService {
  private readonly logger = new Logger(PacksService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly packs: PacksRepository,
    private readonly plans: PlansRepository,
    private readonly meetings: MeetingsRepository,
    private readonly audit: AuditService,
    private readonly jobs: PackJobsService,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly notifications: NotificationEventsService,
  ) {}

  async create(user: AuthUser, planId: string, dto: CreatePackDto): Promise<PackAcceptedDto> {
    const organisationId = user.organisationId;
    assertPlanOpen(user, { organisationId, planId });
    const today = londonToday(this.clock.now());
    const meeting = dto.meetingId ? await this.meetingOfPlan(organisationId, planId, dto.meetingId) : null;
    const audience = dto.audience ?? meeting?.committee.audience;
    // A pack for a meeting goes to that meeting's committee: a scrutiny pack would otherwise print,
    // publish and e-mail the board's meeting and committee to scrutiny members, and the reverse.
    if (meeting && audience !== meeting.committee.audience) {
      throw AppException.invalidField('meetingId', `is a meeting of a ${meeting.committee.audience} committee: a ${audience} pack is for a ${audience} committee's meeting, or for a date`);
    }
    // The meeting's papers deadline, or today while the deadline is still to come (a pack reports what happened).
    const asOf = dto.asOf ?? (meeting ? minDate(meeting.papersDeadline, today) : undefined);
    if (!audience) throw AppException.invalidField('audience', 'must be board or scrutiny (or give meetingId)');
    if (!asOf) throw AppException.invalidField('asOf', 'must be a calendar date YYYY-MM-DD (or give meetingId)');
    // A pack reports what happened; a future date would be a forecast on today's facts.
    if (compareDates(asOf, today) > 0) throw AppException.invalidField('asOf', `must not be in the future (today is ${today} in London)`);

    const id = randomUUID();
    const jobId = packJobId(id);
    const pack = await this.dataSource.transaction(async (manager) => {
      const title = dto.title ?? defaultPackTitle((await this.plans.findInOrg(organisationId, planId, manager))?.title ?? '', audience);
      const row = await this.packs.insert(manager, {
        id,
        organisationId,
        planId,
        meetingId: meeting?.id ?? null,
        audience,
        asOf,
        title,
        formats: orderedFormats(dto.formats ?? PACK_FORMATS),
        requestedById: user.id,
        jobId,
      });
      await this.audit.record(manager, { entityType: 'pack', entityId: id, planId: row.planId, action: 'create', after: packAuditView(row) });
      return row;
    });

    // Queued after the commit, so the worker never looks for a row that is not there yet. Best effort:
    // with Redis down the pack stays `queued` in PostgreSQL and the worker's reconciler queues it.
    try {
      await this.jobs.generate(organisationId, id);
    } catch (err) {
      this.logger.warn({ err, packId: id, organisationId, jobId }, 'Could not queue the pack job now; the reconciler will queue it');
    }
    return { id, state: pack.state, jobId, statusUrl: packUrl(id), jobStatusUrl: jobStatusUrl(jobId) };
  }

  /** The meeting a pack is asked for: one of this plan's (400 meeting_not_in_plan naming meetingId otherwise). */
  private async meetingOfPlan(organisationId: string, planId: string, meetingId: string): Promise<MeetingWithCommittee> {
    const meeting = await this.meetings.findMeeting(organisationId, meetingId);
    if (!meeting || meeting.planId !== planId) {
      throw new AppException(HttpStatus.BAD_REQUEST, MeetingsErrorCode.MeetingNotInPlan, `meetingId: ${meetingId} is not a meeting of this plan`, [
        { field: 'meetingId', messages: ['is not a meeting of this plan'] },
      ]);
    }
    return meeting;
  }

  async list(user: AuthUser, planId: string, query: PackQueryDto): Promise<PackPageDto> {
    const plan = { organisationId: user.organisationId, planId };
    const [rows, total] = await this.packs.findPage(user.organisationId, planId, packVisibility(user, plan), {
      audience: query.audience,
      state: query.state,
      published: query.published,
      skip: query.skip,
      take: query.pageSize,
    });
    const ready = rows.filter((p) => p.state === 'ready').map((p) => p.id);
    const [files, figuresChanged] = await Promise.all([this.packs.filesOf(user.organisationId, ready), this.packs.figuresChangedAt(user.organisationId, ready)]);
    return toPage(
      rows.map((p) => toPackDto(p, files, { people: seesPeople(user, plan), figuresChangedAt: figuresChanged.get(p.id) ?? null })),
      total,
      query,
    );
  }

  async get(user: AuthUser, id: string): Promise<PackDto> {
    const pack = await this.findVisible(user, id);
    const ready = pack.state === 'ready' ? [pack.id] : [];
    const [files, figuresChanged] = await Promise.all([this.packs.filesOf(user.organisationId, ready), this.packs.figuresChangedAt(user.organisationId, ready)]);
    return toPackDto(pack, files, { people: seesPeople(user, pack), figuresChangedAt: figuresChanged.get(pack.id) ?? null });
  }

  /** The plan of a pack the user may see (web pages address a pack by its id and find its plan from it). */
  async planIdOf(user: AuthUser, id: string): Promise<string> {
    return (await this.findVisible(user, id)).planId;
  }

  async openFile(user: AuthUser, id: string, format: string): Promise<PackDownload> {
    if (!isPackFormat(format)) throw AppException.invalidField('format', `must be one of ${PACK_FORMATS.join(', ')}`);
    const pack = await this.findVisible(user, id);
    if (!pack.formats.includes(format)) throw AppException.notFound('Pack file', `${id}/${format}`);
    if (pack.state !== 'ready') throw AppException.conflict(PacksErrorCode.PackNotReady, `The pack is ${pack.state}; its files can be downloaded once it is ready`, { state: pack.state });
    const file = await this.packs.fileOf(user.organisationId, id, format);
    if (!file) throw AppException.notFound('Pack file', `${id}/${format}`);

    let body: Readable;
    try {
      body = await this.storage.get(file.storageKey);
    } catch (err) {
      if (err instanceof StorageException && err.code === StorageExceptionCode.NOT_FOUND) {
        this.logger.error({ packId: id, organisationId: user.organisationId, format }, 'A ready pack file is missing from storage');
        throw AppException.notFound('Pack file', `${id}/${format}`);
      }
      throw err;
    }
    const planTitle = (await this.plans.findInOrg(user.organisationId, pack.planId))?.title ?? '';
    return {
      headers: {
        'Content-Type': file.contentType,
        'Content-Length': String(file.sizeBytes),
        'Content-Disposition': attachmentDisposition(packFileName(planTitle, pack.audience, pack.asOf, format)),
        'X-Content-Type-Options': 'nosniff',
        ETag: `"${file.sha256}"`,
        // Permissions decide who may read it: no shared cache may keep a copy.
        'Cache-Control': 'private, no-cache',
      },
      body,
    };
  }

  /** What safe publication did to a scrutiny pack's text and what it left for a person to check. */
  async publicationCheck(user: AuthUser, id: string): Promise<PublicationCheckDto> {
    const pack = await this.findVisible(user, id);
    // The check is the board's working paper: a scrutiny member of this plan (who may see the pack) may not.
    if (!isPlanManager(user, pack)) throw AppException.forbidden('only admin and board members of this plan see the publication check');
    if (pack.audience !== 'scrutiny') throw AppException.conflict(PacksErrorCode.NotAScrutinyPack, 'Only scrutiny packs are published, so only they have a publication check');
    if (pack.state !== 'ready') throw AppException.conflict(PacksErrorCode.PackNotReady, `The pack is ${pack.state}; its publication check is made when it is generated`, { state: pack.state });
    const check = await this.packs.publicationCheckOf(user.organisationId, id);
    if (!check) throw AppException.conflict(PacksErrorCode.PublicationCheckUnavailable, 'This pack was built before publication checks were recorded; request the pack again');
    return { packId: id, ...check, acknowledgementRequired: check.suspects.length > 0 };
  }

  async publish(user: AuthUser, id: string, dto: PublishPackDto = {}): Promise<PackDto> {
    const organisationId = user.organisationId;
    await this.dataSource.transaction(async (manager) => {
      const before = await this.packs.findOne(organisationId, id, manager);
      if (!before || !canSeePack(user, before)) throw AppException.notFound('Pack', id);
      assertPlanManager(user, before, 'publish packs');
      if (before.audience !== 'scrutiny') throw AppException.conflict(PacksErrorCode.NotAScrutinyPack, 'Only scrutiny packs are published; board packs stay internal');
      if (before.publishedAt) throw AppException.conflict(PacksErrorCode.AlreadyPublished, 'The pack is already published', { publishedAt: before.publishedAt.toISOString() });
      if (before.state !== 'ready') throw AppException.conflict(PacksErrorCode.PackNotReady, `The pack is ${before.state}; only a ready pack can be published`, { state: before.state });
      const check = await this.packs.publicationCheckOf(organisationId, id, manager);
      if (!check) throw AppException.conflict(PacksErrorCode.PublicationCheckUnavailable, 'This pack was built before publication checks were recorded; request the pack again and publish that one');
      const suspects = check.suspects.length;
      if (suspects > 0 && dto.acknowledgeSuspects !== true) {
        throw AppException.conflict(
          PacksErrorCode.SuspectsNotAcknowledged,
          `The publication check lists ${suspects} possible ${suspects === 1 ? 'name' : 'names'} left in the pack; read GET /packs/${id}/publication-check and publish with acknowledgeSuspects: true`,
          { suspects },
        );
      }
      if (!(await this.packs.publish(manager, organisationId, id, user.id, this.clock.now()))) {
        // Someone else published it between the read and the update.
        throw AppException.conflict(PacksErrorCode.AlreadyPublished, 'The pack is already published');
      }
      const after = await this.packs.findOne(organisationId, id, manager);
      await this.audit.record(manager, {
        entityType: 'pack',
        entityId: id,
        planId: before.planId,
        action: 'publish',
        before: packAuditView(before),
        after: after ? { ...packAuditView(after), publicationCheck: publicationAuditView(check, dto.acknowledgeSuspects === true) } : null,
      });
      // Scrutiny members hear in this transaction: the e-mails exist exactly when the publication does.
      await this.notifications.scrutinyPackPublished(manager, organisationId, id);
    });
    await this.notifications.afterCommit();
    return this.get(user, id);
  }

  /**
   * The pack, or 404 when it is not the user's to know about (another organisation's, a plan they
   * hold no role in, or for scrutiny members anything but a published scrutiny pack). Owners of the
   * pack's plan receive no packs at all: 403 in words, as on the list.
   */
  private async findVisible(user: AuthUser, id: string): Promise<PackEntity> {
    const pack = await this.packs.findOne(user.organisationId, id);
    const role = pack ? planRoleOf(user, pack) : null;
    if (!pack || role === null) throw AppException.notFound('Pack', id);
    if (role === 'owner') throw AppException.forbidden('This needs one of the roles: admin, board, scrutiny');
    if (!canSeePack(user, pack)) throw AppException.notFound('Pack', id);
    return pack;
  }
}

/** What the audit trail keeps of a publication: the suspects acknowledged (word, field, action) and the count of replacements. */
function publicationAuditView(check: PublicationCheck, acknowledged: boolean): Record<string, unknown> {
  return {
    suspectsAcknowledged: acknowledged && check.suspects.length > 0,
    replacements: check.replacements.length,
    suspects: check.suspects.map((s) => ({ word: s.word, field: s.field, actionReference: s.actionReference, reason: s.reason })),
  };
}

function orderedFormats(formats: readonly PackFormat[]): PackFormat[] {
  return PACK_FORMATS.filter((f) => formats.includes(f));
}
