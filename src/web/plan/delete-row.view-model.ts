import type { DependentRow } from '../../common/errors/has-dependents';
import type { PlanContext } from '../actions/action-forms.view-model';
import type { FieldError } from '../common/forms/form-errors';
import { pluralise } from '../common/nunjucks/filters';
import { planNavigation, type PlanNavigation } from '../common/view/plan-navigation';
import { planPaths } from '../common/web-paths';

/** How many of the rows in the way the page lists (as the API's refusal names them). */
export const DEPENDENTS_SHOWN = 10;

/** The rows that stop the delete (the service's rule), with where each is read. */
export interface RowDependents {
  /** 'finding', 'action' */
  noun: string;
  /** Above their list: "Findings under this notice". */
  heading: string;
  rows: DependentRow[];
  href: (row: DependentRow) => string;
  /** All of them, when more are in the way than are listed. */
  all?: { text: string; href: string };
}

/** One row of the plan (a notice, a workstream) that the plan's managers may delete. */
export interface DeleteRowInput {
  ctx: PlanContext;
  /** 'notice', 'workstream' */
  noun: string;
  /** How users know it: its title, or "KO1: Governance". */
  name: string;
  /** Its place on the plan page, where Cancel goes back to. */
  anchor: string;
  /** Where the form posts. */
  action: string;
  /** What it is, as a summary list. */
  details: { key: { text: string }; value: { text: string } }[];
  /** What deleting it does, a sentence each. */
  consequences: string[];
  /** How it holds the rows in the way, in the refusal: "has" (the default) or "is answered by". */
  verb?: string;
  /** Each kind of row in the way (an inspection has findings and notices), in the order listed. */
  dependents: RowDependents[];
}

/** One kind of row in the way, linked. */
export interface BlockedGroup {
  heading: string;
  items: { text: string; href: string }[];
  more: { text: string; href: string | null } | null;
}

export interface DeleteRowViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  backLink: string;
  heading: string;
  details: DeleteRowInput['details'];
  consequences: string[];
  /** Why it cannot be deleted yet (the error summary), or none. */
  errors: FieldError[];
  /** The rows in the way, linked, a group for each kind, when there are any. */
  blocked: BlockedGroup[] | null;
  /** The form's target, or null while it cannot be deleted (no button). */
  action: string | null;
  buttonText: string;
}

/** The id the error summary links to: the list of the rows in the way. */
export const DEPENDENTS_ANCHOR = 'dependents';

/**
 * "Are you sure you want to delete the notice ‘…’?": what it is, what deleting it does, a red
 * button and Cancel; or, while rows of the plan still depend on it (the service would refuse), why
 * not and what to do first, the rows listed, and no button.
 */
export function deleteRowPage(input: DeleteRowInput): DeleteRowViewModel {
  const { ctx, noun, name } = input;
  const present = input.dependents.filter((d) => d.rows.length > 0);
  const count = present.reduce((n, d) => n + d.rows.length, 0);
  const them = count === 1 ? 'it' : 'them';
  const base = {
    pageTitle: `Delete the ${noun}`,
    planNav: planNavigation(ctx.plan, ctx.role, 'plan'),
    backLink: `${planPaths(ctx.plan.id).plan}#${input.anchor}`,
    details: input.details,
    consequences: input.consequences,
    buttonText: `Delete ${noun}`,
  };
  if (count === 0) return { ...base, heading: `Are you sure you want to delete the ${noun} ‘${name}’?`, errors: [], blocked: null, action: input.action };
  const counted = present.map((d) => pluralise(d.rows.length, d.noun)).join(' and ');
  return {
    ...base,
    heading: `The ${noun} ‘${name}’ cannot be deleted yet`,
    errors: [{ field: DEPENDENTS_ANCHOR, text: `This ${noun} ${input.verb ?? 'has'} ${counted}: move or delete ${them} first, then delete the ${noun}` }],
    blocked: present.map((d) => {
      const shown = d.rows.slice(0, DEPENDENTS_SHOWN);
      const rest = d.rows.length - shown.length;
      return {
        heading: d.heading,
        items: shown.map((row) => ({ text: row.label, href: d.href(row) })),
        more: rest > 0 ? (d.all ?? { text: `and ${rest} more`, href: null }) : null,
      };
    }),
    action: null,
  };
}
