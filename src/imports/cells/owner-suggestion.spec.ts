import { suggestOwner } from './owner-suggestion';

const priya = { id: 'u-priya', name: 'Priya Natarajan', email: 'priya.n@southcombe.gov.uk' };
const mary = { id: 'u-mary', name: "Mary-Jane O'Neill", email: 'mj@southcombe.gov.uk' };
const tom = { id: 'u-tom', name: 'Tom Hale', email: 'tom.hale@southcombe.gov.uk' };
const tess = { id: 'u-tess', name: 'Tess Hale', email: 'tess.hale@southcombe.gov.uk' };
const people = [priya, mary, tom, tess];

describe('suggestOwner', () => {
  it.each([
    ['P. Natarajan', { userId: priya.id }],
    ['Priya Natarajan (Head of Safeguarding)', { userId: priya.id }],
    ['priya.natarajan@old-council.gov.uk', { userId: priya.id }],
    ['Mary Jane ONeill', { userId: mary.id }],
    ['TBC', { unassigned: true }],
    ['Vacant', { unassigned: true }],
    // Two users share the initial and surname: no guess.
    ['T. Hale', null],
    ['Head of Service', null],
    ['Someone Else', null],
    ['', null],
  ])('%s -> %j', (text, expected) => {
    expect(suggestOwner(text, people)).toEqual(expected);
  });
});
