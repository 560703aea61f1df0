import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppException } from '../errors/app.exception';
import { isUuid } from './uuid';

/** `@Param('id', UuidParam)`: a malformed id is a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    if (!isUuid(value)) throw AppException.invalidField(meta.data ?? 'id', 'must be a UUID');
    return value.toLowerCase();
  }
}
