import { simpleParser } from 'mailparser';
import { buildMimeMessage, encodeHeaderWords, formatDateHeader, parseMailbox, type MimeInput } from './mime-message';

/** Our MIME bytes, read back by a real parser (mailparser). */
describe('buildMimeMessage', () => {
  const input: MimeInput = {
    from: parseMailbox('Improvement tracker (demo) <noreply@tracker.example.gov.uk>'),
    to: 'priya.natarajan@partner.example.org',
    subject: 'Due in 7 days: milestone ‘Audit fieldwork complete’ (action A1.4) — Ynys Môn 🚀 '.repeat(3),
    text: 'Dear Priya,\r\n\r\n.A line starting with a dot\nWelsh: Ynys Môn\n'.repeat(50),
    html: '<!DOCTYPE html><html lang="en-GB"><body><main><h1>Heading “quoted” &amp; Môn</h1></main></body></html>',
    messageId: '<outbox-3f1c2b7e-9a4d-4c1e-8f00-0123456789ab@tracker.example.gov.uk>',
    date: new Date('2026-11-23T10:00:05Z'),
    headers: { 'List-Unsubscribe': '<https://tracker.example.gov.uk/notifications/unsubscribe?token=v1.abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };

  it('reads back exactly: addresses, subject, date, Message-ID, both parts, no attachments', async () => {
    const raw = buildMimeMessage(input);
    const parsed = await simpleParser(raw);
    expect(parsed.from?.value).toEqual([{ name: 'Improvement tracker (demo)', address: 'noreply@tracker.example.gov.uk' }]);
    expect((parsed.to as { value: unknown[] }).value).toEqual([{ name: '', address: 'priya.natarajan@partner.example.org' }]);
    expect(parsed.subject).toBe(input.subject);
    expect(parsed.messageId).toBe(input.messageId);
    expect(parsed.date?.toISOString()).toBe('2026-11-23T10:00:05.000Z');
    expect(parsed.text).toBe(input.text.replace(/\r\n/g, '\n'));
    expect(parsed.html).toBe(input.html);
    expect(parsed.attachments).toEqual([]);
    expect(raw.toString()).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n');
  });

  it('keeps every line within 998 characters and the encoded subject words within 76', () => {
    const lines = buildMimeMessage(input).toString().split('\r\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(998);
    const subject = encodeHeaderWords(input.subject);
    for (const line of subject.split('\r\n')) expect(line.trim().length).toBeLessThanOrEqual(76);
    // Never splits a character: each word decodes on its own.
    for (const word of subject.split('\r\n ')) expect(Buffer.from(word.slice(10, -2), 'base64').toString('utf8')).not.toContain('\ufffd');
  });

  it('gives the same bytes for the same input (a resend is the same message)', () => {
    expect(buildMimeMessage(input).equals(buildMimeMessage(input))).toBe(true);
  });

  it('leaves plain ASCII headers readable', () => {
    expect(encodeHeaderWords('Progress update due by 4 December 2026')).toBe('Progress update due by 4 December 2026');
    expect(formatDateHeader(new Date('2026-03-29T01:30:00Z'))).toBe('Sun, 29 Mar 2026 01:30:00 +0000');
  });

  it.each([
    [{ to: 'a@b.example\r\nBcc: c@d.example' }, /recipient/],
    [{ to: 'Name <a@b.example>' }, /recipient/],
    [{ headers: { 'X-Evil': 'a\r\nBcc: c@d.example' } }, /printable ASCII/],
    [{ headers: { 'Bad Name': 'x' } }, /printable ASCII/],
    [{ messageId: 'no-brackets' }, /messageId/],
  ])('refuses %j', (change, error) => {
    expect(() => buildMimeMessage({ ...input, ...change })).toThrow(error);
  });

  it('parses MAIL_FROM forms', () => {
    expect(parseMailbox('noreply@council.gov.uk')).toEqual({ name: null, address: 'noreply@council.gov.uk' });
    expect(parseMailbox('"Council, Improvement" <noreply@council.gov.uk>')).toEqual({ name: 'Council, Improvement', address: 'noreply@council.gov.uk' });
    expect(() => parseMailbox('not an address')).toThrow(RangeError);
  });
});
