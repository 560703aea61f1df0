/** One row of a GOV.UK summary list (govukSummaryList's `rows`): a key and its text. */
export const summaryRow = (key: string, text: string) => ({ key: { text: key }, value: { text } });
