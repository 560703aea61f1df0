/**
 * The words of a scrutiny committee report that an organisation sets once (report of, contact
 * officer, reasons for the recommendations, implications...), with the defaults used when it has
 * not. Pure: the pack model and the API both read it.
 */

export interface GlossaryEntry {
  term: string;
  meaning: string;
}

/** What an organisation may set; null (or absent) means "use the default". */
export interface ReportWordingSettings {
  /** The committee's name when the pack is not for a meeting on the calendar. */
  committeeName: string | null;
  /** "Report of": an officer's role, e.g. 'Director of Adult Social Services'. */
  reportOfRole: string | null;
  contactOfficerRole: string | null;
  /** A team mailbox, never a person's address. */
  contactMailbox: string | null;
  /** Replaces the default purpose paragraph. */
  purpose: string | null;
  /** Replace the default recommendations (the first, "notes the progress", is always computed). */
  recommendations: string[] | null;
  reasonsForRecommendations: string | null;
  financialImplications: string | null;
  legalImplications: string | null;
  equalityImplications: string | null;
  safeguardingImplications: string | null;
  /** Added to the default glossary; an entry with a default's term replaces it. */
  glossary: GlossaryEntry[] | null;
}

export const REPORT_WORDING_FIELDS = [
  'committeeName',
  'reportOfRole',
  'contactOfficerRole',
  'contactMailbox',
  'purpose',
  'recommendations',
  'reasonsForRecommendations',
  'financialImplications',
  'legalImplications',
  'equalityImplications',
  'safeguardingImplications',
  'glossary',
] as const satisfies readonly (keyof ReportWordingSettings)[];

export const EMPTY_REPORT_WORDING: Readonly<ReportWordingSettings> = Object.freeze({
  committeeName: null,
  reportOfRole: null,
  contactOfficerRole: null,
  contactMailbox: null,
  purpose: null,
  recommendations: null,
  reasonsForRecommendations: null,
  financialImplications: null,
  legalImplications: null,
  equalityImplications: null,
  safeguardingImplications: null,
  glossary: null,
});

/** The defaults of the text fields (committee name, report of and purpose are computed from the plan). */
export const DEFAULT_REPORT_WORDING = Object.freeze({
  committeeName: 'Scrutiny Committee',
  contactOfficerRole: 'Improvement Programme Lead',
  reasonsForRecommendations:
    'The committee’s role is to scrutinise the council’s response to the regulator’s findings and to hold the council to account for delivering its improvement plan. ' +
    'Regular progress reports let members see what has been achieved, challenge where actions have slipped, and be assured that the risks to delivery are known and managed.',
  financialImplications:
    'There are no direct financial implications arising from this report. The improvement plan is delivered within approved budgets; any further resources it needs are reported separately for decision.',
  legalImplications:
    'The council must respond to the regulator’s findings and to any notification, letter or notice that followed them. This report is for information and has no further direct legal implications.',
  equalityImplications:
    'There are no direct equality implications arising from this report. Actions in the plan that change services are assessed for their impact on people with protected characteristics as they are designed.',
  safeguardingImplications:
    'The improvement plan responds to findings about how well people are kept safe. The actions at risk of delay are set out under key risks, each with what is being done about it.',
});

