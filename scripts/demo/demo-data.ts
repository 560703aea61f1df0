/**
 * The demo's four plans (Wigan Council runs two), drawn from the seed articles (their facts, our words). Dates are
 * offsets in days from the day the demo runs (London), so every colour appears whatever the
 * date: an action due 20 days ago is overdue, a milestone 35 days late is red, and so on.
 * Everything here is fictional data about real kinds of event; people are invented.
 */
export type Role = 'admin' | 'board' | 'owner' | 'scrutiny';

export interface DemoUser {
  key: string;
  name: string;
  role: Role;
  jobTitle: string;
  partnerAgency?: string;
}

export interface DemoMilestone {
  title: string;
  due: number;
  /** Days from today it was completed (negative = in the past); absent = open. */
  completed?: number;
}

export interface DemoEvidence {
  title: string;
  kind: 'pdf' | 'xlsx';
  /** Who reviews it and how; absent = awaiting review. */
  review?: { by: string; decision: 'accepted' | 'rejected'; comment: string; on?: number };
  milestone?: number;
  /** Day uploaded (offset); absent = derived by the loader from the action's facts (scripts/demo/load-demo.ts). */
  uploaded?: number;
}

export interface DemoUpdate {
  daysAgo: number;
  narrative: string;
}

export interface DemoAction {
  reference: string;
  title: string;
  description: string;
  workstream: string;
  findings: string[];
  owner: string;
  leadAgency: string;
  start: number;
  due: number;
  status: 'not_started' | 'in_progress' | 'blocked' | 'complete' | 'embedded';
  progress: number;
  successMeasures: string;
  milestones: DemoMilestone[];
  updates: DemoUpdate[];
  evidence: DemoEvidence[];
  /** `set`: the day it was set (offset); absent = a week before the demo's day. */
  override?: { by: string; colour: 'red' | 'amber' | 'green'; reason: string; expires: number; set?: number };
}

/**
 * The improvement board of every demo plan meets every six weeks: twice before the demo's day and
 * once after (days from today). The loader generates the board's pack for each past meeting on its
 * reporting date (the papers deadline, 5 working days before), so each pack's "previous report" is
 * the board's previous meeting, as in a real board cycle; the final pack is for the next meeting.
 */
export const BOARD_MEETING_DAYS = [-70, -28, 14] as const;
export const BOARD_COMMITTEE_NAME = 'Improvement Board';

export interface DemoPlan {
  /** Names the plan (its output folder) and, unless `organisationSlug` is given, its organisation. */
  slug: string;
  /** Plans of one council share its slug (and its people: a person is one login across its plans). */
  organisationSlug?: string;
  organisation: string;
  planTitle: string;
  serviceArea: 'adult_social_care' | 'childrens_services' | 'send' | 'safeguarding_partnership' | 'other';
  users: DemoUser[];
  inspection: {
    regulator: 'cqc' | 'ofsted';
    kind: string;
    title: string;
    start: number;
    end: number;
    published: number;
    reportReference: string;
    qualityStatementScores?: Record<string, number>;
    judgements?: Record<string, string>;
  };
  /** A Section 50 notification and the minister's letter carry no regulator deadline (null); a DfE notice or direction does. */
  notices: { key: string; kind: string; title: string; issued: number; deadline: number | null; failings: string; requirements: string }[];
  /** theme: the heading it sits under (a CQC quality statement, an ILACS judgement, a JTAI's own heading), or null. */
  findings: { key: string; reference: string; title: string; text: string; theme: string | null; score?: number; type: string; notice?: string }[];
  /** The council's own target date for the plan, in days from today (e.g. "fully complete by Summer 2026"); not a regulator deadline. */
  targetDay?: number;
  workstreams: { key: string; code: string; title: string; description: string; leadRole: string }[];
  actions: DemoAction[];
}

