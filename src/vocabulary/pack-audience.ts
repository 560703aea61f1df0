/** Who a progress pack is for: the improvement board (internal) or the scrutiny committee (published). */
export type PackAudience = 'board' | 'scrutiny';

export interface PackAudienceInfo {
  key: PackAudience;
  label: string;
  description: string;
  /** The body that receives the pack, in running text ('improvement board'). */
  body: string;
  /** What the document is, as its cover and footers say. */
  documentType: string;
  /** What the default title calls it, after the plan's name ('<plan>: progress report'). */
  reportName: string;
}

export const PACK_AUDIENCE_INFO: Readonly<Record<PackAudience, PackAudienceInfo>> = Object.freeze({
  board: {
    key: 'board',
    label: 'Board pack',
    description: 'the programme lead’s progress and exception report to the improvement board; names action owners and is never published',
    body: 'improvement board',
    documentType: 'Progress and exception report',
    reportName: 'progress and exception report',
  },
  scrutiny: {
    key: 'scrutiny',
    label: 'Scrutiny pack',
    description: 'the progress report to the scrutiny committee; names no person, and scrutiny members see it once a board member publishes it',
    body: 'scrutiny committee',
    documentType: 'Progress report to the scrutiny committee',
    reportName: 'progress report',
  },
});

export const PACK_AUDIENCES: readonly PackAudience[] = Object.freeze(Object.keys(PACK_AUDIENCE_INFO) as PackAudience[]);
