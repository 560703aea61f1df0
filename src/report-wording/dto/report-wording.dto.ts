import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

const trimToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
const ROLE = 200;
const PARAGRAPH = 4000;

export class GlossaryEntryDto {
  @ApiProperty({ example: 'Section 42 enquiry', maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  term: string;

  @ApiProperty({ example: 'An enquiry under section 42 of the Care Act 2014 ...', maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  meaning: string;
}

const roleProperty = (example: string, description: string) => ApiPropertyOptional({ type: String, nullable: true, maxLength: ROLE, example, description });
const textProperty = (description: string) => ApiPropertyOptional({ type: String, nullable: true, maxLength: PARAGRAPH, description });

/**
 * The whole wording (PUT replaces it): a field left out or null falls back to its default. Roles,
 * never names; the mailbox is a team's.
 */
export class PutReportWordingDto {
  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 2147483647, description: 'the version you read (optimistic lock); 409 when it has changed' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2147483647)
  version?: number;

  @roleProperty('Adult Social Care and Public Health Committee', 'the committee, when the pack is not for a meeting on the calendar')
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(ROLE)
  committeeName?: string | null;

  @roleProperty('Director of Adult Social Services', '"Report of": an officer\'s role (a bracketed gloss is dropped when printed)')
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(ROLE)
  reportOfRole?: string | null;

  @roleProperty('Head of Improvement', 'the contact officer, as a role')
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(ROLE)
  contactOfficerRole?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 254, example: 'improvement@example.gov.uk', description: "a team mailbox, never a person's address" })
  @IsOptional()
  @Transform(trimToNull)
  @IsEmail({}, { message: 'contactMailbox must be an email address' })
  @MaxLength(254)
  contactMailbox?: string | null;

  @textProperty('replaces the computed purpose paragraph')
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(PARAGRAPH)
  purpose?: string | null;

  @ApiPropertyOptional({ type: [String], nullable: true, maxItems: 8, description: 'recommendations after the first (which notes the progress and is always computed)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(1000, { each: true })
  recommendations?: string[] | null;

  @textProperty('the reasons for the recommendations')
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(PARAGRAPH)
  reasonsForRecommendations?: string | null;

  @textProperty('financial implications')
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(PARAGRAPH)
  financialImplications?: string | null;

  @textProperty('legal implications')
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(PARAGRAPH)
  legalImplications?: string | null;

  @textProperty('equality implications')
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(PARAGRAPH)
  equalityImplications?: string | null;

  @textProperty('safeguarding implications')
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(PARAGRAPH)
  safeguardingImplications?: string | null;

  @ApiPropertyOptional({ type: [GlossaryEntryDto], nullable: true, maxItems: 40, description: 'added to the default glossary; a default term given again is replaced' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => GlossaryEntryDto)
  glossary?: GlossaryEntryDto[] | null;
}

export class ReportWordingValuesDto {
  @ApiProperty({ type: String, nullable: true }) committeeName: string | null;
  @ApiProperty({ type: String, nullable: true }) reportOfRole: string | null;
  @ApiProperty({ type: String, nullable: true }) contactOfficerRole: string | null;
  @ApiProperty({ type: String, nullable: true }) contactMailbox: string | null;
  @ApiProperty({ type: String, nullable: true }) purpose: string | null;
  @ApiProperty({ type: [String], nullable: true }) recommendations: string[] | null;
  @ApiProperty({ type: String, nullable: true }) reasonsForRecommendations: string | null;
  @ApiProperty({ type: String, nullable: true }) financialImplications: string | null;
  @ApiProperty({ type: String, nullable: true }) legalImplications: string | null;
  @ApiProperty({ type: String, nullable: true }) equalityImplications: string | null;
  @ApiProperty({ type: String, nullable: true }) safeguardingImplications: string | null;
  @ApiProperty({ type: [GlossaryEntryDto], nullable: true }) glossary: GlossaryEntryDto[] | null;
}

export class ReportWordingDefaultsDto {
  @ApiProperty() committeeName: string;
  @ApiProperty({ description: 'when unset: the job title of whoever generates the pack, else "Programme Lead"' }) reportOfRole: string;
  @ApiProperty() contactOfficerRole: string;
  @ApiProperty({ type: String, nullable: true, description: 'none: the report gives the contact officer\'s role only' }) contactMailbox: string | null;
  @ApiProperty({ description: 'when unset the purpose is computed from the plan, its inspections and notices' }) purpose: string;
  @ApiProperty({ type: [String], description: 'when unset the recommendations are computed (risks, next steps)' }) recommendations: string[];
  @ApiProperty() reasonsForRecommendations: string;
  @ApiProperty() financialImplications: string;
  @ApiProperty() legalImplications: string;
  @ApiProperty() equalityImplications: string;
  @ApiProperty() safeguardingImplications: string;
  @ApiProperty({ type: [GlossaryEntryDto] }) glossary: GlossaryEntryDto[];
}

export class ReportWordingDto {
  @ApiProperty({ description: '0 while the organisation uses the defaults only' }) version: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
  @ApiProperty({ type: ReportWordingValuesDto, description: 'what the organisation has set (null: the default applies)' }) settings: ReportWordingValuesDto;
  @ApiProperty({ type: ReportWordingDefaultsDto, description: 'what applies where a setting is null' }) defaults: ReportWordingDefaultsDto;
}
