/**
 * The bytes of one e-mail (RFC 5322 + MIME): multipart/alternative with a UTF-8 plain-text part
 * and a UTF-8 HTML part, both base64. Built here rather than by nodemailer's composer because
 * ours are always this one simple shape, and building them natively is several times cheaper per
 * message (10,000 weekly digests go out in one run); nodemailer still does the SMTP (pooling,
 * TLS, login). The bytes depend only on the input, so a resend is byte-for-byte the same message.
 */

export interface Mailbox {
  name: string | null;
  address: string;
}

export interface MimeInput {
  from: Mailbox;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<...@...>` */
  messageId: string;
  date: Date;
  /** Extra headers, ASCII only (List-Unsubscribe, Auto-Submitted, ...). */
  headers: Record<string, string>;
}

const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+$/;

/** "Name <a@b>" or "a@b" (MAIL_FROM). */
export function parseMailbox(value: string): Mailbox {
  const angle = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(value);
  const name = angle ? angle[1].replace(/^"(.*)"$/, '$1').trim() || null : null;
  const address = (angle ? angle[2] : value).trim();
  if (!ADDRESS.test(address)) throw new RangeError('not an e-mail address');
  return { name, address };
}

export function isPlainAddress(value: string): boolean {
  return ADDRESS.test(value);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A header value as RFC 2047 encoded words where it is not plain ASCII: base64 words of at most
 * 45 bytes of UTF-8 each (75 characters with the wrapper), never splitting a character.
 */
export function encodeHeaderWords(value: string): string {
  if (PRINTABLE_ASCII.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const ch of value) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > 45) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += ch;
    bytes += size;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

function formatMailbox(mailbox: Mailbox): string {
  if (!mailbox.name) return `<${mailbox.address}>`;
  const name = PRINTABLE_ASCII.test(mailbox.name) ? `"${mailbox.name.replace(/[\\"]/g, '\\$&')}"` : encodeHeaderWords(mailbox.name);
  return `${name} <${mailbox.address}>`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date in UTC: "Mon, 23 Nov 2026 10:00:00 +0000". */
export function formatDateHeader(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} +0000`;
}

function base64Lines(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g)
      ?.join('\r\n') ?? ''
  );
}

function checkHeader(name: string, value: string): void {
  if (!/^[A-Za-z0-9-]+$/.test(name) || !PRINTABLE_ASCII.test(value)) throw new RangeError(`header ${name} must be printable ASCII on one line`);
}

export function buildMimeMessage(input: MimeInput): Buffer {
  if (!isPlainAddress(input.to)) throw new RangeError('recipient is not a plain e-mail address');
  if (!/^<[^\s<>]+@[^\s<>]+>$/.test(input.messageId)) throw new RangeError('messageId must look like <id@domain>');
  for (const [name, value] of Object.entries(input.headers)) checkHeader(name, value);
  // '=_' never occurs in base64 text, so the boundary cannot collide with a part's content.
  const boundary = `=_alt_${Buffer.from(input.messageId).toString('hex').slice(0, 40)}`;
  const subject = input.subject.replace(/[\r\n]+/g, ' ');
  const head = [
    `From: ${formatMailbox(input.from)}`,
    `To: <${input.to}>`,
    `Subject: ${encodeHeaderWords(subject)}`,
    `Date: ${formatDateHeader(input.date)}`,
    `Message-ID: ${input.messageId}`,
    'MIME-Version: 1.0',
    ...Object.entries(input.headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) =>
    [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(body)].join('\r\n');
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${part('text/plain', input.text)}\r\n${part('text/html', input.html)}\r\n--${boundary}--\r\n`, 'utf8');
}
