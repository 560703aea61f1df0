import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../common/auth/auth.decorators';
import { PLAN_PATH, PlanId } from '../common/auth/plan-route';
import type { AuthUser } from '../common/request-context/request-context';
import { NotificationPreferencesDto, UnsubscribeQueryDto, UnsubscribeResultDto, UpdateNotificationPreferenceDto } from './dto/notification-preference.dto';
import { OutboxPageDto, OutboxQueryDto } from './dto/outbox-message.dto';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification-kinds';
import { OutboxService } from './outbox/outbox.service';
import { PreferencesService } from './preferences/preferences.service';

const KIND_VALUES = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k]));

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(
    private readonly preferences: PreferencesService,
    private readonly outbox: OutboxService,
  ) {}

  @Get('account/notification-preferences')
  @ApiBearerAuth()
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiOperation({ summary: 'Your e-mail preferences: each kind with its mode (immediate, weekly digest or off) and the modes it allows' })
  async list(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesDto> {
    return { items: await this.preferences.list(user) };
  }

  @Put('account/notification-preferences/:kind')
  @ApiBearerAuth()
  @ApiParam({ name: 'kind', enum: NOTIFICATION_KINDS })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiBadRequestResponse({ description: 'a mode the kind does not allow (mandatory kinds cannot be off; board and scrutiny kinds have no weekly digest)' })
  @ApiOperation({ summary: 'Choose the mode of one kind of e-mail for yourself' })
  async set(
    @CurrentUser() user: AuthUser,
    @Param('kind', new ParseEnumPipe(KIND_VALUES)) kind: NotificationKind,
    @Body() dto: UpdateNotificationPreferenceDto,
  ): Promise<NotificationPreferencesDto> {
    return { items: await this.preferences.set(user, kind, dto.mode) };
  }

  /**
   * One click from an e-mail, no sign-in: the signed token is the authority (RFC 8058 clients POST
   * `List-Unsubscribe=One-Click` to the link in the List-Unsubscribe header, which is the web page
   * of the same name; this is the API twin for other clients).
   */
  @Post('notifications/unsubscribe')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: UnsubscribeResultDto })
  @ApiBadRequestResponse({ description: 'invalid_unsubscribe_token or expired_unsubscribe_token' })
  @ApiOperation({ summary: 'Unsubscribe from the kind of e-mail a signed link names (no sign-in; the token is in the query)' })
  unsubscribe(@Query() query: UnsubscribeQueryDto): Promise<UnsubscribeResultDto> {
    return this.preferences.unsubscribe(query.token);
  }

  @Get(PLAN_PATH('notifications'))
  @Roles('admin', 'board')
  @ApiBearerAuth()
  @ApiOkResponse({ type: OutboxPageDto })
  @ApiForbiddenResponse({ description: 'owners and scrutiny members' })
  @ApiOperation({ summary: 'The e-mails written for this plan (the outbox): to whom, what, and how delivery went; filterable, newest first' })
  messages(@CurrentUser() user: AuthUser, @PlanId() planId: string, @Query() query: OutboxQueryDto): Promise<OutboxPageDto> {
    return this.outbox.list(user.organisationId, planId, query);
  }
}
