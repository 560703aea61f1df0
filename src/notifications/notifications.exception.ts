import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';

export enum NotificationsErrorCode {
  InvalidUnsubscribeToken = 'invalid_unsubscribe_token',
  ExpiredUnsubscribeToken = 'expired_unsubscribe_token',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    notifications: NotificationsErrorCode;
  }
}

/** The notifications feature's errors, each with a stable code and words a person can act on. */
export class NotificationsException extends AppException {
  static invalidUnsubscribeToken(): NotificationsException {
    return new NotificationsException(
      HttpStatus.BAD_REQUEST,
      NotificationsErrorCode.InvalidUnsubscribeToken,
      'This unsubscribe link is not valid. Sign in and choose which e-mails you get on the preferences page.',
    );
  }

  static expiredUnsubscribeToken(): NotificationsException {
    return new NotificationsException(
      HttpStatus.BAD_REQUEST,
      NotificationsErrorCode.ExpiredUnsubscribeToken,
      'This unsubscribe link has expired. Use the link in a recent e-mail, or sign in and choose which e-mails you get on the preferences page.',
    );
  }
}
