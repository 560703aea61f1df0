/**
 * Regulator deadlines: given an inspection or a notice, the dates the published rules set for
 * the council, each with the rule in words and the documents it comes from. Where the published
 * rules set no period, there is no deadline, and a note says so (the plan's target dates are then
 * the council's own); nothing here invents a period.
 *
 * The rules, and where they come from (read November 2026 in stored copies of the documents: the
 * text of SI 2007/462 regulations 1-2 and of section 137; regulation 3's 70 working days as
 * Ofsted states it, "in line with current legislation", in the 2018 article cited below)
 * ---------------------------------------------------------------------------------------
 * - Ofsted ILACS inspection (standard or short): the council must prepare a written statement of
 *   the action it proposes to take in the light of the report (Education and Inspections Act 2006,
 *   section 137(3)) and publish it within 70 working days of receiving the report (The Education
 *   and Inspections Act 2006 (Inspection of Local Authorities) Regulations 2007, SI 2007/462,
 *   regulation 3; regulation 1 defines a working day as any day other than a Saturday, Sunday,
 *   Christmas Day, Good Friday or a bank holiday in England and Wales). Ofsted's framework
 *   "Inspecting local authority children's services" (ILACS) asks for this action plan within the
 *   same 70 working days. We count from the report's publication date, as the plan records it; the
 *   regulations count from receipt, which Ofsted's process puts a few days before publication, so
 *   when the receipt date is recorded we count from that instead.
 * - Ofsted ILACS focused visit that identifies an area for priority action: Ofsted asks for an
 *   early draft of the action plan within 20 working days and the final action plan within 70
 *   working days of the council receiving the letter (ILACS framework, as amended September 2018;
 *   Ofsted's statement reported in "Ofsted to require struggling councils to produce urgent action
 *   plans", Children & Young People Now, 16 August 2018). A focused visit without a priority action
 *   sets no deadline.
 * - Joint targeted area inspection (JTAI: Ofsted, CQC, HMICFRS and HMI Probation, under section 20
 *   of the Children Act 2004): the findings letter asks the local authority, as principal
 *   authority, for a multi-agency written statement of action by a date the letter itself states.
 *   We have not found a fixed period in the published JTAI guidance, so this code computes none:
 *   it uses the date recorded from the letter, and otherwise says that the date is to be recorded.
 * - Ofsted monitoring visit: the letter sets no deadline.
 * - CQC local authority assessment (a duty the Health and Care Act 2022 gave the CQC): the
 *   published assessment framework sets no deadline for an action plan. A Section 50 notification (the CQC telling the
 *   Secretary of State that a council is failing, Health and Social Care Act 2008, section 50) and
 *   the minister's letter that follows carry no regulator deadline: the plan's target date (seed
 *   002: "fully complete by Summer 2026") is the council's own.
 * - DfE improvement notice and statutory direction (a direction under section 497A of the
 *   Education Act 1996, applied to children's social care by section 50 of the Children Act 2004):
 *   no general period is published; each notice or direction states its own requirements and
 *   review dates. Recorded on the notice, they become deadlines "as stated in the notice".
 *
 * Pure functions; no clock, no Nest, no database. The working-day calendar is injectable.
 */
import { formatLongDate, isCalendarDate, type CalendarDate } from '../common/dates/calendar-date';
import type { InspectionKind } from '../vocabulary/inspection-kind';
import type { NoticeKind } from '../vocabulary/notice-kind';
import { addWorkingDays, defaultWorkingDayCalendar, type WorkingDayCalendar } from '../calendar/working-days';

/** A published document a rule comes from. */
export interface RuleSource {
  /** Its title as published. */
  document: string;
  publisher: string;
  /** Where in it, when that helps a reader find the rule ('regulation 3'). */
  where: string | null;
  url: string | null;
}

export const REGULATOR_DEADLINE_KEYS = [
  'ilacs_action_plan',
  'focused_visit_draft_action_plan',
  'focused_visit_action_plan',
  'jtai_written_statement_of_action',
  'notice_stated_date',
] as const;

export type RegulatorDeadlineKey = (typeof REGULATOR_DEADLINE_KEYS)[number];

