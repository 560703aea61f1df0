import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/request-context/request-context';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { RagHistoryPageDto, RagHistoryQueryDto } from './dto/rag-history.dto';
import { RagHistoryService } from './rag-history.service';

/** Board, admin and the action's owner. No @Roles: scrutiny gets 404 and other owners 403, decided in the service. */
@ApiTags('rag')
@ApiBearerAuth()
@Controller('actions/:id/rag-history')
export class RagHistoryController {
  constructor(private readonly history: RagHistoryService) {}

  /** The action's colour at each reporting date (one snapshot per date), newest first. */
  @Get()
  @ApiOkResponse({ type: RagHistoryPageDto })
  @ApiForbiddenResponse({ description: "an owner asking about someone else's action" })
  @ApiNotFoundResponse({ description: 'no such action in your organisation (also for scrutiny members)' })
  @ApiOperation({ summary: "An action's RAG colour at each reporting date, newest first" })
  list(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Query() query: RagHistoryQueryDto): Promise<RagHistoryPageDto> {
    return this.history.list(user, id, query);
  }
}
