import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreatePlanDto, MembershipDto, MembershipListDto, OrganisationOverviewDto, PlanDto, PlanListDto, PutMembershipDto, UpdatePlanDto } from './dto/plan.dto';
import { PlansService } from './plans.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @ApiOperation({ summary: 'The plans of your organisation you may see' })
  @ApiOkResponse({ type: PlanListDto, description: 'the plans you may see: all for administrators and chief officers, else those you hold a role in' })
  async list(@CurrentUser() user: AuthUser): Promise<PlanListDto> {
    return { items: await this.plans.list(user) };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a plan (administrators)' })
  @ApiCreatedResponse({ type: PlanDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePlanDto): Promise<PlanDto> {
    return this.plans.create(user, dto);
  }

  @Get(':planId')
  @ApiOperation({ summary: 'One plan, with your role in it' })
  @ApiOkResponse({ type: PlanDto })
  get(@CurrentUser() user: AuthUser, @Param('planId', UuidParam) planId: string): Promise<PlanDto> {
    return this.plans.get(user, planId);
  }

  @Patch(':planId')
  @ApiOperation({ summary: "edit a plan (admin; the plan's board members: title, target date, programme lead)" })
  @ApiOkResponse({ type: PlanDto })
  @ApiConflictResponse({ description: 'stale version, or plan_closed' })
  update(@CurrentUser() user: AuthUser, @Param('planId', UuidParam) planId: string, @Body() dto: UpdatePlanDto): Promise<PlanDto> {
    return this.plans.update(user, planId, dto);
  }

  @Post(':planId/close')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'close (freeze) a plan: writes answer 409 plan_closed, reads and pack downloads still work' })
  @ApiOkResponse({ type: PlanDto })
  @ApiConflictResponse({ description: 'plan_already_closed' })
  close(@CurrentUser() user: AuthUser, @Param('planId', UuidParam) planId: string): Promise<PlanDto> {
    return this.plans.close(user, planId);
  }

  @Get(':planId/members')
  @Roles('admin')
  @ApiOperation({ summary: "Who holds which role in the plan (administrators)" })
  @ApiOkResponse({ type: MembershipListDto })
  async members(@CurrentUser() user: AuthUser, @Param('planId', UuidParam) planId: string): Promise<MembershipListDto> {
    return { items: await this.plans.members(user, planId) };
  }

  @Put(':planId/members/:userId')
  @Roles('admin')
  @ApiOperation({ summary: "Give a user a role in the plan, or change it (administrators)" })
  @ApiOkResponse({ type: MembershipDto, description: "sets the user's role in the plan (board, owner or scrutiny)" })
  @ApiBadRequestResponse({ description: 'an administrator (admin_needs_no_membership) or a chief officer (userId): they hold no plan role' })
  @ApiConflictResponse({ description: 'has_dependents: made a scrutiny member while owning open actions of the plan (named)' })
  putMember(
    @CurrentUser() user: AuthUser,
    @Param('planId', UuidParam) planId: string,
    @Param('userId', UuidParam) userId: string,
    @Body() dto: PutMembershipDto,
  ): Promise<MembershipDto> {
    return this.plans.putMember(user, planId, userId, dto.role);
  }

  @Delete(':planId/members/:userId')
  @Roles('admin')
  @ApiOperation({ summary: "Take a user's role in the plan away (administrators)" })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'has_dependents: the user owns open actions of the plan (named); give them another owner first' })
  async removeMember(@CurrentUser() user: AuthUser, @Param('planId', UuidParam) planId: string, @Param('userId', UuidParam) userId: string): Promise<void> {
    await this.plans.removeMember(user, planId, userId);
  }
}

@ApiTags('plans')
@ApiBearerAuth()
@Controller('organisation')
export class OrganisationOverviewController {
  constructor(private readonly plans: PlansService) {}

  @Get('overview')
  @ApiOperation({ summary: "every active plan's colour counts side by side (administrators and chief officers)" })
  @ApiOkResponse({ type: OrganisationOverviewDto })
  overview(@CurrentUser() user: AuthUser): Promise<OrganisationOverviewDto> {
    return this.plans.overview(user);
  }
}
