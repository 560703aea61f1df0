import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageDto, PageQueryDto } from '../../common/pagination/page.dto';
import { IsCalendarDate, OptionalCalendarDateProperty, CalendarDateProperty } from '../../common/validation/is-calendar-date';
import { NotNullWhenPresent } from '../../common/validation/not-null-when-present';
import { INSPECTION_KINDS, type InspectionKind } from '../../vocabulary/inspection-kind';
import { ExpectedVersion } from '../../common/validation/expected-version';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional text: blank means "none". */
const trimToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

const SCORES_EXAMPLE = {
  assessing_needs: 2,
  supporting_healthier_lives: 2,
  equity_in_experience_and_outcomes: 2,
  care_provision_integration_continuity: 2,
  partnerships_and_communities: 3,
  safe_pathways_systems_transitions: 2,
  safeguarding: 1,
  governance_management_sustainability: 2,
  learning_improvement_innovation: 2,
};
const SCORES_DOC =
  'CQC local authority assessment only: all nine quality statement keys (see GET /regulators, findingThemes of CQC), each a whole number 1-4. ' +
  'The overall rating is derived from them.';
const JUDGEMENTS_DOC =
  'Ofsted ILACS (full or short) only: all five judgements (impact_of_leaders, help_and_protection, children_in_care, care_leavers, ' +
  "overall_effectiveness), each 'Outstanding', 'Good', 'Requires improvement to be good' or 'Inadequate'. The overall judgement is overall_effectiveness.";
const OVERALL_DOC =
  "On the regulator's own scale. Derived for a CQC local authority assessment (from the scores) and an ILACS inspection with judgements: " +
  'leave it out, or send the same value. Not allowed for ungraded visits (focused, monitoring, JTAI).';

export class CreateInspectionDto {
  @ApiProperty({ format: 'uuid', description: 'a built-in regulator or one of your own (GET /regulators)' })
  @IsUUID()
  regulatorId: string;

  @ApiProperty({ enum: INSPECTION_KINDS, description: "must be one of the regulator's inspectionKinds" })
  @IsIn(INSPECTION_KINDS)
  kind: InspectionKind;

  @ApiProperty({ example: 'CQC assessment of adult social care 2025' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @CalendarDateProperty('first day of the inspection or assessment', '2025-03-03')
  startDate: string;

  @IsOptional()
  @OptionalCalendarDateProperty('last day on site; not before startDate', '2025-03-14')
  endDate?: string | null;

  @IsOptional()
  @OptionalCalendarDateProperty('when the report was published; not before startDate', '2025-06-20')
  publishedDate?: string | null;

  @ApiPropertyOptional({ example: 'CQC LA assessment report 2025', nullable: true, type: String })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  reportReference?: string | null;

  @ApiPropertyOptional({ example: 'https://www.cqc.org.uk/care-services/local-authority-assessments', nullable: true, type: String })
  @IsOptional()
  @Transform(trimToNull)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'reportUrl must be an http(s) URL' })
  @MaxLength(1000)
  reportUrl?: string | null;

  @ApiPropertyOptional({ example: 'Requires improvement', nullable: true, type: String, description: OVERALL_DOC })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  overallJudgement?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer', minimum: 1, maximum: 4 }, example: SCORES_EXAMPLE, nullable: true, description: SCORES_DOC })
  @IsOptional()
  @IsObject()
  qualityStatementScores?: Record<string, number> | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, nullable: true, description: JUDGEMENTS_DOC })
  @IsOptional()
  @IsObject()
  judgements?: Record<string, string> | null;
}

