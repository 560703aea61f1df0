/**
 * The number of pages of a PDF, for the attachment's "PDF, 184 KB, 12 pages". Our packs come from
 * PDFKit, which writes every page object as plain text (no object streams), so each page is one
 * `/Type /Page` dictionary; null when none is found (a PDF written otherwise: the page count is left out).
 */
export function pdfPageCount(pdf: Buffer): number | null {
  const text = pdf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  return pages > 0 ? pages : null;
}
