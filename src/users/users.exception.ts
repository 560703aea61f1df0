/** Error codes of user administration (besides the common ones). */
export enum UsersErrorCode {
  /** Another user already has this email. */
  EmailTaken = 'email_taken',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    users: UsersErrorCode;
  }
}
