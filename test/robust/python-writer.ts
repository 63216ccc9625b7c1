/**
 * Workbooks written by another writer than ExcelJS: /usr/bin/python3 with xlsxwriter (a
 * fresh return, formulas with cached results) or openpyxl (editing one in place, as a
 * script or another tool would). The `python3` first on PATH may lack both, so the Debian
 * one is used; without it the tests that need it say so and are skipped.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

export const PYTHON = '/usr/bin/python3';

export function pythonWithModules(): string | null {
  if (!fs.existsSync(PYTHON)) return `${PYTHON} is missing`;
  const r = spawnSync(PYTHON, ['-c', 'import openpyxl, xlsxwriter'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${PYTHON} lacks openpyxl or xlsxwriter (${r.stderr.trim().split('\n').pop()})`;
}

/** Run a Python script; its argv[1..] are `args`. Throws with Python's stderr when it fails. */
export function python(script: string, ...args: string[]): string {
  const r = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * A clean monthly return written by xlsxwriter: title, header on row 3, percentages with a
 * '0.0%' format, a count with '#,##0', a year-to-date formula with its cached result, owners
 * (argv[2..]: header cells, such as L4, to leave blank).
 */
export const XLSXWRITER_RETURN = String.raw`
import sys, xlsxwriter, datetime
wb = xlsxwriter.Workbook(sys.argv[1])
ws = wb.add_worksheet('Service PIs')
pct = wb.add_format({'num_format': '0.0%'})
cnt = wb.add_format({'num_format': '#,##0'})
day = wb.add_format({'num_format': 'dd/mm/yyyy'})
ws.write('A1', 'Service performance indicators')
ws.write('A2', 'Results up to July 2017')
head = ['Ref', 'Indicator description', 'Polarity', 'Apr', 'May', 'Jun', 'Jul', 'Year to Date', 'Target', 'Floor Standard', 'RAG', 'Compiling officer', 'Responsible officer', 'Head of service', 'Commentary', 'Date submitted']
for cell in sys.argv[2:]: head[ord(cell[0]) - ord('A')] = None  # header cells cleared: the column is not recognised
ws.write_row('A4', head)
rows = [
  ['SP01', 'Percentage of invoices paid within 30 days', 'Higher is better', 0.96, 0.97, 0.95, 0.97, None, 0.95, 0.9, 'GREEN', 'Alan Pritchard', 'Dawn Garton', 'Keith Aubrey', '', datetime.date(2017, 8, 10)],
  ['SP02', 'Percentage of calls answered within 20 seconds', 'Higher is better', 0.88, 0.91, 0.93, 0.92, None, 0.9, 0.85, 'GREEN', 'Alan Pritchard', 'Dawn Garton', 'Keith Aubrey', '', datetime.date(2017, 8, 10)],
  ['SP03', 'Number of missed bin collections', 'Lower is better', 14, 11, 9, 8, None, 12, 15, 'GREEN', 'Alan Pritchard', 'Dawn Garton', 'Keith Aubrey', '', datetime.date(2017, 8, 10)],
]
for i, r in enumerate(rows):
  n = 5 + i
  f = pct if r[0] != 'SP03' else cnt
  ws.write_row(n - 1, 0, r[:3])
  for c in range(3, 7): ws.write_number(n - 1, c, r[c], f)
  if r[0] == 'SP03': ws.write_formula(n - 1, 7, '=SUM(D%d:G%d)' % (n, n), f, sum(r[3:7]))
  else: ws.write_formula(n - 1, 7, '=AVERAGE(D%d:G%d)' % (n, n), f, sum(r[3:7]) / 4)
  ws.write_number(n - 1, 8, r[8], f)
  ws.write_number(n - 1, 9, r[9], f)
  ws.write_row(n - 1, 10, r[10:15])
  ws.write_datetime(n - 1, 15, datetime.datetime.combine(r[15], datetime.time()), day)
wb.close()
`;
