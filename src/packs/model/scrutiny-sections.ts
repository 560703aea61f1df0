import type { Context, ModelParts } from './pack-context';
import type { ExceptionRow, PackBlock, PackSection, PackSubsection } from './pack-model';
import {
  bullets,
  cell,
  chartBlocks,
  countsTable,
  findingsSubsections,
  milestoneTable,
  noticeTable,
  numbered,
  paragraph,
  ragKeyBlocks,
  reasonsText,
  section,
  table,
  trackerTable,
  workstreamTable,
} from './pack-outline';
import { plural } from './pack-text';

/** The scrutiny pack's outline: a report to the committee in the shape its members know. */
export function scrutinySections(ctx: Context, parts: ModelParts): PackSection[] {
  const scrutiny = parts.scrutiny;
  if (!scrutiny) throw new Error('scrutinySections needs the scrutiny parts');
  const sections: PackSection[] = [];
  sections.push(section('purpose', '1', 'Purpose of the report', [paragraph(scrutiny.purpose)]));
  sections.push(section('recommendations', '2', 'Recommendations', [numbered(scrutiny.recommendations)]));

  sections.push(
    section(
      'summary',
      '3',
      'Summary',
      [paragraph(parts.headline.summary), countsTable(ctx, parts), ...chartBlocks(parts), paragraph(parts.evidence.summary), paragraph(parts.changes.summary)],
      [
        {
          id: 'highlights',
          heading: 'Highlights in the period',
          blocks: [
            scrutiny.highlights.length === 0
              ? paragraph('No action was completed or reported on track with an update in the period.')
              : bullets(scrutiny.highlights.map((h) => h.text)),
          ],
        },
      ],
    ),
  );

  const byWorkstream = new Map<string, ExceptionRow[]>();
  for (const e of parts.exceptions) {
    const action = ctx.actionsById.get(e.actionId);
    if (!action) continue;
    const list = byWorkstream.get(action.workstream.id);
    if (list) list.push(e);
    else byWorkstream.set(action.workstream.id, [e]);
  }
  const prioritySubsections: PackSubsection[] = parts.workstreams.map((w) => {
    const attention = byWorkstream.get(w.id) ?? [];
    const blocks: PackBlock[] = [
      paragraph(
        w.rollUp.total === 0
          ? 'This priority has no actions yet.'
          : `Overall ${w.rollUp.label.toLowerCase()}. Of its ${plural(w.rollUp.total, 'action')}, ${w.rollUp.countsText}.`,
      ),
    ];
    if (attention.length > 0) {
      blocks.push(paragraph('Actions needing attention:'));
      blocks.push(bullets(attention.map((e) => `${e.reference} ${e.title} (${e.colourLabel}, due ${e.dueLabel}): ${reasonsText(e.reasons)}`)));
    }
    return { id: `priority-${w.id}`, heading: w.title, blocks };
  });
  prioritySubsections.push({
    id: 'notices',
    heading: 'Progress against notices',
    blocks: [noticeTable(parts)],
  });
  sections.push(
    section(
      'progress-by-priority',
      '4',
      'Progress by priority',
      [
        paragraph('A priority is blue only when all its actions are blue; otherwise it takes the worst colour among its other actions.'),
        workstreamTable(parts, 'Priority'),
      ],
      prioritySubsections,
    ),
  );

  sections.push(
    section('key-risks', '5', 'Key risks', [
      paragraph(
        scrutiny.keyRisks.length === 0
          ? 'No action is currently rated red.'
          : `${plural(scrutiny.keyRisks.length, 'action is', 'actions are')} rated red. Each is set out with the reasons for its rating and the latest position.`,
      ),
      table(
        'key-risks',
        'Red actions: reasons and latest position',
        [
          ['Ref', 2],
          ['Action', 7],
          ['Responsible', 5],
          ['Due', 3],
          ['Why it is red', 7],
          ['Latest position', 9],
        ],
        scrutiny.keyRisks.map((r) => [
          cell(r.reference),
          cell(r.title),
          cell(r.responsible),
          cell(r.dueLabel),
          cell(reasonsText(r.reasons)),
          cell(r.latestPosition ?? 'No update yet'),
        ]),
        'There are no red actions.',
      ),
    ]),
  );

  const nextStepBlocks: PackBlock[] = [
    paragraph(
      parts.meta.nextMeetingDate
        ? `Before the meeting on ${parts.meta.nextMeetingLabel}, these milestones are due:`
        : `No meeting is scheduled. By ${parts.meta.upcomingUntilLabel} (four weeks), these milestones are due:`,
    ),
    scrutiny.nextSteps.length === 0 ? paragraph(parts.meta.nextMeetingDate ? 'No milestones are due before the next meeting.' : 'No milestones are due in the next four weeks.') : bullets(scrutiny.nextSteps.map((s) => s.text)),
  ];
  if (parts.overdueMilestones.length > 0) {
    nextStepBlocks.push(
      paragraph(
        `${plural(parts.overdueMilestones.length, 'milestone is', 'milestones are')} overdue; the improvement board is following ${parts.overdueMilestones.length === 1 ? 'it' : 'them'} up:`,
      ),
      milestoneTable(
        'overdue-milestones',
        'Overdue milestones, most overdue first',
        parts.overdueMilestones,
        true,
        'Responsible',
        'No milestones are overdue.',
      ),
    );
  }
  sections.push(section('next-steps', '6', 'Next steps', nextStepBlocks));

  sections.push(
    section(
      'findings',
      'A',
      'Progress against regulator findings and notices',
      [paragraph('Each finding takes the roll-up colour of the actions that address it.')],
      findingsSubsections(parts),
      { appendix: true },
    ),
  );
  sections.push(section('tracker', 'B', 'Action tracker', [trackerTable(ctx, parts)], [], { appendix: true, orientation: 'landscape' }));
  sections.push(section('rag-key', 'C', 'RAG key', ragKeyBlocks(parts), [], { appendix: true }));
  return sections;
}
