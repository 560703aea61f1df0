import type { DependentGroup } from '../../common/errors/has-dependents';
import { DEADLINES_ACTION } from '../../deadlines/regulator-deadlines.service';
import type { InspectionDto } from '../../inspections/dto/inspection.dto';
import type { PlanContext } from '../actions/action-forms.view-model';
import { summaryRow } from '../common/view/summary-row';
import { FINDING_PAGE, INSPECTION_PAGE, NOTICE_PAGE } from '../common/web-paths';
import { deleteRowPage, type DeleteRowViewModel } from '../plan/delete-row.view-model';
import { inspectionRows } from './inspection-rows';

/**
 * "Delete the inspection", as `DELETE /api/v1/inspections/:id`: the regulator deadlines it set go
 * with it; while findings or notices belong to it, the page says to move or delete them first (the
 * service's rule), lists them, each linked to its change page, and offers no button. `dependents`
 * are the service's (`InspectionsService.dependents`: findings, then notices).
 */
export function deleteInspectionPage(ctx: PlanContext, inspection: InspectionDto, dependents: DependentGroup[]): DeleteRowViewModel {
  const rows = (entityType: string) => dependents.filter((g) => g.entityType === entityType).flatMap((g) => g.rows);
  return deleteRowPage({
    ctx,
    noun: 'inspection',
    name: inspection.title,
    anchor: `inspection-${inspection.id}`,
    action: INSPECTION_PAGE.delete(inspection.id),
    details: [summaryRow('Title', inspection.title), ...inspectionRows(inspection)],
    consequences: [
      'It is removed from the plan.',
      `Any regulator deadlines it set are removed from action ${DEADLINES_ACTION.reference} (${DEADLINES_ACTION.title}).`,
      'The audit trail keeps a record of the inspection and who deleted it.',
    ],
    dependents: [
      // To their change pages, where each can be moved to another inspection.
      { noun: 'finding', heading: 'Findings of this inspection', rows: rows('finding'), href: (f) => FINDING_PAGE.edit(f.id) },
      { noun: 'notice', heading: 'Notices following this inspection', rows: rows('notice'), href: (n) => NOTICE_PAGE.edit(n.id) },
    ],
  });
}
