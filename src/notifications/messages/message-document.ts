/**
 * One small document model for every e-mail, laid out twice: as plain text and as simple,
 * accessible HTML (semantic elements, inline styles only, every text escaped). Templates build a
 * MessageDocument; they never write HTML themselves, so the two parts always say the same thing.
 */

/** A run of text, or a link with its words. */
export type Inline = string | { text: string; href: string } | { strong: string };

export type Block =
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'heading'; text: string }
  | { type: 'list'; items: Inline[][] }
  /** Label and value pairs ("Due", "29 November 2026"): a table with row headers in HTML. */
  | { type: 'facts'; caption: string; rows: [string, string][] }
  /** Someone's words quoted as given (a reviewer's comment). */
  | { type: 'quote'; label: string; text: string }
  /** The one thing to do: shown prominently. */
  | { type: 'action'; text: string; href: string };

export interface MessageFooter {
  /** Why this person gets this e-mail. */
  reason: string;
  /** One-click unsubscribe for this kind; null for mandatory kinds. */
  unsubscribe: { text: string; href: string } | null;
  /** Said instead of the unsubscribe link for mandatory kinds. */
  mandatoryNote?: string;
  preferencesHref: string;
}

export interface MessageDocument {
  subject: string;
  heading: string;
  blocks: Block[];
  footer: MessageFooter;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const MAX_SUBJECT = 250;

/** One line, no control characters, at most 250 characters (a long title is cut with an ellipsis). */
export function cleanSubject(subject: string): string {
  // Control characters (CR, LF, NUL...) become spaces: a subject is one header line.
  const line = [...subject].map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c)).join('').replace(/\s+/g, ' ').trim();
  return line.length <= MAX_SUBJECT ? line : `${line.slice(0, MAX_SUBJECT - 1).trimEnd()}…`;
}

/** A title cut for a subject line, so the action reference and dates still show. */
export function shortTitle(title: string, max = 80): string {
  const line = title.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Only http(s) links reach a message: anything else is a programming error, not content. */
function safeHref(href: string): string {
  const protocol = new URL(href).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') throw new RangeError(`refusing a ${protocol} link in an e-mail`);
  return href;
}

// ---------- plain text ----------

function inlineText(content: Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return part;
      if ('strong' in part) return part.strong;
      return `${part.text} (${safeHref(part.href)})`;
    })
    .join('');
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return inlineText(block.content);
    case 'heading':
      return `${block.text}\n${'-'.repeat(Math.min(block.text.length, 70))}`;
    case 'list':
      return block.items.map((item) => `- ${inlineText(item)}`).join('\n');
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'quote':
      return `${block.label}:\n${block.text
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join('\n')}`;
    case 'action':
      return `${block.text}:\n${safeHref(block.href)}`;
  }
}

function footerText(footer: MessageFooter): string {
  const lines = [footer.reason];
  if (footer.unsubscribe) lines.push(`${footer.unsubscribe.text}: ${safeHref(footer.unsubscribe.href)}`);
  if (footer.mandatoryNote) lines.push(footer.mandatoryNote);
  lines.push(`Choose which e-mails you get: ${safeHref(footer.preferencesHref)}`);
  return lines.join('\n');
}

export function renderText(doc: MessageDocument): string {
  const parts = [`${doc.heading}\n${'='.repeat(Math.min(doc.heading.length, 70))}`, ...doc.blocks.map(blockText), '-- ', footerText(doc.footer)];
  return `${parts.join('\n\n')}\n`;
}

// ---------- HTML ----------

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TEXT = `${FONT}font-size:16px;line-height:1.5;color:#0b0c0c;`;
const LINK = 'color:#1d70b8;text-decoration:underline;';
const P = `margin:0 0 16px 0;${TEXT}`;

function inlineHtml(content: Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return escapeHtml(part);
      if ('strong' in part) return `<strong>${escapeHtml(part.strong)}</strong>`;
      return `<a href="${escapeHtml(safeHref(part.href))}" style="${LINK}">${escapeHtml(part.text)}</a>`;
    })
    .join('');
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p style="${P}">${inlineHtml(block.content)}</p>`;
    case 'heading':
      return `<h2 style="margin:24px 0 8px 0;${FONT}font-size:19px;line-height:1.3;color:#0b0c0c;">${escapeHtml(block.text)}</h2>`;
    case 'list':
      return `<ul style="margin:0 0 16px 0;padding-left:20px;">${block.items.map((item) => `<li style="margin:0 0 8px 0;${TEXT}">${inlineHtml(item)}</li>`).join('')}</ul>`;
    case 'facts':
      return (
        `<table style="border-collapse:collapse;margin:0 0 16px 0;${TEXT}"><caption style="text-align:left;font-weight:bold;padding:0 0 4px 0;">${escapeHtml(block.caption)}</caption>` +
        block.rows
          .map(
            ([label, value]) =>
              `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0;border-bottom:1px solid #b1b4b6;">${escapeHtml(label)}</th>` +
              `<td style="vertical-align:top;padding:4px 0;border-bottom:1px solid #b1b4b6;">${escapeHtml(value)}</td></tr>`,
          )
          .join('') +
        '</table>'
      );
    case 'quote':
      return (
        `<p style="${P}font-weight:bold;margin-bottom:4px;">${escapeHtml(block.label)}:</p>` +
        `<blockquote style="margin:0 0 16px 0;padding:8px 16px;border-left:5px solid #b1b4b6;${TEXT}">${escapeHtml(block.text).replace(/\r?\n/g, '<br>')}</blockquote>`
      );
    case 'action':
      return `<p style="${P}font-size:19px;font-weight:bold;"><a href="${escapeHtml(safeHref(block.href))}" style="${LINK}">${escapeHtml(block.text)}</a></p>`;
  }
}

function footerHtml(footer: MessageFooter): string {
  const small = `margin:0 0 8px 0;${FONT}font-size:14px;line-height:1.5;color:#505a5f;`;
  const parts = [`<p style="${small}">${escapeHtml(footer.reason)}</p>`];
  if (footer.unsubscribe) {
    parts.push(`<p style="${small}"><a href="${escapeHtml(safeHref(footer.unsubscribe.href))}" style="${LINK}">${escapeHtml(footer.unsubscribe.text)}</a></p>`);
  }
  if (footer.mandatoryNote) parts.push(`<p style="${small}">${escapeHtml(footer.mandatoryNote)}</p>`);
  parts.push(`<p style="${small}"><a href="${escapeHtml(safeHref(footer.preferencesHref))}" style="${LINK}">Choose which e-mails you get</a></p>`);
  return `<footer style="border-top:1px solid #b1b4b6;margin-top:32px;padding-top:16px;">${parts.join('')}</footer>`;
}

export function renderHtml(doc: MessageDocument): string {
  return (
    '<!DOCTYPE html>' +
    '<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(doc.subject)}</title></head>` +
    '<body style="margin:0;padding:0;background-color:#ffffff;">' +
    `<main style="max-width:640px;margin:0 auto;padding:24px 16px;${TEXT}">` +
    `<h1 style="margin:0 0 24px 0;${FONT}font-size:27px;line-height:1.25;color:#0b0c0c;">${escapeHtml(doc.heading)}</h1>` +
    doc.blocks.map(blockHtml).join('') +
    footerHtml(doc.footer) +
    '</main></body></html>'
  );
}

export function renderDocument(doc: MessageDocument): RenderedMessage {
  const clean = { ...doc, subject: cleanSubject(doc.subject) };
  return { subject: clean.subject, text: renderText(clean), html: renderHtml(clean) };
}
