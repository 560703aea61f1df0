import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { REGULATOR_DEADLINE_KEYS, type RegulatorDeadlineKey } from '../regulator-deadlines';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RuleSourceDto {
  @ApiProperty({ example: 'The Education and Inspections Act 2006 (Inspection of Local Authorities) Regulations 2007 (SI 2007/462)' }) document: string;
  @ApiProperty({ example: 'UK Parliament (legislation.gov.uk)' }) publisher: string;
  @ApiProperty({ type: String, nullable: true, example: 'regulation 3' }) where: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uri' }) url: string | null;
}

/** A regulator's deadline, kept as a milestone of the plan's regulator-deadlines action. */
export class RegulatorDeadlineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ enum: REGULATOR_DEADLINE_KEYS }) key: RegulatorDeadlineKey;
  @ApiProperty({ enum: ['inspection', 'notice'], description: 'the kind of event the deadline follows' }) eventType: 'inspection' | 'notice';
  @ApiProperty({ format: 'uuid', description: 'the inspection or notice' }) eventId: string;
  @ApiProperty({ format: 'uuid', description: 'the plan-level action holding the milestone' }) actionId: string;
  @ApiProperty({ format: 'uuid' }) milestoneId: string;
  @ApiProperty({ example: 'Action plan (written statement of proposed action) sent to Ofsted' }) title: string;
  @ApiProperty({ type: String, format: 'date' }) dueOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) completedOn: string | null;
  @ApiProperty({ example: '70 working days after the report was published on 2 March 2026' }) basis: string;
  @ApiProperty({ description: 'the rule in words, citing the documents' }) rule: string;
  @ApiProperty({ type: [RuleSourceDto] }) sources: RuleSourceDto[];
  @ApiProperty({ description: 'the board marked it not applicable: the milestone no longer drives the colour from that day' }) notApplicable: boolean;
  @ApiProperty({ type: String, nullable: true }) notApplicableReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) notApplicableAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) notApplicableById: string | null;
}

export class RegulatorDeadlineListDto {
  @ApiProperty({ type: [RegulatorDeadlineDto] }) items: RegulatorDeadlineDto[];
}

export class MarkNotApplicableDto {
  @ApiProperty({ minLength: 3, maxLength: 1000, example: 'Ofsted agreed the improvement plan already answers the report; no separate action plan is due' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}
