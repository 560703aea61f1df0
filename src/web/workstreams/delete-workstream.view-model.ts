import type { DependentGroup } from '../../common/errors/has-dependents';
import { DEADLINES_WORKSTREAM } from '../../deadlines/regulator-deadlines.service';
import type { WorkstreamDto } from '../../workstreams/dto/workstream.dto';
import type { PlanContext } from '../actions/action-forms.view-model';
import { planPaths, ROW_PAGE, WORKSTREAM_PAGE } from '../common/web-paths';
import { deleteRowPage, type DeleteRowViewModel } from '../plan/delete-row.view-model';
import { summaryRow } from '../common/view/summary-row';

/** How a workstream is named on its pages and in the banner: "KO1: Governance". */
export function workstreamName(ws: Pick<WorkstreamDto, 'code' | 'title'>): string {
  return `${ws.code}: ${ws.title}`;
}

/**
 * Where "Delete" links to for a workstream, or null for the regulator deadlines' own (RD): the
 * workstreams service refuses to delete a workstream that holds actions, and the system keeps its
 * action RD1 there, so offering it would only lead to a refusal. Its delete page, opened anyway,
 * says what the service says.
 */
export function workstreamDeleteHref(ws: Pick<WorkstreamDto, 'id' | 'code'>): string | null {
  return ws.code === DEADLINES_WORKSTREAM.code ? null : WORKSTREAM_PAGE.delete(ws.id);
}

/**
 * "Delete the workstream", as `DELETE /api/v1/workstreams/:id`; while actions are in it, the page
 * says to move or delete them first (the service's rule), lists them, and offers no button.
 * `dependents` are the service's (`WorkstreamsService.dependents`).
 */
export function deleteWorkstreamPage(ctx: PlanContext, ws: WorkstreamDto, dependents: DependentGroup[]): DeleteRowViewModel {
  const actions = dependents.flatMap((g) => g.rows);
  return deleteRowPage({
    ctx,
    noun: 'workstream',
    name: workstreamName(ws),
    anchor: `workstream-${ws.id}`,
    action: WORKSTREAM_PAGE.delete(ws.id),
    details: [summaryRow('Code', ws.code), summaryRow('Title', ws.title), summaryRow('The lead’s role', ws.leadRole ?? 'Not given')],
    consequences: ['It is removed from the plan.', 'The audit trail keeps a record of the workstream and who deleted it.'],
    dependents: [
      {
        noun: 'action',
        heading: 'Actions in this workstream',
        rows: actions,
        href: (a) => ROW_PAGE.action(a.id),
        all: { text: `See all ${actions.length.toLocaleString('en-GB')} actions in this workstream`, href: `${planPaths(ctx.plan.id).actions}?workstream=${encodeURIComponent(ws.id)}` },
      },
    ],
  });
}
