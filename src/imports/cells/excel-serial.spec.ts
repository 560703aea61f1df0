import { dateCellToSerial, dateToExcelSerial, excelSerialToDate } from './excel-serial';

describe('excelSerialToDate', () => {
  it.each([
    // [serial, date1904, expected]
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [61, false, '1900-03-01'],
    [25569, false, '1970-01-01'],
    [45382, false, '2024-03-31'],
    [46112, false, '2026-03-31'],
    [46203, false, '2026-06-30'],
    [46112.5, false, '2026-03-31'], // midday
    [46112.999999999, false, '2026-04-01'], // rounds to the second: this is midnight
    [46112.99998, false, '2026-03-31'], // 23:59:58
    [0, true, '1904-01-01'],
    [44650, true, '2026-03-31'], // the same day in the 1904 system (1,462 days fewer)
  ])('serial %p (1904: %p) is %s', (serial, date1904, expected) => {
    expect(excelSerialToDate(serial, date1904)).toEqual({ ok: true, date: expected });
  });

  it('refuses day 60, the 29 February 1900 Excel counts but that never existed', () => {
    expect(excelSerialToDate(60)).toEqual({ ok: false, reason: 'phantom_leap_day' });
  });

  it.each([0, -1, 2_958_466, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p as out of range', (serial) => {
    expect(excelSerialToDate(serial)).toEqual({ ok: false, reason: 'out_of_range' });
  });

  it('round-trips the Date exceljs makes from a date cell, including the first two months of 1900', () => {
    // exceljs turns serial s into (s - 25569) days after 1970, which is a day early before March 1900.
    for (const serial of [1, 31, 59, 61, 46112]) {
      const exceljsDate = new Date(Math.round((serial - 25569) * 86_400_000));
      expect(dateCellToSerial(exceljsDate)).toBeCloseTo(serial, 6);
    }
    expect(excelSerialToDate(dateCellToSerial(new Date(Math.round((1 - 25569) * 86_400_000))))).toEqual({ ok: true, date: '1900-01-01' });
  });

  it.each(['1900-01-01', '1900-02-28', '1900-03-01', '2026-03-31', '2099-12-31'])('dateToExcelSerial(%s) converts back', (date) => {
    expect(excelSerialToDate(dateToExcelSerial(date))).toEqual({ ok: true, date });
  });
});
