import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import { EvidenceErrorCode } from '../evidence.exception';

/** 416; the controller adds `Content-Range: bytes * /size` so the client learns the real size. */
export class RangeNotSatisfiableException extends AppException {
  constructor(readonly size: number) {
    super(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, EvidenceErrorCode.RangeNotSatisfiable, `The requested range is beyond the end of the file (${size} bytes)`, {
      size,
    });
  }
}
