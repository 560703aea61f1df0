import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { OptionalCalendarDateProperty } from '../../../common/validation/is-calendar-date';
import { RAG_COLOURS, type RagColour } from '../../../vocabulary/rag-colour';
import { OverrideShownDto, RulesAnswerDto } from '../../overrides/dto/override-shown.dto';

export class DashboardQueryDto {
  @IsOptional()
  @OptionalCalendarDateProperty("reporting date (London); today when omitted. Today reads the actions' current colours, another date that date's snapshots", '2026-11-23')
  asOf?: string;
}

export class ColourCountsDto {
  @ApiProperty({ example: 3 }) red: number;
  @ApiProperty({ example: 5 }) amber: number;
  @ApiProperty({ example: 12 }) green: number;
  @ApiProperty({ example: 2 }) grey: number;
  @ApiProperty({ example: 4 }) blue: number;
}

export class RollUpDto {
  @ApiProperty({ enum: RAG_COLOURS, nullable: true, description: 'Blue if every action is Blue, else the worst colour among the rest; null with no actions' })
  colour: RagColour | null;

  @ApiProperty({ example: 26, description: 'actions with a colour' })
  total: number;

  @ApiProperty({ type: ColourCountsDto })
  counts: ColourCountsDto;

  @ApiProperty({ example: 0, description: 'actions whose colour has not been computed yet (new, recompute pending); not in the roll-up' })
  notComputed: number;
}

export class WorkstreamRollUpDto extends RollUpDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'KO1' }) code: string;
  @ApiProperty() title: string;
}

export class NoticeRollUpDto extends RollUpDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'section_50' }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'open' }) status: string;
}

export class InspectionRollUpDto extends RollUpDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'cqc_la_assessment' }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) regulatorId: string;
}

export class RegulatorRollUpDto extends RollUpDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'cqc' }) code: string;
  @ApiProperty({ example: 'Care Quality Commission' }) name: string;
}

class MilestoneOnDashboardDto {
  @ApiProperty({ format: 'uuid' }) milestoneId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'date' }) dueDate: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ example: 'A1.3' }) actionReference: string;
  @ApiProperty() actionTitle: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ example: 'Jo Bloggs' }) ownerName: string;
}

export class OverdueMilestoneDto extends MilestoneOnDashboardDto {
  @ApiProperty({ example: 31, description: 'days from the due date to asOf' })
  daysOverdue: number;
}

export class UpcomingMilestoneDto extends MilestoneOnDashboardDto {
  @ApiProperty({ example: 6, description: 'days from asOf to the due date (0 = due on asOf)' })
  daysUntilDue: number;
}

export class EvidenceAwaitingReviewDto {
  @ApiProperty({ format: 'uuid' }) evidenceId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ example: 'A1.3' }) actionReference: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
  @ApiProperty({ type: String, format: 'date', description: 'the London day it was uploaded' }) uploadedOn: string;
  @ApiProperty({ example: 9, description: 'days from upload to asOf' }) ageDays: number;
  @ApiProperty({ format: 'uuid' }) uploadedById: string;
  @ApiProperty() uploadedByName: string;
}

export class OverdueMilestoneListDto {
  @ApiProperty({ example: 14, description: 'all of them; items holds the first `limit`, most overdue first' }) total: number;
  @ApiProperty({ type: [OverdueMilestoneDto] }) items: OverdueMilestoneDto[];
}

export class UpcomingMilestoneListDto {
  @ApiProperty({ example: 9, description: 'all of them; items holds the first `limit`, soonest first' }) total: number;
  @ApiProperty({ type: [UpcomingMilestoneDto] }) items: UpcomingMilestoneDto[];
}

export class EvidenceAwaitingReviewListDto {
  @ApiProperty({ example: 4, description: 'all of them; items holds the first `limit`, oldest first' }) total: number;
  @ApiProperty({
    type: [EvidenceAwaitingReviewDto],
    description: "empty for action owners: they read only their own actions' evidence (the total still counts the plan's)",
  })
  items: EvidenceAwaitingReviewDto[];
}

/** An action whose colour is a board override: the rules' answer and who set it beside it. */
export class OverriddenActionDto {
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ example: 'A1.3' }) actionReference: string;
  @ApiProperty() actionTitle: string;
  @ApiProperty({ enum: RAG_COLOURS, description: 'the colour the override set' }) colour: RagColour;
  @ApiProperty({ type: RulesAnswerDto, nullable: true, description: 'what the rules give (null for colours stored before this was kept)' })
  computed: RulesAnswerDto | null;
  @ApiProperty({ type: OverrideShownDto, nullable: true, description: 'who set the override, when, why, until when' })
  override: OverrideShownDto | null;
}

