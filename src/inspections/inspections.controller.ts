import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { PLAN_EDITORS, PLAN_READERS } from '../common/auth/access-policy';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreateInspectionDto, InspectionDto, InspectionPageDto, InspectionQueryDto, UpdateInspectionDto } from './dto/inspection.dto';
import { InspectionsService } from './inspections.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

@ApiTags('inspections')
@ApiBearerAuth()
@Controller('inspections')
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Get()
  @Roles(...PLAN_READERS)
  @ApiOkResponse({ type: InspectionPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: InspectionQueryDto): Promise<InspectionPageDto> {
    return this.inspections.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: InspectionDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<InspectionDto> {
    return this.inspections.get(user, id);
  }

  @Post()
  @Idempotent()
  @Roles(...PLAN_EDITORS)
  @ApiCreatedResponse({ type: InspectionDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateInspectionDto): Promise<InspectionDto> {
    return this.inspections.create(user, dto);
  }

  @Patch(':id')
  @Roles(...PLAN_EDITORS)
  @ApiOkResponse({ type: InspectionDto })
  @ApiConflictResponse({ description: 'stale version: details.currentVersion' })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: UpdateInspectionDto): Promise<InspectionDto> {
    return this.inspections.update(user, id, dto);
  }

  @Delete(':id')
  @Roles(...PLAN_EDITORS)
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'findings or notices depend on the inspection (named in the message and details.dependents)' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<void> {
    await this.inspections.remove(user, id);
  }
}
