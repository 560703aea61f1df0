import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/request-context/request-context';
import { ScanRunDto } from './dto/scan-run.dto';
import { NotificationScanService } from './notification-scan.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationScanController {
  constructor(private readonly scans: NotificationScanService) {}

  /**
   * The daily reminder scan (the worker runs it at 06:00 Europe/London), now, for today and for the
   * caller's organisation only. Safe to repeat: a message already written is not written again, so
   * a second run the same day (or the next) sends nothing new; a run after days without one sends
   * the reminders those days missed, once. The demo runs it on each day it replays.
   */
  @Post('admin/notifications/scan')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ScanRunDto })
  @ApiForbiddenResponse({ description: 'anyone but an administrator' })
  @ApiOperation({ summary: "Run today's reminder scan for your organisation now (admin); the worker then sends what it wrote" })
  async scan(@CurrentUser() user: AuthUser): Promise<ScanRunDto> {
    const result = await this.scans.scanDay(undefined, { organisationId: user.organisationId });
    return { day: result.day, requested: result.requested, written: result.written, byKind: result.byKind };
  }
}
