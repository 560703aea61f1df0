import { strFromU8, strToU8 } from 'fflate';

/**
 * Adds pictures (the chart PNGs) to one worksheet of an .xlsx file, with alternative text.
 * exceljs's streaming writer, which a 5,000-row tracker needs (its in-memory workbook took over
 * 200 MB), cannot place images, and neither exceljs writer writes alternative text; this writes
 * the SpreadsheetML drawing parts an office suite expects: the drawing, its relationships, the
 * media, the sheet's <drawing> element and relationship, and the content types.
 */

export interface SheetPicture {
  /** The picture's name in the office suite, e.g. 'rag-counts'. */
  name: string;
  png: Buffer;
  /** Zero-based column and row of the top-left corner. */
  col: number;
  row: number;
  widthPx: number;
  heightPx: number;
  /** Shown by screen readers and in the office suite's alt text pane. */
  title: string;
  description: string;
}

const EMU_PER_PX = 9525;
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_IMAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const DRAWING_RID = 'rIdPackDrawing1';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function drawingXml(pictures: SheetPicture[]): string {
  const anchors = pictures.map((p, i) => {
    const cx = Math.round(p.widthPx * EMU_PER_PX);
    const cy = Math.round(p.heightPx * EMU_PER_PX);
    return (
      `<xdr:oneCellAnchor><xdr:from><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:ext cx="${cx}" cy="${cy}"/><xdr:pic><xdr:nvPicPr>` +
      `<xdr:cNvPr id="${i + 2}" name="${escapeXml(p.name)}" descr="${escapeXml(p.description)}" title="${escapeXml(p.title)}"/>` +
      '<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>' +
      `<xdr:blipFill><a:blip r:embed="rIdPackImage${i + 1}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
      `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>` +
      '</xdr:pic><xdr:clientData/></xdr:oneCellAnchor>'
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ' +
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    anchors.join('') +
    '</xdr:wsDr>'
  );
}

function relationships(rels: { id: string; type: string; target: string }[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('') +
    '</Relationships>'
  );
}

function insertBefore(xml: string, closingTag: string, insert: string): string {
  const at = xml.lastIndexOf(closingTag);
  if (at < 0) throw new Error(`XLSX part has no ${closingTag}`);
  return xml.slice(0, at) + insert + xml.slice(at);
}

/**
 * Adds the pictures to the given sheet (e.g. 'xl/worksheets/sheet1.xml') of a workbook's parts
 * (name to content, as unzipped), in place; new parts go at the end, in a fixed order.
 */
export function addSheetPictures(files: Record<string, Uint8Array>, sheetPath: string, pictures: SheetPicture[]): void {
  if (pictures.length === 0) return;
  const sheet = files[sheetPath];
  if (!(sheet instanceof Uint8Array)) throw new Error(`XLSX has no ${sheetPath}`);
  const slash = sheetPath.lastIndexOf('/');
  const sheetRelsPath = `${sheetPath.slice(0, slash)}/_rels/${sheetPath.slice(slash + 1)}.rels`;
  // Names as office suites (and exceljs's reader) expect them: drawingN.xml, media imageN.png.
  const free = (make: (n: number) => string): ((count: number) => string[]) => {
    return (count) => {
      const names: string[] = [];
      for (let n = 1; names.length < count; n++) if (!(make(n) in files)) names.push(make(n));
      return names;
    };
  };
  const [drawingName] = free((n) => `xl/drawings/drawing${n}.xml`)(1);
  const drawingFile = drawingName.slice('xl/drawings/'.length);
  const drawingPath = `xl/drawings/${drawingFile}`;
  const mediaPaths = free((n) => `xl/media/image${n}.png`)(pictures.length);

  // The <drawing> element goes after page setup and before legacy drawings, tables and extensions.
  let sheetXml = strFromU8(sheet);
  const tail = ['<legacyDrawing', '<legacyDrawingHF', '<picture', '<oleObjects', '<controls', '<webPublishItems', '<tableParts', '<extLst']
    .map((tag) => sheetXml.indexOf(tag))
    .filter((i) => i >= 0);
  const drawingElement = `<drawing r:id="${DRAWING_RID}"/>`;
  sheetXml =
    tail.length > 0
      ? sheetXml.slice(0, Math.min(...tail)) + drawingElement + sheetXml.slice(Math.min(...tail))
      : insertBefore(sheetXml, '</worksheet>', drawingElement);
  files[sheetPath] = strToU8(sheetXml);

  const drawingTarget = `../drawings/${drawingFile}`;
  const drawingRel = `<Relationship Id="${DRAWING_RID}" Type="${REL_DRAWING}" Target="${drawingTarget}"/>`;
  const existingRels = files[sheetRelsPath];
  files[sheetRelsPath] =
    existingRels instanceof Uint8Array
      ? strToU8(insertBefore(strFromU8(existingRels), '</Relationships>', drawingRel))
      : strToU8(relationships([{ id: DRAWING_RID, type: REL_DRAWING, target: drawingTarget }]));

  files[drawingPath] = strToU8(drawingXml(pictures));
  files[`xl/drawings/_rels/${drawingFile}.rels`] = strToU8(
    relationships(
      pictures.map((_, i) => ({ id: `rIdPackImage${i + 1}`, type: REL_IMAGE, target: `../media/${mediaPaths[i].slice('xl/media/'.length)}` })),
    ),
  );
  pictures.forEach((p, i) => (files[mediaPaths[i]] = new Uint8Array(p.png.buffer, p.png.byteOffset, p.png.byteLength)));

  const types = files['[Content_Types].xml'];
  if (!(types instanceof Uint8Array)) throw new Error('XLSX has no [Content_Types].xml');
  let typesXml = strFromU8(types);
  if (!/Extension="png"/i.test(typesXml)) typesXml = insertBefore(typesXml, '</Types>', '<Default Extension="png" ContentType="image/png"/>');
  typesXml = insertBefore(
    typesXml,
    '</Types>',
    `<Override PartName="/${drawingPath}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`,
  );
  files['[Content_Types].xml'] = strToU8(typesXml);
}
