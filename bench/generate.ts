import ExcelJS from 'exceljs';
import { seededRandom } from './seeded-random';

/**
 * A large, realistic monthly return for the benchmarks: a title, a "Results up to
 * March 2018" line, one header row and `rows` indicators with 21 columns (ref,
 * description, Apr … Mar, Year to Date, Target, Floor Standard, YTD RAG, compiling and
 * responsible officers, commentary). Half the indicators are percentages (0.0% format),
 * half counts (#,##0) whose year to date is a SUM formula over the months. About one
 * row in a hundred carries a deliberate mistake (a wrong RAG, a number typed as text,
 * a #DIV/0!), so the checks do real work and the marked copy has marks to write.
 * Written with ExcelJS's streaming writer so 100k rows fit comfortably in memory.
 */
export const BENCH_MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
export const BENCH_HEADERS = [
  'Ref',
  'Indicator description',
  ...BENCH_MONTHS,
  'Year to Date',
  'Target',
  'Floor Standard',
  'YTD RAG',
  'Compiling officer',
  'Responsible officer',
  'Commentary',
];
export const BENCH_COLUMNS = BENCH_HEADERS.length;
/** Rows above the first indicator: title, "Results up to", blank, header. */
export const BENCH_HEADER_ROW = 4;

const OFFICERS = [
  'Sarah Khan',
  'David Lee',
  'Priya Patel',
  'Tom Baxter',
  'Rachel Adams',
  'Jim Worley',
  'Helen Ward',
  'Ola Nowak',
];

function rag(value: number, target: number, floor: number): string {
  const higherBetter = target >= floor;
  const meets = higherBetter ? value >= target : value <= target;
  if (meets) return 'GREEN';
  const beyondFloor = higherBetter ? value < floor : value > floor;
  return beyondFloor ? 'RED' : 'AMBER';
}

export async function writeBenchWorkbook(file: string, rows: number, seed = 20170731): Promise<void> {
  const rnd = seededRandom(seed);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet('PIs');
  ws.addRow(['Corporate performance indicators 2017/18']).commit();
  ws.addRow(['Results up to March 2018']).commit();
  ws.addRow([]).commit();
  const header = ws.addRow(BENCH_HEADERS);
  header.font = { bold: true };
  header.commit();
  const firstMonthCol = 3; // 1-based column C
  for (let i = 0; i < rows; i++) {
    const r = BENCH_HEADER_ROW + 1 + i;
    const pct = i % 2 === 0;
    const months: (number | string | { formula: string; result: { error: '#DIV/0!' } })[] = [];
    const base = pct ? 0.6 + rnd() * 0.35 : Math.round(50 + rnd() * 400);
    for (let m = 0; m < 12; m++) {
      const v = pct
        ? Math.round((base + (rnd() - 0.5) * 0.04) * 1000) / 1000
        : Math.max(0, Math.round(base * (0.95 + rnd() * 0.1)));
      months.push(v);
    }
    const numbers = months as number[];
    const ytd = pct
      ? Math.round((numbers.reduce((a, b) => a + b, 0) / 12) * 1000) / 1000
      : numbers.reduce((a, b) => a + b, 0);
    const target = pct ? Math.round((base + 0.02) * 100) / 100 : Math.round(ytd * 1.02);
    const floor = pct ? Math.round((target - 0.08) * 100) / 100 : Math.round(ytd * 0.9);
    let stated = rag(ytd, target, floor);
    const compiler = OFFICERS[i % OFFICERS.length];
    const officer = OFFICERS[(i + 3) % OFFICERS.length];
    // The deliberate mistakes, about one row in a hundred each.
    const mistake = i % 97;
    if (mistake === 13) stated = stated === 'GREEN' ? 'RED' : 'GREEN';
    if (mistake === 41) months[5] = pct ? `${Math.round(numbers[5] * 100)} %` : `${numbers[5]}`;
    if (mistake === 77)
      months[7] = { formula: `${String.fromCharCode(64 + firstMonthCol + 7)}${r}/0`, result: { error: '#DIV/0!' } };
    const commentary = stated === 'GREEN' ? null : 'Below target: recovery plan agreed with the service manager.';
    const ytdCell = pct ? ytd : { formula: `SUM(C${r}:N${r})`, result: ytd };
    const row = ws.addRow([
      `PI ${String(i + 1).padStart(6, '0')}`,
      `${pct ? '% of' : 'Number of'} service requests type ${i + 1}`,
      ...months,
      ytdCell,
      target,
      floor,
      stated,
      compiler,
      officer,
      commentary,
    ]);
    const fmt = pct ? '0.0%' : '#,##0';
    for (let c = firstMonthCol; c <= firstMonthCol + 14; c++)
      row.getCell(c).numFmt = c >= firstMonthCol + 12 && !pct ? '#,##0' : fmt;
    row.getCell(firstMonthCol + 13).numFmt = pct ? '0%' : '#,##0';
    row.getCell(firstMonthCol + 14).numFmt = pct ? '0%' : '#,##0';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}
