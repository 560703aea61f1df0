import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageDto, PageQueryDto } from '../../common/pagination/page.dto';
import { INSPECTION_KINDS, type AssessmentStyle, type InspectionKind } from '../../vocabulary/inspection-kind';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const trimEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

export class CreateRegulatorDto {
  @ApiProperty({ example: 'ciw', description: "short code, lower case letters, digits, '_' or '-'; not a built-in one (cqc, ofsted, hmicfrs)" })
  @Transform(lower)
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{1,39}$/, { message: "code must be 2-40 characters: a letter, then letters, digits, '_' or '-'" })
  code: string;

  @ApiProperty({ example: 'Care Inspectorate Wales' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['Excellent', 'Good', 'Adequate', 'Poor'],
    description: 'the overall judgement scale, best first; empty (the default) when the regulator does not grade',
  })
  @IsOptional()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  judgementScale?: string[];
}

export class RegulatorQueryDto extends PageQueryDto {}

export class InspectionKindDto {
  @ApiProperty({ enum: INSPECTION_KINDS }) key: InspectionKind;
  @ApiProperty({ example: 'CQC local authority assessment' }) label: string;
  @ApiProperty({
    enum: ['cqc_scores', 'ofsted_judgements', 'overall_only', 'ungraded'],
    description:
      'cqc_scores: nine quality statement scores, overall derived; ofsted_judgements: five ILACS judgements, overall = overall_effectiveness; ' +
      'overall_only: an overall judgement on the scale may be given; ungraded: no judgement',
  })
  assessment: AssessmentStyle;
}

export class FindingThemeDto {
  @ApiProperty({ example: 'safeguarding' }) key: string;
  @ApiProperty({ example: 'Safeguarding' }) label: string;
  @ApiPropertyOptional({ example: 'ensuring_safety', description: 'the CQC theme a quality statement sits under' }) group?: string;
}

export class RegulatorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'cqc' }) code: string;
  @ApiProperty({ example: 'Care Quality Commission' }) name: string;
  @ApiProperty({ description: 'true for CQC, Ofsted and HMICFRS (shared by every organisation); false for your own' }) builtIn: boolean;
  @ApiProperty({ type: [String], example: ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] }) judgementScale: string[];
  @ApiProperty({ type: [InspectionKindDto], description: 'the kinds of inspection this regulator carries out' }) inspectionKinds: InspectionKindDto[];
  @ApiProperty({
    type: [FindingThemeDto],
    nullable: true,
    description: "the themes a finding may fall under (CQC quality statements, Ofsted ILACS judgements); null: free text",
  })
  findingThemes: FindingThemeDto[] | null;
  @ApiProperty({ description: 'whether findings carry a score 1-4 (CQC only)' }) scoresFindings: boolean;
}

export class RegulatorPageDto extends PageDto<RegulatorDto> {
  @ApiProperty({ type: [RegulatorDto] })
  items: RegulatorDto[];
}
