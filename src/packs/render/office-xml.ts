const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
// eslint-disable-next-line no-control-regex -- the control characters are what it removes
const ESCAPED = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g;
// eslint-disable-next-line no-control-regex -- the same characters, only tested (no g flag: no lastIndex state)
const NEEDS_ESCAPE = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/;

/**
 * Text for XML content or a quoted attribute, escaped as the docx library escapes it (so the DOCX
 * tables written directly match its markup byte for byte): markup characters as entities, and the
 * control characters XML 1.0 does not allow (NUL, vertical tab, form feed, ...: they come in with
 * pasted text) dropped, since no entity can carry them. Tab, line feed and carriage return stay.
 * Most text has nothing to escape: it is scanned once and returned as it is (no copy).
 */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(ESCAPED, (char) => XML_ESCAPES[char] ?? '');
}
