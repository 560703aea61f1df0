/**
 * The form header words and status words are compared in: lower case, '&' read as 'and',
 * apostrophes dropped (officer's -> officers), every other run of punctuation or space one space.
 * "Completed - Embedded", "completed/embedded" and "COMPLETED EMBEDDED" all become "completed embedded".
 */
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;

export function normaliseWords(text: string): string {
  // Most cells are plain ASCII: the same rules without Unicode normalisation, which is far slower.
  if (ASCII.test(text)) {
    return text
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/['`]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['\u2018\u2019`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
