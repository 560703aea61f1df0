import type { FormulaRisk } from './raw-workbook';

/**
 * Classifies a cell's formula by whether it reaches outside the workbook. The import never keeps
 * or runs a formula (it reads the value Excel last calculated); this is for telling the user that
 * a cell had a link or a DDE command in it.
 * - dde: a '|' outside quotes (cmd|' /C calc'!A0, the classic DDE payload);
 * - macro: CALL, REGISTER, EXEC and other Excel 4 macro functions that run code;
 * - web: WEBSERVICE, FILTERXML, RTD, IMAGE, IMPORTXML-style functions that fetch from the network;
 * - external_reference: a reference into another file ([1]Sheet1!A1, 'C:\path\[Book.xlsx]Sheet'!A1);
 * - hyperlink: HYPERLINK(...), a link the user could click;
 * - null: an ordinary formula (SUM, IF, TODAY, VLOOKUP within the workbook).
 */
const MACRO_FUNCTIONS = new Set(['CALL', 'REGISTER', 'REGISTER.ID', 'EXEC', 'EXECUTE', 'RUN', 'FOPEN', 'FWRITE', 'FWRITELN', 'SET.NAME', 'SET.VALUE', 'FORMULA']);
const WEB_FUNCTIONS = new Set(['WEBSERVICE', 'FILTERXML', 'RTD', 'IMAGE', 'IMPORTXML', 'IMPORTHTML', 'IMPORTDATA', 'IMPORTFEED', 'IMPORTRANGE', 'ENCODEURL']);

export function classifyFormula(formula: string): { risk: FormulaRisk | null; functionName: string | null; link: string | null } {
  const body = formula.replace(/^=/, '');
  // String literals removed, so a '|' or '[' inside quotes does not count (Excel doubles "" inside strings).
  const unquoted = body.replace(/"(?:[^"]|"")*"/g, '""');
  const functions = [...unquoted.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)].map((m) => m[1].toUpperCase().replace(/^_XLFN\./, '').replace(/^_XLWS\./, ''));
  const link = firstStringArgument(body, 'HYPERLINK');
  // A '|' outside double quotes; the DDE application name may itself be in single quotes.
  if (/\|/.test(unquoted)) return { risk: 'dde', functionName: null, link: null };
  const macro = functions.find((f) => MACRO_FUNCTIONS.has(f));
  if (macro) return { risk: 'macro', functionName: macro, link: null };
  const web = functions.find((f) => WEB_FUNCTIONS.has(f));
  if (web) return { risk: 'web', functionName: web, link: null };
  // [1]Sheet1!A1 (an external link index) or 'C:\\path\\[Book.xlsx]Sheet1'!A1; Table1[Column] is a table inside the workbook.
  if (/(?:^|[^A-Za-z0-9_\]])\[\d+\][^!(]*!/.test(unquoted) || /'[^']*(?:[\\/]|\[[^\]]+\])[^']*'!/.test(body)) {
    return { risk: 'external_reference', functionName: functions[0] ?? null, link: null };
  }
  if (functions.includes('HYPERLINK')) return { risk: 'hyperlink', functionName: 'HYPERLINK', link };
  return { risk: null, functionName: functions[0] ?? null, link: null };
}

function firstStringArgument(body: string, name: string): string | null {
  const match = new RegExp(`${name}\\s*\\(\\s*"((?:[^"]|"")*)"`, 'i').exec(body);
  return match ? match[1].replace(/""/g, '"') : null;
}
