import JSZip from 'jszip';
import { buildPackModel } from '../model/build-pack-model';
import { FIXTURE_OWNER_NAMES, packSourceFixture } from '../model/pack-source.testing';
import { LIBREOFFICE, LIBREOFFICE_SKIP_NOTE, POPPLER, officeToPdf, pdfText } from './pack-readers.testing';
import { renderDocx } from './render-docx';

async function parts(docx: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(docx);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
    const file = zip.file(name);
    if (file) out[name] = await file.async('string');
  }
  return out;
}

/** The visible text of a WordprocessingML part, runs joined. */
function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('renderDocx', () => {
  const board = buildPackModel(packSourceFixture('board'));
  const scrutiny = buildPackModel(packSourceFixture('scrutiny'));
  let boardDocx: Buffer;
  let scrutinyDocx: Buffer;
  let doc: string;

  beforeAll(async () => {
    [boardDocx, scrutinyDocx] = await Promise.all([renderDocx(board), renderDocx(scrutiny)]);
    doc = (await parts(scrutinyDocx))['word/document.xml'];
  });

  it('is a zip (docx loads under jest, nanoid included)', () => {
    expect(scrutinyDocx.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('uses real heading styles for the title, sections and subsections', () => {
    expect(doc).toContain('<w:pStyle w:val="Heading1"/>');
    expect(doc).toContain('<w:pStyle w:val="Heading2"/>');
    expect(doc).toContain('<w:pStyle w:val="Heading3"/>');
    const headings = [...doc.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading2"\/>(?:(?!<\/w:p>).)*<\/w:p>/gs)].map((m) => textOf(m[0]));
    expect(headings).toEqual(scrutiny.sections.map((s) => s.displayHeading));
  });

  it('repeats table header rows and shades RAG cells while keeping the word', () => {
    expect(doc).toContain('<w:tblHeader/>');
    const redCell = /<w:tc>(?:(?!<\/w:tc>).)*w:fill="C00000"(?:(?!<\/w:tc>).)*<\/w:tc>/s.exec(doc);
    expect(redCell).not.toBeNull();
    expect(textOf(redCell?.[0] ?? '')).toBe('Red');
    expect(doc).toMatch(/w:fill="FFC000"/);
  });

  it('carries the counts and the committee wording', () => {
    const text = textOf(doc);
    expect(text).toContain('the plan has 14 actions: 2 red, 4 amber, 4 green, 2 blue and 2 grey');
    expect(text).toContain('That the committee notes the progress made against the improvement plan and');
    expect(text).toContain('Director of Adult Social Services');
  });

  it('gives each chart image alternative text in words', () => {
    const descriptions = [...doc.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]);
    expect(descriptions).toHaveLength(2);
    expect(descriptions[0]).toContain('Bar chart of the 14 actions by RAG status at 31 October 2025: 2 red, 4 amber');
    expect(descriptions[1]).toContain('Line chart of the number of actions of each RAG colour');
    expect(doc).toMatch(/<wp:docPr [^>]*title="Bar chart: 2 red, 4 amber, 4 green, 2 blue and 2 grey \(14 actions\)\."/);
  });

  it('sets the document title and language', async () => {
    const all = await parts(scrutinyDocx);
    expect(all['docProps/core.xml']).toContain('<dc:title>Adult Social Care Safeguarding Improvement Plan: progress report</dc:title>');
    expect(all['word/styles.xml']).toContain('w:val="en-GB"');
  });

  it('lays out the tracker in a landscape section', () => {
    expect(doc).toMatch(/<w:pgSz [^>]*w:orient="landscape"/);
  });

  it('names owners in the board pack and in no part of the scrutiny pack', async () => {
    const boardText = Object.values(await parts(boardDocx)).join('');
    expect(boardText).toContain('Priya Raman');
    const scrutinyText = Object.values(await parts(scrutinyDocx)).join('');
    for (const name of FIXTURE_OWNER_NAMES) expect(scrutinyText).not.toContain(name);
  });

  it('writes long tables directly with exactly the markup docx writes for short ones', async () => {
    const tables = async (directTableRows: number): Promise<string[]> =>
      (await parts(await renderDocx(scrutiny, { directTableRows })))['word/document.xml'].match(/<w:tbl>.*?<\/w:tbl>/gs) ?? [];
    const viaDocx = await tables(Number.POSITIVE_INFINITY);
    const direct = await tables(-1);
    expect(viaDocx.length).toBeGreaterThan(5);
    expect(direct).toEqual(viaDocx);
  });

  it('puts a directly written table where its placeholder was', async () => {
    const xml = (await parts(await renderDocx(board, { directTableRows: -1 })))['word/document.xml'];
    expect(xml).not.toContain('pack-direct-');
    const trackerHeading = xml.indexOf('Appendix A: Full action tracker');
    const nextTable = xml.indexOf('<w:tbl>', trackerHeading);
    expect(trackerHeading).toBeGreaterThan(0);
    expect(textOf(xml.slice(nextTable, xml.indexOf('</w:tbl>', nextTable)))).toContain('Review and simplify the end-to-end safeguarding adult pathway');
  });

  it('writes long lists directly: the whole document is what docx writes item by item', async () => {
    const documentXml = async (directListItems: number): Promise<string> => (await parts(await renderDocx(board, { directListItems })))['word/document.xml'];
    const viaDocx = await documentXml(Number.POSITIVE_INFINITY);
    const direct = await documentXml(0);
    expect(viaDocx).toMatch(/<w:numPr>/);
    expect(direct).not.toContain('pack-direct-');
    expect(direct).toEqual(viaDocx);
  });

  it('escapes markup and drops XML-invalid control characters in directly written rows, as docx does', async () => {
    const source = packSourceFixture('board');
    const hostile = 'Fix <b>&amp; "quotes" it\'s\u0000nul\u000bvt\u001fus\ttab caf\u00e9 \u{1F600}';
    source.actions = source.actions.map((a, i) => (i === 0 ? { ...a, title: hostile } : a));
    const model = buildPackModel(source);
    const docs = await Promise.all([-1, Number.POSITIVE_INFINITY].map(async (directTableRows) => (await parts(await renderDocx(model, { directTableRows })))['word/document.xml']));
    expect(docs[0]).toEqual(docs[1]);
    const xml = docs[0];
    expect(xml).toContain('Fix &lt;b&gt;&amp;amp; &quot;quotes&quot; it&apos;snulvtus\ttab caf\u00e9 \u{1F600}');
    // eslint-disable-next-line no-control-regex -- looking for the characters XML forbids
    expect(xml).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F]/);
    // Every < in the document opens a tag: none came from the text.
    expect(xml.match(/<(?![/?]?[A-Za-z])/g)).toBeNull();
  });

  describe(`opened by LibreOffice${LIBREOFFICE_SKIP_NOTE}`, () => {
    (LIBREOFFICE && POPPLER ? it : it.skip)('converts to PDF with the headings and counts', async () => {
      // Every table written directly, so LibreOffice reads the fast path's markup too.
      const text = pdfText(officeToPdf(await renderDocx(board, { directTableRows: -1 }), 'docx'));
      expect(text).toContain('1. Headline position');
      expect(text).toContain('Appendix A: Full action tracker');
      expect(text).toContain('Amber (override)');
      expect(text).toContain('Priya Raman');
    });
  });
});
