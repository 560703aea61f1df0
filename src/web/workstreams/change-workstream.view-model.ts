import type { WorkstreamDto } from '../../workstreams/dto/workstream.dto';
import type { PlanContext } from '../actions/action-forms.view-model';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { planNavigation } from '../common/view/plan-navigation';
import { planPaths, WORKSTREAM_PAGE } from '../common/web-paths';
import { workstreamDeleteHref } from './delete-workstream.view-model';
import { checkNewWorkstream, type AddWorkstreamViewModel, type NewWorkstreamValues } from './add-workstream.view-model';
import { summaryRow } from '../common/view/summary-row';

/** The form's fields as the workstream has them now (the form opened). */
export function workstreamValues(ws: WorkstreamDto): NewWorkstreamValues {
  return { code: ws.code, title: ws.title, description: ws.description, leadRole: ws.leadRole ?? '', sortOrder: String(ws.sortOrder) };
}

/** The body `PATCH /api/v1/workstreams/:id` takes (the version is the form's): a blank lead's role clears it. */
export interface WorkstreamChangeBody {
  code: string;
  title: string;
  description: string;
  leadRole: string | null;
  sortOrder: number;
}

/**
 * What the form itself asks, as "Add a workstream" does (a code, a title, a whole-number position),
 * and a position given (the workstream has one). A code free in the plan and the lengths are the API's
 * DTO's and the workstreams service's: their refusals come back through `newWorkstreamServiceErrors`.
 */
export function checkWorkstreamChange(values: NewWorkstreamValues): { errors: FieldError[]; body: WorkstreamChangeBody | null } {
  const { errors, body } = checkNewWorkstream(values);
  if (!values.sortOrder) errors.push({ field: 'sortOrder', text: 'Enter the position in the plan, like 3' });
  if (!body || errors.length > 0) return { errors, body: null };
  return { errors, body: { code: body.code, title: body.title, description: body.description ?? '', leadRole: body.leadRole ?? null, sortOrder: Number(values.sortOrder) } };
}

/** The error a form gone stale comes back with (409), linking to what the workstream says now. */
export const STALE_WORKSTREAM_ERROR: FieldError = Object.freeze({
  field: 'version',
  href: '#workstream-now',
  text: 'Someone else changed this workstream after you opened the form: check what it says now, then make your change again',
});

export interface ChangeWorkstreamViewModel extends AddWorkstreamViewModel {
  version: number;
  /** What the workstream says now, shown above the form after a stale send; null otherwise. */
  now: { key: { text: string }; value: { text: string } }[] | null;
  /** "Delete this workstream", at the foot of the page (none for the regulator deadlines' RD: workstreamDeleteHref). */
  deleteHref: string | null;
}

/**
 * The "Change the workstream" page: its fields prefilled with what it says, or as sent with their
 * errors; the hint names the codes the plan's other workstreams use. `ws` is the workstream as just
 * read: after a stale send, its version and what `now` shows are what someone else saved.
 */
export function changeWorkstreamPage(
  ctx: PlanContext,
  ws: WorkstreamDto,
  others: Pick<WorkstreamDto, 'id' | 'code'>[],
  values: NewWorkstreamValues = workstreamValues(ws),
  errors: FormErrors = [],
): ChangeWorkstreamViewModel {
  const used = others.filter((w) => w.id !== ws.id).map((w) => w.code);
  return {
    pageTitle: 'Change the workstream',
    planNav: planNavigation(ctx.plan, ctx.role, 'plan'),
    backLink: `${planPaths(ctx.plan.id).plan}#workstream-${ws.id}`,
    caption: `${ws.code}: ${ws.title}`,
    action: WORKSTREAM_PAGE.edit(ws.id),
    deleteHref: workstreamDeleteHref(ws),
    errors,
    values,
    usedCodes: used.length ? used.join(', ') : null,
    sortOrderHint: 'Workstreams are listed by position, smallest first',
    sortOrderOptional: false,
    version: ws.version,
    now: errors.some((e) => e.field === STALE_WORKSTREAM_ERROR.field)
      ? [summaryRow('Code', ws.code), summaryRow('Title', ws.title), summaryRow('Description', ws.description || 'Not given'), summaryRow('The lead’s role', ws.leadRole ?? 'Not given'), summaryRow('Position in the plan', String(ws.sortOrder))]
      : null,
  };
}
