import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertPlanManager, assertPlanOpen, requireReadablePlanRow } from '../common/auth/access-policy';
import { AppException } from '../common/errors/app.exception';
import { hasDependents, type DependentGroup } from '../common/errors/has-dependents';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { InspectionsService } from '../inspections/inspections.service';
import { checkFindingScore, checkFindingTheme, RegulatorRuleError } from '../inspections/regulator-scales';
import { NoticesService } from '../notices/notices.service';
import { CreateFindingDto, FindingDto, FindingPageDto, FindingQueryDto, UpdateFindingDto } from './dto/finding.dto';
import { toFindingDto } from './finding.mapper';
import { FindingChanges, FindingsRepository } from './findings.repository';
import { FindingsErrorCode } from './findings.exception';
import { rollUpGroups, type GroupRollUp } from '../rag/compute/rag-roll-up';

interface FindingLinks {
  inspectionId: string;
  noticeId: string | null;
  reference: string;
  theme: string | null;
  score: number | null;
}

@Injectable()
export class FindingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly findings: FindingsRepository,
    private readonly inspections: InspectionsService,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, planId: string, query: FindingQueryDto): Promise<FindingPageDto> {
    const [rows, total] = await this.findings.findPage(user.organisationId, planId, query);
    const rollUps = await this.rollUps(user.organisationId, rows.map((f) => f.id));
    return toPage(rows.map((f) => toFindingDto(f, rollUps.get(f.id))), total, query);
  }

  async get(user: AuthUser, id: string): Promise<FindingDto> {
    const finding = requireReadablePlanRow(user, 'Finding', id, await this.findings.findInOrg(user.organisationId, id));
    return toFindingDto(finding, (await this.rollUps(user.organisationId, [id])).get(id));
  }

  /** One finding and the plan it belongs to (the web's finding pages check the user's role in that plan); 404 as `get`. */
  async getInPlan(user: AuthUser, id: string): Promise<{ planId: string; finding: FindingDto }> {
    const finding = requireReadablePlanRow(user, 'Finding', id, await this.findings.findInOrg(user.organisationId, id));
    return { planId: finding.planId, finding: toFindingDto(finding, (await this.rollUps(user.organisationId, [id])).get(id)) };
  }

  /** Each finding's roll-up of its answering actions' current colours (absent: no action answers it). */
  private async rollUps(organisationId: string, findingIds: string[], manager?: EntityManager): Promise<Map<string | null, GroupRollUp>> {
    return rollUpGroups(await this.findings.colourCounts(organisationId, findingIds, manager)).finding;
  }

  async create(user: AuthUser, planId: string, dto: CreateFindingDto): Promise<FindingDto> {
    assertPlanOpen(user, { organisationId: user.organisationId, planId });
    return this.dataSource.transaction(async (manager) => {
      const links: FindingLinks = {
        inspectionId: dto.inspectionId,
        noticeId: dto.noticeId ?? null,
        reference: dto.reference,
        theme: dto.theme ?? null,
        score: dto.score ?? null,
      };
      await this.checkLinks(user.organisationId, planId, links, null, manager);
      const finding = await this.findings.insert(manager, {
        organisationId: user.organisationId,
        planId,
        ...links,
        title: dto.title,
        text: dto.text ?? '',
        type: dto.type,
      });
      await this.audit.record(manager, { entityType: 'finding', entityId: finding.id, action: 'create', after: finding });
      return toFindingDto(finding);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateFindingDto): Promise<FindingDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = requireReadablePlanRow(user, 'Finding', id, await this.findings.findInOrg(user.organisationId, id, manager));
      assertPlanManager(user, before, 'change the plan');
      const { version, ...fields } = dto;
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as FindingChanges;
      const linksChange = (['inspectionId', 'noticeId', 'reference', 'theme', 'score'] as const).some((f) => dto[f] !== undefined);
      if (linksChange) {
        await this.checkLinks(
          user.organisationId,
          before.planId,
          {
            inspectionId: dto.inspectionId ?? before.inspectionId,
            noticeId: dto.noticeId !== undefined ? dto.noticeId : before.noticeId,
            reference: dto.reference ?? before.reference,
            theme: dto.theme !== undefined ? dto.theme : before.theme,
            score: dto.score !== undefined ? dto.score : before.score,
          },
          id,
          manager,
        );
      }
      const after = await this.findings.updateVersioned(manager, { id, organisationId: user.organisationId }, version, changes);
      await this.audit.record(manager, { entityType: 'finding', entityId: id, action: 'update', before, after });
      return toFindingDto(after, (await this.rollUps(user.organisationId, [id], manager)).get(id));
    });
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = requireReadablePlanRow(user, 'Finding', id, await this.findings.findInOrgForUpdate(user.organisationId, id, manager));
      assertPlanManager(user, before, 'change the plan');
      const conflict = hasDependents(`finding ${before.reference}`, await this.dependentsOf(user.organisationId, id, manager));
      if (conflict) throw conflict;
      await this.findings.delete(manager, user.organisationId, id);
      await this.audit.record(manager, { entityType: 'finding', entityId: id, action: 'delete', before });
    });
  }

  /**
   * What stops `remove` deleting the finding (the actions answering it), as `remove` counts them, for
   * a page that says so before anyone asks; each group may be empty. 404 as `get`.
   */
  async dependents(user: AuthUser, id: string): Promise<DependentGroup[]> {
    requireReadablePlanRow(user, 'Finding', id, await this.findings.findInOrg(user.organisationId, id));
    return this.dependentsOf(user.organisationId, id);
  }

  private async dependentsOf(organisationId: string, id: string, manager?: EntityManager): Promise<DependentGroup[]> {
    return [{ relation: 'is answered by', entityType: 'action', rows: await this.findings.answeringActions(organisationId, id, manager) }];
  }

  /**
   * The inspection and notice exist in the organisation and agree with each other; the theme and
   * score suit the inspection's regulator; the reference is free within the inspection.
   */
  private async checkLinks(organisationId: string, planId: string, links: FindingLinks, exceptId: string | null, manager: EntityManager): Promise<void> {
    const inspection = await this.inspections.requireForReference(organisationId, planId, links.inspectionId, 'inspectionId', manager);
    if (links.noticeId) {
      const notice = await this.notices.requireForReference(organisationId, planId, links.noticeId, 'noticeId', manager);
      if (notice.inspectionId !== null && notice.inspectionId !== inspection.id) {
        throw AppException.invalidField('noticeId', 'the notice follows a different inspection from this finding');
      }
    }
    try {
      checkFindingTheme(inspection.regulator, links.theme, inspection.kind);
      checkFindingScore(inspection.regulator, links.score);
    } catch (e) {
      if (e instanceof RegulatorRuleError) throw AppException.invalidField(e.field, e.message);
      throw e;
    }
    if (await this.findings.referenceTaken(organisationId, inspection.id, links.reference, exceptId, manager)) {
      throw AppException.conflict(FindingsErrorCode.ReferenceTaken, `reference: '${links.reference}' is already used by another finding of this inspection`, [
        { field: 'reference', messages: ['is already used by another finding of this inspection'] },
      ]);
    }
  }
}