const ascUsers: DemoUser[] = [
  { key: 'dass', name: 'Joanna Trelawny', role: 'board', jobTitle: 'Director of Adult Social Services (programme lead)' },
  { key: 'qa', name: 'Femi Castleton', role: 'board', jobTitle: 'Head of Quality Assurance' },
  { key: 'hos', name: 'Anika Sorensby', role: 'owner', jobTitle: 'Head of Safeguarding Adults' },
  { key: 'psw', name: 'Callum Brennock', role: 'owner', jobTitle: 'Principal Social Worker' },
  { key: 'police', name: 'DI Mared Ellery', role: 'owner', jobTitle: 'Detective Inspector, Public Protection', partnerAgency: 'Cheshire Constabulary' },
  { key: 'nhs', name: 'Ife Hollinrake', role: 'owner', jobTitle: 'Designated Nurse, Safeguarding Adults', partnerAgency: 'NHS Cheshire and Merseyside ICB' },
  { key: 'digital', name: 'Declan Ashworthy', role: 'owner', jobTitle: 'Head of Customer and Digital Services' },
  { key: 'bi', name: 'Kwame Ravenscroft', role: 'owner', jobTitle: 'Head of Business Intelligence' },
  { key: 'sab', name: 'Beata Hartwell', role: 'owner', jobTitle: 'Business Manager, Safeguarding Adults Board', partnerAgency: 'Warrington Safeguarding Adults Board' },
  { key: 'cllr', name: 'Cllr Rosalind Fairbairn', role: 'scrutiny', jobTitle: 'Chair, Scrutiny Committee' },
  { key: 'cllr2', name: 'Cllr Tobias Renwick', role: 'scrutiny', jobTitle: 'Member, Protecting the Most Vulnerable Committee' },
];

