import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/request-context/request-context';
import { PutReportWordingDto, ReportWordingDto } from './dto/report-wording.dto';
import { ReportWordingService } from './report-wording.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('organisation/report-wording')
export class ReportWordingController {
  constructor(private readonly wording: ReportWordingService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: ReportWordingDto })
  @ApiOperation({ summary: "The organisation's scrutiny report wording: what is set, and the defaults that apply elsewhere (admin)" })
  get(@CurrentUser() user: AuthUser): Promise<ReportWordingDto> {
    return this.wording.get(user);
  }

  @Put()
  @Roles('admin')
  @ApiOkResponse({ type: ReportWordingDto })
  @ApiBadRequestResponse({ description: 'a field is too long, not text, or the mailbox is not an email address; `details` names each field' })
  @ApiConflictResponse({ description: '`version` is not the current version' })
  @ApiOperation({ summary: "Replace the organisation's scrutiny report wording (admin); a field left out or null goes back to its default. Audited." })
  put(@CurrentUser() user: AuthUser, @Body() dto: PutReportWordingDto): Promise<ReportWordingDto> {
    return this.wording.put(user, dto);
  }
}
