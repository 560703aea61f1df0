const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/**
 * Text for XML content or a quoted attribute, escaped as the docx library escapes it (so the DOCX
 * tables written directly match its markup byte for byte): markup characters as entities, and the
 * control characters XML 1.0 does not allow (NUL, vertical tab, form feed, ...: they come in with
 * pasted text) dropped, since no entity can carry them. Tab, line feed and carriage return stay.
 */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what it removes
  return text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (char) => XML_ESCAPES[char] ?? '');
}
