import type { InspectionDto } from '../../inspections/dto/inspection.dto';
import { govukDate } from '../common/nunjucks/filters';
import { summaryRow } from '../common/view/summary-row';

function dateRange(start: string, end: string | null): string {
  return end && end !== start ? `${govukDate(start)} to ${govukDate(end)}` : govukDate(start);
}

/** What an inspection is, as summary-list rows: the plan page, the stale change form's "now" and the delete page. */
export function inspectionRows(i: Pick<InspectionDto, 'regulator' | 'kindLabel' | 'startDate' | 'endDate' | 'publishedDate' | 'reportReference' | 'overallJudgement'>) {
  const row = (key: string, value: string | null) => summaryRow(key, value || 'Not given');
  return [
    row('Regulator', i.regulator.name),
    row('Kind', i.kindLabel),
    row('Dates', dateRange(i.startDate, i.endDate)),
    row('Report published', i.publishedDate ? govukDate(i.publishedDate) : null),
    row('Report reference', i.reportReference),
    row('Overall judgement', i.overallJudgement),
  ];
}
