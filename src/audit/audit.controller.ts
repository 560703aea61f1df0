import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { AuditChainService } from './audit-chain.service';
import { AuditEventRepository } from './audit-event.repository';
import { AuditChainReportDto } from './dto/audit-chain-report.dto';
import { AuditEventPageDto, AuditEventQueryDto } from './dto/audit-event.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly events: AuditEventRepository,
    private readonly chain: AuditChainService,
  ) {}

  @Get()
  @Roles('admin', 'board')
  @ApiOkResponse({ type: AuditEventPageDto })
  async list(@CurrentUser() user: AuthUser, @Query() query: AuditEventQueryDto): Promise<AuditEventPageDto> {
    const [rows, total] = await this.events.findPage(user.organisationId, query);
    return toPage(
      rows.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
      total,
      query,
    );
  }

  /** Recomputes the caller's organisation's hash chain and reports the first broken link, if any. */
  @Get('verify')
  @Roles('admin')
  @ApiOkResponse({ type: AuditChainReportDto })
  verify(@CurrentUser() user: AuthUser): Promise<AuditChainReportDto> {
    return this.chain.verifyOrganisation(user.organisationId);
  }
}
