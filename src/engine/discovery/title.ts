import { monthFromWord } from './periods';

const QUARTER_YEAR = /\b(?:q|qtr|quarter)\s*([1-4])\b[^0-9]{0,6}(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})\b/i;
const MONTH_YEAR = /\b([A-Za-z]{3,9})\.?[\s,-]+(\d{4})\b/g;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The reporting period a title line names, as 'YYYY-MM': "Results up to July 2017" ->
 * '2017-07'; "Period: Q2 2017/18" -> '2017-09' (the quarter's last month; Q1 is
 * April–June of the financial year). Null when the line names none.
 */
export function periodFromTitle(text: string): string | null {
  const q = QUARTER_YEAR.exec(text);
  if (q) {
    const quarter = Number(q[1]);
    const year = Number(q[2]);
    const lastMonth = quarter * 3 + 3; // Q1 -> 6 (June) … Q4 -> 15 (March next year)
    return lastMonth > 12 ? `${year + 1}-${pad(lastMonth - 12)}` : `${year}-${pad(lastMonth)}`;
  }
  let found: string | null = null;
  MONTH_YEAR.lastIndex = 0;
  for (let m = MONTH_YEAR.exec(text); m; m = MONTH_YEAR.exec(text)) {
    const month = monthFromWord(m[1].toLowerCase());
    // The last month named wins: "April to July 2017" ends in July.
    if (month) found = `${m[2]}-${pad(month)}`;
  }
  return found;
}
