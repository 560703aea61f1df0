import { Body, Controller, Delete, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { RagOverrideDto, SetRagOverrideDto } from './dto/rag-override.dto';
import { RagOverrideService } from './rag-override.service';
import { Idempotent } from '../../idempotency/idempotent.decorator';

/**
 * Board members and administrators only. No @Roles here on purpose: a scrutiny member must get
 * 404 (the working plan does not exist for them) and an owner 403, which the service decides.
 */
@ApiTags('rag')
@ApiBearerAuth()
@Controller('actions/:id/rag-override')
export class RagOverrideController {
  constructor(private readonly overrides: RagOverrideService) {}

  /** Sets an override colour with a reason and an expiry; ends any active override first. */
  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: RagOverrideDto })
  @ApiForbiddenResponse({ description: 'action owners cannot set a RAG' })
  @ApiNotFoundResponse({ description: "no such action in your organisation (also for scrutiny members)" })
  @ApiOperation({ summary: "Override an action's RAG colour with a reason and an expiry (board, admin)" })
  set(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() dto: SetRagOverrideDto): Promise<RagOverrideDto> {
    return this.overrides.set(user, id, dto);
  }

  /** Ends the active override; the computed colour is back after the recompute. */
  @Delete()
  @ApiOkResponse({ type: RagOverrideDto })
  @ApiNotFoundResponse({ description: 'no such action, or no active override' })
  @ApiOperation({ summary: "End an action's active RAG override (board, admin)" })
  @ApiForbiddenResponse({ description: 'action owners cannot change a RAG' })
  end(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<RagOverrideDto> {
    return this.overrides.end(user, id);
  }
}
