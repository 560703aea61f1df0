import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';

/** Why a whole import file was refused. Row-level problems are not errors of this kind: they are issues in the result. */
export enum ImportErrorCode {
  FileEmpty = 'file_empty',
  FileTooLarge = 'file_too_large',
  UnsupportedFileType = 'unsupported_file_type',
  LegacyExcelFile = 'legacy_excel_file',
  ArchiveCorrupt = 'archive_corrupt',
  ArchiveEncrypted = 'archive_encrypted',
  ArchiveTooManyEntries = 'archive_too_many_entries',
  ArchiveTooLarge = 'archive_too_large',
  ArchiveCompressionRatio = 'archive_compression_ratio',
  WorkbookUnreadable = 'workbook_unreadable',
  TooManyCells = 'too_many_cells',
  TooManyRows = 'too_many_rows',
  TooManyColumns = 'too_many_columns',
  NoSheetToImport = 'no_sheet_to_import',
  SheetNotFound = 'sheet_not_found',
  HeaderRowNotFound = 'header_row_not_found',
  CsvMalformed = 'csv_malformed',
  TextEncodingUnsupported = 'text_encoding_unsupported',
  InvalidMapping = 'invalid_mapping',
  NotMultipart = 'import_not_multipart',
  ImportNotReady = 'import_not_ready',
  ImportAlreadyCommitted = 'import_already_committed',
  OwnersNotDecided = 'import_owners_not_decided',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    imports: ImportErrorCode;
  }
}

/**
 * An import file refused as a whole, with a stable code and a message a programme lead can act on
 * (what is wrong, and what to do about it). Nothing is read further once one is thrown.
 */
export class ImportException extends AppException {
  constructor(status: HttpStatus, code: ImportErrorCode, message: string, details?: unknown) {
    super(status, code, message, details);
    this.name = 'ImportException';
  }

  static fileEmpty(): ImportException {
    return new ImportException(HttpStatus.UNPROCESSABLE_ENTITY, ImportErrorCode.FileEmpty, 'The file is empty: there is nothing to import');
  }

  static fileTooLarge(maxBytes: number, actualBytes?: number): ImportException {
    const actual = actualBytes === undefined ? '' : ` (this one is ${formatBytes(actualBytes)})`;
    return new ImportException(
      HttpStatus.PAYLOAD_TOO_LARGE,
      ImportErrorCode.FileTooLarge,
      `The file is larger than the import limit of ${formatBytes(maxBytes)}${actual}. Remove sheets or columns you do not need, or split the plan into several files.`,
      { maxBytes, actualBytes },
    );
  }

