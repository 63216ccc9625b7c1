/**
 * Issue #21: a benchmarking table whose only figure columns are its members, under an empty
 * corner cell (a chart's data range: the row labels unheaded). Unconfigured, the grid is found
 * and its figures reported unchecked with the mapping to use; once the configuration names the
 * members as bodies, every member's figure is checked. Before, such a table gave no grid at all,
 * configured or not. Workbooks are written with ExcelJS and read back as a real .xlsx is.
 */
import ExcelJS from 'exceljs';
import { brief, checkBook } from './helpers';

const MEMBERS = ['Avonmere', 'Bracken Vale', 'Corriebank', 'Dunmore'];

/** Life-expectancy-like figures, one column per member, no target, no status, no total. */
function table(edit: (ws: ExcelJS.Worksheet) => void = () => {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Comparators');
  ws.getCell('A1').value = 'Years of life expected at birth';
  MEMBERS.forEach((m, i) => (ws.getCell(3, i + 2).value = m));
  const rows: [string, number[]][] = [
    ['Males', [76.9, 73.9, 78.0, 73.3]],
    ['Females', [81.1, 79.4, 82.3, 78.7]],
  ];
  rows.forEach(([label, figures], r) => {
    ws.getCell(4 + r, 1).value = label;
    figures.forEach((v, c) => {
      const cell = ws.getCell(4 + r, c + 2);
      cell.value = v;
      cell.numFmt = '0.0';
    });
  });
  edit(ws);
  return wb;
}

const allBodies = { columns: Object.fromEntries(MEMBERS.map((m) => [m, 'body' as const])) };

test('members named as bodies: the grid is found, its labels read from the rows, every figure checked', async () => {
  const r = await checkBook(table(), allBodies);
  expect(r.grids).toHaveLength(1);
  expect(r.grids[0].indicatorRows).toHaveLength(2);
  expect(r.grids[0].bodies?.map((b) => b.label)).toEqual(MEMBERS);
  expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  expect(r.coverage).toMatchObject({ figureCells: 8, checkedCells: 8, uncheckedCells: 0 });
});

test('a member figure typed as text in such a table is an error at its cell', async () => {
  const r = await checkBook(
    table((ws) => (ws.getCell('C4').value = '73.9')),
    allBodies,
  );
  expect(brief(r.findings.filter((f) => f.severity !== 'info'))).toEqual([
    { cell: 'C4', rule: 'number-stored-as-text', severity: 'error' },
  ]);
});

test('unconfigured, the same table is found and its figures reported unchecked, with the mapping that checks them', async () => {
  const r = await checkBook(table());
  expect(r.grids).toHaveLength(1);
  expect(brief(r.findings.filter((f) => f.severity !== 'info'))).toEqual([
    { cell: 'B3', rule: 'figures-not-checked', severity: 'warning' },
  ]);
  expect(r.coverage).toMatchObject({ figureCells: 8, checkedCells: 0, uncheckedCells: 8 });
  const mapping = /"columns": (\{.*\})/.exec(r.findings[0].message)![1];
  expect(JSON.parse(mapping)).toEqual(allBodies.columns);
  const mapped = await checkBook(table(), { columns: JSON.parse(mapping) });
  expect(mapped.coverage).toMatchObject({ figureCells: 8, checkedCells: 8, uncheckedCells: 0 });
});
