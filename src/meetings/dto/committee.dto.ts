import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { PageDto, PageQueryDto } from '../../common/pagination/page.dto';
import { ExpectedVersion } from '../../common/validation/expected-version';
import { NotNullWhenPresent } from '../../common/validation/not-null-when-present';
import { PACK_AUDIENCES, type PackAudience } from '../../vocabulary/pack-audience';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCommitteeDto {
  @ApiProperty({ example: 'Adult Social Care Improvement Board', description: 'unique in the plan' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PACK_AUDIENCES, description: 'the pack it receives: board (internal) or scrutiny (published)' })
  @IsIn(PACK_AUDIENCES)
  audience: PackAudience;
}

export class UpdateCommitteeDto {
  @ApiPropertyOptional({ example: 'Scrutiny Committee' })
  @NotNullWhenPresent()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: PACK_AUDIENCES })
  @NotNullWhenPresent()
  @IsIn(PACK_AUDIENCES)
  audience?: PackAudience;

  @ExpectedVersion()
  version: number;
}

export class CommitteeQueryDto extends PageQueryDto {}

export class CommitteeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PACK_AUDIENCES }) audience: PackAudience;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CommitteePageDto extends PageDto<CommitteeDto> {
  @ApiProperty({ type: [CommitteeDto] })
  items: CommitteeDto[];
}