export const DEMO_PLANS: DemoPlan[] = [
  {
    slug: 'demo-warrington-asc',
    organisation: 'Warrington Borough Council (demo)',
    planTitle: 'Adult Social Care Safeguarding Improvement Plan',
    serviceArea: 'adult_social_care',
    // "Fully complete by Summer 2026": the council's own target, not the regulator's.
    targetDay: 120,
    users: ascUsers,
    inspection: {
      regulator: 'cqc',
      kind: 'cqc_la_assessment',
      title: 'CQC local authority assessment: adult social care',
      start: -420,
      end: -406,
      published: -330,
      reportReference: 'CQC-LAA-2025-WBC',
      // 18 of 36 = 50%: Requires improvement; safeguarding scored 1 (significant shortfalls).
      qualityStatementScores: {
        assessing_needs: 2,
        supporting_healthier_lives: 2,
        equity_in_experience_and_outcomes: 2,
        care_provision_integration_continuity: 2,
        partnerships_and_communities: 3,
        safe_pathways_systems_transitions: 2,
        safeguarding: 1,
        governance_management_sustainability: 2,
        learning_improvement_innovation: 2,
      },
    },
    notices: [
      {
        key: 's50',
        kind: 'section_50',
        title: 'Section 50 notification to the Secretary of State for Health and Social Care',
        issued: -320,
        deadline: null,
        failings: 'CQC found the council failing to discharge its Care Act 2014 safeguarding duties to an acceptable standard: significant shortfalls in safeguarding practice and oversight.',
        requirements: 'Demonstrate sustained improvement in safeguarding practice, oversight of referrals and partner involvement in enquiries, reported to the Department of Health and Social Care quarterly.',
      },
      {
        key: 'letter',
        kind: 'ministerial_letter',
        title: 'Letter from the Minister for Care setting out expectations for improvement',
        issued: -300,
        deadline: null,
        failings: 'Safeguarding practice, particularly the handling of concerns raised online and the assurance of partner enquiries.',
        requirements: 'An action plan addressing the expectations, with a focus on strengthening oversight, improving pathways and the safety and wellbeing of residents, fully complete by summer.',
      },
    ],
    findings: [
      { key: 'f1', reference: 'QS-SAFE-01', title: 'Significant shortfalls in safeguarding', text: 'Evidence shows significant shortfalls for the safeguarding quality statement (score 1).', theme: 'safeguarding', score: 1, type: 'area_for_priority_action', notice: 's50' },
      { key: 'f2', reference: 'QS-SAFE-02', title: 'Concerns raised through the online form lacked human oversight', text: 'Safeguarding concerns submitted through the online form were not always seen by a qualified practitioner, risking gaps for people who did not meet criteria.', theme: 'safeguarding', score: 1, type: 'area_for_priority_action', notice: 's50' },
      { key: 'f3', reference: 'QS-SAFE-03', title: 'Partner involvement in enquiries not assured', text: 'The council could not show the extent to which partners were involved in section 42 enquiries, nor oversight of enquiry actions.', theme: 'safeguarding', score: 1, type: 'area_for_improvement', notice: 'letter' },
      { key: 'f4', reference: 'QS-PATH-01', title: 'Safeguarding pathway unclear and fragmented', text: 'People and professionals found the route into care, support and safeguarding unclear; the pathway needs simplifying end to end.', theme: 'safe_pathways_systems_transitions', score: 2, type: 'area_for_improvement', notice: 'letter' },
      { key: 'f5', reference: 'QS-GOV-01', title: 'Governance of policies and guidance', text: 'Policies, procedures and guidance were not consistently scrutinised, risk assessed, approved and communicated; some guidance was out of date.', theme: 'governance_management_sustainability', score: 2, type: 'area_for_improvement' },
      { key: 'f6', reference: 'QS-LEARN-01', title: 'Making Safeguarding Personal not consistently applied', text: 'Staff and partners did not consistently apply Making Safeguarding Personal or Care Act terminology in day-to-day work.', theme: 'safeguarding', score: 1, type: 'recommendation' },
    ],
    workstreams: [
      { key: 'ko1', code: 'KO1', title: 'Improved safeguarding practice', description: 'More assured oversight and clear referral pathways when an adult is at risk of abuse or neglect and unable to protect themselves.', leadRole: 'Head of Safeguarding Adults' },
      { key: 'ko2', code: 'KO2', title: 'Empowered professionals and partners', description: 'Professionals and partners confident in applying safeguarding principles and legal frameworks.', leadRole: 'Principal Social Worker' },
      { key: 'ko3', code: 'KO3', title: 'Accessible services', description: 'Residents can report concerns easily and receive support when and where they need it.', leadRole: 'Head of Customer and Digital Services' },
      { key: 'ko4', code: 'KO4', title: 'Stronger performance monitoring', description: 'Performance information identifies trends, drives improvement and ensures accountability.', leadRole: 'Head of Quality Assurance' },
      { key: 'ko5', code: 'KO5', title: 'Clear governance and leadership', description: 'Governance and leadership provide assurance, challenge and strategic direction across the safeguarding system.', leadRole: 'Director of Adult Social Services' },
    ],
    actions: [
      {
        reference: 'A1.1', title: 'Review every case raised through the online safeguarding form', workstream: 'ko1', findings: ['f1', 'f2'], owner: 'hos', leadAgency: 'Warrington Borough Council',
        description: 'Review in detail all 1,303 cases raised via the online safeguarding form to confirm no person was left at risk.', start: -200, due: -60, status: 'complete', progress: 100,
        successMeasures: 'All 1,303 cases reviewed by a qualified practitioner; any harm identified acted on; findings reported to the board.',
        milestones: [{ title: 'Case list extracted and allocated', due: -180, completed: -182 }, { title: 'All cases reviewed', due: -75, completed: -70 }, { title: 'Findings report to improvement board', due: -60, completed: -62 }],
        updates: [{ daysAgo: 62, narrative: 'All 1,303 cases reviewed. No instances of harm identified. Report presented to the improvement board.' }],
        evidence: [{ title: 'Case review summary report', kind: 'pdf', review: { by: 'qa', decision: 'accepted', comment: 'Clear method and sample checks; accepted.' } }, { title: 'Case review tracker', kind: 'xlsx', review: { by: 'qa', decision: 'accepted', comment: 'Tracker reconciles to the 1,303 cases.' } }],
      },
      {
        reference: 'A1.2', title: 'Human oversight of the online safeguarding referral form', workstream: 'ko3', findings: ['f2'], owner: 'digital', leadAgency: 'Warrington Borough Council',
        description: 'Every concern submitted online is triaged by a qualified practitioner within one working day; cases not meeting criteria are scrutinised so there are no gaps.', start: -150, due: 45, status: 'in_progress', progress: 60,
        successMeasures: '100% of online concerns triaged by a practitioner within one working day; monthly sample audit of non-threshold cases.',
        milestones: [{ title: 'Triage rota and standard operating procedure agreed', due: -90, completed: -95 }, { title: 'Monitoring report live', due: 20 }, { title: 'First quarterly sample audit', due: 40 }],
        updates: [{ daysAgo: 75, narrative: 'Triage rota in place since the start of the quarter.' }, { daysAgo: 9, narrative: 'Daily triage operating; monitoring report in user testing with the performance team.' }],
        evidence: [{ title: 'Triage standard operating procedure', kind: 'pdf', review: { by: 'dass', decision: 'accepted', comment: 'Accepted.' } }],
      },
      {
        reference: 'A1.3', title: 'Redesign the adult safeguarding pathway end to end', workstream: 'ko1', findings: ['f4', 'f1'], owner: 'psw', leadAgency: 'Warrington Borough Council',
        description: 'Review and simplify the entire safeguarding adults pathway: a new end-to-end process for how adults enter care and support, including safeguarding.', start: -120, due: 90, status: 'in_progress', progress: 40,
        successMeasures: 'New pathway published; practitioners surveyed report it is clear; time from concern to decision reduced.',
        milestones: [{ title: 'Current pathway mapped with practitioners', due: -60, completed: -58 }, { title: 'Draft pathway consulted with partners', due: -10 }, { title: 'New pathway live', due: 80 }],
        updates: [{ daysAgo: 14, narrative: 'Draft pathway written; partner consultation slipped to allow the police and ICB to respond.' }],
        evidence: [{ title: 'Pathway mapping workshop notes', kind: 'pdf' }],
      },
      {
        reference: 'A1.4', title: 'Audit partner involvement in section 42 enquiries', workstream: 'ko1', findings: ['f3'], owner: 'hos', leadAgency: 'Warrington Borough Council',
        description: 'The council audits the extent to which enquiries needing partner involvement in investigations take place, and its oversight of enquiry actions, with input from Cheshire Constabulary.', start: -100, due: 30, status: 'in_progress', progress: 25,
        successMeasures: 'Audit of 60 enquiries completed by the council with police input; action plan for gaps agreed by the Safeguarding Adults Board.',
        milestones: [{ title: 'Audit tool agreed with partners', due: -70, completed: -66 }, { title: 'Audit fieldwork complete', due: -35 }, { title: 'Audit report to the Safeguarding Adults Board', due: 25 }],
        updates: [{ daysAgo: 20, narrative: 'Fieldwork delayed: records access for police officers awaited under the information-sharing agreement.' }],
        evidence: [{ title: 'Audit tool', kind: 'xlsx', review: { by: 'qa', decision: 'rejected', comment: 'The tool does not record whether enquiry actions were overseen; add that question and resubmit.' } }],
      },
      {
        reference: 'A2.1', title: 'Care Act terminology training for staff and partners', workstream: 'ko2', findings: ['f6'], owner: 'psw', leadAgency: 'Warrington Borough Council',
        description: 'Ensure staff and partners understand the Care Act terminology and apply it in day-to-day work.', start: -160, due: -20, status: 'complete', progress: 100,
        successMeasures: '90% of adult social care staff and named partner leads trained; audit shows correct terminology in case records.',
        milestones: [{ title: 'Training designed with the Safeguarding Adults Board', due: -130, completed: -128 }, { title: 'Training delivered', due: -25, completed: -24 }],
        updates: [{ daysAgo: 24, narrative: 'Training delivered to 412 staff and 38 partner leads.' }],
        evidence: [{ title: 'Training attendance records', kind: 'xlsx', review: { by: 'dass', decision: 'rejected', comment: 'Attendance is shown but not the 90% target against the staff list; add the denominator.' } }],
      },
      {
        reference: 'A2.2', title: 'Embed Making Safeguarding Personal and the six safeguarding principles', workstream: 'ko1', findings: ['f6'], owner: 'psw', leadAgency: 'Warrington Borough Council',
        description: 'With the independent Safeguarding Adults Board, make empowerment, prevention, proportionality, protection, partnership and accountability the cornerstones of safeguarding practice.', start: 14, due: 150, status: 'not_started', progress: 0,
        successMeasures: 'Making Safeguarding Personal outcomes recorded in 95% of enquiries; people report feeling safer.',
        milestones: [{ title: 'Practice guide co-produced with people with lived experience', due: 60 }, { title: 'Practice audit', due: 140 }],
        updates: [],
        evidence: [],
      },
      {
        reference: 'A3.1', title: 'Review internal safeguarding guidance documents', workstream: 'ko5', findings: ['f5'], owner: 'hos', leadAgency: 'Warrington Borough Council',
        description: 'Review the guidance that helps staff and partners decide what action or support is necessary.', start: -90, due: 60, status: 'blocked', progress: 30,
        successMeasures: 'All safeguarding guidance reviewed, approved and published with a review date.',
        milestones: [{ title: 'Guidance inventory complete', due: -60, completed: -61 }, { title: 'Revised guidance approved', due: 40 }],
        updates: [{ daysAgo: 6, narrative: 'Blocked: awaiting the new policy approval board (A5.1) before revised guidance can be approved.' }],
        evidence: [],
      },
      {
        reference: 'A4.1', title: 'Monthly safeguarding performance report to the improvement board', workstream: 'ko4', findings: ['f1'], owner: 'bi', leadAgency: 'Warrington Borough Council',
        description: 'A monthly multi-agency safeguarding dataset, with data from the ICB and the police, to identify trends, drive improvement and ensure accountability.', start: -130, due: 75, status: 'in_progress', progress: 55,
        successMeasures: 'Dataset agreed by partners; report received by the board every month; exceptions followed up.',
        milestones: [{ title: 'Dataset agreed with partners', due: -80, completed: -82 }, { title: 'Report automated', due: 50 }],
        updates: [{ daysAgo: 50, narrative: 'Dataset agreed; first manual report produced.' }],
        evidence: [{ title: 'Safeguarding dataset definitions', kind: 'xlsx' }],
        override: { by: 'dass', colour: 'green', reason: 'Reports are being produced each month by the BI team; the written update is overdue, not the work.', expires: 21 },
      },
      {
        reference: 'A5.1', title: 'Strengthen governance of policies, procedures and guidance', workstream: 'ko5', findings: ['f5'], owner: 'hos', leadAgency: 'Warrington Borough Council',
        description: 'A policy approval board to scrutinise, risk assess and approve documents, with clear communication of new or changed documents and training.', start: -60, due: 100, status: 'in_progress', progress: 35,
        successMeasures: 'Approval board meets monthly; every changed document communicated within 10 days with training where needed.',
        milestones: [{ title: 'Terms of reference agreed', due: -30, completed: -31 }, { title: 'Document register live', due: 30 }],
        updates: [{ daysAgo: 12, narrative: 'Terms of reference agreed; first meeting held; register being built.' }],
        evidence: [{ title: 'Policy approval board terms of reference', kind: 'pdf' }],
      },
      {
        reference: 'A5.2', title: 'Adult social care leadership scrutiny of safeguarding practice', workstream: 'ko5', findings: ['f1'], owner: 'hos', leadAgency: 'Warrington Borough Council',
        description: 'Safeguarding is everyone\'s business: monthly practice audits and challenge by the leadership team.', start: -180, due: -30, status: 'embedded', progress: 100,
        successMeasures: 'Monthly leadership audits for six months; audit grades improving.',
        milestones: [{ title: 'Audit programme agreed', due: -170, completed: -171 }, { title: 'Six monthly audits completed', due: -35, completed: -33 }],
        updates: [{ daysAgo: 30, narrative: 'Six months of audits completed; effectiveness check confirms the audits continue.' }],
        evidence: [{ title: 'Leadership audit summary', kind: 'pdf', review: { by: 'qa', decision: 'accepted', comment: 'Accepted.' } }],
      },
    ],
  },
  {
    slug: 'demo-wigan-childrens',
    organisationSlug: 'demo-wigan',
    organisation: 'Wigan Council (demo)',
    planTitle: 'Children\'s Services Improvement Plan',
    serviceArea: 'childrens_services',
    users: [
      { key: 'dcs', name: 'Gareth Lumsden', role: 'board', jobTitle: 'Director of Children\'s Services (programme lead)' },
      { key: 'qa', name: 'Isla Penhaligon', role: 'board', jobTitle: 'Head of Quality Assurance and Practice' },
      { key: 'hcp', name: 'Nasreen Kettlewell', role: 'owner', jobTitle: 'Head of Child Protection' },
      { key: 'mash', name: 'Rhys Abernethy', role: 'owner', jobTitle: 'Team Manager, Multi-Agency Safeguarding Hub' },
      { key: 'police', name: 'DI Carys Wetherall', role: 'owner', jobTitle: 'Detective Inspector, Public Protection Investigation Unit', partnerAgency: 'Greater Manchester Police' },
      { key: 'nhs', name: 'Leanne Outhwaite', role: 'owner', jobTitle: 'Designated Nurse, Safeguarding Children', partnerAgency: 'NHS Greater Manchester ICB' },
      { key: 'cllr', name: 'Cllr Graham Tennyfield', role: 'scrutiny', jobTitle: 'Chair, Children and Young People Scrutiny Committee' },
    ],
    inspection: {
      regulator: 'ofsted',
      kind: 'ofsted_ilacs_full',
      title: 'Ofsted inspection of local authority children\'s services (ILACS)',
      start: -200,
      end: -190,
      published: -140,
      reportReference: 'ILACS-2025-WGN',
      judgements: {
        impact_of_leaders: 'Requires improvement to be good',
        help_and_protection: 'Requires improvement to be good',
        children_in_care: 'Good',
        care_leavers: 'Good',
        overall_effectiveness: 'Requires improvement to be good',
      },
    },
    notices: [],
    findings: [
      { key: 'f1', reference: 'ILACS-1', title: 'Response to domestic abuse concerns not sufficiently robust', text: 'The response to domestic abuse concerns is not sufficiently robust.', theme: 'help_and_protection', type: 'area_for_improvement' },
      { key: 'f2', reference: 'ILACS-2', title: 'Child-protection plans not specific enough', text: 'Child-protection plans are not specific enough about what needs to change and by when.', theme: 'help_and_protection', type: 'area_for_improvement' },
      { key: 'f3', reference: 'ILACS-3', title: 'Assessments of immediate risk of harm not always timely', text: 'Assessments of immediate risk of harm are not as quick as they could be, so some children are not protected as quickly as they could be.', theme: 'help_and_protection', type: 'area_for_improvement' },
      { key: 'f4', reference: 'ILACS-4', title: 'Safety plans made before multi-agency strategy discussions', text: 'In a small number of cases social workers complete visits and develop safety plans before a multi-agency discussion agrees next steps.', theme: 'help_and_protection', type: 'area_for_improvement' },
    ],
    workstreams: [
      { key: 'p1', code: 'P1', title: 'Timely, multi-agency response to risk', description: 'Children at immediate risk are protected quickly, with partners agreeing next steps together.', leadRole: 'Head of Child Protection' },
      { key: 'p2', code: 'P2', title: 'Domestic abuse', description: 'A robust, partnership response to domestic abuse.', leadRole: 'Detective Inspector, Public Protection Investigation Unit' },
      { key: 'p3', code: 'P3', title: 'Quality of plans', description: 'Plans that say what must change, by whom and by when.', leadRole: 'Head of Quality Assurance and Practice' },
    ],
    actions: [
      {
        reference: 'C1.1', title: 'Strategy discussions before safety plans', workstream: 'p1', findings: ['f4'], owner: 'police', leadAgency: 'Greater Manchester Police',
        description: 'Hold a multi-agency strategy discussion, with police and health, before any safety plan is agreed.', start: -120, due: 20, status: 'in_progress', progress: 70,
        successMeasures: 'Audit shows 100% of safety plans follow a strategy discussion.', milestones: [{ title: 'Joint protocol signed', due: -80, completed: -85 }, { title: 'Dip-sample audit', due: 15 }],
        updates: [{ daysAgo: 10, narrative: 'Protocol in use; daily strategy discussion slots agreed with the police.' }], evidence: [{ title: 'Joint strategy discussion protocol', kind: 'pdf', review: { by: 'dcs', decision: 'accepted', comment: 'Accepted.' } }],
      },
      {
        reference: 'C1.2', title: 'Timeliness of immediate-risk assessments', workstream: 'p1', findings: ['f3'], owner: 'mash', leadAgency: 'Wigan Council',
        description: 'Same-day assessment of immediate risk of harm for every referral that needs one.', start: -100, due: -5, status: 'in_progress', progress: 80,
        successMeasures: '95% of immediate-risk assessments completed the same day.', milestones: [{ title: 'MASH screening tool revised', due: -60, completed: -62 }, { title: 'Performance at 95% for a month', due: -10 }],
        updates: [{ daysAgo: 8, narrative: 'Performance at 88%; recruitment to two vacant MASH posts under way.' }], evidence: [],
      },
      {
        reference: 'C2.1', title: 'Domestic abuse response review with partners', workstream: 'p2', findings: ['f1'], owner: 'nhs', leadAgency: 'NHS Greater Manchester ICB',
        description: 'Review and strengthen the partnership response to domestic abuse notifications.', start: -60, due: 90, status: 'in_progress', progress: 30,
        successMeasures: 'All notifications triaged within 24 hours; training for health visitors and school nurses.', milestones: [{ title: 'Notification pathway agreed', due: 10 }],
        updates: [{ daysAgo: 15, narrative: 'Pathway drafted with police and health.' }], evidence: [],
      },
      {
        reference: 'C3.1', title: 'SMART child-protection plans', workstream: 'p3', findings: ['f2'], owner: 'hcp', leadAgency: 'Wigan Council',
        description: 'Plans that are specific about what must change, by whom and by when, audited monthly.', start: -150, due: -10, status: 'complete', progress: 100,
        successMeasures: 'Monthly audit rates 80% of plans good or better.', milestones: [{ title: 'Plan template revised', due: -120, completed: -118 }, { title: 'Practice workshops delivered', due: -20, completed: -15 }],
        updates: [{ daysAgo: 12, narrative: 'Template live and workshops delivered; audit evidence to follow.' }], evidence: [{ title: 'Plan audit results', kind: 'xlsx' }],
      },
    ],
  },
  {
    slug: 'demo-wirral-partnership',
    organisation: 'Wirral Safeguarding Partnership (demo)',
    planTitle: 'Multi-agency Safeguarding Arrangements Improvement Plan',
    serviceArea: 'safeguarding_partnership',
    users: [
      { key: 'chair', name: 'Dr Vikram Osterley', role: 'board', jobTitle: 'Chair, Statutory Safeguarding Partners Executive Group' },
      { key: 'la', name: 'Eleri Dunmore', role: 'owner', jobTitle: 'Assistant Director, Children\'s Social Care', partnerAgency: 'Wirral Borough Council' },
      { key: 'police', name: 'Supt Marcus Fenwray', role: 'owner', jobTitle: 'Superintendent, Protecting Vulnerable People', partnerAgency: 'Merseyside Police' },
      { key: 'nhs', name: 'Harriet Blakemoor', role: 'owner', jobTitle: 'Director of Nursing and Safeguarding', partnerAgency: 'NHS Cheshire and Merseyside ICB' },
      { key: 'business', name: 'Nia Halloran', role: 'owner', jobTitle: 'Business Manager, Wirral Safeguarding Partnership', partnerAgency: 'Wirral Safeguarding Partnership' },
      { key: 'scrutineer', name: 'Judith Carraway', role: 'scrutiny', jobTitle: 'Independent Scrutineer' },
    ],
    inspection: {
      regulator: 'ofsted',
      kind: 'jtai',
      // A joint inspection by Ofsted, CQC, HMICFRS and HMI Probation, recorded under Ofsted (which leads it); not graded.
      title: 'Joint targeted area inspection (Ofsted, CQC, HMICFRS and HMI Probation): the multi-agency response to children at risk of exploitation',
      start: -150,
      end: -145,
      published: -100,
      reportReference: 'JTAI-2025-WIR',
    },
    notices: [],
    findings: [
      { key: 'f1', reference: 'JTAI-1', title: 'Information sharing between the three statutory partners', text: 'Information is not consistently shared between the local authority, police and health at the point of referral.', theme: 'jtai_need_and_risk', type: 'area_for_improvement' },
      { key: 'f2', reference: 'JTAI-2', title: 'Learning from reviews not embedded', text: 'Learning from local child safeguarding practice reviews is not consistently embedded or tested.', theme: 'jtai_learning_and_improvement', type: 'area_for_improvement' },
    ],
    workstreams: [
      { key: 'w1', code: 'W1', title: 'Practice', description: 'Excellent practice is the norm.', leadRole: 'Assistant Director, Children\'s Social Care' },
      { key: 'w2', code: 'W2', title: 'Learning and scrutiny', description: 'Learning is promoted and embedded; partners hold one another to account.', leadRole: 'Chair, Statutory Safeguarding Partners Executive Group' },
    ],
    actions: [
      {
        reference: 'P1.1', title: 'Three-partner information-sharing agreement at the front door', workstream: 'w1', findings: ['f1'], owner: 'police', leadAgency: 'Merseyside Police',
        description: 'Agree and implement information sharing between the council, police and the ICB at the point of referral.', start: -90, due: 40, status: 'in_progress', progress: 50,
        successMeasures: 'Agreement signed by all three partners; audit shows information shared in 95% of referrals.', milestones: [{ title: 'Agreement signed', due: -20, completed: -18 }, { title: 'Audit of referrals', due: 35 }],
        updates: [{ daysAgo: 16, narrative: 'Agreement signed by all three statutory partners.' }], evidence: [{ title: 'Signed information-sharing agreement', kind: 'pdf', review: { by: 'chair', decision: 'accepted', comment: 'Accepted.' } }],
      },
      {
        reference: 'P2.1', title: 'Test that learning from practice reviews is embedded', workstream: 'w2', findings: ['f2'], owner: 'nhs', leadAgency: 'NHS Cheshire and Merseyside ICB',
        description: 'A learning-into-practice programme with follow-up audits across partners.', start: -60, due: 120, status: 'in_progress', progress: 20,
        successMeasures: 'Each review\'s learning tested by a multi-agency audit within six months.', milestones: [{ title: 'Learning briefings issued', due: -40 }],
        updates: [{ daysAgo: 45, narrative: 'Briefings drafted.' }], evidence: [],
      },
      {
        reference: 'P2.2', title: 'Independent scrutiny annual report', workstream: 'w2', findings: ['f2'], owner: 'business', leadAgency: 'Wirral Safeguarding Partnership',
        description: 'Commission the independent scrutineer\'s annual report on the arrangements and publish it with the three partners\' response.', start: 30, due: 200, status: 'not_started', progress: 0,
        successMeasures: 'Report published and considered by the executive group.', milestones: [], updates: [], evidence: [],
      },
    ],
  },
];

