import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { PLAN_PATH, PlanId } from '../common/auth/plan-route';
import { PLAN_EDITORS, PLAN_READERS } from '../common/auth/access-policy';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreateWorkstreamDto, UpdateWorkstreamDto, WorkstreamDto, WorkstreamPageDto, WorkstreamQueryDto } from './dto/workstream.dto';
import { WorkstreamsService } from './workstreams.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

@ApiTags('workstreams')
@ApiBearerAuth()
@Controller()
export class WorkstreamsController {
  constructor(private readonly workstreams: WorkstreamsService) {}

  @Get(PLAN_PATH('workstreams'))
  @Roles(...PLAN_READERS)
  @ApiOkResponse({ type: WorkstreamPageDto, description: 'in plan order (sortOrder, then code)' })
  @ApiOperation({ summary: 'Workstreams (priorities, key outcomes) of the plan, in plan order' })
  list(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: WorkstreamQueryDto): Promise<WorkstreamPageDto> {
    return this.workstreams.list(user, planId, query);
  }

  @Get('workstreams/:id')
  @ApiOkResponse({ type: WorkstreamDto })
  @ApiOperation({ summary: 'One workstream' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<WorkstreamDto> {
    return this.workstreams.get(user, id);
  }

  @Post(PLAN_PATH('workstreams'))
  @Idempotent()
  @Roles(...PLAN_EDITORS)
  @ApiCreatedResponse({ type: WorkstreamDto })
  @ApiConflictResponse({ description: 'the code is already used in your organisation' })
  @ApiOperation({ summary: 'Add a workstream to the plan' })
  create(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() dto: CreateWorkstreamDto): Promise<WorkstreamDto> {
    return this.workstreams.create(user, planId, dto);
  }

  @Patch('workstreams/:id')
  @Roles(...PLAN_EDITORS)
  @ApiOkResponse({ type: WorkstreamDto })
  @ApiConflictResponse({ description: 'stale version (details.currentVersion) or code taken' })
  @ApiOperation({ summary: 'Change a workstream (send the version you read)' })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: UpdateWorkstreamDto): Promise<WorkstreamDto> {
    return this.workstreams.update(user, id, dto);
  }

  @Delete('workstreams/:id')
  @Roles(...PLAN_EDITORS)
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'actions belong to the workstream (named in the message and details.dependents)' })
  @ApiOperation({ summary: 'Delete a workstream that has no actions' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<void> {
    await this.workstreams.remove(user, id);
  }
}
