import type { PlanDto } from '../../plans/dto/plan.dto';
import { SERVICE_AREA_INFO, SERVICE_AREAS, type ServiceArea } from '../../vocabulary/service-area';
import { dateItems, dateParts, parseDateInput, type DateParts } from '../actions/action-forms.view-model';
import { serviceMessageWords } from '../actions/add-action.view-model';
import { serviceFieldErrors, type FieldLabel } from '../admin/service-errors';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { formValue } from '../common/forms/form-errors';
import type { FlashMessage } from '../common/session/flash';
import { planPaths, WEB_PATHS } from '../common/web-paths';

/** The form's fields as sent (the target date as its three boxes). */
export interface NewPlanValues {
  title: string;
  serviceArea: string;
  target: DateParts;
  programmeLead: string;
}

const NO_DATE: DateParts = Object.freeze({ day: '', month: '', year: '' });

export const EMPTY_NEW_PLAN: NewPlanValues = Object.freeze({ title: '', serviceArea: '', target: NO_DATE, programmeLead: '' });

export function submittedNewPlan(body: unknown): NewPlanValues {
  return {
    title: formValue(body, 'title').trim(),
    serviceArea: formValue(body, 'serviceArea'),
    target: dateParts(body, 'targetDate'),
    programmeLead: formValue(body, 'programmeLead').trim(),
  };
}

/** The body `POST /api/v1/plans` would take (checked next by the API's own DTO, CreatePlanDto). */
export interface NewPlanBody {
  title: string;
  serviceArea: string;
  targetDate?: string;
  programmeLead?: string;
}

const given = (parts: DateParts) => [parts.day, parts.month, parts.year].some((p) => p !== '');

/**
 * What the form itself asks, in GOV.UK's words and the order of the fields: a title, the service
 * area (the API would default to Other; the form asks, so a plan is not filed under Other by a
 * missed click) and a real target date when one is given. Lengths and the list of service areas are
 * the API's DTO's; its refusals come back through `newPlanServiceErrors`.
 */
export function checkNewPlan(values: NewPlanValues): { errors: FieldError[]; body: NewPlanBody | null } {
  const errors: FieldError[] = [];
  if (!values.title) errors.push({ field: 'title', text: 'Enter a title for the plan' });
  if (!values.serviceArea) errors.push({ field: 'serviceArea', text: 'Select the service the plan is for' });
  const target = given(values.target) ? parseDateInput(values.target, 'targetDate', 'The target date', '') : null;
  if (target && 'error' in target) errors.push(target.error);
  if (errors.length > 0 || (target && 'error' in target)) return { errors, body: null };
  const body: NewPlanBody = { title: values.title, serviceArea: values.serviceArea };
  if (target) body.targetDate = target.date;
  if (values.programmeLead) body.programmeLead = values.programmeLead;
  return { errors, body };
}

/** The API's field names, as the form names and labels them. */
const SERVICE_FIELDS: Readonly<Record<string, FieldLabel>> = Object.freeze({
  title: { field: 'title', label: 'Title' },
  serviceArea: { field: 'serviceArea', label: 'Service area' },
  targetDate: { field: 'targetDate', label: 'The target date', href: '#targetDate-day' },
  programmeLead: { field: 'programmeLead', label: 'Programme lead' },
});

/** One message of the DTO in the form's words (a service area from the list, lengths in words). */
export function planMessageWords(apiField: string, message: string): string {
  if (apiField === 'serviceArea') return 'must be one from the list';
  return serviceMessageWords(apiField, message);
}

/**
 * The refusal of the DTO or the plans service (400) on the form's fields, in the form's words; null
 * when it is another error, or a problem names no field of the form (the usual error page answers).
 */
export function newPlanServiceErrors(err: unknown): FieldError[] | null {
  return serviceFieldErrors(err, SERVICE_FIELDS, { words: planMessageWords });
}

export interface NewPlanViewModel {
  pageTitle: string;
  activeNav: 'home';
  backLink: string;
  caption: string;
  action: string;
  errors: FormErrors;
  values: NewPlanValues;
  serviceAreaItems: { value: ServiceArea; text: string; checked: boolean }[];
  targetItems: ReturnType<typeof dateItems>;
}

/** The "Start a new plan" page of an organisation: its form, blank or as sent with its errors. */
export function newPlanPage(organisationName: string, values: NewPlanValues = EMPTY_NEW_PLAN, errors: FormErrors = []): NewPlanViewModel {
  return {
    pageTitle: 'Start a new plan',
    activeNav: 'home',
    backLink: WEB_PATHS.home,
    caption: organisationName,
    action: WEB_PATHS.newPlan,
    errors,
    values,
    serviceAreaItems: SERVICE_AREAS.map((key) => ({ value: key, text: SERVICE_AREA_INFO[key].label, checked: values.serviceArea === key })),
    targetItems: dateItems(values.target, errors.some((e) => e.field === 'targetDate')),
  };
}

/**
 * The banner over the new plan's page: what was started, and what an administrator does next (a
 * plan with nobody in it and no inspection has nothing to track yet).
 */
export function planStartedFlash(plan: Pick<PlanDto, 'id' | 'title'>): FlashMessage {
  return {
    kind: 'success',
    title: 'The plan has been started',
    text: `${plan.title}. Next, give people their roles in it and record the inspection it answers.`,
    links: [
      { text: 'Give people roles in this plan', href: WEB_PATHS.adminUsers },
      { text: 'Add an inspection to this plan', href: planPaths(plan.id).newInspection },
    ],
  };
}
