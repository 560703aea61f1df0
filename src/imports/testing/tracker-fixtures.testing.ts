import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { stabiliseOfficeZip } from '../../packs/render/stable-zip';

/**
 * Realistic improvement trackers in three councils' styles, written for the import tests and
 * committed under test/fixtures/imports/ by scripts/fixtures/make-import-fixtures.ts. The
 * councils, people and email addresses are fictional; the content follows the published plans in
 * the seeds (a CQC safeguarding plan after a Section 50 notification, an Ofsted ILACS plan, a
 * multi-agency partnership after a joint inspection), in our own words.
 *
 * Every builder is deterministic (fixed document dates, stable zip times), so the generator
 * rewrites byte-identical files and a test can check the committed files are up to date.
 */
const FIXED_TIME = '2026-01-15T09:00:00.000Z';

function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Fixture generator';
  workbook.created = new Date(FIXED_TIME);
  workbook.modified = new Date(FIXED_TIME);
  return workbook;
}

async function finish(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const buffer = Buffer.from((await workbook.xlsx.writeBuffer()));
  return stabiliseOfficeZip(buffer, FIXED_TIME);
}

const FILL = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const RAG_FILLS: Record<string, string> = { Red: 'FFFF0000', Amber: 'FFFFC000', Green: 'FF00B050', Blue: 'FF0070C0', Grey: 'FFBFBFBF' };

// ------------------------------------------------------------------------------------------------
// (a) Adult social care after a CQC assessment and a Section 50 notification: merged title rows,
// a two-line header (Timescales and Progress group headings), merged finding cells down the
// column, section rows per key outcome, two hidden columns, a hidden row, a second sheet before
// the tracker and a hidden lists sheet; dates as date cells, text and a serial number.

export const ADULT_SOCIAL_CARE_FILE = 'adult-social-care-plan.xlsx';

