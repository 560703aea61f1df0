import type { DependentGroup } from '../../common/errors/has-dependents';
import type { FindingDto } from '../../findings/dto/finding.dto';
import type { PlanContext } from '../actions/action-forms.view-model';
import { FINDING_PAGE, planPaths, ROW_PAGE } from '../common/web-paths';
import { findingKindRows } from './change-finding.view-model';
import { deleteRowPage, type DeleteRowViewModel } from '../plan/delete-row.view-model';
import { summaryRow } from '../common/view/summary-row';

/**
 * "Delete the finding", as `DELETE /api/v1/findings/:id`; while actions answer it, the page says to
 * move or delete them first (the service's rule), lists them, and offers no button.
 * `dependents` are the service's (`FindingsService.dependents`).
 */
export function deleteFindingPage(ctx: PlanContext, finding: FindingDto, dependents: DependentGroup[]): DeleteRowViewModel {
  const actions = dependents.flatMap((g) => g.rows);
  return deleteRowPage({
    ctx,
    noun: 'finding',
    name: finding.reference,
    anchor: `finding-${finding.id}`,
    action: FINDING_PAGE.delete(finding.id),
    details: [
      summaryRow('Reference', finding.reference),
      summaryRow('Title', finding.title),
      ...findingKindRows(finding),
    ],
    consequences: [
      finding.noticeId ? 'It is removed from the plan and from the notice it falls under.' : 'It is removed from the plan.',
      'The audit trail keeps a record of the finding and who deleted it.',
    ],
    verb: 'is answered by',
    dependents: [
      {
        noun: 'action',
        heading: 'Actions answering this finding',
        rows: actions,
        href: (a) => ROW_PAGE.action(a.id),
        all: { text: `See all ${actions.length.toLocaleString('en-GB')} actions answering ${finding.reference}`, href: `${planPaths(ctx.plan.id).actions}?finding=${encodeURIComponent(finding.id)}` },
      },
    ],
  });
}
