import type { InspectionDto } from '../../inspections/dto/inspection.dto';
import { partsOf, type ActionFormPage, type PlanContext } from '../actions/action-forms.view-model';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { planNavigation } from '../common/view/plan-navigation';
import { summaryRow } from '../common/view/summary-row';
import { INSPECTION_PAGE, planPaths } from '../common/web-paths';
import { checkNewInspection, inspectionFieldItems, NO_DATE, type InspectionFieldItems, type NewInspectionChoices, type NewInspectionValues } from './add-inspection.view-model';
import { inspectionRows } from './inspection-rows';

/** The form's fields as the inspection has them now (the form opened). */
export function inspectionValues(inspection: InspectionDto): NewInspectionValues {
  return {
    regulatorId: inspection.regulatorId,
    kind: inspection.kind,
    title: inspection.title,
    start: partsOf(inspection.startDate),
    end: inspection.endDate ? partsOf(inspection.endDate) : NO_DATE,
    published: inspection.publishedDate ? partsOf(inspection.publishedDate) : NO_DATE,
    reportReference: inspection.reportReference ?? '',
    reportUrl: inspection.reportUrl ?? '',
    overallJudgement: inspection.overallJudgement ?? '',
  };
}

/**
 * The body `PATCH /api/v1/inspections/:id` takes (the version is the form's): every field of the
 * form, a blank optional one as null (it clears what was there).
 */
export interface InspectionChangeBody {
  regulatorId: string;
  kind: string;
  title: string;
  startDate: string;
  endDate: string | null;
  publishedDate: string | null;
  reportReference: string | null;
  reportUrl: string | null;
  overallJudgement: string | null;
}

/** What the form itself asks, as "Add an inspection" does (`checkNewInspection`); the API's and the service's rules come back through `newInspectionServiceErrors`. */
export function checkInspectionChange(values: NewInspectionValues): { errors: FieldError[]; body: InspectionChangeBody | null } {
  const { errors, body } = checkNewInspection(values);
  if (!body) return { errors, body: null };
  return {
    errors,
    body: {
      ...body,
      endDate: body.endDate ?? null,
      publishedDate: body.publishedDate ?? null,
      reportReference: body.reportReference ?? null,
      reportUrl: body.reportUrl ?? null,
      overallJudgement: body.overallJudgement ?? null,
    },
  };
}

/** The error a form gone stale comes back with (409), linking to what the inspection says now. */
export const STALE_INSPECTION_ERROR: FieldError = Object.freeze({
  field: 'version',
  href: '#inspection-now',
  text: 'Someone else changed this inspection after you opened the form: check what it says now, then make your change again',
});

export interface ChangeInspectionViewModel extends ActionFormPage, InspectionFieldItems {
  values: NewInspectionValues;
  version: number;
  /** What the inspection says now, shown above the form after a stale send; null otherwise. */
  now: { key: { text: string }; value: { text: string } }[] | null;
  /** "Delete this inspection", at the foot of the page. */
  deleteHref: string;
}

/**
 * The "Change the inspection" page: its fields, prefilled with what it says, or as sent with their
 * errors. `inspection` is the inspection as just read: after a stale send, its version and what
 * `now` shows are what someone else saved.
 */
export function changeInspectionPage(ctx: PlanContext, choices: NewInspectionChoices, inspection: InspectionDto, values: NewInspectionValues = inspectionValues(inspection), errors: FormErrors = []): ChangeInspectionViewModel {
  const stale = errors.some((e) => e.field === STALE_INSPECTION_ERROR.field);
  return {
    pageTitle: 'Change the inspection',
    planNav: planNavigation(ctx.plan, ctx.role, 'plan'),
    backLink: `${planPaths(ctx.plan.id).plan}#inspection-${inspection.id}`,
    caption: inspection.title,
    action: INSPECTION_PAGE.edit(inspection.id),
    deleteHref: INSPECTION_PAGE.delete(inspection.id),
    errors,
    values,
    version: inspection.version,
    ...inspectionFieldItems(choices, values, errors),
    now: stale ? [summaryRow('Title', inspection.title), ...inspectionRows(inspection), summaryRow('Link to the report', inspection.reportUrl ?? 'Not given')] : null,
  };
}
