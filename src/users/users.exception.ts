/** Stable error codes of the users feature. */
export enum UserErrorCode {
  CurrentPasswordIncorrect = 'current_password_incorrect',
  PasswordUnchanged = 'password_unchanged',
}
