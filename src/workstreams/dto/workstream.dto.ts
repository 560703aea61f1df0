import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageDto, PageQueryDto } from '../../common/pagination/page.dto';
import { NotNullWhenPresent } from '../../common/validation/not-null-when-present';
import { ExpectedVersion } from '../../common/validation/expected-version';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

export class CreateWorkstreamDto {
  @ApiProperty({ example: 'KO1', description: 'short code, unique in your organisation' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  code: string;

  @ApiProperty({ example: 'Improved safeguarding practice' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ example: 'More assured oversight and clear referral pathways.', default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ example: 'Principal Social Worker', nullable: true, type: String, description: "the lead's role (packs show roles, not names)" })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  leadRole?: string | null;

  @ApiPropertyOptional({ example: 1, description: 'position in the plan; defaults to after the last one' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  sortOrder?: number;
}

export class UpdateWorkstreamDto {
  @ApiPropertyOptional({ example: 'KO1' })
  @NotNullWhenPresent()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  code?: string;

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
  description?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  leadRole?: string | null;

  @ApiPropertyOptional()
  @NotNullWhenPresent()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  sortOrder?: number;

  @ExpectedVersion()
  version: number;
}

export class WorkstreamQueryDto extends PageQueryDto {}

export class WorkstreamDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'KO1' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) leadRole: string | null;
  @ApiProperty() sortOrder: number;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class WorkstreamPageDto extends PageDto<WorkstreamDto> {
  @ApiProperty({ type: [WorkstreamDto] })
  items: WorkstreamDto[];
}
