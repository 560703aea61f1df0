/** Error codes of user administration and of a user's own account (besides the common ones). */
export enum UsersErrorCode {
  /** Another user already has this email. */
  EmailTaken = 'email_taken',
  /** Changing one's own password: the current password given is wrong. */
  CurrentPasswordIncorrect = 'current_password_incorrect',
  /** Changing one's own password: the new one is the same as the current one. */
  PasswordUnchanged = 'password_unchanged',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    users: UsersErrorCode;
  }
}
