import type { ImportField } from '../import-fields';

/**
 * The header words each field is recognised by, already normalised (lower case, no punctuation,
 * '&' as 'and': see normaliseWords). Documented in src/imports/README.md; add words here.
 * A header that is exactly one of these maps with confidence 1 (0.8 for the weak ones below);
 * a header that contains one as whole words ("Target date for completion") maps with 0.7 (0.5).
 */
export const FIELD_SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = Object.freeze({
  reference: [
    'ref', 'reference', 'ref no', 'ref number', 'reference number', 'reference no', 'action ref', 'action reference', 'action no',
    'action number', 'action id', 'id', 'no', 'nos', 'number', 'item', 'item no', 'item number', 'line', 'ref id',
  ],
  finding: [
    'finding', 'findings', 'area for improvement', 'areas for improvement', 'afi', 'afis', 'area for development', 'areas for development',
    'recommendation', 'recommendations', 'requirement', 'requirements', 'issue', 'issues', 'issue identified', 'inspection finding',
    'cqc finding', 'ofsted finding', 'key finding', 'what needs to improve', 'what needs to change', 'area of concern', 'areas of concern',
    'concern', 'improvement area', 'quality statement', 'regulator finding', 'what the inspectors found', 'what we were told',
  ],
  workstream: [
    'workstream', 'work stream', 'workstreams', 'priority', 'priorities', 'priority area', 'key priority', 'strategic priority',
    'improvement priority', 'key outcome', 'key outcomes', 'outcome area', 'theme', 'themes', 'strand', 'objective', 'strategic objective',
    'programme', 'project', 'domain', 'section', 'key area', 'focus area',
  ],
  actionTitle: [
    'action', 'actions', 'action title', 'action required', 'actions required', 'action to be taken', 'actions to be taken',
    'key action', 'key actions', 'improvement action', 'planned action', 'planned actions', 'what', 'what we will do', 'what will we do',
    'what are we going to do', 'task', 'activity', 'deliverable', 'action summary', 'agreed action', 'agreed actions',
  ],
  description: [
    'description', 'action description', 'detail', 'details', 'action detail', 'action details', 'how', 'how we will do it',
    'how will we do it', 'how will this be achieved', 'how we will achieve this', 'approach', 'method', 'further detail', 'activity detail',
  ],
  owner: [
    'owner', 'action owner', 'owners', 'lead', 'lead officer', 'lead officers', 'lead person', 'lead manager', 'named lead',
    'responsible', 'responsible officer', 'responsible person', 'responsibility', 'accountable officer', 'accountable', 'who',
    'assigned to', 'officer', 'senior responsible officer', 'sro', 'owner name', 'lead responsible officer', 'by whom',
  ],
  partner: [
    'partner', 'partners', 'partner agency', 'partner agencies', 'agency', 'agencies', 'lead agency', 'lead organisation',
    'organisation', 'partner organisation', 'partners involved', 'agencies involved', 'supporting agency', 'supporting agencies',
    'lead partner',
  ],
  startDate: ['start', 'start date', 'date started', 'planned start', 'planned start date', 'commencement date', 'from', 'begin', 'start by'],
  dueDate: [
    'due', 'due date', 'date due', 'target date', 'target', 'target completion date', 'target completion', 'deadline', 'when',
    'by when', 'completion date', 'planned completion', 'planned completion date', 'expected completion date', 'date for completion',
    'end date', 'end', 'timescale', 'timescales', 'timeframe', 'delivery date', 'complete by', 'revised target date', 'revised date',
  ],
  status: [
    'status', 'current status', 'action status', 'progress status', 'delivery status', 'progress', 'state', 'position',
    'overall status', 'status update',
  ],
  rag: ['rag', 'rag status', 'rag rating', 'rag rating current', 'current rag', 'brag', 'brag status', 'brag rating', 'red amber green', 'rating'],
  milestones: ['milestone', 'milestones', 'key milestones', 'milestone dates', 'interim milestones', 'key dates', 'key steps', 'steps'],
  successMeasure: [
    'success measure', 'success measures', 'measure of success', 'measures of success', 'success criteria', 'outcome measure',
    'outcome measures', 'how will we know', 'how will we know it has worked', 'how we will measure success', 'how will we measure success',
    'impact measure', 'impact measures', 'kpi', 'kpis', 'performance measure', 'performance measures', 'intended outcome',
    'intended outcomes', 'expected outcome', 'expected outcomes', 'desired outcome', 'measure', 'measures', 'impact',
  ],
  latestUpdate: [
    'update', 'updates', 'latest update', 'progress update', 'progress updates', 'commentary', 'comments', 'comment', 'narrative',
    'progress commentary', 'progress narrative', 'progress to date', 'update on progress', 'current position', 'position statement',
    'outcome q1', 'outcome q2', 'outcome q3', 'outcome q4', 'outcome q1 q4', 'outcomes q1 q4', 'q1', 'q2', 'q3', 'q4', 'q1 update',
    'q2 update', 'q3 update', 'q4 update', 'quarter 1', 'quarter 2', 'quarter 3', 'quarter 4', 'monthly update', 'notes',
  ],
  evidence: [
    'evidence', 'evidence of completion', 'evidence link', 'evidence links', 'supporting evidence', 'evidence location',
    'evidence reference', 'evidence references', 'link to evidence', 'assurance evidence', 'documents', 'supporting documents',
    'evidence of impact',
  ],
});

/** Generic single words that name a field only weakly (a column called "What" or "No"). */
export const WEAK_SYNONYMS: ReadonlySet<string> = new Set([
  'no', 'nos', 'id', 'number', 'item', 'line', 'what', 'how', 'who', 'when', 'from', 'end', 'begin', 'state', 'position', 'target',
  'progress', 'lead', 'officer', 'agency', 'organisation', 'issue', 'issues', 'concern', 'section', 'programme', 'project', 'domain',
  'theme', 'task', 'activity', 'detail', 'details', 'method', 'approach', 'comments', 'comment', 'notes', 'rating', 'measure',
  'measures', 'impact', 'documents', 'steps', 'responsibility', 'accountable', 'due', 'priority', 'objective', 'requirement',
  'requirements', 'timescale', 'timescales', 'timeframe',
]);

/** Words that make a header the current one of two (a "Revised target date" beats a "Target date"), or the old one. */
export const CURRENT_WORDS: ReadonlySet<string> = new Set(['revised', 'current', 'latest', 'new', 'updated', 'amended', 'agreed']);
export const SUPERSEDED_WORDS: ReadonlySet<string> = new Set(['original', 'previous', 'initial', 'baseline', 'old', 'prior', 'last']);
