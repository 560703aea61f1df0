import { daysBetween } from '../../common/dates/calendar-date';
import type { MessageDocument } from './message-document';
import type { EvidenceReviewDigestData, MessageContext, OverrideExpiringData, PackReadyData, ScrutinyPackPublishedData } from './message-data';
import { actionName, boardReason, dayCount, footerFor, greeting, longDate, relativeDay } from './message-words';

/** Messages to board and scrutiny members. No file is attached and no person is named. */

const COLOUR_WORDS = { red: 'Red', amber: 'Amber', green: 'Green', blue: 'Blue', grey: 'Grey' } as const;
const FORMAT_WORDS: Record<string, string> = { pdf: 'PDF', docx: 'Word', xlsx: 'Excel', json: 'JSON' };

/** evidence_review_digest: once a day, the evidence this board member may review. */
export function evidenceReviewDigestMessage(ctx: MessageContext, data: EvidenceReviewDigestData): MessageDocument {
  if (data.items.length === 0) throw new RangeError('an evidence review digest needs at least one item');
  const n = data.items.length;
  const items = [...data.items].sort((a, b) => a.submittedOn.localeCompare(b.submittedOn));
  return {
    subject: `${n} piece${n === 1 ? '' : 's'} of evidence waiting for review (${longDate(data.today)})`,
    heading: 'Evidence waiting for review',
    blocks: [
      { type: 'paragraph', content: [greeting(ctx)] },
      {
        type: 'paragraph',
        content: [`${n === 1 ? 'This piece of evidence is' : `These ${n} pieces of evidence are`} waiting for a board member to accept or reject, oldest first:`],
      },
      {
        type: 'list',
        items: items.map((i) => [
          { text: i.fileName, href: ctx.links.evidence(i.evidenceId) },
          ` for action ${actionName(i.action)}: submitted ${longDate(i.submittedOn)}, waiting ${dayCount(Math.max(0, daysBetween(i.submittedOn, data.today)))}`,
        ]),
      },
      { type: 'paragraph', content: ['Evidence you uploaded yourself is not listed: another board member reviews it. If you reject evidence, say what the owner should do.'] },
      { type: 'action', text: 'Review evidence', href: ctx.links.reviewQueue(data.planId) },
    ],
    footer: footerFor('evidence_review', ctx, boardReason(ctx)),
  };
}

/** pack_ready: a generated pack can be read (and, for a scrutiny pack, checked and published). */
export function packReadyMessage(ctx: MessageContext, data: PackReadyData): MessageDocument {
  const { pack } = data;
  const which = pack.audience === 'board' ? 'Board pack' : 'Scrutiny pack';
  const formats = pack.formats.map((f) => FORMAT_WORDS[f] ?? f.toUpperCase()).join(', ');
  return {
    subject: `${which} for ${longDate(pack.asOf)} is ready`,
    heading: `${which} ready`,
    blocks: [
      { type: 'paragraph', content: [greeting(ctx)] },
      { type: 'paragraph', content: ['The pack ', { strong: pack.title }, ` for the reporting date ${longDate(pack.asOf)} has been generated.`] },
      {
        type: 'facts',
        caption: 'Pack',
        rows: [
          ['Title', pack.title],
          ['Reporting date', longDate(pack.asOf)],
          ['Formats', formats],
        ],
      },
      {
        type: 'paragraph',
        content: [
          pack.audience === 'scrutiny'
            ? 'Check it before publishing: once published, members of the scrutiny committee can read it, and it becomes part of the public record.'
            : 'Read it before the board meeting; exceptions (reds, ambers and slipped milestones) come first.',
        ],
      },
      { type: 'action', text: pack.audience === 'scrutiny' ? 'Check and publish the pack' : 'Open the pack', href: ctx.links.pack(pack.id) },
    ],
    footer: footerFor('pack_ready', ctx, boardReason(ctx)),
  };
}

/** override_expiring: RAG overrides ending soon, so the board renews or lets them lapse on purpose. */
export function overrideExpiringMessage(ctx: MessageContext, data: OverrideExpiringData): MessageDocument {
  if (data.items.length === 0) throw new RangeError('an override-expiring message needs at least one override');
  const n = data.items.length;
  const items = [...data.items].sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
  return {
    subject: n === 1 ? `RAG override on action ${items[0].action.reference} expires ${relativeDay(data.today, items[0].expiresOn)}` : `${n} RAG overrides expire soon`,
    heading: n === 1 ? 'A RAG override expires soon' : `${n} RAG overrides expire soon`,
    blocks: [
      { type: 'paragraph', content: [greeting(ctx)] },
      { type: 'paragraph', content: ['When an override expires, the colour goes back to the one the policy computes. Renew it with a reason if it should stay:'] },
      {
        type: 'list',
        items: items.map((i) => [
          { text: `Action ${actionName(i.action)}`, href: ctx.links.action(i.action.id) },
          `: overridden to ${COLOUR_WORDS[i.colour]}, expires ${longDate(i.expiresOn)} (${relativeDay(data.today, i.expiresOn)})`,
        ]),
      },
      { type: 'action', text: 'Review overridden actions', href: ctx.links.overrides(data.planId) },
    ],
    footer: footerFor('override_expiring', ctx, boardReason(ctx)),
  };
}

/** scrutiny_pack_published: to the members of the committee the pack is for. */
export function scrutinyPackPublishedMessage(ctx: MessageContext, data: ScrutinyPackPublishedData): MessageDocument {
  const meeting = data.meetingDate ? `, for the meeting on ${longDate(data.meetingDate)}` : '';
  return {
    subject: `Scrutiny pack published: ${data.pack.title}`,
    heading: 'Scrutiny pack published',
    blocks: [
      { type: 'paragraph', content: [greeting(ctx)] },
      {
        type: 'paragraph',
        content: [`A progress report on the improvement plan has been published for the ${data.committeeName}${meeting}: `, { strong: data.pack.title }, ` (reporting date ${longDate(data.pack.asOf)}).`],
      },
      { type: 'paragraph', content: ['It is available to read and download as an accessible PDF, a Word document and a spreadsheet.'] },
      { type: 'action', text: 'Read the scrutiny pack', href: ctx.links.report(data.pack.id) },
    ],
    footer: footerFor('scrutiny_pack_published', ctx, `You get this e-mail because you are a member of the ${data.committeeName} at ${ctx.organisationName}.`),
  };
}
