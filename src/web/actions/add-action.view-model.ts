import { serviceFieldErrors, type FieldLabel } from '../admin/service-errors';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { formValue, formValues } from '../common/forms/form-errors';
import { govukDate } from '../common/nunjucks/filters';
import { planPaths } from '../common/web-paths';
import { dateItems, dateParts, parseDateInput, planFormFrame, type ActionFormPage, type DateParts, type PlanContext } from './action-forms.view-model';

/** What the form offers to choose from: the plan's findings and workstreams, and who may own an action in it. */
export interface NewActionChoices {
  findings: { id: string; reference: string; title: string; typeLabel: string }[];
  workstreams: { id: string; code: string; title: string }[];
  owners: { id: string; name: string; email: string }[];
}

/** The form's fields as sent (dates as their three boxes). */
export interface NewActionValues {
  reference: string;
  title: string;
  description: string;
  findingIds: string[];
  workstreamId: string;
  ownerId: string;
  leadAgency: string;
  start: DateParts;
  due: DateParts;
  successMeasures: string;
}

const NO_DATE: DateParts = Object.freeze({ day: '', month: '', year: '' });

export const EMPTY_NEW_ACTION: NewActionValues = Object.freeze({
  reference: '',
  title: '',
  description: '',
  findingIds: [],
  workstreamId: '',
  ownerId: '',
  leadAgency: '',
  start: NO_DATE,
  due: NO_DATE,
  successMeasures: '',
});

const text = (body: unknown, field: string) => formValue(body, field).replace(/\r\n/g, '\n');

export function submittedNewAction(body: unknown): NewActionValues {
  return {
    reference: formValue(body, 'reference').trim(),
    title: formValue(body, 'title').trim(),
    description: text(body, 'description'),
    findingIds: [...new Set(formValues(body, 'findingIds'))],
    workstreamId: formValue(body, 'workstreamId'),
    ownerId: formValue(body, 'ownerId'),
    leadAgency: formValue(body, 'leadAgency').trim(),
    start: dateParts(body, 'startDate'),
    due: dateParts(body, 'dueDate'),
    successMeasures: text(body, 'successMeasures'),
  };
}

/** The body `POST /api/v1/plans/:planId/actions` would take (checked next by the API's own DTO). */
export interface NewActionBody {
  reference: string;
  title: string;
  description: string;
  findingIds: string[];
  workstreamId: string;
  ownerId: string;
  leadAgency?: string;
  startDate?: string;
  dueDate: string;
  successMeasures: string;
}

/**
 * What the form itself asks, in GOV.UK's words and the order of the fields: the required answers and
 * real dates. Lengths, identifiers and the plan's own rules (a free reference, a workstream and
 * findings of this plan, an owner who may own actions, due not before start) are the API's DTO's and
 * the actions service's; their refusals come back through `newActionServiceErrors`.
 */
export function checkNewAction(values: NewActionValues): { errors: FieldError[]; body: NewActionBody | null } {
  const errors: FieldError[] = [];
  if (!values.reference) errors.push({ field: 'reference', text: 'Enter a reference for the action' });
  if (!values.title) errors.push({ field: 'title', text: 'Enter a title' });
  if (values.findingIds.length === 0) errors.push({ field: 'findingIds', text: 'Select the findings the action answers' });
  if (!values.workstreamId) errors.push({ field: 'workstreamId', text: 'Select a workstream' });
  if (!values.ownerId) errors.push({ field: 'ownerId', text: 'Select who owns the action' });
  const startGiven = [values.start.day, values.start.month, values.start.year].some((p) => p !== '');
  const start = startGiven ? parseDateInput(values.start, 'startDate', 'The start date', 'Enter the start date') : null;
  if (start && 'error' in start) errors.push(start.error);
  const due = parseDateInput(values.due, 'dueDate', 'The due date', 'Enter the due date');
  if ('error' in due) errors.push(due.error);
  if (errors.length > 0 || 'error' in due || (start && 'error' in start)) return { errors, body: null };
  const body: NewActionBody = {
    reference: values.reference,
    title: values.title,
    description: values.description,
    findingIds: values.findingIds,
    workstreamId: values.workstreamId,
    ownerId: values.ownerId,
    dueDate: due.date,
    successMeasures: values.successMeasures,
  };
  if (values.leadAgency) body.leadAgency = values.leadAgency;
  if (start) body.startDate = start.date;
  return { errors, body };
}

