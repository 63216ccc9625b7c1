import ExcelJS from 'exceljs';
import { checkBook } from '../helpers';

/** A quarterly fire and rescue return: counted things in a whole-number format, as a service types them. */
function frsReturn(rows: [string, string, string, number, string][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('FRS Q1');
  ws.addRow(['Fire and rescue measures: results up to June 2017']);
  ws.addRow(['Ref', 'Measure', 'Unit', 'Q1', 'Target']);
  for (const [ref, measure, unit, value, format] of rows) {
    const row = ws.addRow([ref, measure, unit, value, null]);
    row.getCell(4).numFmt = format;
  }
  return wb;
}

const findings = async (rows: Parameters<typeof frsReturn>[0]) =>
  (
    await checkBook(frsReturn(rows), {
      rules: { 'missing-target': { enabled: false }, 'missing-floor': { enabled: false } },
    })
  ).findings
    .filter((f) => ['negative-count', 'fractional-count', 'kind-uncertain'].includes(f.rule))
    .map((f) => [f.cell, f.rule, f.severity]);

describe('counted things (issue #22)', () => {
  test('a negative number of people killed or of fires attended is an error, whatever the wording', async () => {
    expect(
      await findings([
        ['R1', 'People killed or seriously injured in road traffic collisions', '', -4, '#,##0'],
        ['R2', 'Accidental dwelling fires attended', '', -12, '#,##0'],
        ['R3', 'Complaints received', '', 31, '#,##0'],
      ]),
    ).toEqual([
      ['D3', 'negative-count', 'error'],
      ['D4', 'negative-count', 'error'],
    ]);
  });

  test('a fractional number of households or calls is an error, even where the format hides it', async () => {
    expect(
      await findings([
        ['H1', 'Households in temporary accommodation', '', 254.5, '#,##0'],
        ['H2', 'Calls handled', 'calls', 1203.25, '0'],
        ['H3', 'Homelessness applications', '', 88, '0'],
      ]),
    ).toEqual([
      ['D3', 'fractional-count', 'error'],
      ['D4', 'fractional-count', 'error'],
    ]);
  });

  test('rates, averages and thousands of things counted may be fractional; a negative one is a warning', async () => {
    expect(
      await findings([
        ['P1', 'Deliberate fires', 'per 10,000 population', 2.4, '0.0'],
        ['P2', 'Average calls answered a day', '', 41.7, '0.0'],
        ['P3', 'Visits to leisure centres', '(000s)', 184.4, '0.0'],
        ['P4', 'Casualties', 'rate per 1,000', -0.3, '0.0'],
      ]),
    ).toEqual([['D6', 'kind-uncertain', 'warning']]);
  });

  test('a change in the number of complaints may be negative', async () => {
    expect(await findings([['C1', 'Change in complaints received on last year', '', -14, '#,##0']])).toEqual([]);
  });
});