export interface RegulatorDeadline {
  key: RegulatorDeadlineKey;
  /** The milestone as the board reads it: 'Action plan sent to Ofsted'. */
  title: string;
  dueOn: CalendarDate;
  /** Working days counted, or null when the date is the one the letter or notice states. */
  workingDays: number | null;
  /** The day the count starts from (not itself counted), or null for a stated date. */
  countedFrom: CalendarDate | null;
  /** How this date was reached: '70 working days after the report was published on 17 December 2026'. */
  basis: string;
  /** The rule in words, citing the documents by name. */
  rule: string;
  sources: RuleSource[];
}

/** Why there is no deadline (or none yet), in words, for the caller to show beside the event. */
export interface DeadlineNote {
  text: string;
  sources: RuleSource[];
}

export interface RegulatorDeadlineOutcome {
  deadlines: RegulatorDeadline[];
  notes: DeadlineNote[];
}

export interface InspectionForDeadlines {
  type: 'inspection';
  kind: InspectionKind;
  /** Publication date of the report (ILACS) or letter (focused visit, JTAI); null while unpublished. */
  reportPublishedOn: CalendarDate | null;
  /** When recorded, the day the council received the final report or letter (the regulations count from it). */
  reportReceivedOn?: CalendarDate | null;
  /** Focused visits: whether the letter identified an area for priority action. */
  priorityActionFound?: boolean;
  /** JTAI: the date the findings letter gives for the written statement of action. */
  statedDueOn?: CalendarDate | null;
}

export interface StatedDeadline {
  /** As the notice words it: 'Six-month review of progress'. */
  title: string;
  dueOn: CalendarDate;
}

export interface NoticeForDeadlines {
  type: 'notice';
  kind: NoticeKind;
  issuedOn: CalendarDate;
  /** Dates the notice or direction itself states (requirements, review dates). */
  statedDeadlines?: readonly StatedDeadline[];
}

export type RegulatoryEventForDeadlines = InspectionForDeadlines | NoticeForDeadlines;

export const ILACS_ACTION_PLAN_WORKING_DAYS = 70;
export const FOCUSED_VISIT_DRAFT_PLAN_WORKING_DAYS = 20;
export const FOCUSED_VISIT_FINAL_PLAN_WORKING_DAYS = 70;

export const SOURCES = {
  eia2006s137: {
    document: 'Education and Inspections Act 2006',
    publisher: 'UK Parliament (legislation.gov.uk)',
    where: 'section 137(3)-(4)',
    url: 'https://www.legislation.gov.uk/ukpga/2006/40/section/137',
  },
  si2007_462: {
    document: 'The Education and Inspections Act 2006 (Inspection of Local Authorities) Regulations 2007 (SI 2007/462)',
    publisher: 'UK Parliament (legislation.gov.uk)',
    where: 'regulation 1 (working day) and regulation 3 (publication of the written statement)',
    url: 'https://www.legislation.gov.uk/uksi/2007/462',
  },
  ilacsFramework: {
    document: 'Inspecting local authority children’s services (ILACS framework)',
    publisher: 'Ofsted (GOV.UK)',
    where: 'after the inspection: action plans',
    url: 'https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018/inspecting-local-authority-childrens-services',
  },
  cypNow2018: {
    document: 'Ofsted to require struggling councils to produce urgent action plans (16 August 2018)',
    publisher: 'Children & Young People Now, quoting Ofsted',
    where: null,
    url: 'https://www.cypnow.co.uk/print_article/cyp/news/2005662/ofsted-to-require-struggling-councils-produce-urgent-action-plans',
  },
  jtaiGuidance: {
    document: 'Joint inspections of arrangements and services for children in need of help and protection (JTAI framework and guidance)',
    publisher: 'Ofsted, CQC, HMICFRS and HMI Probation (GOV.UK)',
    where: 'after the inspection: the findings letter and written statement of action',
    url: 'https://www.gov.uk/government/publications/joint-inspections-of-arrangements-and-services-for-children-in-need-of-help-and-protection',
  },
  children2004s20: {
    document: 'Children Act 2004',
    publisher: 'UK Parliament (legislation.gov.uk)',
    where: 'section 20 (joint area reviews)',
    url: 'https://www.legislation.gov.uk/ukpga/2004/31/section/20',
  },
  hsca2008s50: {
    document: 'Health and Social Care Act 2008',
    publisher: 'UK Parliament (legislation.gov.uk)',
    where: 'section 50 (notification to the Secretary of State)',
    url: 'https://www.legislation.gov.uk/ukpga/2008/14/section/50',
  },
  education1996s497A: {
    document: 'Education Act 1996, section 497A, as applied to children’s social care by the Children Act 2004, section 50',
    publisher: 'UK Parliament (legislation.gov.uk)',
    where: null,
    url: 'https://www.legislation.gov.uk/ukpga/2004/31/section/50',
  },
} as const satisfies Record<string, RuleSource>;