export async function adultSocialCarePlanXlsx(): Promise<Buffer> {
  const workbook = newWorkbook();
  const cover = workbook.addWorksheet('Cover');
  cover.getCell('A1').value = 'Northfield Borough Council (fictional)';
  cover.getCell('A2').value = 'Adult Social Care Safeguarding Improvement Plan';
  cover.getCell('A4').value = 'Version';
  cover.getCell('B4').value = '3.2';
  cover.getCell('A5').value = 'Position at';
  cover.getCell('B5').value = utcDate('2026-01-31');
  cover.getCell('A6').value = 'Overseen by';
  cover.getCell('B6').value = 'Adult Social Care Improvement Board';

  const sheet = workbook.addWorksheet('Action plan');
  sheet.mergeCells('A1:L1');
  sheet.getCell('A1').value = 'Northfield Borough Council \u2013 Adult Social Care Safeguarding Improvement Plan';
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.mergeCells('A2:L2');
  sheet.getCell('A2').value =
    'Our response to the CQC local authority assessment (safeguarding scored 1) and the Section 50 notification. Version 3.2, position at 31 January 2026.';

  const single = ['Ref', 'Area for improvement', 'Action', 'Lead officer', 'Partner'];
  single.forEach((label, i) => {
    const column = String.fromCharCode(65 + i);
    sheet.mergeCells(`${column}4:${column}5`);
    sheet.getCell(`${column}4`).value = label;
  });
  sheet.mergeCells('F4:G4');
  sheet.getCell('F4').value = 'Timescales';
  sheet.mergeCells('H4:K4');
  sheet.getCell('H4').value = 'Progress';
  sheet.mergeCells('L4:L5');
  sheet.getCell('L4').value = 'Success measure';
  sheet.mergeCells('M4:M5');
  sheet.getCell('M4').value = 'Officer notes (internal)';
  sheet.mergeCells('N4:N5');
  sheet.getCell('N4').value = 'Original target date';
  ['Start', 'Target date', 'Status', 'RAG', 'Update', 'Evidence'].forEach((label, i) => {
    sheet.getCell(5, 6 + i).value = label;
  });
  sheet.getRow(4).font = { bold: true };
  sheet.getRow(5).font = { bold: true };
  sheet.getColumn(13).hidden = true;
  sheet.getColumn(14).hidden = true;
  sheet.getColumn(6).numFmt = 'dd/mm/yyyy';
  sheet.getColumn(7).numFmt = 'dd/mm/yyyy';

  const section = (row: number, text: string): void => {
    sheet.mergeCells(`A${row}:L${row}`);
    sheet.getCell(`A${row}`).value = text;
    sheet.getCell(`A${row}`).font = { bold: true };
    sheet.getCell(`A${row}`).fill = FILL('FFD9E1F2');
  };
  type Cell = ExcelJS.CellValue;
  const action = (row: number, values: Cell[], rag?: string): void => {
    values.forEach((value, i) => {
      if (value !== undefined && value !== null && !(i === 1 && value === '')) sheet.getCell(row, i + 1).value = value;
    });
    if (rag) sheet.getCell(row, 9).fill = FILL(RAG_FILLS[rag]);
  };

  section(6, 'Key outcome 1: Improved safeguarding practice');
  sheet.mergeCells('B7:B9');
  action(
    7,
    [
      '1.1',
      'Oversight of concerns raised through the online safeguarding referral form is not robust, and some concerns are not followed up.',
      'Review every concern raised through the online safeguarding form since April 2024 and confirm that no adult was left at risk',
      'Priya Raman, Head of Safeguarding Adults',
      null,
      utcDate('2025-05-01'),
      utcDate('2025-09-30'),
      'Completed - embedded',
      'Blue',
      {
        richText: [
          { text: 'All 1,212 concerns reviewed; ', font: { bold: true } },
          { text: 'no instance of harm was found. Findings reported to the improvement board in October 2025.' },
        ],
      },
      { text: 'Case review report (October 2025)', hyperlink: 'https://intranet.northfield.example/safeguarding/case-review-2025.pdf' },
      'Every online concern triaged by a qualified worker within 24 hours',
      'Checked with the service manager on 12/01/2026',
      utcDate('2025-08-31'),
    ],
    'Blue',
  );
  action(
    8,
    [
      '1.2',
      '',
      "Put a duty manager's daily check of every online referral in place, with a weekly report of concerns not taken forward",
      'tom.whitaker@northfield.example.gov.uk',
      null,
      utcDate('2025-06-01'),
      utcDate('2025-12-31'),
      'Complete',
      'Green',
      'Daily check running since July; weekly exception report goes to the Head of Safeguarding.',
      'Duty manager check log',
      'No online concern waits more than one working day for a decision',
      null,
      utcDate('2025-10-31'),
    ],
    'Green',
  );
  action(
    9,
    [
      '1.3',
      '',
      'Redesign the adult safeguarding pathway end to end, from first contact to the close of an enquiry',
      'Priya Raman (Head of Safeguarding Adults)',
      'NHS Northfield ICB',
      utcDate('2025-09-01'),
      46112, // 31 March 2026 typed into a General cell: Excel shows the serial number
      'On track',
      'Amber',
      'Design workshops held with the ICB and the police; draft pathway out for comment.',
      null,
      'New pathway approved by the Safeguarding Adults Board and in use',
    ],
    'Amber',
  );
  sheet.getCell('G9').numFmt = 'General';
  action(10, ['1.4', '', 'Replace the online form with a telephone-only route (withdrawn: see 3.1)', 'Priya Raman', null, null, utcDate('2025-12-31'), 'Not started', 'Grey']);
  sheet.getRow(10).hidden = true;

  section(11, 'Key outcome 2: Empowered professionals and partners');
  sheet.mergeCells('B12:B13');
  action(
    12,
    [
      '2.1',
      "Staff and partners do not apply the Care Act's safeguarding terms and thresholds consistently.",
      'Deliver refreshed Care Act safeguarding training to all adult social care staff and partner leads',
      'Dan Okafor, Principal Social Worker',
      null,
      utcDate('2025-07-01'),
      '31/03/2026',
      'In progress',
      'Amber',
      '62% of staff trained so far; partner sessions booked for February.',
      'Training records to December 2025',
      '95% of staff trained, and a practice audit shows the terms used correctly',
    ],
    'Amber',
  );
  action(
    13,
    [
      '2.2',
      '',
      'Audit how often partner agencies take part in section 42 enquiries, and the oversight of enquiry actions',
      'DCI Sarah Lloyd, Northfield Police',
      'Northfield Police',
      utcDate('2025-10-01'),
      utcDate('2026-04-30'),
      'Delayed',
      'Red',
      'Fieldwork delayed until the data-sharing agreement is signed.',
      null,
      'Audit reported to the Safeguarding Adults Board with actions agreed',
    ],
    'Red',
  );

  section(14, 'Key outcome 3: Accessible services');
  action(15, [
    '3.1',
    'Residents cannot easily report a concern or find out what happens next.',
    'Publish clear online and telephone routes for reporting a concern, tested with residents and carers',
    'Helen Marsh',
    null,
    utcDate('2025-11-01'),
    utcDate('2026-05-31'),
    'Not started',
    'Grey',
    null,
    null,
    'Residents tell us the routes are easy to use',
  ]);

  section(16, 'Key outcome 4: Stronger performance monitoring');
  action(
    17,
    [
      '4.1',
      'Leaders do not have timely performance information about safeguarding.',
      'Build a monthly safeguarding performance dashboard for the improvement board',
      'Marcus Bell, Head of Business Intelligence',
      null,
      utcDate('2025-08-01'),
      utcDate('2026-02-28'),
      'Blocked',
      'Red',
      'Waiting for the case management system upgrade.',
      null,
      'Dashboard reviewed at every board meeting',
    ],
    'Red',
  );

  section(18, 'Key outcome 5: Clear governance and leadership');
  action(
    19,
    [
      '5.1',
      'Policies and guidance are not reviewed or approved through a clear governance route.',
      'Set up a policy governance group to scrutinise, risk-assess and approve safeguarding policies and guidance',
      'Gemma Price; Owen Hughes',
      'Safeguarding Adults Board',
      utcDate('2025-04-01'),
      utcDate('2025-10-31'),
      { formula: 'IF(COUNTA(K19)>0,"Complete","In progress")', result: 'Complete' },
      'Green',
      'Group meets monthly; 14 policies reviewed.',
      'Terms of reference and minutes',
      'Every policy has an owner and a review date',
    ],
    'Green',
  );
  action(20, [
    '5.2',
    'Making Safeguarding Personal is not understood or applied consistently.',
    'Embed Making Safeguarding Personal and the six safeguarding principles with the Safeguarding Adults Board',
    'Ruth Carter',
    'Safeguarding Adults Board',
    utcDate('2026-01-05'),
    utcDate('2026-06-30'),
    'On track',
    null,
    null,
    null,
    'People say they were asked what outcome they wanted',
  ]);

  const lists = workbook.addWorksheet('Lists', { state: 'hidden' });
  ['Status', 'Not started', 'On track', 'Delayed', 'Blocked', 'Complete', 'Completed - embedded'].forEach((v, i) => {
    lists.getCell(i + 1, 1).value = v;
  });
  return finish(workbook);
}

