import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { ImportLimits } from '../import-limits';
import { ImportErrorCode, ImportException } from '../imports.exception';
import { cleanCellText } from './cell-text';
import { cappedChunks, type ImportFileInput } from './import-input';
import type { FileNote, RawCell, RawRow, RawWorkbook } from './raw-workbook';

/**
 * Reads a CSV as a stream into a one-sheet RawWorkbook. The file is never held whole in memory:
 * bytes are counted as they arrive (file_too_large as soon as the limit is passed), decoded, and
 * handed to csv-parse; rows and columns are checked as records come out.
 *
 * Encoding: a byte-order mark decides (UTF-8, UTF-16 LE or BE). Without one the file is read as
 * strict UTF-8; at the first byte sequence that is not valid UTF-8 the read starts again as
 * Windows-1252 (what Excel's "CSV (Comma delimited)" writes on English Windows), decoded by
 * iconv-lite. (Node's own TextDecoder('windows-1252') decodes as Latin-1 on Node 20: 0x80 is not
 * the euro sign there.)
 *
 * Delimiter: Excel's "sep=;" first line when present; otherwise the one of comma, semicolon, tab
 * and bar that splits the first records (read quote-aware, so commas inside quoted text do not
 * count) into the same number of fields most consistently.
 */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const SAMPLE_CHARS = 64 * 1024;
const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];

class NotUtf8 extends Error {}

interface Decoder {
  write(chunk: Buffer): string;
  end(): string;
}

function decoderFor(encoding: CsvEncoding, strict: boolean): Decoder {
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { fatal: strict, ignoreBOM: true });
    const guard = (work: () => string): string => {
      try {
        return work();
      } catch (error) {
        // Checked by code: in some runtimes (jest's VM contexts) the TypeError comes from another realm.
        if (strict && (error as { code?: unknown }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw new NotUtf8();
        throw error;
      }
    };
    return { write: (chunk) => guard(() => decoder.decode(chunk, { stream: true })), end: () => guard(() => decoder.decode()) };
  }
  const name = encoding === 'utf-16le' ? 'utf16le' : encoding === 'utf-16be' ? 'utf16be' : 'windows-1252';
  const decoder = iconv.getDecoder(name);
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}

export function encodingFromBom(head: Buffer): { encoding: CsvEncoding; bomLength: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return null;
}

export async function readCsv(input: ImportFileInput, head: Buffer, limits: ImportLimits): Promise<RawWorkbook> {
  const bom = encodingFromBom(head);
  if (bom) return readWithEncoding(input, limits, bom.encoding, bom.bomLength, false);
  try {
    return await readWithEncoding(input, limits, 'utf-8', 0, true);
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    return readWithEncoding(input, limits, 'windows-1252', 0, false);
  }
}