const ILACS_KINDS: readonly InspectionKind[] = ['ofsted_ilacs_full', 'ofsted_ilacs_short'];

function requireDate(value: unknown, field: string): asserts value is CalendarDate {
  if (!isCalendarDate(value)) throw new RangeError(`${field} is not a calendar date (YYYY-MM-DD): '${String(value)}'`);
}

function countStart(event: InspectionForDeadlines, what: 'report' | 'letter'): { from: CalendarDate; words: string } | null {
  if (event.reportReceivedOn) {
    requireDate(event.reportReceivedOn, 'reportReceivedOn');
    return { from: event.reportReceivedOn, words: `the ${what} was received on ${formatLongDate(event.reportReceivedOn)}` };
  }
  if (event.reportPublishedOn) {
    requireDate(event.reportPublishedOn, 'reportPublishedOn');
    return { from: event.reportPublishedOn, words: `the ${what} was published on ${formatLongDate(event.reportPublishedOn)}` };
  }
  return null;
}

function counted(
  key: RegulatorDeadlineKey,
  title: string,
  workingDays: number,
  start: { from: CalendarDate; words: string },
  rule: string,
  sources: RuleSource[],
  calendar: WorkingDayCalendar,
): RegulatorDeadline {
  return {
    key,
    title,
    dueOn: addWorkingDays(start.from, workingDays, calendar),
    workingDays,
    countedFrom: start.from,
    basis: `${workingDays} working days after ${start.words}`,
    rule,
    sources,
  };
}

const ILACS_RULE =
  'After an ILACS inspection the council must prepare a written statement of the action it proposes to take in the light of the report ' +
  '(Education and Inspections Act 2006, section 137(3)) and publish it within 70 working days of receiving the report ' +
  '(SI 2007/462, regulation 3); Ofsted’s ILACS framework asks for the action plan within the same period.';

const FOCUSED_DRAFT_RULE =
  'When a focused visit identifies an area for priority action, Ofsted asks the council to share an early draft of its action plan ' +
  'within 20 working days of receiving the letter (ILACS framework, focused visits).';

const FOCUSED_FINAL_RULE =
  'When a focused visit identifies an area for priority action, the council must send its final action plan responding to the findings ' +
  'within 70 working days of receiving the letter (ILACS framework, focused visits).';

const JTAI_RULE =
  'After a joint targeted area inspection the local authority, as principal authority, sends a multi-agency written statement of action ' +
  'responding to the findings letter by the date the letter states (JTAI framework and guidance).';

function note(text: string, ...sources: RuleSource[]): DeadlineNote {
  return { text, sources };
}

function noDeadline(...notes: DeadlineNote[]): RegulatorDeadlineOutcome {
  return { deadlines: [], notes };
}

