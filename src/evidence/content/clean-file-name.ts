/** Longest display name kept, in code points (the entity column allows 255 characters). */
export const MAX_FILE_NAME_LENGTH = 200;
/** Longer "extensions" are just part of the name, and are not protected from truncation. */
const MAX_EXTENSION_LENGTH = 16;
const FALLBACK_NAME = 'file';

// Tab, line feed and friends become spaces (they separated words); other C0/C1 controls go.
const WHITESPACE_CONTROLS = /[\t\n\v\f\r]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidi embeddings/overrides/isolates (which can make `invoice\u202Efdp.exe` display as
// `invoiceexe.pdf`), bidi marks, and invisible BOM/word-joiner characters.
const BIDI_AND_INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2060\ufeff]/g;

/**
 * A file name for DISPLAY only (lists, the download's Content-Disposition). It is never a path:
 * storage keys are chosen by the server.
 */
export function cleanFileName(raw: string): string {
  let name = String(raw ?? '').normalize('NFC');
  // Browsers and clients send full paths (`C:\Users\x\report.pdf`): keep the last part only.
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.replace(WHITESPACE_CONTROLS, ' ').replace(CONTROLS, '').replace(BIDI_AND_INVISIBLE, '');
  name = name.replace(/\s+/gu, ' ');
  name = trimDotsAndSpaces(name);
  name = truncateKeepingExtension(name, MAX_FILE_NAME_LENGTH);
  return name === '' ? FALLBACK_NAME : name;
}

function trimDotsAndSpaces(name: string): string {
  return name.replace(/^[.\s]+|[.\s]+$/gu, '');
}

function truncateKeepingExtension(name: string, max: number): string {
  if (codePointLength(name) <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const keepExtension = extension !== '' && codePointLength(extension) <= MAX_EXTENSION_LENGTH && !/\s/u.test(extension);
  const suffix = keepExtension ? extension : '';
  const stem = keepExtension ? name.slice(0, dot) : name;
  return trimDotsAndSpaces(takeGraphemes(stem, max - codePointLength(suffix))) + suffix;
}

/** The longest prefix of whole grapheme clusters (no half emoji or orphaned accent) within `max` code points. */
function takeGraphemes(text: string, max: number): string {
  let out = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const length = codePointLength(segment);
    if (used + length > max) break;
    out += segment;
    used += length;
  }
  return out;
}

function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * A Content-Disposition header value that is safe whatever the name: a quoted ASCII fallback
 * (`filename="..."`, for old clients) and the exact name in RFC 5987 form (`filename*=UTF-8''...`),
 * which every current browser prefers.
 */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const name = cleanFileName(fileName);
  return `${disposition}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // café -> cafe, before the rest becomes '_'
    .replace(/[^\x20-\x7e]/g, '_')
    // Quotes and backslashes would end or escape the quoted string; '%' is decoded by some old clients.
    .replace(/["\\]/g, '')
    .replace(/%/g, '_');
  const trimmed = trimDotsAndSpaces(ascii);
  return trimmed === '' || /^_*(\.[^.]*)?$/.test(trimmed) ? fallbackWithExtension(trimmed) : trimmed;
}

/** When nothing readable survives (a name all in Arabic, say), keep at least the extension. */
function fallbackWithExtension(ascii: string): string {
  const dot = ascii.lastIndexOf('.');
  const extension = dot >= 0 ? ascii.slice(dot) : '';
  return /^\.[A-Za-z0-9]+$/.test(extension) ? `${FALLBACK_NAME}${extension}` : FALLBACK_NAME;
}

function encodeRfc5987(value: string): string {
  // encodeURIComponent leaves ' ( ) * unescaped, which RFC 5987's attr-char does not allow.
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
