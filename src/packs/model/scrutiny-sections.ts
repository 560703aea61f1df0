import type { Context, ModelParts } from './pack-context';
import type { ExceptionRow, PackBlock, PackSection, PackSubsection } from './pack-model';
import { achievedBlocks, backgroundSubsections } from './committee-report';
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

/**
 * The scrutiny pack's outline: a report to the committee in the shape its members know (purpose,
 * recommendations and the reasons for them, background, summary, progress by key outcome with what
 * was achieved, key risks, implications, next steps, appendices).
 */
export function scrutinySections(ctx: Context, parts: ModelParts): PackSection[] {
  const scrutiny = parts.scrutiny;
  if (!scrutiny) throw new Error('scrutinySections needs the scrutiny parts');
  const sections: PackSection[] = [];
  let n = 0;
  const next = (): string => String(++n);
  sections.push(section('purpose', next(), 'Purpose of the report', [paragraph(scrutiny.purpose)]));
  sections.push(section('recommendations', next(), 'Recommendations', [numbered(scrutiny.recommendations)]));
  sections.push(section('reasons', next(), 'Reasons for the recommendations', [paragraph(scrutiny.reasonsForRecommendations)]));

  const background = backgroundSubsections(ctx);
  sections.push(
    section(
      'background',
      next(),
      'Background',
      [paragraph('The improvement plan responds to the following, quoted as recorded.'), ...background.blocks],
      background.subsections,
    ),
  );

  sections.push(
    section(
      'summary',
      next(),
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
    const achieved = scrutiny.achieved.filter((a) => a.workstreamId === w.id);
    const blocks: PackBlock[] = [
      paragraph(
        w.rollUp.total === 0
          ? 'This key outcome has no actions yet.'
          : `Overall ${w.rollUp.label.toLowerCase()}. Of its ${plural(w.rollUp.total, 'action')}, ${w.rollUp.countsText}.`,
      ),
    ];
    if (w.rollUp.total > 0) {
      blocks.push(paragraph('What has been achieved:'), achievedBlocks(achieved, 'No action under this key outcome is complete yet.'));
    }
    if (attention.length > 0) {
      blocks.push(paragraph('Actions needing attention:'));
      blocks.push(bullets(attention.map((e) => `${e.reference} ${e.title} (${e.colourLabel}, due ${e.dueLabel}): ${reasonsText(e.reasons)}`)));
    }
    return { id: `priority-${w.id}`, heading: w.title, blocks };
  });
  prioritySubsections.push({
    id: 'notices',
    heading: 'Progress against notifications and notices',
    blocks: [noticeTable(parts)],
  });
  sections.push(
    section(
      'progress-by-priority',
      next(),
      'Progress by key outcome',
      [
        paragraph('A key outcome is blue only when all its actions are blue; otherwise it takes the worst colour among its other actions.'),
        workstreamTable(parts, 'Key outcome'),
      ],
      prioritySubsections,
    ),
  );

  sections.push(
    section('key-risks', next(), 'Key risks and what is being done', [
      paragraph(
        scrutiny.keyRisks.length === 0
          ? 'No action is currently rated red.'
          : `${plural(scrutiny.keyRisks.length, 'action is', 'actions are')} rated red. Each is set out with the reasons for its rating and what is being done about it.`,
      ),
      table(
        'key-risks',
        'Red actions: why each is red and what is being done',
        [
          ['Ref', 2],
          ['Action', 7],
          ['Responsible', 5],
          ['Due', 3],
          ['Why it is red', 7],
          ['What is being done', 10],
        ],
        scrutiny.keyRisks.map((r) => [cell(r.reference), cell(r.title), cell(r.responsible), cell(r.dueLabel), cell(reasonsText(r.reasons)), cell(r.beingDone)]),
        'There are no red actions.',
      ),
    ]),
  );

  sections.push(
    section(
      'implications',
      next(),
      'Implications',
      [],
      [
        { id: 'implications-financial', heading: 'Financial', blocks: [paragraph(scrutiny.implications.financial)] },
        { id: 'implications-legal', heading: 'Legal', blocks: [paragraph(scrutiny.implications.legal)] },
        { id: 'implications-equality', heading: 'Equality', blocks: [paragraph(scrutiny.implications.equality)] },
        { id: 'implications-safeguarding', heading: 'Safeguarding', blocks: [paragraph(scrutiny.implications.safeguarding)] },
      ],
    ),
  );

  const nextStepBlocks: PackBlock[] = [
    paragraph(
      parts.meta.nextMeetingDate
        ? `Before the meeting on ${parts.meta.nextMeetingLabel}, these milestones are due:`
        : `No meeting is scheduled. By ${parts.meta.upcomingUntilLabel} (four weeks), these milestones are due:`,
    ),
    scrutiny.nextSteps.length === 0
      ? paragraph(parts.meta.nextMeetingDate ? 'No milestones are due before the next meeting.' : 'No milestones are due in the next four weeks.')
      : bullets(scrutiny.nextSteps.map((s) => s.text)),
  ];
  if (parts.overdueMilestones.length > 0) {
    nextStepBlocks.push(
      paragraph(
        `${plural(parts.overdueMilestones.length, 'milestone is', 'milestones are')} overdue; the improvement board is following ${parts.overdueMilestones.length === 1 ? 'it' : 'them'} up:`,
      ),
      milestoneTable('overdue-milestones', 'Overdue milestones, most overdue first', parts.overdueMilestones, true, 'Responsible', 'No milestones are overdue.'),
    );
  }
  sections.push(section('next-steps', next(), 'Next steps', nextStepBlocks));

  sections.push(section('tracker', 'A', 'Action tracker', [trackerTable(ctx, parts)], [], { appendix: true, orientation: 'landscape' }));
  sections.push(
    section(
      'findings',
      'B',
      'Progress against regulator findings and notices',
      [paragraph('Each finding takes the roll-up colour of the actions that address it.')],
      findingsSubsections(parts),
      { appendix: true },
    ),
  );
  sections.push(section('rag-key', 'C', 'RAG key', ragKeyBlocks(parts), [], { appendix: true }));
  sections.push(
    section(
      'glossary',
      'D',
      'Glossary',
      [
        table(
          'glossary',
          'Terms used in this report',
          [
            ['Term', 4],
            ['Meaning', 12],
          ],
          scrutiny.glossary.map((g) => [cell(g.term), cell(g.meaning)]),
          'No terms are listed.',
        ),
      ],
      [],
      { appendix: true },
    ),
  );
  return sections;
}
