import type { WorkstreamDto } from '../../workstreams/dto/workstream.dto';
import { planFormFrame, type ActionFormPage, type PlanContext } from '../actions/action-forms.view-model';
import { serviceMessageWords } from '../actions/add-action.view-model';
import { serviceFieldErrors, type FieldLabel } from '../admin/service-errors';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { formValue } from '../common/forms/form-errors';
import { planPaths } from '../common/web-paths';

/** The form's fields as sent. */
export interface NewWorkstreamValues {
  code: string;
  title: string;
  description: string;
  leadRole: string;
  sortOrder: string;
}

export const EMPTY_NEW_WORKSTREAM: NewWorkstreamValues = Object.freeze({ code: '', title: '', description: '', leadRole: '', sortOrder: '' });

export function submittedNewWorkstream(body: unknown): NewWorkstreamValues {
  return {
    code: formValue(body, 'code').trim(),
    title: formValue(body, 'title').trim(),
    description: formValue(body, 'description').replace(/\r\n/g, '\n'),
    leadRole: formValue(body, 'leadRole').trim(),
    sortOrder: formValue(body, 'sortOrder').trim(),
  };
}

/** The body `POST /api/v1/plans/:planId/workstreams` would take (checked next by the API's own DTO). */
export interface NewWorkstreamBody {
  code: string;
  title: string;
  description?: string;
  leadRole?: string;
  sortOrder?: number;
}

/**
 * What the form itself asks, in GOV.UK's words and the order of the fields: a code and a title, and a
 * position that is a whole number. Lengths, the largest position and a code free in the plan are the
 * API's DTO's and the workstreams service's; their refusals come back through `newWorkstreamServiceErrors`.
 */
export function checkNewWorkstream(values: NewWorkstreamValues): { errors: FieldError[]; body: NewWorkstreamBody | null } {
  const errors: FieldError[] = [];
  if (!values.code) errors.push({ field: 'code', text: 'Enter a code' });
  if (!values.title) errors.push({ field: 'title', text: 'Enter a title' });
  if (values.sortOrder && !/^\d{1,9}$/.test(values.sortOrder)) errors.push({ field: 'sortOrder', text: 'Position in the plan must be a whole number, like 3' });
  if (errors.length > 0) return { errors, body: null };
  const body: NewWorkstreamBody = { code: values.code, title: values.title };
  if (values.description.trim()) body.description = values.description;
  if (values.leadRole) body.leadRole = values.leadRole;
  if (values.sortOrder) body.sortOrder = Number(values.sortOrder);
  return { errors, body };
}

const SERVICE_FIELDS: Readonly<Record<string, FieldLabel>> = Object.freeze({
  code: { field: 'code', label: 'Code' },
  title: { field: 'title', label: 'Title' },
  description: { field: 'description', label: 'Description' },
  leadRole: { field: 'leadRole', label: 'The lead’s role' },
  sortOrder: { field: 'sortOrder', label: 'Position in the plan' },
});

/** One message of the DTO or the workstreams service in the form's words. */
export function workstreamMessageWords(apiField: string, message: string): string {
  const own = message.startsWith(`${apiField} `) ? message.slice(apiField.length + 1) : message;
  if (apiField === 'code' && /^is already used by another workstream/.test(own)) return 'is already used by another workstream of this plan';
  const most = /^must not be greater than (\d+)$/.exec(own);
  if (most) return `must be ${Number(most[1]).toLocaleString('en-GB')} or less`;
  return serviceMessageWords(apiField, message);
}

/**
 * The refusal of the DTO or the workstreams service (400, or 409 for a code the plan already uses) on
 * the form's fields, in the form's words; null for any other error.
 */
export function newWorkstreamServiceErrors(err: unknown): FieldError[] | null {
  return serviceFieldErrors(err, SERVICE_FIELDS, { words: workstreamMessageWords });
}

export interface AddWorkstreamViewModel extends ActionFormPage {
  values: NewWorkstreamValues;
  /** The codes the plan already uses, for the hint ("KO1, KO2"), or null when it has none. */
  usedCodes: string | null;
  sortOrderHint: string;
  /** Whether the position may be left blank (labelled "optional"). */
  sortOrderOptional: boolean;
}

/** The "Add a workstream" page of a plan: its form, blank or as sent with its errors. */
export function addWorkstreamPage(ctx: PlanContext, existing: Pick<WorkstreamDto, 'code'>[], values: NewWorkstreamValues = EMPTY_NEW_WORKSTREAM, errors: FormErrors = []): AddWorkstreamViewModel {
  return {
    ...planFormFrame(ctx, 'Add a workstream', planPaths(ctx.plan.id).newWorkstream),
    errors,
    values,
    usedCodes: existing.length ? existing.map((w) => w.code).join(', ') : null,
    sortOrderHint: 'Workstreams are listed by position; leave it blank to put this one after the last',
    sortOrderOptional: true,
  };
}
