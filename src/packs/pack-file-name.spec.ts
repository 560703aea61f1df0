import { attachmentDisposition, packFileName } from './pack-file-name';

describe('packFileName', () => {
  it('names the organisation, audience and reporting date', () => {
    expect(packFileName('wirral-council', 'scrutiny', '2026-11-23', 'pdf')).toBe('wirral-council-scrutiny-pack-2026-11-23.pdf');
    expect(attachmentDisposition('wirral-council-board-pack-2026-11-23.xlsx')).toBe('attachment; filename="wirral-council-board-pack-2026-11-23.xlsx"');
  });

  it('keeps only letters, digits and hyphens from the slug', () => {
    expect(packFileName('../Evil "Council"\r\n; x=1', 'board', '2026-11-23', 'docx')).toBe('evil-council-x-1-board-pack-2026-11-23.docx');
    expect(packFileName('', 'board', '2026-11-23', 'json')).toBe('plan-board-pack-2026-11-23.json');
  });
});
