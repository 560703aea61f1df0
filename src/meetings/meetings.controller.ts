import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PLAN_EDITORS } from '../common/auth/access-policy';
import { CurrentUser, PlanScoped, Roles } from '../common/auth/auth.decorators';
import { PLAN_ROUTE, PlanId } from '../common/auth/plan-route';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreateMeetingDto, MeetingDto, MeetingPageDto, MeetingQueryDto, UpdateMeetingDto } from './dto/meeting.dto';
import { MeetingsService } from './meetings.service';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller(PLAN_ROUTE('meetings'))
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @PlanScoped()
  @ApiOperation({ summary: "the plan's meetings in date order (filter by committee, from a date); scrutiny members see scrutiny meetings only" })
  @ApiOkResponse({ type: MeetingPageDto })
  list(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: MeetingQueryDto): Promise<MeetingPageDto> {
    return this.meetings.list(user, planId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'one meeting with its committee and papers deadline' })
  @ApiOkResponse({ type: MeetingDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<MeetingDto> {
    return this.meetings.get(user, id);
  }

  @Post()
  @PlanScoped()
  @Roles(...PLAN_EDITORS)
  @ApiOperation({ summary: 'schedule a meeting of one of the plan’s committees; the papers deadline defaults to 5 working days before' })
  @ApiCreatedResponse({ type: MeetingDto })
  @ApiConflictResponse({ description: 'plan_closed' })
  create(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() dto: CreateMeetingDto): Promise<MeetingDto> {
    return this.meetings.create(user, planId, dto);
  }

  @Patch(':id')
  @Roles(...PLAN_EDITORS)
  @ApiOperation({ summary: 'move, re-time or cancel a meeting, or set its papers deadline' })
  @ApiOkResponse({ type: MeetingDto })
  @ApiConflictResponse({ description: 'stale version, or plan_closed' })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: UpdateMeetingDto): Promise<MeetingDto> {
    return this.meetings.update(user, id, dto);
  }

  @Delete(':id')
  @Roles(...PLAN_EDITORS)
  @HttpCode(204)
  @ApiOperation({ summary: 'delete a meeting (or cancel it with PATCH, which keeps it on the record)' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'plan_closed' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<void> {
    await this.meetings.remove(user, id);
  }
}
