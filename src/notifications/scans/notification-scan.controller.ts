import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/request-context/request-context';
import { JobAcceptedDto } from '../../queue/jobs/dto/job.dto';
import { OutboxTrigger } from '../outbox/outbox-trigger.service';
import { NotificationScanService } from './notification-scan.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationScanController {
  constructor(
    private readonly scans: NotificationScanService,
    private readonly trigger: OutboxTrigger,
  ) {}

  /**
   * The daily reminder scan (the worker runs it at 06:00 Europe/London), now, for today and for the
   * caller's organisation only. It runs in the worker (at 100,000 actions it takes seconds): the
   * answer is 202 with the job to poll, whose `returnValue` once completed is what the scan wrote
   * (`ScanResult`). Safe to repeat: a message already written is not written again, so a second run
   * the same day (or the next) sends nothing new; a run after days without one sends the reminders
   * those days missed, once. The demo runs it on each day it replays.
   */
  @Post('admin/notifications/scan')
  @Roles('admin')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: JobAcceptedDto,
    description:
      'queued; poll statusUrl (GET /jobs/:id). Once completed, its returnValue says what the scan wrote: `day` (the London day scanned, the day asked), ' +
      '`organisationId`, `requested` (messages the rules asked for), `written` (new ones; the others were written before, go in a weekly digest, are switched off, ' +
      'or are to a deactivated user) and `byKind` (per message kind, how many of each outcome: written, duplicate, deferred_to_digest, suppressed_off, recipient_inactive)',
  })
  @ApiForbiddenResponse({ description: 'anyone but an administrator' })
  @ApiServiceUnavailableResponse({ description: 'dependency_unavailable: Redis did not take the job; nothing was queued, ask again' })
  @ApiOperation({ summary: "Run today's reminder scan for your organisation now (admin), in the worker; it then sends what the scan wrote" })
  scan(@CurrentUser() user: AuthUser): Promise<JobAcceptedDto> {
    return this.trigger.requestScan(user.organisationId, user.id, this.scans.today());
  }
}
