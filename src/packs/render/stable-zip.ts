import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

const CORE_PROPERTIES = 'docProps/core.xml';

/**
 * Office files are zips whose bytes change with the time they were written: every entry's
 * modification time, the document's created/modified properties, and (in docx) image ids drawn
 * from a process-wide counter. Rewriting those from the pack's own generatedAt makes a retried
 * job produce byte-identical DOCX and XLSX files, as it already does for PDF and JSON.
 *
 * The packs no longer need it (office-zip.ts writes their zips stable in the first place); the
 * import tests use it for their spreadsheet fixtures written by exceljs.
 */
export function stabiliseOfficeZip(buffer: Buffer, generatedAt: string): Buffer {
  const at = new Date(generatedAt);
  // Zip times cannot go before 1980; generatedAt never does in practice, but stay safe.
  const mtime = at.getUTCFullYear() < 1981 ? new Date(Date.UTC(1981, 0, 1)) : at;
  const iso = `${at.toISOString().slice(0, 19)}Z`;
  const entries = unzipSync(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    let content = data;
    if (name === CORE_PROPERTIES) {
      content = strToU8(
        strFromU8(data).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${iso}$3`),
      );
    } else if (name === 'word/document.xml') {
      let id = 0;
      content = strToU8(strFromU8(data).replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++id}"`));
    }
    out[name] = [content, { mtime, level: 6 }];
  }
  return Buffer.from(zipSync(out));
}
