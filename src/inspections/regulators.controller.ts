import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { PLAN_EDITORS, PLAN_READERS } from '../common/auth/access-policy';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreateRegulatorDto, RegulatorDto, RegulatorPageDto, RegulatorQueryDto } from './dto/regulator.dto';
import { RegulatorsService } from './regulators.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

@ApiTags('regulators')
@ApiBearerAuth()
@Controller('regulators')
export class RegulatorsController {
  constructor(private readonly regulators: RegulatorsService) {}

  @Get()
  @Roles(...PLAN_READERS)
  @ApiOperation({ summary: 'Built-in regulators (CQC, Ofsted, HMICFRS) and your own, with their scales, inspection kinds and finding themes' })
  @ApiOkResponse({ type: RegulatorPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: RegulatorQueryDto): Promise<RegulatorPageDto> {
    return this.regulators.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: RegulatorDto })
  @ApiOperation({ summary: 'One regulator with its scale, inspection kinds and finding themes' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<RegulatorDto> {
    return this.regulators.get(user, id);
  }

  @Post()
  @Idempotent()
  @Roles(...PLAN_EDITORS)
  @ApiOperation({ summary: 'Add a regulator of your own (e.g. Care Inspectorate Wales) with its judgement scale' })
  @ApiCreatedResponse({ type: RegulatorDto })
  @ApiConflictResponse({ description: 'the code is already used by a regulator you can see (code_taken)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRegulatorDto): Promise<RegulatorDto> {
    return this.regulators.create(user, dto);
  }
}