/** Terms a councillor may meet in the report, in alphabetical order. */
export const DEFAULT_GLOSSARY: readonly GlossaryEntry[] = Object.freeze([
  { term: 'Blue (RAG)', meaning: 'An action that is complete and whose evidence has been accepted by the improvement board.' },
  { term: 'Care Act 2014', meaning: 'The law that sets out councils’ duties to adults with care and support needs and their carers, including safeguarding.' },
  { term: 'CQC local authority assessment', meaning: 'The Care Quality Commission’s assessment of how well a council meets its duties under the Care Act, scored on nine quality statements in four themes.' },
  { term: 'Improvement board', meaning: 'The officers and partners who oversee delivery of the improvement plan, review evidence and agree changes to it.' },
  { term: 'Making Safeguarding Personal', meaning: 'A national approach to adult safeguarding that puts the person’s wishes and the outcomes they want at the centre of every enquiry.' },
  { term: 'Quality statement', meaning: 'One of the nine statements CQC scores from 1 to 4 in a local authority assessment; the scores give the overall percentage and rating.' },
  { term: 'RAG rating', meaning: 'Red, Amber or Green (with Blue for complete and evidenced, Grey for not yet started): the colour given to each action by the council’s rules.' },
  { term: 'Section 42 enquiry', meaning: 'An enquiry the council makes, or asks a partner to make, under section 42 of the Care Act 2014 when an adult with care and support needs may be at risk of abuse or neglect.' },
  { term: 'Section 50 notification', meaning: 'CQC’s notification to the Secretary of State, under section 50 of the Health and Social Care Act 2008, that a council is failing to meet its duties.' },
  { term: 'Safeguarding Adults Board', meaning: 'The statutory partnership of the council, police and NHS that oversees adult safeguarding in the area.' },
]);

/** The wording a pack prints: every field resolved (null only where the pack computes it itself). */
export interface ResolvedReportWording {
  committeeName: string;
  reportOfRole: string | null;
  contactOfficerRole: string;
  contactMailbox: string | null;
  purpose: string | null;
  recommendations: string[] | null;
  reasonsForRecommendations: string;
  financialImplications: string;
  legalImplications: string;
  equalityImplications: string;
  safeguardingImplications: string;
  glossary: GlossaryEntry[];
}

const text = (value: string | null | undefined): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** A role as a report prints it: without a bracketed gloss ("Director of Adult Social Services (DASS)"). */
export function plainRole(role: string): string {
  return role.replace(/\s*[([][^)\]]*[)\]]/g, '').replace(/\s+/g, ' ').trim();
}

export function mergeGlossary(extra: readonly GlossaryEntry[] | null): GlossaryEntry[] {
  const byTerm = new Map<string, GlossaryEntry>();
  for (const e of [...DEFAULT_GLOSSARY, ...(extra ?? [])]) byTerm.set(e.term.trim().toLowerCase(), { term: e.term.trim(), meaning: e.meaning.trim() });
  return [...byTerm.values()].sort((a, b) => a.term.localeCompare(b.term, 'en-GB', { sensitivity: 'base' }));
}

export function resolveReportWording(settings: Partial<ReportWordingSettings> | null | undefined): ResolvedReportWording {
  const s = { ...EMPTY_REPORT_WORDING, ...(settings ?? {}) };
  const recommendations = (s.recommendations ?? []).map((r) => r.trim()).filter((r) => r !== '');
  const reportOf = text(s.reportOfRole);
  return {
    committeeName: text(s.committeeName) ?? DEFAULT_REPORT_WORDING.committeeName,
    reportOfRole: reportOf === null ? null : plainRole(reportOf),
    contactOfficerRole: plainRole(text(s.contactOfficerRole) ?? DEFAULT_REPORT_WORDING.contactOfficerRole),
    contactMailbox: text(s.contactMailbox),
    purpose: text(s.purpose),
    recommendations: recommendations.length > 0 ? recommendations : null,
    reasonsForRecommendations: text(s.reasonsForRecommendations) ?? DEFAULT_REPORT_WORDING.reasonsForRecommendations,
    financialImplications: text(s.financialImplications) ?? DEFAULT_REPORT_WORDING.financialImplications,
    legalImplications: text(s.legalImplications) ?? DEFAULT_REPORT_WORDING.legalImplications,
    equalityImplications: text(s.equalityImplications) ?? DEFAULT_REPORT_WORDING.equalityImplications,
    safeguardingImplications: text(s.safeguardingImplications) ?? DEFAULT_REPORT_WORDING.safeguardingImplications,
    glossary: mergeGlossary(s.glossary),
  };
}
