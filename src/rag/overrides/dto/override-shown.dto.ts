import { ApiProperty } from '@nestjs/swagger';
import { RAG_COLOURS, type RagColour } from '../../../vocabulary/rag-colour';

export class RulesReasonDto {
  @ApiProperty({ example: 'milestone_overdue_red' }) code: string;
  @ApiProperty({ enum: RAG_COLOURS }) colour: RagColour;
  @ApiProperty({ example: "milestone 'Audit complete' overdue by 31 days" }) text: string;
}

/** What the RAG policy alone gave, shown beside an override (overrides never hide it). */
export class RulesAnswerDto {
  @ApiProperty({ enum: RAG_COLOURS }) colour: RagColour;
  @ApiProperty({ type: [RulesReasonDto], description: 'every rule that fired, in the policy order' }) reasons: RulesReasonDto[];
}

export class OverrideSetterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Jo Bloggs' }) name: string;
  @ApiProperty({ example: 'board', description: 'their role in the organisation now' }) role: string;
  @ApiProperty({ type: String, nullable: true, example: 'Programme Lead' }) jobTitle: string | null;
}

/** The override that set a colour: who set it, when, why, until when. */
export class OverrideShownDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RAG_COLOURS }) colour: RagColour;
  @ApiProperty({ example: 'Recovery plan agreed at board' }) reason: string;
  @ApiProperty({ format: 'date-time' }) setAt: string;
  @ApiProperty({ type: OverrideSetterDto }) setBy: OverrideSetterDto;
  @ApiProperty({ type: String, format: 'date', description: 'the last day it applies' }) expiresOn: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when it was removed (it then ended from that day)' })
  endedAt: string | null;
}
