import { CORPUS_PEOPLE } from './fixtures/name-corpus.testing';
import { createRedactor, PLACEHOLDERS, redactNames, rolePhrase, type KnownPerson } from './redact-names';

const redact = createRedactor(CORPUS_PEOPLE);
const textOf = (input: string): string => redact(input).text;

describe('redactNames', () => {
  it('the narrative from the issue loses every name, each replaced by the role', () => {
    const input =
      'Audit tool agreed with the Principal Social Worker and DI Quayle; Helen asked for it at the next board. ' +
      'Cllr Platt requested a briefing; Priya to circulate. Ms Kowalski (SAB) content.';
    const result = redact(input);
    expect(result.text).toBe(
      'Audit tool agreed with the Principal Social Worker and the Detective Inspector, Cheshire Constabulary; ' +
        'the Head of Safeguarding asked for it at the next board. The Chair of the Scrutiny Committee requested a briefing; ' +
        'the Safeguarding Practice Lead to circulate. The Independent Chair of the Safeguarding Adults Board (SAB) content.',
    );
    expect(result.replacements.map((r) => [r.found, r.reason])).toEqual([
      ['DI Quayle', "title 'DI' with a name, a known person (Detective Inspector, Cheshire Constabulary)"],
      ['Helen', 'given name of a known person (Head of Safeguarding)'],
      ['Cllr Platt', "title 'Cllr' with a name, a known person (Chair of the Scrutiny Committee)"],
      ['Priya', 'given name of a known person (Safeguarding Practice Lead)'],
      ['Ms Kowalski', "title 'Ms' with a name, a known person (Independent Chair of the Safeguarding Adults Board)"],
    ]);
    // Offsets point into the original text.
    for (const r of result.replacements) expect(input.slice(r.start, r.end)).toBe(r.found);
  });

  describe('known people: names on their own, full names, case and possessives', () => {
    it.each([
      ['Helen Marsh presented the pathway.', 'The Head of Safeguarding presented the pathway.'],
      ["Helen's summary was accepted.", "The Head of Safeguarding's summary was accepted."],
      ['The board accepted Marsh’s summary.', 'The board accepted the Head of Safeguarding’s summary.'],
      ['Reviewed by H. Marsh and Priya N. on Monday.', 'Reviewed by the Head of Safeguarding and the Safeguarding Practice Lead on Monday.'],
      ['It was reviewed by Priya N. The board agreed.', 'It was reviewed by the Safeguarding Practice Lead. The board agreed.'],
      ['Marsh, Helen (chair) opened the meeting.', 'The Head of Safeguarding (chair) opened the meeting.'],
      ['cc priya, helen - please add the figures.', 'cc the Safeguarding Practice Lead, the Head of Safeguarding - please add the figures.'],
      ['ACTION FOR PRIYA NATARAJAN: refresh the extract.', 'ACTION FOR the Safeguarding Practice Lead: refresh the extract.'],
      ['Agreed: Priya to update the map.', 'Agreed: the Safeguarding Practice Lead to update the map.'],
      ["Siobhan O'Neill circulated the terms; O'Neill's note was welcomed.", "The Safeguarding Adults Board Business Manager circulated the terms; the Safeguarding Adults Board Business Manager's note was welcomed."],
      ['Anne-Marie Smith-Jones reviewed the rota.', 'The Team Manager, MASH reviewed the rota.'],
      ['Jo will add the measure; Li agreed.', 'The Performance Analyst will add the measure; the Performance Analyst agreed.'],
    ])('%s', (input, expected) => {
      expect(textOf(input)).toBe(expected);
    });

    it('a given name two users share becomes "[name removed]"; a user with no role too', () => {
      const shared = redact('Mark will circulate the timetable.');
      expect(shared.text).toBe('[name removed] will circulate the timetable.');
      expect(shared.replacements[0].reason).toBe('given name of 2 known people');
      const noRole = redact('Bill to check the room booking.');
      expect(noRole.text).toBe('[name removed] to check the room booking.');
      expect(noRole.replacements[0].reason).toBe('given name of a known person with no role recorded');
      // The full name settles which Mark.
      expect(textOf('Mark Davies will attend.')).toBe('The Head of Commissioning will attend.');
    });

    it('does not touch part of a longer word or of another hyphenated name', () => {
      const people: KnownPerson[] = [{ givenName: 'Ann', surname: 'Smith', role: 'Lead' }];
      expect(redactNames('Annual report by Smith-Jones; Ann to check.', people).text).toBe('Annual report by Smith-Jones; the Lead to check.');
    });

    it('with no known people, titles and contact details still go', () => {
      const result = redactNames('Cllr Platt (maureen@example.org) asked Helen.', []);
      expect(result.text).toBe('[name removed] ([email removed]) asked Helen.');
    });

    it('a blank role counts as none', () => {
      expect(redactNames('Ask Priya.', [{ givenName: 'Priya', surname: 'Natarajan', role: '  ' }]).text).toBe('Ask [name removed].');
    });

    it('does not double the article: "the DI Quayle" becomes "the Detective Inspector, ..."', () => {
      expect(textOf('Ask the DI Quayle team.')).toBe('Ask the Detective Inspector, Cheshire Constabulary team.');
    });

    it('rolePhrase keeps an article the role already has', () => {
      expect(rolePhrase('Head of Safeguarding')).toBe('the Head of Safeguarding');
      expect(rolePhrase('The Chair')).toBe('the Chair');
      expect(rolePhrase('an independent scrutineer')).toBe('an independent scrutineer');
    });
  });

  describe('a user called "Will Hope": names that are also words', () => {
    const will: KnownPerson[] = [{ givenName: 'Will', surname: 'Hope', role: 'Service Manager' }];
    const redactWill = createRedactor(will);
    it.each([
      // Replaced: the context makes it a name.
      ['Will to circulate the tool.', 'The Service Manager to circulate the tool.'],
      ['We thanked Will for the report.', 'We thanked the Service Manager for the report.'],
      ['We hope Will can attend.', 'We hope the Service Manager can attend.'],
      ['Will Hope chaired the meeting.', 'The Service Manager chaired the meeting.'],
      ['Mr Hope chaired the meeting.', 'The Service Manager chaired the meeting.'],
      ['Will noted the risk.', 'The Service Manager noted the risk.'],
      ["Will's report was noted.", "The Service Manager's report was noted."],
      ['Will and Hope met.', 'The Service Manager and the Service Manager met.'],
      ['As agreed with Hope, the audit moves to March.', 'As agreed with the Service Manager, the audit moves to March.'],
      ['Yesterday Will confirmed the dates.', 'Yesterday the Service Manager confirmed the dates.'],
      // Left: the word is a word.
      ['Will the board agree the route?', 'Will the board agree the route?'],
      ['We hope the form will help; it will.', 'We hope the form will help; it will.'],
      ['Hope Street day centre reopened.', 'Hope Street day centre reopened.'],
      ['The Hope Street hub reopened.', 'The Hope Street hub reopened.'],
      ['Hope for Justice trained the staff.', 'Hope for Justice trained the staff.'],
      ['Hope was expressed that it would reopen.', 'Hope was expressed that it would reopen.'],
      ['Hope and resilience are themes.', 'Hope and resilience are themes.'],
      ['WILL THE BOARD AGREE?', 'WILL THE BOARD AGREE?'],
    ])('%s', (input, expected) => {
      expect(redactWill(input).text).toBe(expected);
    });

    it('accepted over-redaction: at the start of a sentence, "Hope to" and a verb is taken as the name', () => {
      expect(redactWill('Hope to complete the audit by March.').text).toBe('The Service Manager to complete the audit by March.');
    });
  });

  describe('months, RAG colours and judgement words as names', () => {
    const people: KnownPerson[] = [
      { givenName: 'May', surname: 'Fielding', role: 'Programme Lead' },
      { givenName: 'Rowan', surname: 'Green', role: 'Data Lead' },
    ];
    const redactCalendar = createRedactor(people);
    it.each([
      ['The audit starts in May.', 'The audit starts in May.'],
      ['From May to July the pilot runs.', 'From May to July the pilot runs.'],
      ['The May board was cancelled.', 'The May board was cancelled.'],
      ["May's figures were higher.", "May's figures were higher."],
      ['May to circulate the notes.', 'The Programme Lead to circulate the notes.'],
      ['Minutes by May Fielding.', 'Minutes by the Programme Lead.'],
      ['Dr May attended.', 'The Programme Lead attended.'],
      ['The action moved from Amber to Green.', 'The action moved from Amber to Green.'],
      ['Green noted the data gap.', 'The Data Lead noted the data gap.'],
      ['Rowan Green presented; Ms Green agreed.', 'The Data Lead presented; the Data Lead agreed.'],
    ])('%s', (input, expected) => {
      expect(redactCalendar(input).text).toBe(expected);
    });
  });

  describe('titles with a name, known or not', () => {
    it.each([
      ['Supt Whitfield', '[name removed]'],
      ['PC Danby', '[name removed]'],
      ['DS Ahmed', '[name removed]'],
      ['DC Lowe', '[name removed]'],
      ['DCI Farrow', '[name removed]'],
      ['Insp Carver', '[name removed]'],
      ['Sgt Pollard', '[name removed]'],
      ['Mrs Ellison', '[name removed]'],
      ['Mr O’Hara', '[name removed]'],
      ['Miss Tranter', '[name removed]'],
      ['Mx Quinn', '[name removed]'],
      ['Prof Adeyemi', '[name removed]'],
      ['Prof. Adeyemi', '[name removed]'],
      ['Rev Thorne', '[name removed]'],
      ['Councillor Haddon', '[name removed]'],
      ['CLLR HADDON', 'CLLR HADDON'], // shouting is left to the suspect finder
      ['Dr. Mensah', '[name removed]'],
      ['Dr Osei-Bonsu', '[name removed]'],
      ['Detective Chief Inspector Farrow', '[name removed]'],
      ['Ch Supt Rowley', '[name removed]'],
      ['Cllr J. Barker', '[name removed]'],
      ['Cllr Jean Barker-Holt', '[name removed]'],
      ['Cllr Maureen Platt', 'the Chair of the Scrutiny Committee'],
      ['Detective Inspector Quayle', 'the Detective Inspector, Cheshire Constabulary'],
      ['Dr Bell', 'the Designated Nurse for Safeguarding Adults'],
      ['Ms A. Kowalski', 'the Independent Chair of the Safeguarding Adults Board'],
    ])('"%s" -> "%s"', (name, replacement) => {
      expect(textOf(`We met ${name} on Monday.`)).toBe(`We met ${replacement} on Monday.`);
    });

    it.each([
      'Dr Barnardo’s runs the advocacy service.',
      'The meeting was on MS Teams.',
      'The DR site was tested.',
      'The PC estate is being replaced.',
      'Cllr Ofsted is not a person.',
      'The Ms and Mrs forms were merged.',
      'Write to Mr and Mrs by default.',
    ])('leaves "%s"', (input) => {
      expect(textOf(input)).toBe(input);
    });

    it('stops the name at a month, an acronym or a known term', () => {
      expect(textOf('Report from Mr Jones Monday.')).toBe('Report from [name removed] Monday.');
      expect(textOf('Ms Kowalski SAB chair.')).toBe('The Independent Chair of the Safeguarding Adults Board SAB chair.');
    });
  });

  describe('e-mail addresses, phone numbers, NHS numbers and postcodes', () => {
    it.each([
      ['helen.marsh@warrington.gov.uk', PLACEHOLDERS.email],
      ['safeguarding.adults@example.org', PLACEHOLDERS.email],
      ['01925 443322', PLACEHOLDERS.phone],
      ['01925 442 100', PLACEHOLDERS.phone],
      ['07700 900123', PLACEHOLDERS.phone],
      ['07700900123', PLACEHOLDERS.phone],
      ['0300 123 1231', PLACEHOLDERS.phone],
      ['020 7946 0958', PLACEHOLDERS.phone],
      ['(0151) 233 3000', PLACEHOLDERS.phone],
      ['+44 7700 900456', PLACEHOLDERS.phone],
      ['+447700900456', PLACEHOLDERS.phone],
      ['+44 (0)1925 443377', PLACEHOLDERS.phone],
      ['0151-233-3000', PLACEHOLDERS.phone],
      ['943 476 5919', PLACEHOLDERS.nhs_number],
      ['943-476-5919', PLACEHOLDERS.nhs_number],
      ['9434765919', PLACEHOLDERS.nhs_number],
      ['943 476-5919', PLACEHOLDERS.nhs_number],
      ['WA1 2NH', PLACEHOLDERS.postcode],
      ['wa1 2nh', PLACEHOLDERS.postcode],
      ['WA12NH', PLACEHOLDERS.postcode],
      ['M60 2LA', PLACEHOLDERS.postcode],
      ['SW1A 2AA', PLACEHOLDERS.postcode],
    ])('%s -> %s', (value, placeholder) => {
      const result = redact(`Details: ${value}, as agreed.`);
      expect(result.text).toBe(`Details: ${placeholder}, as agreed.`);
      expect(result.replacements).toHaveLength(1);
      expect(result.replacements[0].found).toBe(value);
    });

    it.each([
      '1,303 cases were reviewed.',
      'Set a number from 0 to 40.',
      'Published on 2026-12-17 and due 70 working days later.',
      'Budget of £250,000 for 2025-2028.',
      'Referrals in Q3 2026/27 fell by 14%.',
      'Reference A1.4 and KO2 under section 42 (S42 enquiries).',
      'A 9-digit reference 123 456 789 is not an NHS number.',
      'Case 17 was closed in 2 days.',
      'COVID-19 arrangements ended.',
    ])('leaves "%s"', (input) => {
      expect(textOf(input)).toBe(input);
    });
  });
});
