import { downloadFileName } from './download-file-name';

describe('downloadFileName', () => {
  it('keeps a name whose extension matches the sniffed type (any case, known aliases)', () => {
    expect(downloadFileName('minutes.pdf', 'application/pdf')).toBe('minutes.pdf');
    expect(downloadFileName('Photo.JPEG', 'image/jpeg')).toBe('Photo.JPEG');
    expect(downloadFileName('notes.txt', 'text/plain; charset=utf-8')).toBe('notes.txt');
  });

  it("appends the sniffed type's extension when the name claims another or none", () => {
    expect(downloadFileName('report.exe', 'application/pdf')).toBe('report.exe.pdf');
    expect(downloadFileName('invoice.html', 'text/plain; charset=windows-1252')).toBe('invoice.html.txt');
    expect(downloadFileName('scan', 'image/png')).toBe('scan.png');
    expect(downloadFileName('budget.xlsx', 'application/vnd.ms-excel.sheet.macroEnabled.12')).toBe('budget.xlsx.xlsm');
  });

  it('cleans the name first, and leaves an unknown type alone', () => {
    expect(downloadFileName('C:\\Users\\x\\a\u202Efdp.exe', 'application/pdf')).toBe('afdp.exe.pdf');
    expect(downloadFileName('thing.bin', 'application/octet-stream')).toBe('thing.bin');
  });
});
