import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PLAN_EDITORS } from '../common/auth/access-policy';
import { CurrentUser, PlanScoped, Roles } from '../common/auth/auth.decorators';
import { PLAN_ROUTE, PlanId } from '../common/auth/plan-route';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CommitteesService } from './committees.service';
import { CommitteeDto, CommitteePageDto, CommitteeQueryDto, CreateCommitteeDto, UpdateCommitteeDto } from './dto/committee.dto';

@ApiTags('committees')
@ApiBearerAuth()
@Controller(PLAN_ROUTE('committees'))
export class CommitteesController {
  constructor(private readonly committees: CommitteesService) {}

  @Get()
  @PlanScoped()
  @ApiOperation({ summary: "the plan's committees by name (scrutiny members: the scrutiny committees only)" })
  @ApiOkResponse({ type: CommitteePageDto })
  list(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: CommitteeQueryDto): Promise<CommitteePageDto> {
    return this.committees.list(user, planId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'one committee' })
  @ApiOkResponse({ type: CommitteeDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<CommitteeDto> {
    return this.committees.get(user, id);
  }

  @Post()
  @PlanScoped()
  @Roles(...PLAN_EDITORS)
  @ApiOperation({ summary: "add a committee to the plan (admin, the plan's board)" })
  @ApiCreatedResponse({ type: CommitteeDto })
  @ApiConflictResponse({ description: 'committee_name_taken, or plan_closed' })
  create(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() dto: CreateCommitteeDto): Promise<CommitteeDto> {
    return this.committees.create(user, planId, dto);
  }

  @Patch(':id')
  @Roles(...PLAN_EDITORS)
  @ApiOperation({ summary: 'rename a committee or change its audience' })
  @ApiOkResponse({ type: CommitteeDto })
  @ApiConflictResponse({ description: 'stale version, committee_name_taken, or plan_closed' })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: UpdateCommitteeDto): Promise<CommitteeDto> {
    return this.committees.update(user, id, dto);
  }

  @Delete(':id')
  @Roles(...PLAN_EDITORS)
  @HttpCode(204)
  @ApiOperation({ summary: 'delete a committee that has no meetings' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'has_dependents (its meetings), or plan_closed' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<void> {
    await this.committees.remove(user, id);
  }
}
