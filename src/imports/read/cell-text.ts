/**
 * Text as it comes out of a cell, made safe to keep: Excel's _x000D_ escapes decoded, line ends
 * made \n, NUL and other control characters removed (PostgreSQL refuses NUL in text, and none of
 * them is meant by anyone), and cut to the cell limit.
 */
export interface CleanText {
  text: string;
  cleaned: boolean;
  truncatedFrom?: number;
}

// Tab and line feed are kept; carriage returns become line feeds first.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;

// A surrogate half with no partner (an escape like _xD800_, or a file that is not UTF-16 clean):
// PostgreSQL's jsonb (the preview) refuses one, so it becomes U+FFFD, the replacement character.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanCellText(input: string, maxChars: number): CleanText {
  let text = input.includes('_x') ? input.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : input;
  text = text.replace(/\r\n?/g, '\n');
  const stripped = text.replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd');
  const cleaned = stripped !== text;
  if (stripped.length > maxChars) {
    // Never cut a character in half: a pair split at the limit loses its first half too.
    const end = /[\ud800-\udbff]/.test(stripped[maxChars - 1] ?? '') ? maxChars - 1 : maxChars;
    return { text: stripped.slice(0, end), cleaned, truncatedFrom: stripped.length };
  }
  return { text: stripped, cleaned };
}

/**
 * Text that a spreadsheet would run as a formula if it were written back into a cell as it is:
 * it starts with '=' or '@', or with '+' or '-' followed by a function call, a cell reference or a
 * DDE link ("-2+3" and "- Audit complete" are not flagged; "+cmd|' /C calc'!A0" and "-SUM(A1)" are).
 * Such text is imported as plain text and never run; the import reports it so nobody is surprised.
 */
export function looksLikeFormula(text: string): boolean {
  if (text === '') return false;
  const first = text[0];
  if (first === '=' || first === '@' || first === '\uff1d') return text.length > 1;
  if (first === '+' || first === '-') {
    const rest = text.slice(1).trimStart();
    return /^[A-Za-z_][\w.]*\s*\(/.test(rest) || /^\$?[A-Za-z]{1,3}\$?\d+\b/.test(rest) || /\|/.test(rest) || /^'[^']*'!/.test(rest);
  }
  return false;
}