function inspectionDeadlines(event: InspectionForDeadlines, calendar: WorkingDayCalendar): RegulatorDeadlineOutcome {
  if (ILACS_KINDS.includes(event.kind)) {
    const start = countStart(event, 'report');
    if (!start) {
      return noDeadline(
        note('The action plan is due 70 working days after the report: record its publication date.', SOURCES.si2007_462, SOURCES.ilacsFramework),
      );
    }
    const deadline = counted(
      'ilacs_action_plan',
      'Action plan (written statement of proposed action) sent to Ofsted',
      ILACS_ACTION_PLAN_WORKING_DAYS,
      start,
      ILACS_RULE,
      [SOURCES.eia2006s137, SOURCES.si2007_462, SOURCES.ilacsFramework],
      calendar,
    );
    return { deadlines: [deadline], notes: [] };
  }
  switch (event.kind) {
    case 'ofsted_focused_visit': {
      const sources = [SOURCES.ilacsFramework, SOURCES.cypNow2018];
      if (!event.priorityActionFound) {
        return noDeadline(note('A focused visit without an area for priority action sets no deadline.', SOURCES.ilacsFramework));
      }
      const start = countStart(event, 'letter');
      if (!start) {
        return noDeadline(
          note('The draft action plan is due 20 working days, and the final plan 70, after the letter: record its publication date.', ...sources),
        );
      }
      return {
        deadlines: [
          counted(
            'focused_visit_draft_action_plan',
            'Draft action plan shared with Ofsted (priority action)',
            FOCUSED_VISIT_DRAFT_PLAN_WORKING_DAYS,
            start,
            FOCUSED_DRAFT_RULE,
            sources,
            calendar,
          ),
          counted(
            'focused_visit_action_plan',
            'Final action plan sent to Ofsted (priority action)',
            FOCUSED_VISIT_FINAL_PLAN_WORKING_DAYS,
            start,
            FOCUSED_FINAL_RULE,
            sources,
            calendar,
          ),
        ],
        notes: [],
      };
    }
    case 'jtai': {
      if (!event.statedDueOn) {
        return noDeadline(
          note(
            'The JTAI findings letter states the date for the written statement of action: record it. ' +
              'The published guidance sets no fixed period, so none is computed.',
            SOURCES.jtaiGuidance,
          ),
        );
      }
      requireDate(event.statedDueOn, 'statedDueOn');
      const deadline: RegulatorDeadline = {
        key: 'jtai_written_statement_of_action',
        title: 'Written statement of action sent to the inspectorates (JTAI)',
        dueOn: event.statedDueOn,
        workingDays: null,
        countedFrom: null,
        basis: `the date stated in the findings letter (${formatLongDate(event.statedDueOn)})`,
        rule: JTAI_RULE,
        sources: [SOURCES.jtaiGuidance, SOURCES.children2004s20],
      };
      return { deadlines: [deadline], notes: [] };
    }
    case 'ofsted_monitoring_visit':
      return noDeadline(note('A monitoring visit letter sets no deadline; the improvement plan’s dates are the council’s own.', SOURCES.ilacsFramework));
    case 'cqc_la_assessment':
      return noDeadline(note('CQC’s local authority assessment sets no deadline for an action plan; the plan’s target dates are the council’s own.'));
    default:
      return noDeadline(note('No published rule sets a deadline for this kind of inspection.'));
  }
}

function noticeDeadlines(event: NoticeForDeadlines): RegulatorDeadlineOutcome {
  requireDate(event.issuedOn, 'issuedOn');
  switch (event.kind) {
    case 'section_50':
      return noDeadline(
        note(
          'A Section 50 notification tells the Secretary of State that the council is failing; it carries no regulator deadline. ' +
            'The plan’s target date is the council’s own.',
          SOURCES.hsca2008s50,
        ),
      );
    case 'ministerial_letter':
      return noDeadline(
        note('The minister’s letter sets out expectations; it carries no regulator deadline. The plan’s target date is the council’s own.'),
      );
    case 'dfe_improvement_notice':
    case 'statutory_direction': {
      const label = event.kind === 'dfe_improvement_notice' ? 'the improvement notice' : 'the direction';
      const sources: RuleSource[] = event.kind === 'statutory_direction' ? [SOURCES.education1996s497A] : [];
      const deadlines = (event.statedDeadlines ?? []).map((item, index): RegulatorDeadline => {
        requireDate(item.dueOn, `statedDeadlines[${index}].dueOn`);
        return {
          key: 'notice_stated_date',
          title: item.title,
          dueOn: item.dueOn,
          workingDays: null,
          countedFrom: null,
          basis: `the date stated in ${label} (${formatLongDate(item.dueOn)})`,
          rule: `The requirements and review dates of ${label} are the ones it states; no general period is published.`,
          sources,
        };
      });
      if (deadlines.length > 0) return { deadlines, notes: [] };
      return noDeadline(note(`Record the requirements and review dates ${label} states; no general period is published.`, ...sources));
    }
    default:
      return noDeadline(note('No published rule sets a deadline for this kind of notice.'));
  }
}

/** The deadlines the published rules set for an inspection or notice, each citing its rule. */
export function regulatorDeadlines(
  event: RegulatoryEventForDeadlines,
  calendar: WorkingDayCalendar = defaultWorkingDayCalendar(),
): RegulatorDeadlineOutcome {
  return event.type === 'inspection' ? inspectionDeadlines(event, calendar) : noticeDeadlines(event);
}
