import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertPlanManager, assertPlanOpen, requireReadablePlanRow } from '../common/auth/access-policy';
import { compareDates } from '../common/dates/calendar-date';
import { AppException } from '../common/errors/app.exception';
import { hasDependents, type DependentGroup } from '../common/errors/has-dependents';
import { toPage } from '../common/pagination/page.dto';
import type { AuthUser } from '../common/request-context/request-context';
import { RegulatorDeadlinesService } from '../deadlines/regulator-deadlines.service';
import { CreateInspectionDto, InspectionDto, InspectionPageDto, InspectionQueryDto, UpdateInspectionDto } from './dto/inspection.dto';
import { RegulatorEntity } from './entities/regulator.entity';
import { toInspectionDto } from './inspection.mapper';
import { InspectionChanges, InspectionsRepository } from './inspections.repository';
import { regulatorRef } from './regulator.mapper';
import { RegulatorRef, RegulatorRuleError, resolveInspectionJudgement } from './regulator-scales';
import { RegulatorsRepository } from './regulators.repository';

/** What another feature needs of an inspection it points at: which one, and its regulator as the scale rules see it. */
export interface InspectionReference {
  id: string;
  regulator: RegulatorRef;
  /** The inspection's kind: a JTAI's findings take its own headings, not the regulator's. */
  kind: string;
}

/** The fields whose change means the judgement must be checked (and derived) again. */
const JUDGEMENT_FIELDS = ['regulatorId', 'kind', 'overallJudgement', 'qualityStatementScores', 'judgements'] as const;

function asInvalidField(e: unknown): never {
  if (e instanceof RegulatorRuleError) throw AppException.invalidField(e.field, e.message);
  throw e;
}

