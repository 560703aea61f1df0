/** Error codes of signing in (besides the common ones). */
export enum AuthErrorCode {
  /** Email or password is wrong, or the user is inactive (which is not said). */
  InvalidCredentials = 'invalid_credentials',
  /** Too many attempts for this email or from this address; `details.retryAfterSeconds`. */
  TooManyLoginAttempts = 'too_many_login_attempts',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    auth: AuthErrorCode;
  }
}
