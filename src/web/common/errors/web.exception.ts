import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../../common/errors/app.exception';

/** Stable codes of the web pages' own errors. */
export enum WebErrorCode {
  SignInRequired = 'sign_in_required',
  CsrfTokenInvalid = 'csrf_token_invalid',
}

declare module '../../../common/errors/error-code' {
  interface FeatureErrorCodes {
    web: WebErrorCode;
  }
}

export class WebException extends AppException {
  /** A page needs a signed-in user; the error handler sends the browser to the sign-in page. */
  static signInRequired(): WebException {
    return new WebException(HttpStatus.UNAUTHORIZED, WebErrorCode.SignInRequired, 'Sign in to see this page');
  }

  static csrfTokenInvalid(): WebException {
    return new WebException(HttpStatus.FORBIDDEN, WebErrorCode.CsrfTokenInvalid, 'The form was sent without a valid CSRF token');
  }
}