@Injectable()
export class InspectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspections: InspectionsRepository,
    private readonly regulators: RegulatorsRepository,
    private readonly audit: AuditService,
    private readonly deadlines: RegulatorDeadlinesService,
  ) {}

  async list(user: AuthUser, planId: string, query: InspectionQueryDto): Promise<InspectionPageDto> {
    const [rows, total] = await this.inspections.findPage(user.organisationId, planId, query);
    const regulators = await this.regulators.findVisibleByIds(user.organisationId, [...new Set(rows.map((r) => r.regulatorId))]);
    const byId = new Map(regulators.map((r) => [r.id, r]));
    return toPage(
      rows.map((inspection) => toInspectionDto(inspection, byId.get(inspection.regulatorId)!)),
      total,
      query,
    );
  }

  async get(user: AuthUser, id: string): Promise<InspectionDto> {
    const inspection = requireReadablePlanRow(user, 'Inspection', id, await this.inspections.findInOrg(user.organisationId, id));
    const regulator = await this.regulators.findVisible(user.organisationId, inspection.regulatorId);
    return toInspectionDto(inspection, regulator!);
  }

  /** One inspection and the plan it belongs to (the web's inspection pages check the user's role in that plan); 404 as `get`. */
  async getInPlan(user: AuthUser, id: string): Promise<{ planId: string; inspection: InspectionDto }> {
    const inspection = requireReadablePlanRow(user, 'Inspection', id, await this.inspections.findInOrg(user.organisationId, id));
    const regulator = await this.regulators.findVisible(user.organisationId, inspection.regulatorId);
    return { planId: inspection.planId, inspection: toInspectionDto(inspection, regulator!) };
  }

  /** For other features (notices, findings): the inspection in the caller's organisation, or a 400 naming the field. */
  async requireForReference(organisationId: string, planId: string, id: string, field: string, manager?: EntityManager): Promise<InspectionReference> {
    const inspection = await this.inspections.findInOrg(organisationId, id, manager);
    if (!inspection || inspection.planId !== planId) throw AppException.invalidField(field, 'no such inspection in this plan');
    const regulator = await this.regulators.findVisible(organisationId, inspection.regulatorId, manager);
    return { id: inspection.id, regulator: regulatorRef(regulator!), kind: inspection.kind };
  }

  async create(user: AuthUser, planId: string, dto: CreateInspectionDto): Promise<InspectionDto> {
    assertPlanOpen(user, { organisationId: user.organisationId, planId });
    return this.dataSource.transaction(async (manager) => {
      const regulator = await this.requireRegulator(user.organisationId, dto.regulatorId, manager);
      const dates = { startDate: dto.startDate, endDate: dto.endDate ?? null, publishedDate: dto.publishedDate ?? null };
      checkDates(dates);
      let judgement;
      try {
        judgement = resolveInspectionJudgement(regulatorRef(regulator), {
          kind: dto.kind,
          overallJudgement: dto.overallJudgement ?? null,
          qualityStatementScores: dto.qualityStatementScores ?? null,
          judgements: dto.judgements ?? null,
          overallJudgementGiven: dto.overallJudgement !== undefined && dto.overallJudgement !== null,
        });
      } catch (e) {
        asInvalidField(e);
      }
      const inspection = await this.inspections.insert(manager, {
        organisationId: user.organisationId,
        planId,
        regulatorId: regulator.id,
        kind: dto.kind,
        title: dto.title,
        ...dates,
        reportReference: dto.reportReference ?? null,
        reportUrl: dto.reportUrl ?? null,
        ...judgement,
      });
      await this.audit.record(manager, { entityType: 'inspection', entityId: inspection.id, action: 'create', after: inspection });
      await this.deadlines.syncInspection(manager, user, inspection);
      return toInspectionDto(inspection, regulator);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateInspectionDto): Promise<InspectionDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = requireReadablePlanRow(user, 'Inspection', id, await this.inspections.findInOrg(user.organisationId, id, manager));
      assertPlanManager(user, before, 'change the plan');
      const { version, ...fields } = dto;
      // Only what the client sent: absent fields stay as they are.
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as InspectionChanges;

      const regulatorId = dto.regulatorId ?? before.regulatorId;
      const regulator =
        regulatorId === before.regulatorId
          ? (await this.regulators.findVisible(user.organisationId, regulatorId, manager))!
          : await this.requireRegulator(user.organisationId, regulatorId, manager);
      if (regulatorId !== before.regulatorId) {
        // A finding's theme and score are read against its inspection's regulator.
        const findings = await this.inspections.findingsOf(user.organisationId, id, manager);
        if (findings.length > 0) {
          throw AppException.invalidField('regulatorId', `cannot change: the inspection has findings (${findings.map((f) => f.label).join(', ')}) themed for its regulator`);
        }
      }

      checkDates({
        startDate: dto.startDate ?? before.startDate,
        endDate: dto.endDate !== undefined ? dto.endDate : before.endDate,
        publishedDate: dto.publishedDate !== undefined ? dto.publishedDate : before.publishedDate,
      });

      if (JUDGEMENT_FIELDS.some((f) => dto[f] !== undefined)) {
        try {
          Object.assign(
            changes,
            resolveInspectionJudgement(regulatorRef(regulator), {
              kind: dto.kind ?? before.kind,
              overallJudgement: dto.overallJudgement !== undefined ? dto.overallJudgement : before.overallJudgement,
              qualityStatementScores: dto.qualityStatementScores !== undefined ? dto.qualityStatementScores : before.qualityStatementScores,
              judgements: dto.judgements !== undefined ? dto.judgements : before.judgements,
              overallJudgementGiven: dto.overallJudgement !== undefined && dto.overallJudgement !== null,
            }),
          );
        } catch (e) {
          asInvalidField(e);
        }
      }

      const after = await this.inspections.updateVersioned(manager, { id, organisationId: user.organisationId }, version, changes);
      await this.audit.record(manager, { entityType: 'inspection', entityId: id, action: 'update', before, after });
      await this.deadlines.syncInspection(manager, user, after);
      return toInspectionDto(after, regulator);
    });
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = requireReadablePlanRow(user, 'Inspection', id, await this.inspections.findInOrgForUpdate(user.organisationId, id, manager));
      assertPlanManager(user, before, 'change the plan');
      const conflict = hasDependents(`inspection '${before.title}'`, await this.dependentsOf(user.organisationId, id, manager));
      if (conflict) throw conflict;
      await this.deadlines.removeFor(manager, user.organisationId, { inspectionId: id });
      await this.inspections.delete(manager, user.organisationId, id);
      await this.audit.record(manager, { entityType: 'inspection', entityId: id, action: 'delete', before });
    });
  }

  /**
   * What stops `remove` deleting the inspection (its findings, then the notices that follow it), as
   * `remove` counts them, for a page that says so before anyone asks; each group may be empty. 404 as `get`.
   */
  async dependents(user: AuthUser, id: string): Promise<DependentGroup[]> {
    requireReadablePlanRow(user, 'Inspection', id, await this.inspections.findInOrg(user.organisationId, id));
    return this.dependentsOf(user.organisationId, id);
  }

  private async dependentsOf(organisationId: string, id: string, manager?: EntityManager): Promise<DependentGroup[]> {
    return [
      { relation: 'has', entityType: 'finding', rows: await this.inspections.findingsOf(organisationId, id, manager) },
      { relation: 'has', entityType: 'notice', rows: await this.inspections.noticesOf(organisationId, id, manager) },
    ];
  }

  private async requireRegulator(organisationId: string, id: string, manager: EntityManager): Promise<RegulatorEntity> {
    const regulator = await this.regulators.findVisible(organisationId, id, manager);
    if (!regulator) throw AppException.invalidField('regulatorId', 'no such regulator (GET /regulators lists the ones you can use)');
    return regulator;
  }
}

function checkDates(d: { startDate: string; endDate: string | null; publishedDate: string | null }): void {
  if (d.endDate !== null && compareDates(d.endDate, d.startDate) < 0) throw AppException.invalidField('endDate', 'must not be before startDate');
  if (d.publishedDate !== null && compareDates(d.publishedDate, d.startDate) < 0) {
    throw AppException.invalidField('publishedDate', 'must not be before startDate');
  }
}