async function readWithEncoding(input: ImportFileInput, limits: ImportLimits, encoding: CsvEncoding, bomLength: number, strict: boolean): Promise<RawWorkbook> {
  const decoder = decoderFor(encoding, strict);
  async function* decoded(): AsyncGenerator<string> {
    let skip = bomLength;
    for await (const chunk of cappedChunks(input, limits.maxFileBytes)) {
      let bytes = chunk;
      if (skip > 0) {
        const n = Math.min(skip, bytes.length);
        bytes = bytes.subarray(n);
        skip -= n;
      }
      const text = decoder.write(bytes);
      if (text !== '') yield text;
    }
    const tail = decoder.end();
    if (tail !== '') yield tail;
  }

  const chunks = decoded();
  let sample = '';
  let finished = false;
  while (sample.length < SAMPLE_CHARS) {
    const next = await chunks.next();
    if (next.done) {
      finished = true;
      break;
    }
    sample += next.value;
  }
  const sep = /^sep=(.)\r?\n/i.exec(sample);
  if (sep) sample = sample.slice(sep[0].length);
  const delimiter = sep ? sep[1] : detectDelimiter(sample);

  async function* all(): AsyncGenerator<string> {
    if (sample !== '') yield sample;
    if (finished) return;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const source = Readable.from(all());
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: false,
    max_record_size: limits.maxCellChars * 64,
  });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  const rows: Array<RawRow | undefined> = [];
  let rowNumber = 0;
  let nonBlank = 0;
  let lastRow = 0;
  let columnCount = 0;
  const maxRecords = limits.maxRows + limits.headerSearchRows;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      let last = record.length;
      while (last > 0 && record[last - 1].trim() === '') last--;
      if (last === 0) continue;
      if (last > limits.maxColumns) {
        throw ImportException.tooMany(
          ImportErrorCode.TooManyColumns,
          `Row ${rowNumber} of the CSV file has ${last.toLocaleString('en-GB')} columns; the most we import is ${limits.maxColumns}. Remove the columns that are not part of the plan.`,
          { row: rowNumber, columns: last, limit: limits.maxColumns },
        );
      }
      nonBlank++;
      if (nonBlank > maxRecords) {
        throw ImportException.tooMany(
          ImportErrorCode.TooManyRows,
          `The CSV file has more than ${limits.maxRows.toLocaleString('en-GB')} rows, the most we import at once. Split the plan into several files.`,
          { limit: limits.maxRows },
        );
      }
      const cells: Array<RawCell | undefined> = [];
      for (let c = 0; c < last; c++) {
        if (record[c] === '') continue;
        const clean = cleanCellText(record[c], limits.maxCellChars);
        cells[c + 1] = {
          kind: 'text',
          text: clean.text,
          ...(clean.cleaned ? { cleaned: true } : {}),
          ...(clean.truncatedFrom !== undefined ? { truncatedFrom: clean.truncatedFrom } : {}),
        };
      }
      columnCount = Math.max(columnCount, last);
      lastRow = rowNumber;
      rows[rowNumber] = { number: rowNumber, hidden: false, cells };
    }
  } catch (error) {
    source.destroy();
    if (error instanceof CsvError) throw ImportException.csvMalformed(rowNumber + 1, csvProblem(error));
    throw error;
  }

  const notes: FileNote[] = [];
  if (encoding === 'windows-1252') {
    notes.push({ code: 'encoding', message: 'The file is not UTF-8, so it was read as Windows-1252 (what Excel writes for "CSV (Comma delimited)"). Check that accented letters and symbols such as £ look right.' });
  } else if (encoding !== 'utf-8') {
    notes.push({ code: 'encoding', message: `The file was read as ${encoding.toUpperCase()} (it starts with that encoding's marker).` });
  }
  notes.push({ code: 'delimiter', message: `Columns are separated by ${DELIMITER_NAMES[delimiter] ?? `'${delimiter}'`}${sep ? ' (the file says so in its first line)' : ''}.` });
  const name = (input.fileName ?? 'CSV file').split(/[\\/]/).pop() ?? 'CSV file';
  return {
    format: 'csv',
    sheets: [{ name, position: 1, state: 'visible', rows, rowCount: lastRow, columnCount, hiddenColumns: [], merges: [] }],
    date1904: false,
    notes,
    csv: { encoding, delimiter, hadBom: bomLength > 0 },
  };
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'vertical bars' };

function csvProblem(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (a double quote " is missing)';
    case 'CSV_MAX_RECORD_SIZE':
      return 'a row is far longer than any tracker row (a closing double quote " may be missing)';
    default:
      return 'it is not well-formed CSV';
  }
}

/** Fields per record for the first records of the sample, quote-aware (the last, possibly cut-off record is left out). */
function fieldCounts(sample: string, delimiter: string, records = 30): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let nonEmpty = false;
  for (let i = 0; i < sample.length && counts.length < records; i++) {
    const ch = sample[i];
    if (ch === '"') {
      inQuotes = !inQuotes;
      nonEmpty = true;
    } else if (!inQuotes && ch === delimiter) {
      fields++;
      nonEmpty = true;
    } else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && sample[i + 1] === '\n') i++;
      if (nonEmpty) counts.push(fields);
      fields = 1;
      nonEmpty = false;
    } else if (ch.trim() !== '') {
      nonEmpty = true;
    }
  }
  return counts;
}

export function detectDelimiter(sample: string): string {
  let best = { delimiter: ',', score: 0, width: 0 };
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const counts = fieldCounts(sample, delimiter).filter((n) => n > 1);
    if (counts.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    const [width, agreeing] = [...frequency.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    // Records split into the same number of fields, with more fields as the tie-break.
    const score = agreeing + counts.length * 0.5;
    if (score > best.score || (score === best.score && width > best.width)) best = { delimiter, score, width };
  }
  return best.delimiter;
}
