import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/request-context/request-context';
import { AuditService } from './audit.service';
import { AuditEventPageDto, AuditEventQueryDto } from './dto/audit-event.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin', 'board')
  @ApiOkResponse({ type: AuditEventPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: AuditEventQueryDto): Promise<AuditEventPageDto> {
    return this.audit.list(user, query);
  }
}
