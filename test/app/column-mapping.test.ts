import { checkWorkbook } from '../../src/engine/check';
import { unplacedColumns, withColumnChoices } from '../../src/app/column-mapping';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { config, sheet } from '../engine/helpers';

/**
 * Issue #21, map in one step, decided once: which columns a check could not place, the role
 * suggested for each (the same as the command line's `columns` entry), and the configuration
 * the compiler's choices make.
 */
const check = (rows: unknown[][], cfg = {}) =>
  checkWorkbook([sheet('Quarter', rows)], config(cfg), { today: '2026-12-07' });

test('one column of figures under a heading Outturn does not know: suggested as the figure for the period', () => {
  const r = check([
    ['Ref', 'Indicator', 'Target', 'Outturn so far'],
    ['CS01', '% of calls answered within 20 seconds', [0.9, '0%'], [0.12, '0%']],
    ['CS02', '% of invoices paid within 30 days', [0.95, '0%'], [0.96, '0%']],
  ]);
  expect(unplacedColumns(r).map((c) => [c.column, c.key, c.cells, c.suggested])).toEqual([
    ['D', 'Outturn so far', 2, 'latest'],
  ]);
});

test('three columns of figures and no current value: each suggested as one body', () => {
  const r = check([
    ['Ref', 'Indicator', 'Nuneaton', 'Rugby', 'Stratford'],
    ['FR1', 'Number of accidental dwelling fires', 31, 38, 22],
    ['FR2', 'Number of deliberate fires', 44, 12, 9],
  ]);
  expect(unplacedColumns(r).map((c) => [c.column, c.suggested])).toEqual([
    ['C', 'body'],
    ['D', 'body'],
    ['E', 'body'],
  ]);
});

test("the choices become the configuration's columns entries, keeping the entries already there", () => {
  const before = { ...DEFAULT_CONFIG, columns: { Polarity: 'ignore' as const } };
  const after = withColumnChoices(before, [
    { key: 'Nuneaton', role: 'body' },
    { key: 'Rugby', role: 'body' },
  ]);
  expect(after.columns).toEqual({ Polarity: 'ignore', Nuneaton: 'body', Rugby: 'body' });
  expect(before.columns).toEqual({ Polarity: 'ignore' }); // not changed in place
});

test('mapped as chosen, the columns are read and nothing is left to map', () => {
  const rows = [
    ['Ref', 'Indicator', 'Nuneaton', 'Rugby', 'Stratford'],
    ['FR1', 'Number of accidental dwelling fires', 31, 38, 22],
    ['FR2', 'Number of deliberate fires', 44, 12.5, 9],
  ];
  const choices = unplacedColumns(check(rows)).map((c) => ({ key: c.key, role: c.suggested }));
  const mapped = check(rows, { columns: withColumnChoices(DEFAULT_CONFIG, choices).columns });
  expect(unplacedColumns(mapped)).toEqual([]);
  expect(mapped.coverage).toMatchObject({ figureCells: 6, checkedCells: 6 });
  expect(mapped.findings.map((f) => `${f.cell} ${f.rule}`)).toContain('D3 fractional-count');
});
