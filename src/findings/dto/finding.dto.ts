import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageDto, PageQueryDto } from '../../common/pagination/page.dto';
import { NotNullWhenPresent } from '../../common/validation/not-null-when-present';
import type { FindingType } from '../entities/finding.entity';
import { ExpectedVersion } from '../../common/validation/expected-version';
import { RollUpDto } from '../../rag/dashboard/dto/dashboard.dto';

export const FINDING_TYPES: readonly FindingType[] = ['area_for_improvement', 'area_for_priority_action', 'recommendation', 'requirement'];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

const THEME_DOC =
  'CQC inspections: a quality statement key (e.g. safeguarding); Ofsted: an ILACS judgement key (e.g. help_and_protection); ' +
  "other regulators: free text. GET /regulators lists each regulator's findingThemes.";
const SCORE_DOC = 'only where the regulator scores (CQC): 1 significant shortfalls, 2 some shortfalls, 3 good standard, 4 exceptional standard';

export class CreateFindingDto {
  @ApiProperty({ format: 'uuid', description: 'the inspection (in your organisation) the finding comes from' })
  @IsUUID()
  inspectionId: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: "the notice it falls under; must follow the same inspection if the notice names one" })
  @IsOptional()
  @IsUUID()
  noticeId?: string | null;

  @ApiProperty({ example: 'QS-SAFE-1', description: 'its reference in the report; unique within the inspection' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  reference: string;

  @ApiProperty({ example: 'Safeguarding: significant shortfalls' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ example: 'Evidence shows significant shortfalls for the safeguarding element of the assessment.', default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  text?: string;

  @ApiPropertyOptional({ example: 'safeguarding', nullable: true, type: String, description: THEME_DOC })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(80)
  theme?: string | null;

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 4, nullable: true, type: Number, description: SCORE_DOC })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  score?: number | null;

  @ApiProperty({ enum: FINDING_TYPES })
  @IsIn(FINDING_TYPES)
  type: FindingType;
}

export class UpdateFindingDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @NotNullWhenPresent()
  @IsUUID()
  inspectionId?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'null: no longer under a notice' })
  @IsOptional()
  @IsUUID()
  noticeId?: string | null;

  @ApiPropertyOptional({ example: 'QS-SAFE-1' })
  @NotNullWhenPresent()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  reference?: string;

  @ApiPropertyOptional()
  @NotNullWhenPresent()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional()
  @NotNullWhenPresent()
  @IsString()
  @MaxLength(20000)
  text?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: THEME_DOC })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(80)
  theme?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 4, nullable: true, type: Number, description: SCORE_DOC })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  score?: number | null;

  @ApiPropertyOptional({ enum: FINDING_TYPES })
  @NotNullWhenPresent()
  @IsIn(FINDING_TYPES)
  type?: FindingType;

  @ExpectedVersion()
  version: number;
}

export class FindingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  inspectionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  noticeId?: string;

  @ApiPropertyOptional({ example: 'safeguarding' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  theme?: string;

  @ApiPropertyOptional({ enum: FINDING_TYPES })
  @IsOptional()
  @IsIn(FINDING_TYPES)
  type?: FindingType;

  @ApiPropertyOptional({ description: 'text in the reference or title (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class FindingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) inspectionId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) noticeId: string | null;
  @ApiProperty({ example: 'QS-SAFE-1' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty() text: string;
  @ApiProperty({ nullable: true, type: String, example: 'safeguarding' }) theme: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Safeguarding', description: 'the quality statement or judgement in words, where the theme is one' })
  themeLabel: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 1 }) score: number | null;
  @ApiProperty({ enum: FINDING_TYPES }) type: FindingType;
  @ApiProperty({ example: 'Area for priority action' }) typeLabel: string;
  @ApiProperty({ type: RollUpDto, description: "the roll-up of the actions answering it, by their current colours (DESIGN's roll-up: Blue if all are Blue, else the worst of the rest); colour null while no action answers it" })
  rag: RollUpDto;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class FindingPageDto extends PageDto<FindingDto> {
  @ApiProperty({ type: [FindingDto] })
  items: FindingDto[];
}
