/** Kinds of inspection (a regulatory event), and how each is judged. */
export type InspectionKind =
  | 'cqc_la_assessment'
  | 'ofsted_ilacs_full'
  | 'ofsted_ilacs_short'
  | 'ofsted_focused_visit'
  | 'ofsted_monitoring_visit'
  | 'jtai'
  | 'other';

/** How an inspection of this kind is judged. */
export type AssessmentStyle =
  /** CQC LA assessment: nine quality statement scores; the overall rating is derived from them. */
  | 'cqc_scores'
  /** Ofsted ILACS: five graded judgements; the overall is overall_effectiveness. */
  | 'ofsted_judgements'
  /** An overall judgement on the regulator's scale may be recorded, nothing else. */
  | 'overall_only'
  /** Not graded (focused and monitoring visits, JTAI): a letter, no judgement. */
  | 'ungraded';

export interface InspectionKindInfo {
  key: InspectionKind;
  label: string;
  assessment: AssessmentStyle;
}

export const INSPECTION_KIND_INFO: Readonly<Record<InspectionKind, InspectionKindInfo>> = Object.freeze({
  cqc_la_assessment: { key: 'cqc_la_assessment', label: 'CQC local authority assessment', assessment: 'cqc_scores' },
  ofsted_ilacs_full: { key: 'ofsted_ilacs_full', label: 'Ofsted ILACS full inspection', assessment: 'ofsted_judgements' },
  ofsted_ilacs_short: { key: 'ofsted_ilacs_short', label: 'Ofsted ILACS short inspection', assessment: 'ofsted_judgements' },
  ofsted_focused_visit: { key: 'ofsted_focused_visit', label: 'Ofsted focused visit', assessment: 'ungraded' },
  ofsted_monitoring_visit: { key: 'ofsted_monitoring_visit', label: 'Ofsted monitoring visit', assessment: 'ungraded' },
  jtai: { key: 'jtai', label: 'Joint targeted area inspection (JTAI)', assessment: 'ungraded' },
  other: { key: 'other', label: 'Other inspection or review', assessment: 'overall_only' },
});

export const INSPECTION_KINDS: readonly InspectionKind[] = Object.freeze(Object.keys(INSPECTION_KIND_INFO) as InspectionKind[]);

/** The kind's info; undefined for a stored kind this code does not know. */
export function inspectionKindInfo(kind: string): InspectionKindInfo | undefined {
  return Object.hasOwn(INSPECTION_KIND_INFO, kind) ? INSPECTION_KIND_INFO[kind as InspectionKind] : undefined;
}
