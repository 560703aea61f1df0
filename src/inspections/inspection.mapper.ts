import { CqcAssessmentDto, IlacsJudgementDto, InspectionDto } from './dto/inspection.dto';
import { InspectionEntity } from './entities/inspection.entity';
import { RegulatorEntity } from './entities/regulator.entity';
import { inspectionKindInfo } from '../vocabulary/inspection-kind';
import { CQC_LA_THEMES, deriveCqcRating, OFSTED_ILACS_JUDGEMENTS } from './regulator-scales';

function cqcAssessment(scores: Record<string, number> | null): CqcAssessmentDto | null {
  if (!scores) return null;
  const { total, max, percent, wholePercent, rating } = deriveCqcRating(scores);
  return {
    total,
    max,
    percent,
    wholePercent,
    rating,
    themes: CQC_LA_THEMES.map((t) => ({
      key: t.key,
      label: t.label,
      statements: t.statements.map((s) => ({ key: s.key, label: s.label, score: scores[s.key] })),
    })),
  };
}

function ilacsJudgements(judgements: Record<string, string> | null): IlacsJudgementDto[] | null {
  if (!judgements) return null;
  return OFSTED_ILACS_JUDGEMENTS.map((j) => ({ key: j.key, label: j.label, grade: judgements[j.key] }));
}

export function toInspectionDto(i: InspectionEntity, regulator: RegulatorEntity): InspectionDto {
  return {
    id: i.id,
    regulatorId: i.regulatorId,
    regulator: { id: regulator.id, code: regulator.code, name: regulator.name },
    kind: i.kind,
    kindLabel: inspectionKindInfo(i.kind)?.label ?? i.kind,
    title: i.title,
    startDate: i.startDate,
    endDate: i.endDate,
    publishedDate: i.publishedDate,
    reportReference: i.reportReference,
    reportUrl: i.reportUrl,
    overallJudgement: i.overallJudgement,
    qualityStatementScores: i.qualityStatementScores,
    cqcAssessment: cqcAssessment(i.qualityStatementScores),
    judgements: i.judgements,
    ilacsJudgements: ilacsJudgements(i.judgements),
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}
