import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '../../common/pagination/page.dto';
import { MilestoneDto } from './milestone.dto';
import { ProgressUpdateDto } from './progress-update.dto';
import { ACTION_STATUSES, type ActionStatus } from '../../vocabulary/action-status';
import { RAG_COLOURS, type RagColour } from '../../vocabulary/rag-colour';
import { OverrideShownDto, RulesAnswerDto } from '../../rag/overrides/dto/override-shown.dto';

export class WorkstreamRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'KO1' }) code: string;
  @ApiProperty() title: string;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, example: 'Head of Safeguarding' }) jobTitle: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Merseyside Police' }) partnerAgency: string | null;
}

export class FindingRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'QS-SAFE-1' }) reference: string;
  @ApiProperty() title: string;
}

export class RagReasonDto {
  @ApiProperty({ example: 'overdue' }) code: string;
  @ApiProperty({ enum: RAG_COLOURS }) colour: RagColour;
  @ApiProperty({ example: 'overdue by 12 days' }) text: string;
}

/** The stored colour, written by the RAG worker only (computed, never typed in). */
export class ActionRagDto {
  @ApiProperty({ enum: RAG_COLOURS }) colour: RagColour;
  @ApiProperty({ type: [RagReasonDto] }) reasons: RagReasonDto[];
  @ApiProperty({ description: 'true when a board override set the colour' }) overridden: boolean;
  @ApiProperty({ type: RulesAnswerDto, nullable: true, description: "when overridden: the colour and reasons the rules give, shown beside the override (never hidden by it)" })
  computed: RulesAnswerDto | null;
  @ApiProperty({
    type: OverrideShownDto,
    nullable: true,
    description: 'when overridden: who set the override, when, why and until when (on GET /actions/:id; null in lists)',
  })
  override: OverrideShownDto | null;
  @ApiProperty({ type: Number, nullable: true }) policyVersion: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'the reporting date it was computed for' }) asOf: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) computedAt: string | null;
}

export class EvidenceCountsDto {
  @ApiProperty({ description: 'awaiting review (withdrawn items not counted)' }) submitted: number;
  @ApiProperty() accepted: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ description: 'withdrawn by the uploader; kept for the record' }) withdrawn: number;
}

/** An action as lists show it. */
export class ActionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'A1.3' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: WorkstreamRefDto }) workstream: WorkstreamRefDto;
  @ApiProperty({ type: PersonRefDto }) owner: PersonRefDto;
  @ApiProperty({ type: String, nullable: true }) leadAgency: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) startDate: string | null;
  @ApiProperty({ type: String, format: 'date' }) dueDate: string;
  @ApiProperty({ enum: ACTION_STATUSES }) status: ActionStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progressPercent: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) completedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) effectivenessCheckDue: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) embeddedOn: string | null;
  @ApiProperty({ type: ActionRagDto, nullable: true, description: 'null until the RAG worker has computed it' }) rag: ActionRagDto | null;
  @ApiProperty({ description: 'send it back with PATCH; a stale one gets 409' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** One action with what hangs off it. */
export class ActionDto extends ActionSummaryDto {
  @ApiProperty() description: string;
  @ApiProperty() successMeasures: string;
  @ApiProperty({ type: [FindingRefDto] }) findings: FindingRefDto[];
  @ApiProperty({ type: [MilestoneDto] }) milestones: MilestoneDto[];
  @ApiProperty({ type: ProgressUpdateDto, nullable: true }) latestUpdate: ProgressUpdateDto | null;
  @ApiProperty({ type: EvidenceCountsDto }) evidence: EvidenceCountsDto;
}

export class ActionPageDto extends PageDto<ActionSummaryDto> {
  @ApiProperty({ type: [ActionSummaryDto] })
  items: ActionSummaryDto[];
}
