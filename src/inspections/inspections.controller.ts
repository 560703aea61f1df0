import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { PLAN_PATH, PlanId } from '../common/auth/plan-route';
import { PLAN_EDITORS, PLAN_READERS } from '../common/auth/access-policy';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreateInspectionDto, InspectionDto, InspectionPageDto, InspectionQueryDto, UpdateInspectionDto } from './dto/inspection.dto';
import { InspectionsService } from './inspections.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

@ApiTags('inspections')
@ApiBearerAuth()
@Controller()
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Get(PLAN_PATH('inspections'))
  @Roles(...PLAN_READERS)
  @ApiOkResponse({ type: InspectionPageDto })
  @ApiOperation({ summary: 'Inspections (regulatory events) of your organisation, filtered and paginated' })
  list(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: InspectionQueryDto): Promise<InspectionPageDto> {
    return this.inspections.list(user, planId, query);
  }

  @Get('inspections/:id')
  @ApiOkResponse({ type: InspectionDto })
  @ApiOperation({ summary: 'One inspection with its judgements' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<InspectionDto> {
    return this.inspections.get(user, id);
  }

  @Post(PLAN_PATH('inspections'))
  @Idempotent()
  @Roles(...PLAN_EDITORS)
  @ApiCreatedResponse({ type: InspectionDto })
  @ApiOperation({ summary: 'Record an inspection: regulator, kind, dates, report reference and judgements' })
  create(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() dto: CreateInspectionDto): Promise<InspectionDto> {
    return this.inspections.create(user, planId, dto);
  }

  @Patch('inspections/:id')
  @Roles(...PLAN_EDITORS)
  @ApiOkResponse({ type: InspectionDto })
  @ApiConflictResponse({ description: 'stale version: details.currentVersion' })
  @ApiOperation({ summary: 'Change an inspection (send the version you read)' })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: UpdateInspectionDto): Promise<InspectionDto> {
    return this.inspections.update(user, id, dto);
  }

  @Delete('inspections/:id')
  @Roles(...PLAN_EDITORS)
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'findings or notices depend on the inspection (named in the message and details.dependents)' })
  @ApiOperation({ summary: 'Delete an inspection that no finding or notice depends on' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<void> {
    await this.inspections.remove(user, id);
  }
}
