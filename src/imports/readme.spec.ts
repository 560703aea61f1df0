import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_STATUS_WORDS } from './cells/status-words';
import { IMPORT_FIELDS } from './import-fields';
import { ImportErrorCode } from './imports.exception';
import { FIELD_SYNONYMS } from './mapping/synonyms';

/** The issue asks for the synonyms and rules to be documented: the README must keep up with the code. */
describe('src/imports/README.md', () => {
  const readme = readFileSync(join(__dirname, 'README.md'), 'utf8');
  const row = (start: string): string => readme.split('\n').find((line) => line.startsWith(start)) ?? '';

  it.each(IMPORT_FIELDS)('lists every heading synonym of %s', (field) => {
    const line = row(`| \`${field}\` |`);
    const listed = line.split('|')[3].split(',').map((s) => s.trim().replace(/^_|_$/g, ''));
    expect(listed).toEqual([...FIELD_SYNONYMS[field]]);
  });

  it('lists every status word', () => {
    for (const [word, status] of Object.entries(DEFAULT_STATUS_WORDS)) {
      expect(row(`| \`${status}\``).split('|')[2].split(',').map((s) => s.trim())).toContain(word);
    }
  });

  it('names every error code', () => {
    for (const code of Object.values(ImportErrorCode)) expect(readme).toContain(`\`${code}\``);
  });
});
