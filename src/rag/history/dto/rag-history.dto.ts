import { ApiProperty } from '@nestjs/swagger';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.dto';
import { RAG_COLOURS, type RagColour } from '../../../vocabulary/rag-colour';
import { OverrideShownDto, RulesAnswerDto } from '../../overrides/dto/override-shown.dto';

export class RagReasonDto {
  @ApiProperty({ example: 'milestone_overdue_red', description: 'which rule fired' })
  code: string;

  @ApiProperty({ enum: RAG_COLOURS, description: 'the colour that rule asks for' })
  colour: RagColour;

  @ApiProperty({ example: "milestone 'Audit complete' overdue by 31 days" })
  text: string;
}

export class RagHistoryQueryDto extends PageQueryDto {}

export class RagSnapshotDto {
  @ApiProperty({ type: String, format: 'date', description: 'the reporting date (London)' })
  asOf: string;

  @ApiProperty({ enum: RAG_COLOURS })
  colour: RagColour;

  @ApiProperty({ type: [RagReasonDto], description: 'every rule that fired, in the policy order; for an override, its reason' })
  reasons: RagReasonDto[];

  @ApiProperty({ description: 'true when a board override set the colour' })
  overridden: boolean;

  @ApiProperty({ type: RulesAnswerDto, nullable: true, description: 'when overridden: the colour and reasons the rules gave that day, beside the override' })
  computed: RulesAnswerDto | null;

  @ApiProperty({ type: OverrideShownDto, nullable: true, description: 'when overridden: the override in force that day: who set it, when, why, until when' })
  override: OverrideShownDto | null;

  @ApiProperty({ example: 1, description: 'the RAG policy version that produced it' })
  policyVersion: number;

  @ApiProperty({ format: 'date-time', description: 'when this result was computed (unchanged by a re-run that found the same result)' })
  computedAt: string;
}

export class RagHistoryPageDto extends PageDto<RagSnapshotDto> {
  @ApiProperty({ type: [RagSnapshotDto], description: 'newest reporting date first' })
  items: RagSnapshotDto[];
}
