import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import type { AuthUser } from '../common/request-context/request-context';
import type { PutReportWordingDto, ReportWordingDto } from './dto/report-wording.dto';
import type { ReportWordingEntity } from './entities/report-wording.entity';
import { DEFAULT_GLOSSARY, DEFAULT_REPORT_WORDING, EMPTY_REPORT_WORDING, REPORT_WORDING_FIELDS, type ReportWordingSettings } from './report-wording';
import { ReportWordingRepository } from './report-wording.repository';

const DEFAULTS: ReportWordingDto['defaults'] = {
  committeeName: DEFAULT_REPORT_WORDING.committeeName,
  reportOfRole: 'Programme Lead',
  contactOfficerRole: DEFAULT_REPORT_WORDING.contactOfficerRole,
  contactMailbox: null,
  purpose: 'To update the committee on progress against the improvement plan at the reporting date, and on the inspection, notification or notice it responds to.',
  recommendations: [
    'That the committee notes the key risks to delivery and the action being taken on each.',
    'That the committee notes the next steps and receives a further progress report at its next scheduled meeting.',
  ],
  reasonsForRecommendations: DEFAULT_REPORT_WORDING.reasonsForRecommendations,
  financialImplications: DEFAULT_REPORT_WORDING.financialImplications,
  legalImplications: DEFAULT_REPORT_WORDING.legalImplications,
  equalityImplications: DEFAULT_REPORT_WORDING.equalityImplications,
  safeguardingImplications: DEFAULT_REPORT_WORDING.safeguardingImplications,
  glossary: DEFAULT_GLOSSARY.map((g) => ({ ...g })),
};

export function settingsOf(row: ReportWordingEntity | null): ReportWordingSettings {
  if (!row) return { ...EMPTY_REPORT_WORDING };
  const out = { ...EMPTY_REPORT_WORDING } as Record<keyof ReportWordingSettings, unknown>;
  for (const field of REPORT_WORDING_FIELDS) out[field] = row[field] ?? null;
  return out as ReportWordingSettings;
}

function toDto(row: ReportWordingEntity | null): ReportWordingDto {
  return {
    version: row?.version ?? 0,
    updatedAt: row ? row.updatedAt.toISOString() : null,
    settings: settingsOf(row),
    defaults: DEFAULTS,
  };
}

/** An organisation's scrutiny report wording: read and replaced by its administrators, audited. */
@Injectable()
export class ReportWordingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly wording: ReportWordingRepository,
    private readonly audit: AuditService,
  ) {}

  async get(user: AuthUser): Promise<ReportWordingDto> {
    return toDto(await this.wording.find(user.organisationId));
  }

  /** Replaces the whole wording (fields left out go back to their defaults), in one transaction with its audit line. */
  async put(user: AuthUser, dto: PutReportWordingDto): Promise<ReportWordingDto> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.wording.findForUpdate(manager, user.organisationId);
      const currentVersion = existing?.version ?? 0;
      if (dto.version !== undefined && dto.version !== currentVersion) throw AppException.staleVersion('report wording', currentVersion);
      const before = settingsOf(existing);
      const row = existing ?? this.wording.create(manager, user.organisationId);
      const next = { ...EMPTY_REPORT_WORDING } as Record<keyof ReportWordingSettings, unknown>;
      for (const field of REPORT_WORDING_FIELDS) {
        const value = dto[field];
        next[field] = value === undefined || value === null || (Array.isArray(value) && value.length === 0) ? null : value;
      }
      if (Array.isArray(next.glossary)) next.glossary = (next.glossary as { term: string; meaning: string }[]).map((g) => ({ term: g.term.trim(), meaning: g.meaning.trim() }));
      if (Array.isArray(next.recommendations)) next.recommendations = (next.recommendations as string[]).map((r) => r.trim());
      Object.assign(row, next, { updatedById: user.id });
      const saved = await this.wording.save(manager, row);
      await this.audit.record(manager, {
        entityType: 'report_wording',
        entityId: user.organisationId,
        action: existing ? 'update' : 'create',
        before: existing ? before : null,
        after: settingsOf(saved),
        planId: null,
      });
      return toDto(saved);
    });
  }
}
