import type { Context, ModelParts } from './pack-context';
import type { PackSection } from './pack-model';
import {
  cell,
  changeTable,
  chartBlocks,
  countsTable,
  findingsSubsections,
  milestoneTable,
  paragraph,
  ragCell,
  ragKeyBlocks,
  reasonsText,
  section,
  table,
  trackerTable,
  updateText,
  workstreamTable,
} from './pack-outline';
import { plural, shortDate } from './pack-text';

/** The board pack's outline: the programme lead's progress and exception report. */
export function boardSections(ctx: Context, parts: ModelParts): PackSection[] {
  const wide = { orientation: 'landscape' as const };
  const sections: PackSection[] = [];
  sections.push(
    section('headline', '1', 'Headline position', [paragraph(parts.headline.summary, 'lead'), countsTable(ctx, parts), ...chartBlocks(parts)], [], wide),
  );
  sections.push(
    section(
      'exceptions',
      '2',
      'Exceptions: red and amber actions',
      [
        paragraph(
          parts.exceptions.length === 0
            ? 'No action is red or amber.'
            : `${plural(parts.exceptions.filter((e) => e.colour === 'red').length, 'action is', 'actions are')} red and ` +
                `${plural(parts.exceptions.filter((e) => e.colour === 'amber').length, 'action is', 'actions are')} amber. Red actions come first, then amber, each in plan order (workstream, then reference).`,
        ),
        table(
          'exceptions',
          'Red and amber actions, with the reasons for their colour and the latest update',
          [
            ['Ref', 2],
            ['Action', 8],
            ['Owner', 6],
            ['Due', 3],
            ['RAG', 3.2],
            ['Reasons', 8],
            ['Latest update', 10],
          ],
          parts.exceptions.map((e) => [
            cell(e.reference),
            cell(e.title),
            cell(e.owner),
            cell(e.dueLabel),
            ragCell(e.colour, e.overridden),
            cell(reasonsText(e.reasons)),
            cell(updateText(e.latestUpdate)),
          ]),
          'There are no red or amber actions.',
        ),
      ],
      [
        {
          id: 'overdue-milestones',
          heading: 'Overdue milestones',
          blocks: [
            milestoneTable(
              'overdue-milestones',
              `Milestones not completed by their due date, at ${parts.meta.asOfLabel}, most overdue first`,
              parts.overdueMilestones,
              true,
              'Owner',
              'No milestones are overdue.',
            ),
          ],
        },
      ],
      wide,
    ),
  );
  sections.push(
    section(
      'changes',
      '3',
      'Changes since the previous report',
      [paragraph(parts.changes.summary)],
      parts.changes.previousAsOf === null
        ? []
        : [
            {
              id: 'new-reds',
              heading: 'Actions that turned red',
              blocks: [changeTable('new-reds', 'Actions red now that were not red at the previous report', parts.changes.newReds, 'No action turned red.')],
            },
            {
              id: 'turned-blue',
              heading: 'Actions that turned blue',
              blocks: [
                changeTable('turned-blue', 'Actions complete and evidenced since the previous report', parts.changes.turnedBlue, 'No action turned blue.'),
              ],
            },
            {
              id: 'other-changes',
              heading: 'Other colour changes',
              blocks: [
                changeTable(
                  'other-changes',
                  'Every other action whose colour changed',
                  parts.changes.all.filter((c) => c.to !== 'red' && c.to !== 'blue'),
                  'No other action changed colour.',
                ),
              ],
            },
          ],
      wide,
    ),
  );
  sections.push(
    section(
      'upcoming-milestones',
      '4',
      'Milestones due before the next meeting',
      [
        paragraph(
          parts.meta.nextMeetingDate
            ? `Milestones due between ${parts.meta.asOfLabel} and the meeting on ${parts.meta.nextMeetingLabel}: ${parts.upcomingMilestones.length}.`
            : `No meeting is scheduled. Milestones due between ${parts.meta.asOfLabel} and ${parts.meta.upcomingUntilLabel} (four weeks): ${parts.upcomingMilestones.length}.`,
        ),
        milestoneTable(
          'upcoming-milestones',
          `Milestones due by ${parts.meta.upcomingUntilLabel}`,
          parts.upcomingMilestones,
          false,
          'Owner',
          parts.meta.nextMeetingDate ? 'No milestones are due before the next meeting.' : 'No milestones are due in the next four weeks.',
        ),
      ],
      [],
      wide,
    ),
  );
  sections.push(
    section(
      'evidence',
      '5',
      'Evidence in the period',
      [
        paragraph(parts.evidence.summary),
        table(
          'evidence',
          'Evidence reviewed in the period, and evidence awaiting review',
          [
            ['Action', 2.5],
            ['Evidence', 12],
            ['State', 3.5],
            ['Uploaded', 3],
            ['Reviewed', 3],
          ],
          (parts.evidence.items ?? []).map((e) => [
            cell(e.actionReference),
            cell(e.title),
            cell(e.stateLabel),
            cell(shortDate(e.uploadedOn)),
            cell(e.reviewedOn ? shortDate(e.reviewedOn) : ''),
          ]),
          'No evidence was reviewed in the period and none awaits review.',
        ),
      ],
      [],
      wide,
    ),
  );
  sections.push(
    section(
      'workstreams',
      '6',
      'Progress by workstream',
      [
        paragraph('A workstream is blue only when all its actions are blue; otherwise it takes the worst colour among its other actions.'),
        workstreamTable(parts, 'Workstream'),
      ],
      [],
      wide,
    ),
  );
  sections.push(
    section(
      'findings',
      '7',
      'Progress against regulator findings and notices',
      [paragraph('Each finding takes the roll-up colour of the actions that address it.')],
      findingsSubsections(parts),
      wide,
    ),
  );
  sections.push(
    section('tracker', 'A', 'Full action tracker', [trackerTable(ctx, parts)], [], { appendix: true, orientation: 'landscape' }),
  );
  sections.push(section('rag-key', 'B', 'RAG key', ragKeyBlocks(parts), [], { appendix: true, orientation: 'landscape' }));
  return sections;
}