/** Every field optional except version; a field sent as null clears it where it may be empty. */
export class UpdateInspectionDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'refused once the inspection has findings (their themes belong to the regulator)' })
  @NotNullWhenPresent()
  @IsUUID()
  regulatorId?: string;

  @ApiPropertyOptional({ enum: INSPECTION_KINDS })
  @NotNullWhenPresent()
  @IsIn(INSPECTION_KINDS)
  kind?: InspectionKind;

  @ApiPropertyOptional({ example: 'CQC assessment of adult social care 2025' })
  @NotNullWhenPresent()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2025-03-03' })
  @NotNullWhenPresent()
  @IsCalendarDate()
  startDate?: string;

  @IsOptional()
  @OptionalCalendarDateProperty('not before startDate', '2025-03-14')
  endDate?: string | null;

  @IsOptional()
  @OptionalCalendarDateProperty('not before startDate', '2025-06-20')
  publishedDate?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  reportReference?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimToNull)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'reportUrl must be an http(s) URL' })
  @MaxLength(1000)
  reportUrl?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: OVERALL_DOC })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  overallJudgement?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer', minimum: 1, maximum: 4 }, nullable: true, description: SCORES_DOC })
  @IsOptional()
  @IsObject()
  qualityStatementScores?: Record<string, number> | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, nullable: true, description: JUDGEMENTS_DOC })
  @IsOptional()
  @IsObject()
  judgements?: Record<string, string> | null;

  @ExpectedVersion()
  version: number;
}

export class InspectionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  regulatorId?: string;

  @ApiPropertyOptional({ enum: INSPECTION_KINDS })
  @IsOptional()
  @IsIn(INSPECTION_KINDS)
  kind?: InspectionKind;
}

export class RegulatorSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'cqc' }) code: string;
  @ApiProperty({ example: 'Care Quality Commission' }) name: string;
}

export class CqcQualityStatementScoreDto {
  @ApiProperty({ example: 'safeguarding' }) key: string;
  @ApiProperty({ example: 'Safeguarding' }) label: string;
  @ApiProperty({ example: 1, minimum: 1, maximum: 4 }) score: number;
}

export class CqcThemeScoresDto {
  @ApiProperty({ example: 'ensuring_safety' }) key: string;
  @ApiProperty({ example: 'How the local authority ensures safety within the system' }) label: string;
  @ApiProperty({ type: [CqcQualityStatementScoreDto] }) statements: CqcQualityStatementScoreDto[];
}

export class CqcAssessmentDto {
  @ApiProperty({ example: 18, description: 'sum of the nine scores' }) total: number;
  @ApiProperty({ example: 36 }) max: number;
  @ApiProperty({ example: 50, description: 'total / max as a percentage, one decimal place' }) percent: number;
  @ApiProperty({
    example: 50,
    description: 'the percentage rounded to the nearest whole number, read against the bands 25-38 Inadequate, 39-62 Requires improvement, 63-87 Good, 88+ Outstanding',
  })
  wholePercent: number;
  @ApiProperty({ example: 'Requires improvement' }) rating: string;
  @ApiProperty({ type: [CqcThemeScoresDto] }) themes: CqcThemeScoresDto[];
}

export class IlacsJudgementDto {
  @ApiProperty({ example: 'help_and_protection' }) key: string;
  @ApiProperty({ example: 'The experiences and progress of children who need help and protection' }) label: string;
  @ApiProperty({ example: 'Requires improvement to be good' }) grade: string;
}

export class InspectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) regulatorId: string;
  @ApiProperty({ type: RegulatorSummaryDto }) regulator: RegulatorSummaryDto;
  @ApiProperty({ enum: INSPECTION_KINDS }) kind: string;
  @ApiProperty({ example: 'CQC local authority assessment' }) kindLabel: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'date' }) startDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) publishedDate: string | null;
  @ApiProperty({ type: String, nullable: true }) reportReference: string | null;
  @ApiProperty({ type: String, nullable: true }) reportUrl: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Requires improvement' }) overallJudgement: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, nullable: true }) qualityStatementScores: Record<string, number> | null;
  @ApiProperty({ type: CqcAssessmentDto, nullable: true, description: 'CQC LA assessments with scores: the percentage and the themes with their statements' })
  cqcAssessment: CqcAssessmentDto | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true }) judgements: Record<string, string> | null;
  @ApiProperty({ type: [IlacsJudgementDto], nullable: true, description: 'Ofsted ILACS: the five judgements with their labels' })
  ilacsJudgements: IlacsJudgementDto[] | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class InspectionPageDto extends PageDto<InspectionDto> {
  @ApiProperty({ type: [InspectionDto] })
  items: InspectionDto[];
}
