import type { ActionFacts, Context } from './pack-context';
import type { AchievedAction, PackBlock, PackSubsection } from './pack-model';
import type { PackSourceInspection, PackSourceNotice } from './pack-source';
import { bullets, cell, paragraph, table } from './pack-outline';
import { joinWords, longDate, prefixOnce } from './pack-text';
import { isDoneStatus } from '../../vocabulary/action-status';

/**
 * The parts of the scrutiny committee report that come straight from the data: what was achieved
 * (completed and blue actions with the narrative that closed them) and the background (the
 * inspection's results and the notification, letter or notice, quoted as recorded).
 */

/** Completed (or blue) actions, in plan order, each with its closing narrative in full. */
export function buildAchieved(ctx: Context, actions: readonly ActionFacts[] = ctx.actions): AchievedAction[] {
  return actions
    .filter((a) => isDoneStatus(a.source.status) || a.source.colour === 'blue')
    .map((a) => {
      const blue = a.source.colour === 'blue';
      const stateLabel = blue ? 'Complete and evidenced' : 'Complete, awaiting evidence';
      const completedOn = a.source.completedOn ?? null;
      const narrative = a.latestNarrative;
      const when = completedOn ? `, completed ${longDate(completedOn)}` : '';
      return {
        actionId: a.source.id,
        reference: a.source.reference,
        title: a.title,
        workstreamId: a.workstream.id,
        colour: a.source.colour,
        completedOn,
        stateLabel,
        narrative,
        text: `${a.source.reference} ${a.title} (${stateLabel.toLowerCase()}${when})${narrative ? `: ${narrative}` : '.'}`,
      };
    });
}

/** "CQC local authority assessment, published 12 March 2025": the regulator named once. */
function inspectionLine(i: PackSourceInspection): string {
  const isJoint = !!i.inspectorates && i.inspectorates.length > 0;
  // A joint inspection is not one regulator's: its kind is named without the lead inspectorate before it.
  const kind = isJoint ? i.kind : prefixOnce(i.regulator, i.kind);
  const joint = isJoint ? `, a joint inspection by ${joinWords(i.inspectorates ?? [])}` : '';
  const dates =
    i.startDate && i.endDate && i.startDate !== i.endDate
      ? `, carried out ${longDate(i.startDate)} to ${longDate(i.endDate)}`
      : i.startDate
        ? `, carried out ${longDate(i.startDate)}`
        : '';
  const published = i.publishedDate ? `, report published ${longDate(i.publishedDate)}` : '';
  const reference = i.reportReference ? ` (report reference ${i.reportReference})` : '';
  return `${kind}${joint}${dates}${published}${reference}.`;
}

function inspectionBlocks(i: PackSourceInspection): PackBlock[] {
  const blocks: PackBlock[] = [paragraph(inspectionLine(i))];
  const qs = i.qualityStatements ?? null;
  if (qs && qs.length > 0) {
    const total = qs.reduce((sum, q) => sum + q.score, 0);
    const max = qs.length * 4;
    const percent = Math.round((total / max) * 100);
    blocks.push(
      paragraph(
        `Overall rating: ${i.overallJudgement ?? 'not recorded'}. The ${qs.length} quality statements scored ${total} out of ${max} (${percent}%).`,
      ),
      table(
        `quality-statements-${i.id}`,
        `Quality statement scores (1 to 4) of the ${i.title}`,
        [
          ['Quality statement', 8],
          ['Theme', 7],
          ['Score', 2, 'right'],
        ],
        [...qs.map((q) => [cell(q.label), cell(q.theme), cell(q.score)]), [cell('Total'), cell(`${percent}%`), cell(`${total} of ${max}`)]],
        'No scores are recorded.',
        { rowHeaderColumn: true },
      ),
    );
  } else if (i.judgements && i.judgements.length > 0) {
    blocks.push(
      table(
        `judgements-${i.id}`,
        `Ofsted judgements of the ${i.title}`,
        [
          ['Judgement', 10],
          ['Grade', 5],
        ],
        i.judgements.map((j) => [cell(j.label), cell(j.grade)]),
        'No judgements are recorded.',
      ),
    );
  } else if (i.inspectorates && i.inspectorates.length > 0) {
    blocks.push(paragraph('A joint targeted area inspection is not graded: the inspectorates’ letter sets out strengths and areas for improvement, recorded here as findings.'));
  } else if (i.overallJudgement) {
    blocks.push(paragraph(`Overall judgement: ${i.overallJudgement}.`));
  }
  return blocks;
}

/** Section 50 and the minister's letter carry no regulator deadline; a DfE notice or direction does. */
function noticeBlocks(n: PackSourceNotice): PackBlock[] {
  const kind = n.kindKey ?? '';
  const issued = n.issuedOn ? ` dated ${longDate(n.issuedOn)}` : '';
  const blocks: PackBlock[] = [];
  if (kind === 'section_50') {
    blocks.push(
      paragraph(
        `${n.title}: the CQC’s notification to the Secretary of State under section 50 of the Health and Social Care Act 2008${issued}. A notification sets no regulator deadline.`,
      ),
    );
  } else if (kind === 'ministerial_letter') {
    blocks.push(paragraph(`${n.title}${issued}: the minister’s letter setting out expectations of the council. It sets no regulator deadline.`));
  } else {
    blocks.push(paragraph(`${n.title} (${n.kind})${issued}${n.deadline ? `, with requirements to be met by ${longDate(n.deadline)}` : ''}. Status: ${n.status}.`));
  }
  if (n.failings && n.failings.trim() !== '') blocks.push(paragraph(kind === 'ministerial_letter' ? 'The letter says:' : 'What it found failing:'), paragraph(`“${n.failings.trim()}”`, 'lead'));
  if (n.requirements && n.requirements.trim() !== '') {
    blocks.push(paragraph(kind === 'ministerial_letter' || kind === 'section_50' ? 'The expectations set out:' : 'What it requires:'), paragraph(`“${n.requirements.trim()}”`, 'lead'));
  }
  return blocks;
}

/** The background: each inspection with its results, then each notification, letter or notice. */
export function backgroundSubsections(ctx: Context): { blocks: PackBlock[]; subsections: PackSubsection[] } {
  const s = ctx.source;
  const subsections: PackSubsection[] = [
    ...[...s.inspections]
      .sort((a, b) => (a.publishedDate ?? a.startDate ?? '').localeCompare(b.publishedDate ?? b.startDate ?? '') || a.id.localeCompare(b.id))
      .map((i) => ({ id: `background-inspection-${i.id}`, heading: i.title, blocks: inspectionBlocks(i) })),
    ...[...s.notices]
      .sort((a, b) => (a.issuedOn ?? '').localeCompare(b.issuedOn ?? '') || a.id.localeCompare(b.id))
      .map((n) => ({ id: `background-notice-${n.id}`, heading: n.title, blocks: noticeBlocks(n) })),
  ];
  const blocks: PackBlock[] = [];
  if (subsections.length === 0) blocks.push(paragraph('No inspection or notice is recorded for this plan.'));
  const deadlines = s.notices.filter((n) => n.deadline && n.kindKey !== 'section_50' && n.kindKey !== 'ministerial_letter');
  if (s.plan.targetDate && deadlines.length === 0) {
    blocks.push(paragraph(`The target date of the plan, ${longDate(s.plan.targetDate)}, is the council’s own; no regulator deadline applies.`));
  }
  return { blocks, subsections };
}

export function achievedBlocks(achieved: readonly AchievedAction[], emptyText: string): PackBlock {
  return achieved.length === 0 ? paragraph(emptyText) : bullets(achieved.map((a) => a.text));
}
