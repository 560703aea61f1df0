import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/request-context/request-context';
import { AuditChainService } from './audit-chain.service';
import { AuditService } from './audit.service';
import { AuditChainReportDto } from './dto/audit-chain-report.dto';
import { AuditEventPageDto, AuditEventQueryDto } from './dto/audit-event.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly chain: AuditChainService,
  ) {}

  @Get()
  @Roles('admin', 'board')
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiOperation({ summary: 'The audit trail of your organisation: who changed what, when, before and after' })
  list(@CurrentUser() user: AuthUser, @Query() query: AuditEventQueryDto): Promise<AuditEventPageDto> {
    return this.audit.list(user, query);
  }

  /** Recomputes the caller's organisation's hash chain and reports the first broken link, if any. */
  @Get('verify')
  @Roles('admin')
  @ApiOkResponse({ type: AuditChainReportDto })
  @ApiOperation({ summary: "Recompute your organisation's audit hash chain and report the first broken link, if any (admin)" })
  verify(@CurrentUser() user: AuthUser): Promise<AuditChainReportDto> {
    return this.chain.verifyOrganisation(user.organisationId);
  }
}