  static unsupportedType(what: string): ImportException {
    return new ImportException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      ImportErrorCode.UnsupportedFileType,
      `${what} We import Excel workbooks (.xlsx) and CSV files, judged from the file's content, not its name.`,
      { accepted: ['xlsx', 'csv'] },
    );
  }

  static legacyExcel(): ImportException {
    return new ImportException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      ImportErrorCode.LegacyExcelFile,
      'This is an Excel 97-2003 workbook (.xls) or a password-protected workbook. Open it in Excel, remove any password, and save it as "Excel Workbook (.xlsx)", then upload that file.',
    );
  }

  static archive(code: ArchiveErrorCode, message: string, details?: unknown): ImportException {
    return new ImportException(HttpStatus.UNPROCESSABLE_ENTITY, code, message, details);
  }

  static workbookUnreadable(): ImportException {
    return new ImportException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      ImportErrorCode.WorkbookUnreadable,
      'The workbook could not be read: it may be damaged. Open it in Excel, save it again as .xlsx, and upload that file.',
    );
  }

  static tooMany(code: ImportErrorCode.TooManyCells | ImportErrorCode.TooManyRows | ImportErrorCode.TooManyColumns, message: string, details: unknown): ImportException {
    return new ImportException(HttpStatus.UNPROCESSABLE_ENTITY, code, message, details);
  }

  static noSheetToImport(message: string, details?: unknown): ImportException {
    return new ImportException(HttpStatus.UNPROCESSABLE_ENTITY, ImportErrorCode.NoSheetToImport, message, details);
  }

  static sheetNotFound(name: string, sheets: string[]): ImportException {
    return new ImportException(
      HttpStatus.BAD_REQUEST,
      ImportErrorCode.SheetNotFound,
      `The workbook has no sheet called '${name}'. Its sheets are: ${sheets.map((s) => `'${s}'`).join(', ')}.`,
      { sheet: name, sheets },
    );
  }

  static headerRowNotFound(sheet: string, searchedRows: number, details?: unknown): ImportException {
    return new ImportException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      ImportErrorCode.HeaderRowNotFound,
      `We could not find the row of column headings in the first ${searchedRows} rows of '${sheet}': no row names at least two of the columns we look for (such as Ref, Action, Lead officer, Target date, Status). Say which row holds the headings, or rename them.`,
      details,
    );
  }

  static csvMalformed(row: number, reason: string): ImportException {
    return new ImportException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      ImportErrorCode.CsvMalformed,
      `The CSV file cannot be read at row ${row}: ${reason}. Open it in Excel and save it again as "CSV UTF-8", then upload that file.`,
      { row },
    );
  }

  static textEncodingUnsupported(): ImportException {
    return new ImportException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      ImportErrorCode.TextEncodingUnsupported,
      'The file is neither an Excel workbook nor text we can read (it contains binary data). Save it from Excel as "CSV UTF-8" or as .xlsx.',
    );
  }

  static notMultipart(): ImportException {
    return new ImportException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ImportErrorCode.NotMultipart, 'Send the file as multipart/form-data, in a part named "file"');
  }

  static notReady(status: string): ImportException {
    return new ImportException(
      HttpStatus.CONFLICT,
      ImportErrorCode.ImportNotReady,
      `This import is ${status}: wait for its preview to finish (or upload the file again if it failed), then try again`,
      { status },
    );
  }

  static alreadyCommitted(): ImportException {
    return new ImportException(HttpStatus.CONFLICT, ImportErrorCode.ImportAlreadyCommitted, 'This import has already been committed: upload the file again to import it again');
  }

  /** Owners that match no user and that the user has neither mapped nor left unassigned: nothing is committed. */
  static ownersNotDecided(owners: { text: string; rows: number[] }[]): ImportException {
    const names = owners.map((o) => `'${o.text}'`).join(', ');
    return new ImportException(
      HttpStatus.CONFLICT,
      ImportErrorCode.OwnersNotDecided,
      `Choose a user for each owner that matches nobody, or leave it unassigned, before importing (PUT the mapping with ownerMatches): ${names}`,
      owners.map((o) => ({ field: `ownerMatches.${o.text}`, messages: [`matches no user of this plan (rows ${o.rows.join(', ')}): give a user's id, or null to leave it unassigned`] })),
    );
  }

  /**
   * Found by the commit job on its fresh snapshot: owners the preview had matched (by email or name, or
   * by the user's mapping) whose user has since left the plan or been deactivated. The run fails with
   * this code and nothing is written; the user maps them again (the run can be re-previewed) and commits again.
   */
  static ownersLeftPlan(owners: { text: string; rows: number[]; userName: string | null }[]): ImportException {
    const who = (o: { text: string; userName: string | null }): string => `'${o.text}'${o.userName ? ` (${o.userName})` : ''}`;
    return new ImportException(
      HttpStatus.CONFLICT,
      ImportErrorCode.OwnersNotDecided,
      `Nothing was imported: ${owners.map(who).join(', ')} ${owners.length === 1 ? 'is' : 'are'} no longer an active board member, owner or administrator of this plan. Choose another user for ${owners.length === 1 ? 'this owner' : 'these owners'}, or leave ${owners.length === 1 ? 'it' : 'them'} unassigned (PUT the mapping with ownerMatches), then commit again.`,
      owners.map((o) => ({ field: `ownerMatches.${o.text}`, messages: [`${o.userName ? `${o.userName} is` : 'the user it matched is'} no longer an active member of this plan who may own actions (rows ${o.rows.join(', ')}): give another user's id, or null to leave it unassigned`] })),
    );
  }

  static invalidMapping(field: string, message: string): ImportException {
    return new ImportException(HttpStatus.BAD_REQUEST, ImportErrorCode.InvalidMapping, `mapping.${field}: ${message}`, [
      { field: `mapping.${field}`, messages: [message] },
    ]);
  }
}

export type ArchiveErrorCode =
  | ImportErrorCode.ArchiveCorrupt
  | ImportErrorCode.ArchiveEncrypted
  | ImportErrorCode.ArchiveTooManyEntries
  | ImportErrorCode.ArchiveTooLarge
  | ImportErrorCode.ArchiveCompressionRatio
  | ImportErrorCode.TooManyCells;

/** "20 MB" for whole mebibytes, "512 KB" for whole kibibytes, else bytes. */
export function formatBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib) return `${Number.isInteger(bytes / mib) ? bytes / mib : (bytes / mib).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
