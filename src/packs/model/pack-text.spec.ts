import { joinClauses, lowerFirstWord, prefixOnce } from './pack-text';

describe('pack wording', () => {
  it('names the regulator once when the kind label already names it', () => {
    expect(prefixOnce('CQC', 'CQC local authority assessment')).toBe('CQC local authority assessment');
    expect(prefixOnce('Ofsted', 'Ofsted ILACS full inspection')).toBe('Ofsted ILACS full inspection');
    expect(prefixOnce('CQC', 'local authority assessment')).toBe('CQC local authority assessment');
    expect(prefixOnce('Ofsted', 'Ofstedish review')).toBe('Ofsted Ofstedish review');
    expect(prefixOnce('', 'visit')).toBe('visit');
  });

  it('puts no capital after a semicolon, but keeps acronyms and inner capitals', () => {
    expect(joinClauses(['Blocked', "Milestone 'Easy-read leaflet' overdue by 31 days"])).toBe("Blocked; milestone 'Easy-read leaflet' overdue by 31 days");
    expect(joinClauses(['No progress update for 49 days', 'Latest evidence was rejected'])).toBe('No progress update for 49 days; latest evidence was rejected');
    expect(joinClauses(['Overdue', 'RAG override expired', 'PowerBI feed late'])).toBe('Overdue; RAG override expired; PowerBI feed late');
    expect(lowerFirstWord('A daily rota')).toBe('a daily rota');
    expect(lowerFirstWord('I agreed')).toBe('I agreed');
    expect(lowerFirstWord('QS6.1 scored 1')).toBe('QS6.1 scored 1');
  });
});