/**
 * Wigan Council runs a second plan beside its children's services plan: adult social care after a
 * CQC assessment (the adult social care seed's findings and actions, re-homed in Wigan). Some people
 * work in both: Isla Penhaligon sits on the children's board and owns actions here; Rhys Abernethy, DI Carys
 * Wetherall and Leanne Outhwaite own actions in both; Cllr Graham Tennyfield scrutinises both.
 */
const wiganAscUsers: DemoUser[] = [
  { key: 'dass', name: 'Sophie Marchbank', role: 'board', jobTitle: 'Director of Adult Social Services (programme lead)' },
  { key: 'qa', name: 'Priyanka Delacourt', role: 'board', jobTitle: 'Head of Quality Assurance, Adult Social Care' },
  { key: 'hos', name: 'Isla Penhaligon', role: 'owner', jobTitle: 'Head of Quality Assurance and Practice' },
  { key: 'psw', name: 'Rhys Abernethy', role: 'owner', jobTitle: 'Team Manager, Multi-Agency Safeguarding Hub' },
  { key: 'police', name: 'DI Carys Wetherall', role: 'owner', jobTitle: 'Detective Inspector, Public Protection Investigation Unit', partnerAgency: 'Greater Manchester Police' },
  { key: 'nhs', name: 'Leanne Outhwaite', role: 'owner', jobTitle: 'Designated Nurse, Safeguarding Children', partnerAgency: 'NHS Greater Manchester ICB' },
  { key: 'digital', name: 'Ewan Coldridge', role: 'owner', jobTitle: 'Head of Customer and Digital Services' },
  { key: 'bi', name: 'Tariq Wolstenholme', role: 'owner', jobTitle: 'Head of Performance and Intelligence' },
  { key: 'sab', name: 'Moira Tilsley', role: 'owner', jobTitle: 'Business Manager, Safeguarding Adults Board', partnerAgency: 'Wigan Safeguarding Adults Board' },
  { key: 'cllr', name: 'Cllr Graham Tennyfield', role: 'scrutiny', jobTitle: 'Chair, Children and Young People Scrutiny Committee' },
  { key: 'cllr2', name: 'Cllr Annette Brackley', role: 'scrutiny', jobTitle: 'Member, Health and Adult Social Care Scrutiny Committee' },
];

const ascSeed = DEMO_PLANS[0];
const { slug: _slug, organisation: _organisation, users: _users, ...ascContent } = ascSeed;
DEMO_PLANS.splice(2, 0, {
  ...(JSON.parse(JSON.stringify(ascContent).replace(/Warrington/g, 'Wigan')) as typeof ascContent),
  slug: 'demo-wigan-asc',
  organisationSlug: 'demo-wigan',
  organisation: 'Wigan Council (demo)',
  planTitle: 'Adult Social Care Improvement Plan',
  serviceArea: 'adult_social_care',
  users: wiganAscUsers,
});
