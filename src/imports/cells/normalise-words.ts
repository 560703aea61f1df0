/**
 * The form header words and status words are compared in: lower case, '&' read as 'and',
 * apostrophes dropped (officer's -> officers), every other run of punctuation or space one space.
 * "Completed - Embedded", "completed/embedded" and "COMPLETED EMBEDDED" all become "completed embedded".
 */
export function normaliseWords(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['\u2018\u2019`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
