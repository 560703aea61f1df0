import { parseOwner } from './owner';

describe('parseOwner', () => {
  it.each([
    ['Priya Raman', { name: 'Priya Raman', email: null, role: null, others: [] }],
    ['priya.raman@northfield.example.gov.uk', { name: null, email: 'priya.raman@northfield.example.gov.uk', role: null, others: [] }],
    ['Priya Raman <Priya.Raman@Northfield.example.gov.uk>', { name: 'Priya Raman', email: 'priya.raman@northfield.example.gov.uk', role: null }],
    ['Priya Raman (priya.raman@northfield.example.gov.uk)', { name: 'Priya Raman', email: 'priya.raman@northfield.example.gov.uk' }],
    ['Priya Raman, Head of Safeguarding Adults', { name: 'Priya Raman', role: 'Head of Safeguarding Adults' }],
    ['Priya Raman (Head of Safeguarding Adults)', { name: 'Priya Raman', role: 'Head of Safeguarding Adults' }],
    ['Head of Safeguarding Adults (Priya Raman)', { name: 'Priya Raman', role: 'Head of Safeguarding Adults' }],
    ['Head of Safeguarding Adults - Priya Raman', { name: 'Priya Raman', role: 'Head of Safeguarding Adults' }],
    ['Head of Safeguarding Adults', { name: null, role: 'Head of Safeguarding Adults' }],
    ['Principal Social Worker', { name: null, role: 'Principal Social Worker' }],
    ['DCI Sarah Lloyd, Northfield Police', { name: 'Sarah Lloyd', role: 'Northfield Police' }],
    ['Detective Inspector Claire Moss', { name: 'Claire Moss', role: null }],
    ['Dr Sam Osei (Designated Nurse)', { name: 'Sam Osei', role: 'Designated Nurse' }],
    ['Cllr Mary-Jane O\u2019Neill', { name: 'Mary-Jane O\u2019Neill' }],
    ['Gemma Price; Owen Hughes', { name: 'Gemma Price', others: ['Owen Hughes'] }],
    ['Ann Lee & Tom Hale', { name: 'Ann Lee', others: ['Tom Hale'] }],
    ['Ann Lee and Tom Hale', { name: 'Ann Lee', others: ['Tom Hale'] }],
    ['Head of Quality and Safeguarding', { name: null, role: 'Head of Quality and Safeguarding', others: [] }],
    ['Head of Service / Principal Social Worker', { name: null, role: 'Head of Service', others: ['Principal Social Worker'] }],
    ['Named lead TBC', { name: null, email: null, role: null, others: [] }],
    ['Vacant', { name: null, email: null, role: null }],
  ])('%p', (text, expected) => {
    expect(parseOwner(text)).toMatchObject({ raw: text.replace(/\s+/g, ' ').trim(), ...expected });
  });

  it('is null for a blank cell', () => {
    expect(parseOwner('   ')).toBeNull();
  });
});
