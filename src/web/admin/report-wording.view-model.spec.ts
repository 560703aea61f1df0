import type { ReportWordingDto } from '../../report-wording/dto/report-wording.dto';
import { checkWordingForm, reportWordingPage, wordingFormFrom } from './report-wording.view-model';

const empty = { committeeName: null, reportOfRole: null, contactOfficerRole: null, contactMailbox: null, purpose: null, recommendations: null, reasonsForRecommendations: null, financialImplications: null, legalImplications: null, equalityImplications: null, safeguardingImplications: null, glossary: null };
const dto = {
  version: 0,
  updatedAt: null,
  settings: empty,
  defaults: { committeeName: 'Scrutiny Committee', reportOfRole: 'Programme Lead', contactOfficerRole: 'Improvement Programme Lead', contactMailbox: null, purpose: 'To update.', recommendations: ['That the committee notes the risks.'], reasonsForRecommendations: 'Reasons.', financialImplications: 'None.', legalImplications: 'None.', equalityImplications: 'None.', safeguardingImplications: 'Some.', glossary: [{ term: 'RAG', meaning: 'Colours.' }] },
} as unknown as ReportWordingDto;

describe('report wording view model', () => {
  it('shows every field blank with its default, until the organisation sets one', () => {
    const page = reportWordingPage(dto);
    expect(page.fields.map((f) => [f.name, f.value, f.defaultText])).toContainEqual(['committeeName', '', 'Scrutiny Committee']);
    expect(page.fields.find((f) => f.name === 'contactMailbox')?.defaultText).toBe('None: the report gives the contact officer’s role only');
    expect(page.glossary.defaults).toEqual(['RAG: Colours.']);
  });

  it('reads lines into recommendations and glossary entries; blank is the default', () => {
    const form = { ...wordingFormFrom(dto), reportOfRole: ' Director of Adult Social Services ', recommendations: 'One\n\n Two ', glossary: 'DASS: Director of Adult Social Services' };
    const result = checkWordingForm(form);
    expect(result.ok && result.wording).toMatchObject({ reportOfRole: 'Director of Adult Social Services', committeeName: null, recommendations: ['One', 'Two'], glossary: [{ term: 'DASS', meaning: 'Director of Adult Social Services' }] });
  });

  it('names each bad field', () => {
    const result = checkWordingForm({ ...wordingFormFrom(dto), contactMailbox: 'not a mailbox', glossary: 'no colon here', recommendations: Array.from({ length: 9 }, (_, i) => `R${i}`).join('\n') });
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(['contactMailbox', 'recommendations', 'glossary']);
  });

  it('keeps what was set', () => {
    const set = { ...dto, version: 2, settings: { ...empty, recommendations: ['A', 'B'], glossary: [{ term: 'T', meaning: 'M' }] } } as unknown as ReportWordingDto;
    expect(wordingFormFrom(set)).toMatchObject({ recommendations: 'A\nB', glossary: 'T: M' });
    expect(reportWordingPage(set).version).toBe(2);
  });
});
