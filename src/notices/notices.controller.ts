import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { PLAN_PATH, PlanId } from '../common/auth/plan-route';
import { PLAN_EDITORS, PLAN_READERS } from '../common/auth/access-policy';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreateNoticeDto, NoticeDetailDto, NoticePageDto, NoticeQueryDto, UpdateNoticeDto } from './dto/notice.dto';
import { NoticesService } from './notices.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

@ApiTags('notices')
@ApiBearerAuth()
@Controller()
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get(PLAN_PATH('notices'))
  @Roles(...PLAN_READERS)
  @ApiOkResponse({ type: NoticePageDto })
  @ApiOperation({ summary: 'Notices (Section 50, improvement notices, ...) of your organisation, filtered and paginated' })
  list(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: NoticeQueryDto): Promise<NoticePageDto> {
    return this.notices.list(user, planId, query);
  }

  @Get('notices/:id')
  @ApiOkResponse({ type: NoticeDetailDto, description: 'with its status history' })
  @ApiOperation({ summary: 'One notice with its status history' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<NoticeDetailDto> {
    return this.notices.get(user, id);
  }

  @Post(PLAN_PATH('notices'))
  @Idempotent()
  @Roles(...PLAN_EDITORS)
  @ApiCreatedResponse({ type: NoticeDetailDto })
  @ApiOperation({ summary: 'Record a notice that follows an inspection' })
  create(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Body() dto: CreateNoticeDto): Promise<NoticeDetailDto> {
    return this.notices.create(user, planId, dto);
  }

  @Patch('notices/:id')
  @Roles(...PLAN_EDITORS)
  @ApiOkResponse({ type: NoticeDetailDto })
  @ApiConflictResponse({ description: 'stale version: details.currentVersion' })
  @ApiOperation({ summary: 'Change a notice or move its status (send the version you read)' })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: UpdateNoticeDto): Promise<NoticeDetailDto> {
    return this.notices.update(user, id, dto);
  }

  @Delete('notices/:id')
  @Roles(...PLAN_EDITORS)
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'findings fall under the notice (named in the message and details.dependents)' })
  @ApiOperation({ summary: 'Delete a notice that no finding falls under' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<void> {
    await this.notices.remove(user, id);
  }
}
