/**
 * NCSC guidance: length, not composition rules. The one place the rule lives, so the API's DTOs,
 * the web forms and the CLI say the same thing (a deny-list of common passwords belongs here too).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** What is wrong with a new password, in words that finish "Your new password ...", or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be ${PASSWORD_MIN_LENGTH} characters or more`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  return null;
}
