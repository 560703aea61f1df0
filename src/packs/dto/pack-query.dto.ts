import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page.dto';
import { PACK_AUDIENCES, type PackAudience } from '../../vocabulary/pack-audience';
import { PACK_STATES, type PackState } from '../../vocabulary/pack-state';

export class PackQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PACK_AUDIENCES })
  @IsOptional()
  @IsIn(PACK_AUDIENCES)
  audience?: PackAudience;

  @ApiPropertyOptional({ enum: PACK_STATES })
  @IsOptional()
  @IsIn(PACK_STATES)
  state?: PackState;

  @ApiPropertyOptional({ type: Boolean, description: 'true: published packs only; false: unpublished only' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  published?: boolean;
}