// ------------------------------------------------------------------------------------------------
// (b) Children's services after an Ofsted ILACS inspection, exported as CSV from another system:
// semicolons, Windows-1252, CRLF, quoted newlines, two title lines before the header, section rows,
// in the "NOS | What | Who | How | When | Success measures | Current status | Outcome Q1-Q4" shape.

export const CHILDRENS_SERVICES_FILE = 'childrens-services-nos.csv';

const CHILDRENS_ROWS: string[][] = [
  ['Southcombe Council (fictional) \u2013 Children\u2019s Services Improvement Plan 2025/26'],
  ['Following the Ofsted ILACS inspection: overall effectiveness \u201cRequires improvement to be good\u201d'],
  [],
  ['NOS', 'What', 'Who', 'How', 'When', 'Success measures', 'Current status', 'Outcome Q1', 'Outcome Q2', 'Outcome Q3', 'Outcome Q4'],
  ['Priority 1: Help and protection \u2013 the response to domestic abuse'],
  [
    '1',
    'Strengthen the multi-agency response to domestic abuse notifications',
    'Ruth Adeyemi, Head of Service \u2013 Children\u2019s Safeguarding',
    '- Joint triage of police notifications at the front door\n- A domestic abuse champion in every team\n- Audit of 40 cases by March',
    '31/03/2026',
    'Repeat referrals within 12 months fall below 20%',
    'On track',
    'Triage pilot started in the front door with the police.',
    'Champions named in 9 of 11 teams.',
    '',
    '',
  ],
  [
    '2',
    'Make child protection plans specific, measurable and time-bound',
    'Jo Turner',
    'New plan template; practice workshops for child protection chairs; monthly dip sample of plans.',
    'Q3 2026/27',
    '90% of plans audited as specific and measurable',
    'In progress',
    'Template agreed with chairs.',
    '',
    '',
    '',
  ],
  [
    '3',
    'Complete assessments of immediate risk of harm within one working day',
    'rob.kellner@southcombe.example.gov.uk',
    'Daily huddle at the front door; escalation to the team manager at 4pm.',
    'Sep-26',
    'All immediate-risk assessments within one working day',
    'Not yet started',
    '',
    '',
    '',
    '',
  ],
  ['Priority 2: Strategy discussions and safety planning'],
  [
    '4',
    'Hold a multi-agency strategy discussion before any safety plan is agreed',
    'Detective Inspector Claire Moss / Amir Shah',
    'Revised guidance agreed with the police; safety plans checked by team managers.',
    '31-Mar-26',
    'No safety plan agreed before a strategy discussion in the quarterly audit',
    'Complete',
    'Guidance revised.',
    'Agreed by the partnership.',
    'In use since October; audit found no exceptions.',
    '',
  ],
  [
    '5',
    'Train social workers on the revised strategy discussion guidance (\u00a312,000 from the improvement budget)',
    'Amir Shah',
    'Half-day sessions led by Zo\u00eb Fairbairn, practice educator.',
    'Ongoing',
    'All social workers trained within three months of starting',
    'Partially complete',
    '',
    '48 of 70 trained.',
    '61 of 70 trained.',
    '',
  ],
  [
    '6',
    'Review the impact of the changes with partners at the Southcombe Safeguarding Partnership',
    'Safeguarding Partnership business manager',
    'Joint review at the partnership\u2019s spring meeting.',
    'End of March 2027',
    'Partnership assured that children are protected more quickly',
    'Not started',
    '',
    '',
    '',
    '',
  ],
];