export class OverriddenActionListDto {
  @ApiProperty({ example: 2, description: 'all of them; items holds the first `limit`, in plan order' }) total: number;
  @ApiProperty({ type: [OverriddenActionDto] }) items: OverriddenActionDto[];
}

export class TrendPointDto {
  @ApiProperty({ type: String, format: 'date' }) asOf: string;
  @ApiProperty({ example: 26 }) total: number;
  @ApiProperty({ type: ColourCountsDto }) counts: ColourCountsDto;
}

export class CommitteeNextMeetingDto {
  @ApiProperty({ format: 'uuid' }) committeeId: string;
  @ApiProperty({ example: 'Adult Social Care Improvement Board' }) committeeName: string;
  @ApiProperty({ enum: ['board', 'scrutiny'] }) audience: 'board' | 'scrutiny';
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null when no meeting is scheduled on or after asOf' }) meetingId: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) meetsOn: string | null;
  @ApiProperty({ type: String, nullable: true, example: '18:30' }) startsAt: string | null;
  @ApiProperty({ type: String, nullable: true }) venue: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) papersDeadline: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'milestones due on or before the meeting day and not complete at asOf' }) milestonesDue: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "started, unfinished actions whose last progress update (or start date) will be older than the RAG policy's staleAfterDays on the meeting day",
  })
  updatesDue: number | null;
}

export class DashboardPlanDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Adult social care improvement plan' }) title: string;
}

export class DashboardDto {
  @ApiProperty({ type: DashboardPlanDto, description: 'the plan the dashboard shows' })
  plan: DashboardPlanDto;

  @ApiProperty({ type: String, format: 'date', description: 'the reporting date (London)' })
  asOf: string;

  // Optional: absent for action owners (the messages sent are the plan's managers' to see).
  @ApiPropertyOptional({
    example: 0,
    description: "e-mails of this plan that failed after every retry (GET /plans/{planId}/notifications?state=failed lists them); present for admins and board members, absent for action owners",
  })
  emailFailures?: number;

  @ApiProperty({ enum: ['stored', 'snapshot'], description: "'stored': the actions' current colours (asOf is today); 'snapshot': the snapshots taken for asOf" })
  colourSource: 'stored' | 'snapshot';

  @ApiProperty({ description: 'false when asOf has no snapshots: the colour counts are then all zero, not invented' })
  coloursAvailable: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'No RAG snapshots exist for 2026-10-01; queue a recompute for that date (POST /api/v1/plans/{planId}/rag/recompute) to record them.' })
  note: string | null;

  @ApiProperty({ example: 100, description: 'the most items each list (milestones, evidence) carries; `total` counts them all' })
  limit: number;

  @ApiProperty({ type: RollUpDto, description: 'every action of the organisation' })
  overall: RollUpDto;

  @ApiProperty({ type: [WorkstreamRollUpDto] })
  byWorkstream: WorkstreamRollUpDto[];

  @ApiProperty({ type: [NoticeRollUpDto], description: 'actions counted under a notice through the findings they answer' })
  byNotice: NoticeRollUpDto[];

  @ApiProperty({ type: [RegulatorRollUpDto] })
  byRegulator: RegulatorRollUpDto[];

  @ApiProperty({ type: [InspectionRollUpDto] })
  byInspection: InspectionRollUpDto[];

  @ApiProperty({ type: OverdueMilestoneListDto, description: 'milestones not completed by asOf whose due date is before asOf' })
  overdueMilestones: OverdueMilestoneListDto;

  @ApiProperty({ type: UpcomingMilestoneListDto, description: 'milestones not completed, due from asOf to 30 days after it' })
  upcomingMilestones: UpcomingMilestoneListDto;

  @ApiProperty({ type: EvidenceAwaitingReviewListDto, description: 'evidence submitted (not withdrawn) and not yet reviewed' })
  evidenceAwaitingReview: EvidenceAwaitingReviewListDto;

  @ApiProperty({ type: OverriddenActionListDto, description: "actions whose colour at asOf is a board override, each with the colour the rules give beside it" })
  overridden: OverriddenActionListDto;

  @ApiProperty({ type: [TrendPointDto], description: 'colour counts at each of the last 12 snapshot dates up to asOf, oldest first' })
  trend: TrendPointDto[];

  @ApiProperty({ type: [CommitteeNextMeetingDto], description: "each committee of the plan with its next meeting (on or after asOf), its papers deadline and what is due before it; soonest first, committees with none last" })
  nextMeetings: CommitteeNextMeetingDto[];
}
