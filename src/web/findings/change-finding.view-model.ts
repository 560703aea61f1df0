import type { FindingDto } from '../../findings/dto/finding.dto';
import type { ActionFormPage, PlanContext } from '../actions/action-forms.view-model';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { govukDate } from '../common/nunjucks/filters';
import { planNavigation } from '../common/view/plan-navigation';
import { FINDING_PAGE, planPaths } from '../common/web-paths';
import { checkFindingDetails, findingFieldItems, findingName, inspectionsWithThemes, noticeChoiceText, scoreInWords, type FindingDetails, type FindingFieldItems, type NewFindingChoices, type NewFindingValues } from './add-finding.view-model';
import { summaryRow } from '../common/view/summary-row';

/**
 * The form's fields as the finding has them now (the form opened). Its theme goes in the list when
 * its inspection's regulator has one, else in the words box.
 */
export function findingValues(finding: FindingDto, choices: NewFindingChoices): NewFindingValues {
  const inspection = inspectionsWithThemes(choices).find((i) => i.id === finding.inspectionId);
  const listed = inspection ? inspection.themes !== null : true;
  return {
    inspectionId: finding.inspectionId,
    noticeId: finding.noticeId ?? '',
    reference: finding.reference,
    title: finding.title,
    text: finding.text,
    type: finding.type,
    theme: listed ? (finding.theme ?? '') : '',
    themeText: listed ? '' : (finding.theme ?? ''),
    score: finding.score === null ? '' : String(finding.score),
  };
}

/** The body `PATCH /api/v1/findings/:id` takes (the version is the form's): "No notice", no theme or "Not scored" clear them (null). */
export type FindingChangeBody = FindingDetails;

/** What the form itself asks, as "Add a finding" does (`checkFindingDetails`); the API's and the service's rules come back through `newFindingServiceErrors`. */
export function checkFindingChange(values: NewFindingValues): { errors: FieldError[]; body: FindingChangeBody | null } {
  const { errors, details } = checkFindingDetails(values);
  return { errors, body: details };
}

type SummaryRow = { key: { text: string }; value: { text: string } };

/** A finding's type, theme and score as summary-list rows (the stale form's "now" and the delete page). */
export function findingKindRows(finding: Pick<FindingDto, 'typeLabel' | 'theme' | 'themeLabel' | 'score'>): SummaryRow[] {
  return [
    { key: { text: 'Type' }, value: { text: finding.typeLabel } },
    { key: { text: 'Theme' }, value: { text: finding.themeLabel ?? finding.theme ?? 'None' } },
    { key: { text: 'Score' }, value: { text: finding.score === null ? 'Not scored' : scoreInWords(finding.score) } },
  ];
}

/** The error a form gone stale comes back with (409), linking to what the finding says now. */
export const STALE_FINDING_ERROR: FieldError = Object.freeze({
  field: 'version',
  href: '#finding-now',
  text: 'Someone else changed this finding after you opened the form: check what it says now, then make your change again',
});

export interface ChangeFindingViewModel extends ActionFormPage, FindingFieldItems {
  values: NewFindingValues;
  version: number;
  /** What the finding says now, shown above the form after a stale send; null otherwise. */
  now: SummaryRow[] | null;
  /** "Delete this finding", at the foot of the page. */
  deleteHref: string;
}

/**
 * The "Change the finding" page: its fields, prefilled with what it says, or as sent with their
 * errors. `finding` is the finding as just read: after a stale send, its version and what `now`
 * shows are what someone else saved.
 */
export function changeFindingPage(ctx: PlanContext, choices: NewFindingChoices, finding: FindingDto, values: NewFindingValues = findingValues(finding, choices), errors: FormErrors = []): ChangeFindingViewModel {
  const stale = errors.some((e) => e.field === STALE_FINDING_ERROR.field);
  const inspection = choices.inspections.find((i) => i.id === finding.inspectionId);
  const notice = choices.notices.find((n) => n.id === finding.noticeId);
  return {
    pageTitle: 'Change the finding',
    planNav: planNavigation(ctx.plan, ctx.role, 'plan'),
    backLink: `${planPaths(ctx.plan.id).plan}#finding-${finding.id}`,
    caption: findingName(finding),
    action: FINDING_PAGE.edit(finding.id),
    deleteHref: FINDING_PAGE.delete(finding.id),
    errors,
    values,
    version: finding.version,
    ...findingFieldItems(choices, values),
    now: stale
      ? [
          summaryRow('Inspection', inspection ? `${inspection.title} (${govukDate(inspection.startDate)})` : 'Not known'),
          summaryRow('Notice', notice ? noticeChoiceText(notice) : 'No notice'),
          summaryRow('Reference', finding.reference),
          summaryRow('Title', finding.title),
          summaryRow('What the report says', finding.text || 'Not given'),
          ...findingKindRows(finding),
        ]
      : null,
  };
}
