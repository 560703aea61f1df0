import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/request-context/request-context';
import { RagPolicyChangeDto, RagPolicyDto, UpdateRagPolicyDto } from './dto/rag-policy.dto';
import { RagSettingsService } from './rag-settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings/rag')
export class RagSettingsController {
  constructor(private readonly settings: RagSettingsService) {}

  /** The organisation's current RAG policy (version 1, the defaults, until an administrator changes it). */
  @Get()
  @Roles('admin', 'board')
  @ApiOkResponse({ type: RagPolicyDto })
  @ApiOperation({ summary: "Your organisation's current RAG policy and its version" })
  get(@CurrentUser() user: AuthUser): Promise<RagPolicyDto> {
    return this.settings.get(user);
  }

  /**
   * Changes the RAG policy: a new version, audited, then every action recomputed with it (the
   * job is in `recompute`). Settings left out keep their current values.
   */
  @Put()
  @Roles('admin')
  @ApiBody({ type: UpdateRagPolicyDto })
  @ApiOkResponse({ type: RagPolicyChangeDto })
  @ApiBadRequestResponse({ description: 'a setting is missing, unknown or out of range; `details` names each field' })
  @ApiConflictResponse({ description: '`version` is not the current version' })
  // The body is checked by the policy's own validator (validateRagPolicySettings), which also
  // names unknown settings, so it is taken as it came rather than through a class.
  @ApiOperation({ summary: 'Change the RAG policy (admin): a new version, then every action is recomputed' })
  update(@CurrentUser() user: AuthUser, @Body() body: unknown): Promise<RagPolicyChangeDto> {
    return this.settings.update(user, body);
  }
}