function csvField(value: string, delimiter: string): string {
  return /["\n\r]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows to CSV text, padded to the widest row as Excel exports do. */
export function toCsv(rows: string[][], delimiter: string, lineEnd = '\r\n'): string {
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((row) => Array.from({ length: width }, (_, i) => csvField(row[i] ?? '', delimiter)).join(delimiter)).join(lineEnd) + lineEnd;
}

export function childrensServicesCsv(): Buffer {
  return iconv.encode(toCsv(CHILDRENS_ROWS, ';'), 'windows-1252');
}

// ------------------------------------------------------------------------------------------------
// (c) A multi-agency partnership after a joint targeted area inspection: the tracker on its third
// sheet (an empty "Sheet1" and a notes sheet first), notes above the header, messy dates and
// statuses, blank finding cells under the first, a repeated header row, a duplicate reference,
// milestones listed in one cell, and cells that look like formulas.

export const PARTNERSHIP_FILE = 'partnership-tracker-messy.xlsx';

export async function partnershipTrackerXlsx(): Promise<Buffer> {
  const workbook = newWorkbook();
  workbook.addWorksheet('Sheet1');
  const notes = workbook.addWorksheet('Notes');
  notes.getCell('A1').value = 'How to update this tracker';
  notes.getCell('A2').value = 'Owners update the Progress and Latest update columns before each partnership board.';

  const sheet = workbook.addWorksheet('Tracker 2026');
  sheet.getCell('A1').value = 'WYVERN SAFEGUARDING PARTNERSHIP (fictional)';
  sheet.getCell('A2').value = 'Joint targeted area inspection \u2013 partnership improvement tracker';
  sheet.getCell('A3').value = 'Last updated: 14/01/2026 by the business unit';
  sheet.getCell('A5').value = 'RAG key: R = off track, A = at risk, G = on track, B = complete';
  const header = ['Action No.', 'Recommendation', 'Workstream', 'Action', 'Description', 'Responsible', 'Agency', 'Start date', 'Deadline', 'Progress', 'Milestones', 'Latest update'];
  sheet.getRow(6).values = header;
  sheet.getRow(6).font = { bold: true };

  const finding1 = 'Partners do not share information quickly enough when a child is at immediate risk of harm';
  const finding2 = 'Strategy discussions do not always include a health professional';
  const rows: Array<[number, ExcelJS.CellValue[]]> = [
    [
      7,
      [
        'A1',
        finding1,
        'Information sharing',
        'Agree a same-day information-sharing protocol between the police, health and children\u2019s social care',
        'Protocol to cover out-of-hours contacts and the emergency duty team.',
        'Lena Price <lena.price@wyvern-police.example.uk>',
        'Wyvern Police',
        utcDate('2025-09-01'),
        'Summer 2026',
        'on track',
        'Protocol drafted - 31/10/2025 (done); Signed off by the partnership board - 31/01/2026',
        'Draft protocol circulated to partners for comment.',
      ],
    ],
    [
      8,
      [
        'A2',
        null,
        null,
        'Run a joint audit of 30 strategy discussions',
        null,
        'Dr Sam Osei (Designated Nurse)',
        'Wyvern ICB',
        '1/10/25',
        '31/3/26',
        'COMPLETE',
        'Audit complete - 30/04/2026; Report to board - 31/05/2026',
        'Audit finished; report being written.',
      ],
    ],
    [9, ['A3', null, null, 'Publish a multi-agency escalation policy', null, 'Named lead TBC', null, null, 'Q3 2026/27', 'Delayed', null, null]],
    [
      10,
      [
        'A4',
        finding2,
        'Health involvement',
        'Include a health professional in every strategy discussion',
        null,
        'Grace Ndlovu',
        'Wyvern ICB',
        '2025-11-03',
        'end of March',
        'Off track',
        'Health rota agreed - Mar-26',
        'Rota gaps at weekends.',
      ],
    ],
    [11, header],
    [12, ['A5', null, null, 'Record the outcome of every strategy discussion on the shared system', null, 'Mark Tan', 'Wyvern Council', utcDate('2025-10-01'), '03/31/2026', 'Awaiting sign-off', null, null]],
    [13, ['A6', null, null, 'Quarterly multi-agency case file audit of neglect cases', null, 'Ann Lee & Tom Hale', null, null, 'ongoing', 'green', null, null]],
    [14, ['A7', null, null, 'Joint training on thresholds for schools and GPs', null, 'Priya Shah', 'Wyvern Council', null, 'TBC', 'Blocked', null, 'Waiting for funding decision.']],
    [15, ['A8', null, null, 'Refresh the partnership\u2019s threshold document', null, 'Owen Price', null, null, '31 March 2026', 'In Progress', null, null]],
    [17, ['A9', null, null, 'Set up a monthly partnership performance meeting', null, 'Marcus Bell', null, utcDate('2025-07-01'), 46203, 'Completed - embedded', null, null]],
    [18, ['A2', null, null, 'Repeat the strategy discussion audit after six months', null, 'Dr Sam Osei', 'Wyvern ICB', null, '31.03.2026', 'Closed', null, null]],
    [
      19,
      [
        'A10',
        null,
        null,
        'Publish the partnership\u2019s learning from the inspection',
        '=HYPERLINK("http://example.com/x","Click for the learning summary")',
        'Helen Marsh',
        null,
        null,
        '30/06/2026',
        'Not started',
        null,
        { formula: 'HYPERLINK("https://intranet.wyvern.example/learning","See the learning summary")', result: 'See the learning summary' },
      ],
    ],
    [
      20,
      [
        'A11',
        null,
        null,
        'Develop and agree, with all three statutory safeguarding partners and the relevant agencies including schools, general practice, the ambulance service and the voluntary sector, a single multi-agency approach to identifying and responding to children at risk of exploitation, including the escalation route for disagreements, the information each agency must share within one working day, the training every practitioner needs, and how the partnership board will be assured that it is working.',
        null,
        'Claire Moss',
        'Wyvern Police',
        utcDate('2025-12-01'),
        utcDate('2026-09-30'),
        'In progress',
        null,
        null,
      ],
    ],
    [21, ['Actions added after the monitoring visit']],
    [22, ['A12', null, null, 'Review the front door staffing model', null, 'Mark Tan', 'Wyvern Council', '31/12/2026', '30/06/2026', 'Not started', null, '+cmd|\' /C calc\'!A0']],
    [23, ['A13', null, null, 'Share the audit findings with every team', null, 'Grace Ndlovu', 'Wyvern ICB', null, '03/04/2026', 'Complete - awaiting evidence', null, '@SUM(1+1)*cmd|\' /C calc\'!A0']],
  ];
  for (const [row, values] of rows) {
    values.forEach((value, i) => {
      if (value !== null && value !== undefined) sheet.getCell(row, i + 1).value = value;
    });
  }
  sheet.getCell('I17').numFmt = 'General';
  sheet.getColumn(8).numFmt = 'dd/mm/yyyy';
  return finish(workbook);
}

// ------------------------------------------------------------------------------------------------
// Large synthetic trackers for the benchmark and the limits tests.

const OWNERS = ['Priya Raman', 'Tom Whitaker', 'Dan Okafor', 'Sarah Lloyd', 'Helen Marsh', 'Marcus Bell', 'Gemma Price', 'Ruth Carter'];
const STATUSES = ['Not started', 'On track', 'Delayed', 'Blocked', 'Complete', 'Completed - embedded', 'In progress'];
const DUE = ['31/03/2026', '30/06/2026', 'Summer 2026', 'Q3 2026/27', '31-Mar-26', '2026-09-30', 'ongoing'];

/** One synthetic tracker row (12 columns, the shape of fixture (a) without its group headings). */
function syntheticRow(i: number): string[] {
  const ws = (i % 8) + 1;
  return [
    `${ws}.${Math.floor(i / 8) + 1}`,
    `Finding ${Math.floor(i / 3) + 1}: oversight of safeguarding enquiries is not consistent across teams`,
    `Action ${i + 1}: review the enquiries raised in team ${ws} and report the findings to the improvement board`,
    `${OWNERS[i % OWNERS.length]}, Head of Service`,
    i % 5 === 0 ? 'Northfield Police' : '',
    '01/04/2025',
    DUE[i % DUE.length],
    STATUSES[i % STATUSES.length],
    ['Red', 'Amber', 'Green', 'Blue', 'Grey'][i % 5],
    `Progress this month: audit fieldwork under way, ${i % 100} of 120 cases reviewed; next report due to the board. `.repeat(2).trim(),
    'Audit report (draft)',
    'All enquiries completed within 28 days',
  ];
}

export const SYNTHETIC_HEADER = ['Ref', 'Area for improvement', 'Action', 'Lead officer', 'Partner', 'Start', 'Target date', 'Status', 'RAG', 'Update', 'Evidence', 'Success measure'];

export function syntheticTrackerCsv(rows: number): Buffer {
  const lines = [SYNTHETIC_HEADER, ...Array.from({ length: rows }, (_, i) => syntheticRow(i))];
  return Buffer.from(toCsv(lines, ','), 'utf8');
}

export async function syntheticTrackerXlsx(rows: number): Promise<Buffer> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('Tracker');
  sheet.addRow(SYNTHETIC_HEADER);
  for (let i = 0; i < rows; i++) {
    const values: ExcelJS.CellValue[] = syntheticRow(i);
    values[5] = utcDate('2025-04-01');
    sheet.addRow(values);
  }
  return Buffer.from((await workbook.xlsx.writeBuffer()));
}
