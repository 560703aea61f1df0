import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { PLAN_EDITORS, PLAN_READERS } from '../common/auth/access-policy';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { UuidParam } from '../common/validation/uuid-param.pipe';
import { CreateNoticeDto, NoticeDetailDto, NoticePageDto, NoticeQueryDto, UpdateNoticeDto } from './dto/notice.dto';
import { toNoticeDetailDto, toNoticeDto } from './notice.mapper';
import { NoticesService } from './notices.service';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @Roles(...PLAN_READERS)
  @ApiOkResponse({ type: NoticePageDto })
  async list(@CurrentUser() user: AuthUser, @Query() query: NoticeQueryDto): Promise<NoticePageDto> {
    const [rows, total] = await this.notices.list(user, query);
    return toPage(rows.map(toNoticeDto), total, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: NoticeDetailDto, description: 'with its status history' })
  async get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<NoticeDetailDto> {
    const { notice, statusHistory } = await this.notices.get(user, id);
    return toNoticeDetailDto(notice, statusHistory);
  }

  @Post()
  @Roles(...PLAN_EDITORS)
  @ApiCreatedResponse({ type: NoticeDetailDto })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateNoticeDto): Promise<NoticeDetailDto> {
    const { notice, statusHistory } = await this.notices.create(user, dto);
    return toNoticeDetailDto(notice, statusHistory);
  }

  @Patch(':id')
  @Roles(...PLAN_EDITORS)
  @ApiOkResponse({ type: NoticeDetailDto })
  @ApiConflictResponse({ description: 'stale version: details.currentVersion' })
  async update(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: UpdateNoticeDto): Promise<NoticeDetailDto> {
    const { notice, statusHistory } = await this.notices.update(user, id, dto);
    return toNoticeDetailDto(notice, statusHistory);
  }

  @Delete(':id')
  @Roles(...PLAN_EDITORS)
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'findings fall under the notice (named in the message and details.dependents)' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<void> {
    await this.notices.remove(user, id);
  }
}
