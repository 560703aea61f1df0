import type { DependentGroup } from '../../common/errors/has-dependents';
import { DEADLINES_ACTION } from '../../deadlines/regulator-deadlines.service';
import type { NoticeDetailDto } from '../../notices/dto/notice.dto';
import type { PlanContext } from '../actions/action-forms.view-model';
import { govukDate, pluralise } from '../common/nunjucks/filters';
import { FINDING_PAGE, NOTICE_PAGE } from '../common/web-paths';
import { deleteRowPage, type DeleteRowViewModel } from '../plan/delete-row.view-model';
import { noticeStatusWords } from './notice-words';
import { summaryRow } from '../common/view/summary-row';

/**
 * "Delete the notice", as `DELETE /api/v1/notices/:id`: its status history and the regulator
 * deadlines it set go with it; while findings are under it, the page says to move or delete them
 * first (the service's rule) and offers no button. `dependents` are the service's (`NoticesService.dependents`).
 */
export function deleteNoticePage(ctx: PlanContext, notice: NoticeDetailDto, dependents: DependentGroup[]): DeleteRowViewModel {
  const history = notice.statusHistory.length;
  return deleteRowPage({
    ctx,
    noun: 'notice',
    name: notice.title,
    anchor: `notice-${notice.id}`,
    action: NOTICE_PAGE.delete(notice.id),
    details: [
      summaryRow('Kind', notice.kindLabel),
      summaryRow('Issued', govukDate(notice.issuedOn)),
      summaryRow('Regulator deadline', notice.deadline ? govukDate(notice.deadline) : 'None'),
      summaryRow('Status', noticeStatusWords(notice.status)),
    ],
    consequences: [
      history > 0 ? `Its status history (${pluralise(history, 'entry', 'entries')}) is deleted with it.` : 'Its status history is deleted with it.',
      ...(notice.deadline ? [`The regulator deadline it set is removed from action ${DEADLINES_ACTION.reference} (${DEADLINES_ACTION.title}).`] : []),
      'The audit trail keeps a record of the notice and who deleted it.',
    ],
    dependents: [
      {
        noun: 'finding',
        heading: 'Findings under this notice',
        rows: dependents.flatMap((g) => g.rows),
        // To its change page, where it can be moved to another notice or to none.
        href: (f) => FINDING_PAGE.edit(f.id),
      },
    ],
  });
}
