import { emptyRollUp, type GroupRollUp } from '../rag/compute/rag-roll-up';
import { CQC_QUALITY_STATEMENTS, JTAI_HEADINGS, OFSTED_ILACS_JUDGEMENTS } from '../inspections/regulator-scales';
import { FindingDto } from './dto/finding.dto';
import { FindingEntity, FindingType } from './entities/finding.entity';

// CQC quality statement keys and Ofsted judgement keys do not overlap, so one lookup serves both.
const THEME_LABELS = new Map<string, string>([...CQC_QUALITY_STATEMENTS, ...OFSTED_ILACS_JUDGEMENTS, ...JTAI_HEADINGS].map((t) => [t.key, t.label]));

export const FINDING_TYPE_LABELS: Record<FindingType, string> = {
  area_for_improvement: 'Area for improvement',
  area_for_priority_action: 'Area for priority action',
  recommendation: 'Recommendation',
  requirement: 'Requirement',
};

/**
 * A finding as the API gives it, with the roll-up of its answering actions' current colours (an
 * empty one for a finding no action answers yet).
 */
export function toFindingDto(f: FindingEntity, rag: GroupRollUp = emptyRollUp()): FindingDto {
  return {
    id: f.id,
    inspectionId: f.inspectionId,
    noticeId: f.noticeId,
    reference: f.reference,
    title: f.title,
    text: f.text,
    theme: f.theme,
    themeLabel: f.theme === null ? null : (THEME_LABELS.get(f.theme) ?? null),
    score: f.score,
    type: f.type,
    typeLabel: FINDING_TYPE_LABELS[f.type] ?? f.type,
    rag: { colour: rag.colour, total: rag.total, counts: { ...rag.counts }, notComputed: rag.notComputed },
    version: f.version,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}
