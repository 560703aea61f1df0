import { cleanFileName, contentDisposition, MAX_FILE_NAME_LENGTH } from './clean-file-name';

const codePoints = (s: string): number => Array.from(s).length;

describe('cleanFileName', () => {
  it.each<[string, string, string]>([
    ['a Unix traversal', '../../etc/passwd', 'passwd'],
    ['a Windows path', 'C:\\Users\\x\\report.pdf', 'report.pdf'],
    ['a mixed path', 'uploads/..\\..\\minutes.docx', 'minutes.docx'],
    ['a UNC path', '\\\\server\\share\\Q1 audit.xlsx', 'Q1 audit.xlsx'],
    ['a path ending in a separator', 'folder/', 'file'],
    ['control characters', 'rep\u0000ort\u0007\u001b.pdf', 'report.pdf'],
    ['line breaks and tabs (become spaces)', 'board\r\nminutes\t2026.docx', 'board minutes 2026.docx'],
    ['C1 controls', 'a\u0085b\u009bc.txt', 'abc.txt'],
    ['an RTL override hiding .exe', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['bidi embeddings and isolates', '\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069.pdf', 'abcdefg.pdf'],
    ['bidi marks and a BOM', '\ufeff\u200eaudit\u200f.pdf', 'audit.pdf'],
    ['runs of whitespace, including no-break spaces', '  Q1   audit\u00a0\u00a0report .pdf  ', 'Q1 audit report .pdf'],
    ['leading and trailing dots', '...hidden.pdf...', 'hidden.pdf'],
    ['only dots', '..', 'file'],
    ['empty', '', 'file'],
    ['only control characters', '\u0001\u0002\u202e', 'file'],
    ['an ordinary name, unchanged', 'Ofsted ILACS action plan (v3) – final.docx', 'Ofsted ILACS action plan (v3) – final.docx'],
    ['Welsh and emoji kept', 'Cynllun gwella 👍.pdf', 'Cynllun gwella 👍.pdf'],
  ])('%s', (_case, raw, expected) => {
    expect(cleanFileName(raw)).toBe(expected);
  });

  it('normalises to NFC (a decomposed é from macOS becomes one character)', () => {
    const decomposed = 'Cafe\u0301 report.pdf';
    expect(cleanFileName(decomposed)).toBe('Caf\u00e9 report.pdf');
    expect(cleanFileName(decomposed)).toHaveLength('Café report.pdf'.length);
  });

  it('limits a 300-character name to 200, keeping the extension', () => {
    const cleaned = cleanFileName(`${'a'.repeat(300)}.pdf`);
    expect(cleaned).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(cleaned.endsWith('.pdf')).toBe(true);
    expect(cleaned).toBe(`${'a'.repeat(196)}.pdf`);
  });

  it('limits a long name without an extension', () => {
    expect(cleanFileName('b'.repeat(300))).toBe('b'.repeat(200));
  });

  it('does not treat a long "extension" as one', () => {
    const cleaned = cleanFileName(`report.${'x'.repeat(300)}`);
    expect(codePoints(cleaned)).toBe(200);
    expect(cleaned.startsWith('report.')).toBe(true);
  });

  it('counts and cuts in whole characters: no half emoji, no orphaned accent', () => {
    const cleaned = cleanFileName(`${'👍'.repeat(250)}.xlsx`);
    expect(codePoints(cleaned)).toBe(200);
    expect(cleaned).toBe(`${'👍'.repeat(195)}.xlsx`);
    expect(Buffer.from(cleaned).toString()).toBe(cleaned); // no lone surrogate (it would become U+FFFD)

    const accents = cleanFileName(`${'x\u0301\u0301'.repeat(100)}.pdf`); // one grapheme = 3 code points, no precomposed form
    expect(codePoints(accents)).toBeLessThanOrEqual(200);
    expect((codePoints(accents) - 4) % 3).toBe(0);
  });

  it('does not leave a trailing dot or space when the cut lands on one', () => {
    const cleaned = cleanFileName(`${'a'.repeat(195)} . ${'b'.repeat(100)}.pdf`);
    expect(cleaned).toBe(`${'a'.repeat(195)}.pdf`);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Café report.pdf')).toBe(`attachment; filename="Cafe report.pdf"; filename*=UTF-8''Caf%C3%A9%20report.pdf`);
  });

  it('supports inline', () => {
    expect(contentDisposition('chart.png', 'inline')).toBe(`inline; filename="chart.png"; filename*=UTF-8''chart.png`);
  });

  it('drops quotes from the fallback and escapes them in filename* (a backslash never gets this far: it is a path separator)', () => {
    expect(contentDisposition('say "hello".txt')).toBe(`attachment; filename="say hello.txt"; filename*=UTF-8''say%20%22hello%22.txt`);
    expect(contentDisposition('a\\b "c".txt')).toBe(`attachment; filename="b c.txt"; filename*=UTF-8''b%20%22c%22.txt`);
  });

  it('cannot be broken out of: no CR, LF, quote or semicolon injection', () => {
    const header = contentDisposition('x.pdf"; filename="evil.exe\r\nSet-Cookie: a=b');
    expect(header).not.toMatch(/[\r\n]/);
    const fallback = /filename="([^"]*)"/.exec(header)?.[1];
    expect(fallback).toBe('x.pdf; filename=evil.exe Set-Cookie: a=b');
    expect(header.match(/"/g)).toHaveLength(2);
  });

  it("escapes RFC 5987's reserved ' ( ) * in filename*", () => {
    expect(contentDisposition("O'Brien (final) *v2*.docx")).toContain(`filename*=UTF-8''O%27Brien%20%28final%29%20%2Av2%2A.docx`);
  });

  it('keeps percent signs out of the fallback (old clients decode them)', () => {
    expect(contentDisposition('100%25 done.pdf')).toContain('filename="100_25 done.pdf"');
  });

  it('falls back to file.<ext> when nothing of the name is ASCII', () => {
    expect(contentDisposition('تقرير.pdf')).toBe(`attachment; filename="file.pdf"; filename*=UTF-8''${encodeURIComponent('تقرير.pdf')}`);
    expect(contentDisposition('报告')).toContain('filename="file"');
  });

  it('cleans the name first (no path, no bidi override)', () => {
    expect(contentDisposition('C:\\x\\invoice\u202Efdp.exe')).toBe(`attachment; filename="invoicefdp.exe"; filename*=UTF-8''invoicefdp.exe`);
  });
});
