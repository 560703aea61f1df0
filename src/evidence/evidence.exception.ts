import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { ALLOWED_TYPES } from './content/sniff-content-type';

/** The evidence feature's HTTP errors, each with a stable code and a message an owner can act on. */
export class EvidenceException extends AppException {
  static fileTooLarge(maxBytes: number): EvidenceException {
    return new EvidenceException(HttpStatus.PAYLOAD_TOO_LARGE, 'file_too_large', `The file is larger than the limit of ${formatBytes(maxBytes)}`, {
      maxBytes,
    });
  }

  static unsupportedType(): EvidenceException {
    const labels = [...new Set(ALLOWED_TYPES.map((t) => t.label))];
    return new EvidenceException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'unsupported_file_type',
      `The file's content is not a type we accept (judged from the bytes, not the name). Allowed: ${labels.join(', ')}`,
      { allowedTypes: ALLOWED_TYPES.map((t) => ({ mime: t.mime, extension: t.extension, label: t.label })) },
    );
  }

  static notMultipart(): EvidenceException {
    return new EvidenceException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'multipart_required', 'Send the upload as multipart/form-data with the file in the "file" part');
  }

  static malwareFound(signature: string): EvidenceException {
    return new EvidenceException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'malware_detected',
      `The file was refused: the malware scanner found ${signature}. It has not been stored.`,
      { signature },
    );
  }

  static storageUnavailable(): EvidenceException {
    return new EvidenceException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'storage_unavailable',
      'Evidence storage is unavailable, so nothing was saved; please try again, and quote the request id if it persists',
    );
  }

  static scannerUnavailable(): EvidenceException {
    return new EvidenceException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'scanner_unavailable',
      'The malware scanner is unavailable, so the file was not accepted; please try again, and quote the request id if it persists',
    );
  }

  static storedFileMissing(id: string): EvidenceException {
    return new EvidenceException(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'stored_file_missing',
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
