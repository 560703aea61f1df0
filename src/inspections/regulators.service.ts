import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertPlanReader } from '../common/auth/access-policy';
import { AppException } from '../common/errors/app.exception';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { CreateRegulatorDto, RegulatorDto, RegulatorPageDto, RegulatorQueryDto } from './dto/regulator.dto';
import { toRegulatorDto } from './regulator.mapper';
import { RegulatorsRepository } from './regulators.repository';
import { InspectionsErrorCode } from './inspections.exception';

@Injectable()
export class RegulatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regulators: RegulatorsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: RegulatorQueryDto): Promise<RegulatorPageDto> {
    const [rows, total] = await this.regulators.findPage(user.organisationId, query);
    return toPage(rows.map(toRegulatorDto), total, query);
  }

  async get(user: AuthUser, id: string): Promise<RegulatorDto> {
    assertPlanReader(user, 'Regulator', id);
    const regulator = await this.regulators.findVisible(user.organisationId, id);
    if (!regulator) throw AppException.notFound('Regulator', id);
    return toRegulatorDto(regulator);
  }

  async create(user: AuthUser, dto: CreateRegulatorDto): Promise<RegulatorDto> {
    return this.dataSource.transaction(async (manager) => {
      if (await this.regulators.codeTaken(user.organisationId, dto.code, manager)) {
        throw AppException.conflict(InspectionsErrorCode.RegulatorCodeTaken, `code: '${dto.code}' is already used by a regulator you can see`, [
          { field: 'code', messages: ['is already used by a regulator you can see'] },
        ]);
      }
      const regulator = await this.regulators.insert(manager, {
        organisationId: user.organisationId,
        code: dto.code,
        name: dto.name,
        judgementScale: dto.judgementScale ?? [],
      });
      await this.audit.record(manager, { entityType: 'regulator', entityId: regulator.id, action: 'create', after: regulator });
      return toRegulatorDto(regulator);
    });
  }
}
