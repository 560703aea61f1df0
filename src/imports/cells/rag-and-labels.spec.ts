import { splitLabel } from './labelled-text';
import { normaliseWords } from './normalise-words';
import { colourOfFill, readRag } from './rag-words';

describe('readRag', () => {
  it.each([
    ['Red', undefined, 'red', 'text'],
    ['R', undefined, 'red', 'text'],
    ['amber', undefined, 'amber', 'text'],
    ['Amber/Green', undefined, 'amber', 'text'],
    ['G', undefined, 'green', 'text'],
    ['Blue', undefined, 'blue', 'text'],
    ['Grey', undefined, 'grey', 'text'],
    ['', 'FFFF0000', 'red', 'fill'],
    ['', 'FFFFC000', 'amber', 'fill'],
    ['', 'FF00B050', 'green', 'fill'],
    ['', 'FF0070C0', 'blue', 'fill'],
    ['', 'FFBFBFBF', 'grey', 'fill'],
    ['Purple', 'FFFF0000', null, null],
    ['', 'FFFFFFFF', null, null],
    ['', undefined, null, null],
  ])('%p with fill %p is %p from %p', (text, fill, colour, from) => {
    expect(readRag(text, fill)).toEqual({ colour, from });
  });

  it.each([
    ['FFC00000', 'red'],
    ['FFFFFF00', 'amber'],
    ['FF92D050', 'green'],
    ['FF000000', null],
    ['nonsense', null],
  ])('fill %s is %p', (argb, colour) => {
    expect(colourOfFill(argb)).toBe(colour);
  });
});

describe('splitLabel', () => {
  it.each([
    ['Priority 1: Practice', 'Priority 1', 'Practice'],
    ['Key outcome 2 - Empowered professionals', 'Key outcome 2', 'Empowered professionals'],
    ['AFI 3: Safeguarding enquiries are not always timely', 'AFI 3', 'Safeguarding enquiries are not always timely'],
    ['1.2 Oversight of the online form', '1.2', 'Oversight of the online form'],
    ['3) Accessible services', '3', 'Accessible services'],
    ['Information sharing', null, 'Information sharing'],
    ['Strategy discussions do not always include health: a finding', null, 'Strategy discussions do not always include health: a finding'],
  ])('%p', (text, code, title) => {
    expect(splitLabel(text)).toEqual({ text, code, title });
  });
});

describe('normaliseWords', () => {
  it.each([
    ['Completed - Embedded', 'completed embedded'],
    ['Lead Officer(s)', 'lead officer s'],
    ["Officer's name", 'officers name'],
    ['Finance & Resources', 'finance and resources'],
    ['  Target\nDate  ', 'target date'],
    ['Ｆｕｌｌ width', 'full width'],
  ])('%p -> %p', (text, words) => {
    expect(normaliseWords(text)).toBe(words);
  });
});
