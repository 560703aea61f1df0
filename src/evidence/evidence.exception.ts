import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { ALLOWED_TYPES } from './content/sniff-content-type';

/** Error codes of evidence (besides the common ones). */
export enum EvidenceErrorCode {
  /** The upload is over EVIDENCE_MAX_BYTES; `details.maxBytes`. */
  FileTooLarge = 'file_too_large',
  /** The content (judged from the bytes) is not a type we accept; `details.allowedTypes`. */
  UnsupportedFileType = 'unsupported_file_type',
  MultipartRequired = 'multipart_required',
  /** The multipart body could not be parsed. */
  MalformedUpload = 'malformed_upload',
  /** The client stopped sending before the upload was complete. */
  UploadAborted = 'upload_aborted',
  /** The malware scanner found something; `details.signature`. Nothing was stored. */
  MalwareDetected = 'malware_detected',
  StorageUnavailable = 'storage_unavailable',
  ScannerUnavailable = 'scanner_unavailable',
  StoredFileMissing = 'stored_file_missing',
  /** That rejected evidence has already been replaced by another upload. */
  AlreadySuperseded = 'already_superseded',
  /** Only submitted evidence is reviewed or withdrawn; `details.reviewState`. */
  AlreadyReviewed = 'already_reviewed',
  EvidenceWithdrawn = 'evidence_withdrawn',
  /** The range asked for starts beyond the end of the file; `details.size`. */
  RangeNotSatisfiable = 'range_not_satisfiable',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    evidence: EvidenceErrorCode;
  }
}

/** The evidence feature's HTTP errors, each with a stable code and a message an owner can act on. */
export class EvidenceException extends AppException {
  static fileTooLarge(maxBytes: number): EvidenceException {
    return new EvidenceException(HttpStatus.PAYLOAD_TOO_LARGE, EvidenceErrorCode.FileTooLarge, `The file is larger than the limit of ${formatBytes(maxBytes)}`, {
      maxBytes,
    });
  }

  static unsupportedType(): EvidenceException {
    const labels = [...new Set(ALLOWED_TYPES.map((t) => t.label))];
    return new EvidenceException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      EvidenceErrorCode.UnsupportedFileType,
      `The file's content is not a type we accept (judged from the bytes, not the name). Allowed: ${labels.join(', ')}`,
      { allowedTypes: ALLOWED_TYPES.map((t) => ({ mime: t.mime, extension: t.extension, label: t.label })) },
    );
  }

  static notMultipart(): EvidenceException {
    return new EvidenceException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, EvidenceErrorCode.MultipartRequired, 'Send the upload as multipart/form-data with the file in the "file" part');
  }

  static malwareFound(signature: string): EvidenceException {
    return new EvidenceException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      EvidenceErrorCode.MalwareDetected,
      `The file was refused: the malware scanner found ${signature}. It has not been stored.`,
      { signature },
    );
  }

  static storageUnavailable(): EvidenceException {
    return new EvidenceException(
      HttpStatus.SERVICE_UNAVAILABLE,
      EvidenceErrorCode.StorageUnavailable,
      'Evidence storage is unavailable, so nothing was saved; please try again, and quote the request id if it persists',
    );
  }

  static scannerUnavailable(): EvidenceException {
    return new EvidenceException(
      HttpStatus.SERVICE_UNAVAILABLE,
      EvidenceErrorCode.ScannerUnavailable,
      'The malware scanner is unavailable, so the file was not accepted; please try again, and quote the request id if it persists',
    );
  }

  static storedFileMissing(id: string): EvidenceException {
    return new EvidenceException(
      HttpStatus.INTERNAL_SERVER_ERROR,
      EvidenceErrorCode.StoredFileMissing,
      `The stored file of evidence ${id} cannot be found; quote the request id to your administrator`,
    );
  }
}

/** "25 MB" for whole mebibytes, else the exact byte count. */
export function formatBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib && bytes % mib === 0) return `${bytes / mib} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
