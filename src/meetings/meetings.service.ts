import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertPlanManager, canReadCommittee, committeeAudienceFor } from '../common/auth/access-policy';
import { compareDates, type CalendarDate } from '../common/dates/calendar-date';
import { AppException } from '../common/errors/app.exception';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { papersDeadline } from '../deadlines/papers-deadline';
import { CreateMeetingDto, MeetingDto, MeetingPageDto, MeetingQueryDto, UpdateMeetingDto } from './dto/meeting.dto';
import { CommitteeEntity } from './entities/committee.entity';
import { toMeetingDto } from './meetings.mapper';
import { MeetingsRepository, MeetingWithCommittee } from './meetings.repository';
import { MeetingsErrorCode } from './meetings.exception';

/** The rule's deadline (5 working days before, England and Wales); a date outside the calendar is a 400 on meetsOn. */
export function defaultPapersDeadline(meetsOn: CalendarDate): CalendarDate {
  try {
    return papersDeadline(meetsOn).dueOn;
  } catch (e) {
    if (e instanceof RangeError) throw AppException.invalidField('meetsOn', e.message);
    throw e;
  }
}

function assertDeadlineBeforeMeeting(deadline: CalendarDate, meetsOn: CalendarDate): void {
  if (compareDates(deadline, meetsOn) > 0) {
    throw new AppException(HttpStatus.BAD_REQUEST, MeetingsErrorCode.PapersDeadlineAfterMeeting, `papersDeadline: ${deadline} is after the meeting on ${meetsOn}`, [
      { field: 'papersDeadline', messages: ['must be on or before the day of the meeting'] },
    ]);
  }
}

/** The meetings of a plan's committees, each with its papers deadline. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: MeetingsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, planId: string, query: MeetingQueryDto): Promise<MeetingPageDto> {
    const audience = committeeAudienceFor(user, { organisationId: user.organisationId, planId });
    const [rows, total] = await this.repo.findMeetingPage(user.organisationId, planId, audience, query);
    return toPage(rows.map(toMeetingDto), total, query);
  }

  async get(user: AuthUser, id: string): Promise<MeetingDto> {
    return toMeetingDto(this.visible(user, id, await this.repo.findMeeting(user.organisationId, id)));
  }

  async create(user: AuthUser, planId: string, dto: CreateMeetingDto): Promise<MeetingDto> {
    assertPlanManager(user, { organisationId: user.organisationId, planId }, 'change the meeting calendar');
    return this.dataSource.transaction(async (manager) => {
      const committee = await this.committeeOfPlan(manager, user, planId, dto.committeeId);
      const papersDeadlineSet = dto.papersDeadline !== undefined;
      const deadline = dto.papersDeadline ?? defaultPapersDeadline(dto.meetsOn);
      assertDeadlineBeforeMeeting(deadline, dto.meetsOn);
      const meeting = await this.repo.insertMeeting(manager, {
        organisationId: user.organisationId,
        planId,
        committeeId: committee.id,
        meetsOn: dto.meetsOn,
        startsAt: dto.startsAt ?? null,
        venue: dto.venue ?? null,
        papersDeadline: deadline,
        papersDeadlineSet,
      });
      await this.audit.record(manager, { entityType: 'meeting', entityId: meeting.id, action: 'create', after: meeting });
      return toMeetingDto({ ...meeting, committee });
    });
  }

  /**
   * Moving the meeting moves a deadline that follows the rule; a deadline set by hand stays until
   * it is set again or put back to the rule (papersDeadline: null).
   */
  async update(user: AuthUser, id: string, dto: UpdateMeetingDto): Promise<MeetingDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = this.visible(user, id, await this.repo.findMeeting(user.organisationId, id, manager));
      assertPlanManager(user, before, 'change the meeting calendar');
      const meetsOn = dto.meetsOn ?? before.meetsOn;
      let deadline = before.papersDeadline;
      let papersDeadlineSet = before.papersDeadlineSet;
      if (dto.papersDeadline === null || (dto.papersDeadline === undefined && !before.papersDeadlineSet)) {
        deadline = defaultPapersDeadline(meetsOn);
        papersDeadlineSet = false;
      } else if (dto.papersDeadline !== undefined) {
        deadline = dto.papersDeadline;
        papersDeadlineSet = true;
      }
      assertDeadlineBeforeMeeting(deadline, meetsOn);
      const changes = Object.fromEntries(
        Object.entries({ meetsOn: dto.meetsOn, startsAt: dto.startsAt, venue: dto.venue, cancelled: dto.cancelled, papersDeadline: deadline, papersDeadlineSet }).filter(
          ([, v]) => v !== undefined,
        ),
      );
      const { committee, ...beforeRow } = before;
      const after = await this.repo.updateMeeting(manager, { id, organisationId: user.organisationId }, dto.version, changes);
      await this.audit.record(manager, { entityType: 'meeting', entityId: id, action: 'update', before: beforeRow, after });
      return toMeetingDto({ ...after, committee });
    });
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = this.visible(user, id, await this.repo.findMeeting(user.organisationId, id, manager));
      assertPlanManager(user, before, 'change the meeting calendar');
      const { committee: _committee, ...beforeRow } = before;
      await this.repo.deleteMeeting(manager, user.organisationId, id);
      await this.audit.record(manager, { entityType: 'meeting', entityId: id, action: 'delete', before: beforeRow });
    });
  }

  /** The committee a new meeting is for: one of this plan's (400 naming committeeId otherwise). */
  private async committeeOfPlan(manager: EntityManager, user: AuthUser, planId: string, committeeId: string): Promise<CommitteeEntity> {
    const committee = await this.repo.findCommittee(user.organisationId, committeeId, manager);
    if (!committee || committee.planId !== planId) {
      throw new AppException(HttpStatus.BAD_REQUEST, MeetingsErrorCode.CommitteeNotInPlan, `committeeId: ${committeeId} is not a committee of this plan`, [
        { field: 'committeeId', messages: ['is not a committee of this plan'] },
      ]);
    }
    return committee;
  }

  private visible(user: AuthUser, id: string, row: MeetingWithCommittee | null): MeetingWithCommittee {
    if (!row || !canReadCommittee(user, { organisationId: row.organisationId, planId: row.planId, audience: row.committee.audience })) throw AppException.notFound('Meeting', id);
    return row;
  }
}
