import { CommitteeDto } from './dto/committee.dto';
import { MeetingDto } from './dto/meeting.dto';
import { CommitteeEntity } from './entities/committee.entity';
import { MeetingEntity } from './entities/meeting.entity';

export function toCommitteeDto(c: CommitteeEntity): CommitteeDto {
  return {
    id: c.id,
    planId: c.planId,
    name: c.name,
    audience: c.audience,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The meeting with its committee (loaded with it by the repository). */
export function toMeetingDto(m: MeetingEntity & { committee: CommitteeEntity }): MeetingDto {
  return {
    id: m.id,
    planId: m.planId,
    committee: { id: m.committee.id, name: m.committee.name, audience: m.committee.audience },
    meetsOn: m.meetsOn,
    startsAt: m.startsAt,
    venue: m.venue,
    papersDeadline: m.papersDeadline,
    papersDeadlineSet: m.papersDeadlineSet,
    cancelled: m.cancelled,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
