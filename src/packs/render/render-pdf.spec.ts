import { buildPackModel } from '../model/build-pack-model';
import { FIXTURE_OWNER_NAMES, packSourceFixture } from '../model/pack-source.testing';
import { POPPLER, POPPLER_SKIP_NOTE, pdfFonts, pdfInfo, pdfLayoutLines, pdfPageTexts, pdfStructText, pdfText } from './pack-readers.testing';
import { renderPdf } from './render-pdf';

const itPoppler = POPPLER ? it : it.skip;

describe('renderPdf', () => {
  const board = buildPackModel(packSourceFixture('board'));
  const scrutiny = buildPackModel(packSourceFixture('scrutiny'));
  let boardPdf: Buffer;
  let scrutinyPdf: Buffer;
  /** Uncompressed, so the structure tree can be read in the raw bytes. */
  let scrutinyRaw: string;

  beforeAll(async () => {
    [boardPdf, scrutinyPdf] = await Promise.all([renderPdf(board), renderPdf(scrutiny)]);
    scrutinyRaw = (await renderPdf(scrutiny, { compress: false })).toString('latin1');
  });

  describe('in the raw file', () => {
    it('is a PDF 1.7, tagged, in en-GB, showing its title, and claims no PDF/UA conformance no validator confirmed', () => {
      expect(scrutinyPdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
      expect(scrutinyRaw).not.toContain('pdfuaid');
      expect(scrutinyRaw).toMatch(/\/MarkInfo\s+\d+ 0 R/);
      expect(scrutinyRaw).toMatch(/\/Marked true/);
      expect(scrutinyRaw).toMatch(/\/Lang \(en-GB\)/);
      expect(scrutinyRaw).toMatch(/\/DisplayDocTitle true/);
      expect(scrutinyRaw).toContain('/StructTreeRoot');
    });

    it('has heading, table, list and figure structure elements', () => {
      for (const tag of ['Document', 'H1', 'H2', 'H3', 'P', 'Sect', 'Table', 'Caption', 'TR', 'TH', 'TD', 'L', 'LI', 'Lbl', 'LBody', 'Figure']) {
        expect(scrutinyRaw).toMatch(new RegExp(`/S /${tag}\\b`));
      }
      expect(scrutinyRaw).toMatch(/\/Scope \/Column/);
      expect(scrutinyRaw).toMatch(/\/Scope \/Row/);
    });

    it('gives each chart figure its description in words as alternative text', () => {
      expect(scrutinyRaw).toContain('/Alt (Bar chart of the 14 actions by RAG status at 31 October 2025: 2 red, 4 amber, 4 green, 2 blue and 2 grey.');
      expect(scrutinyRaw).toContain('/Alt (Line chart of the number of actions of each RAG colour at 6 reporting dates.');
    });

    it('marks page furniture and table decoration as artifacts', () => {
      expect(scrutinyRaw).toMatch(/\/Artifact <<\s*\/Type \/Pagination\s*>> BDC/);
      expect(scrutinyRaw).toMatch(/\/Artifact <<\s*\/Type \/Layout\s*>> BDC/);
    });

    it('embeds its fonts (no unembedded standard fonts)', () => {
      expect(scrutinyRaw).toMatch(/\/FontFile2 \d+ 0 R/);
      expect(scrutinyRaw).not.toMatch(/\/BaseFont \/Helvetica/);
    });

    it('draws the charts as vector paths, not images', () => {
      expect(scrutinyRaw).not.toContain('/Subtype /Image');
    });
  });

  describe(`read back with poppler${POPPLER_SKIP_NOTE}`, () => {
    itPoppler('is tagged, titled and paged', () => {
      const info = pdfInfo(scrutinyPdf);
      expect(info.Tagged).toBe('yes');
      expect(info.Title).toBe('Adult Social Care Safeguarding Improvement Plan: progress report');
      expect(info['PDF version']).toBe('1.7');
      expect(Number(info.Pages)).toBeGreaterThanOrEqual(5);
      expect(pdfInfo(boardPdf).Tagged).toBe('yes');
    });

    itPoppler('reads like a committee report: headings, report of, recommendations, counts', () => {
      const text = pdfText(scrutinyPdf);
      for (const heading of [
        '1. Purpose of the report',
        '2. Recommendations',
        '3. Reasons for the recommendations',
        '4. Background',
        '5. Summary',
        '6. Progress by key outcome',
        '7. Key risks and what is being done',
        '8. Implications',
        '9. Next steps',
        'Appendix A: Action tracker',
        'Appendix B: Progress against regulator findings and notices',
        'Appendix C: RAG key',
        'Appendix D: Glossary',
      ]) {
        expect(text).toContain(heading);
      }
      expect(text).toContain('Report of Director of Adult Social Services');
      expect(text).toContain('That the committee notes the progress made against the improvement plan and');
      expect(text).toContain('the plan has 14 actions: 2 red, 4 amber, 4 green, 2 blue and 2 grey');
      expect(text).toMatch(/Page 1 .*Page 2 /);
    });

    itPoppler('prints the word in every RAG cell', () => {
      const text = pdfText(boardPdf);
      expect(text).toContain('Amber (override)');
      for (const word of ['Red', 'Amber', 'Green', 'Blue', 'Grey']) expect(text).toContain(word);
    });

    itPoppler('names owners in the board pack and nowhere in the scrutiny pack', () => {
      const boardText = pdfText(boardPdf);
      const scrutinyText = pdfText(scrutinyPdf);
      expect(boardText).toContain('Priya Raman');
      for (const name of FIXTURE_OWNER_NAMES) expect(scrutinyText).not.toContain(name);
    });

    itPoppler('lays out the board pack decisions and exceptions first, then the full tracker', () => {
      const text = pdfText(boardPdf);
      const order = ['1. Headline position', '2. Decisions required of the board', '3. Exceptions: red and amber actions', 'Appendix A: Full action tracker'].map((h) => text.indexOf(h));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    });

    itPoppler('has a structure tree with headings and table header cells', () => {
      const tree = pdfStructText(scrutinyPdf);
      expect(tree).toMatch(/H1 \(block\)\s+"Adult Social Care Safeguarding Improvement Plan: progress report"/);
      expect(tree).toMatch(/H2 \(block\)\s+"1\. Purpose of the report"/);
      expect(tree).toMatch(/TH[^\n]*\n\s+\/Scope \/Column\s+"RAG status"/);
      expect(tree).toContain('Figure');
    });

    itPoppler('embeds every font', () => {
      const lines = pdfFonts(scrutinyPdf).split('\n').slice(2).filter((l) => l.trim() !== '');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/DejaVuSans.*\byes\s+yes\s+yes\b/);
    });

    itPoppler('keeps the space where a table cell wraps, in the structure tree (pdfinfo -struct-text)', async () => {
      const title = 'Audit partner involvement in section 42 enquiries, with the police and the ICB, across every locality team';
      const source = packSourceFixture('board');
      source.actions = source.actions.map((a, i) => (i === 0 ? { ...a, title, dueDate: '2026-12-29' } : a));
      const tree = pdfStructText(await renderPdf(buildPackModel(source)));
      // The tracker's title and date columns are narrow: both wrap there.
      expect(tree).toContain(`"${title}"`);
      expect(tree).toContain('"29 Dec 2026"');
      expect(tree).toContain('"Co-produce easy-read information on how to report abuse or neglect"');
      expect(tree).not.toMatch(/partnerinvolvement|section42|\d [A-Z][a-z]{2}\d{4}/);
    });

    itPoppler('doubles no word, puts no capital after a semicolon, and never splits a reference', async () => {
      for (const audience of ['board', 'scrutiny'] as const) {
        const source = packSourceFixture(audience);
        // As assemblePackSource gives it: the kind's label names the regulator already.
        source.inspections = source.inspections.map((i) => ({ ...i, kind: 'CQC local authority assessment' }));
        source.actions = source.actions.map((a, i) => (i === 0 ? { ...a, reference: 'ASC-SAFEGUARD-QS6.10b' } : a));
        const pdf = await renderPdf(buildPackModel(source));
        // Element by element (pdftotext's reading order runs across table cells).
        const tree = pdfStructText(pdf);
        const texts = [...tree.matchAll(/"([^"\n]*)"/g)].map((m) => m[1]);
        expect(texts.join('\n')).toContain('CQC local authority assessment');
        expect(texts.filter((t) => /\b(\p{L}{2,}) \1\b/iu.test(t))).toEqual([]);
        expect(texts.filter((t) => /; \p{Lu}\p{Ll}/u.test(t))).toEqual([]);
        // Laid out: the reference stands whole on one line wherever it is printed.
        const lines = pdfLayoutLines(pdf);
        expect(lines.filter((l) => /ASC-/.test(l)).length).toBeGreaterThan(0);
        expect(lines.filter((l) => /ASC-/.test(l) && !l.includes('ASC-SAFEGUARD-QS6.10b'))).toEqual([]);
      }
    });

    itPoppler('leaves no page nearly empty, except a short appendix on its own page and the last page', () => {
      for (const pdf of [boardPdf, scrutinyPdf]) {
        const pages = pdfPageTexts(pdf);
        const words = pages.map((text) => text.split(/\s+/).filter(Boolean).length);
        // An appendix starts a page; a short one (the RAG key) is a short page of its own.
        const startsAppendix = pages.map((text) => /^\s*(?:\S.*\n){0,2}\s*Appendix [A-Z]:/.test(text));
        const short = words.flatMap((n, i) => (n < 110 && !(i === pages.length - 1 || startsAppendix[i]) ? [{ page: i + 1, words: n }] : []));
        expect(short).toEqual([]);
      }
    });
  });
});