/** The API's field names, as the form names and labels them. */
const SERVICE_FIELDS: Readonly<Record<string, FieldLabel>> = Object.freeze({
  reference: { field: 'reference', label: 'Reference' },
  title: { field: 'title', label: 'Title' },
  description: { field: 'description', label: 'Description' },
  findingIds: { field: 'findingIds', label: 'Findings' },
  workstreamId: { field: 'workstreamId', label: 'Workstream' },
  ownerId: { field: 'ownerId', label: 'Owner' },
  leadAgency: { field: 'leadAgency', label: 'Lead agency' },
  startDate: { field: 'startDate', label: 'The start date', href: '#startDate-day' },
  dueDate: { field: 'dueDate', label: 'The due date', href: '#dueDate-day' },
  successMeasures: { field: 'successMeasures', label: 'Success measures' },
});

/**
 * One message of the API (a DTO constraint, which starts with the property's name, or a service
 * rule) in the form's words. Dates are written as people write them.
 */
export function serviceMessageWords(apiField: string, message: string): string {
  const own = message.startsWith(`${apiField} `) ? message.slice(apiField.length + 1) : message;
  const longest = /^must be shorter than or equal to (\d+) characters$/.exec(own);
  if (longest) return `must be ${Number(longest[1]).toLocaleString('en-GB')} characters or fewer`;
  if (/^must not be before startDate /.test(own)) return 'must be the same as or after the start date';
  return own.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d: string) => govukDate(d));
}

/**
 * The refusal of the DTO or the actions service (400, or 409 for a reference already used), on the
 * form's fields (an array item's problem on its array's field), in the form's words; null when it is
 * another error, or a problem names no field of the form (the usual error page answers).
 */
export function newActionServiceErrors(err: unknown): FieldError[] | null {
  return serviceFieldErrors(err, SERVICE_FIELDS, { key: (apiField) => apiField.split('.')[0], words: serviceMessageWords });
}

type Item = { value: string; text: string };

/** The page around the form is every action form's (ActionFormPage); then the form's own fields. */
export interface AddActionViewModel extends ActionFormPage {
  values: NewActionValues;
  /** False when the plan has no finding or no workstream yet: an action could not be added. */
  ready: boolean;
  missing: string[];
  /** Where to add what is missing: a finding, a workstream (the plan's pages for them). */
  addMissing: { text: string; href: string }[];
  findingItems: (Item & { hint: { text: string }; checked: boolean })[];
  workstreamItems: (Item & { selected: boolean })[];
  ownerItems: (Item & { selected: boolean })[];
  startItems: ReturnType<typeof dateItems>;
  dueItems: ReturnType<typeof dateItems>;
}

/** The "Add an action" page of a plan: its form, blank or as sent with its errors. */
export function addActionPage(ctx: PlanContext, choices: NewActionChoices, values: NewActionValues = EMPTY_NEW_ACTION, errors: FormErrors = []): AddActionViewModel {
  const hasError = (field: string) => errors.some((e) => e.field === field);
  // Two people of the same name are told apart by their e-mail address.
  const sameName = (name: string) => choices.owners.filter((o) => o.name === name).length > 1;
  const missing = [...(choices.findings.length === 0 ? ['findings'] : []), ...(choices.workstreams.length === 0 ? ['workstreams'] : [])];
  return {
    ...planFormFrame(ctx, 'Add an action', planPaths(ctx.plan.id).newAction, 'actions'),
    errors,
    values,
    ready: missing.length === 0,
    missing,
    addMissing: [
      ...(choices.findings.length === 0 ? [{ text: 'Add a finding', href: planPaths(ctx.plan.id).newFinding }] : []),
      ...(choices.workstreams.length === 0 ? [{ text: 'Add a workstream', href: planPaths(ctx.plan.id).newWorkstream }] : []),
    ],
    findingItems: choices.findings.map((f) => ({ value: f.id, text: `${f.reference}: ${f.title}`, hint: { text: f.typeLabel }, checked: values.findingIds.includes(f.id) })),
    workstreamItems: [
      { value: '', text: 'Choose a workstream', selected: values.workstreamId === '' },
      ...choices.workstreams.map((w) => ({ value: w.id, text: `${w.code}: ${w.title}`, selected: w.id === values.workstreamId })),
    ],
    ownerItems: [
      { value: '', text: 'Choose an owner', selected: values.ownerId === '' },
      ...choices.owners.map((o) => ({ value: o.id, text: sameName(o.name) ? `${o.name} (${o.email})` : o.name, selected: o.id === values.ownerId })),
    ],
    startItems: dateItems(values.start, hasError('startDate')),
    dueItems: dateItems(values.due, hasError('dueDate')),
  };
}
