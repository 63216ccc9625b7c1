import ExcelJS from 'exceljs';
import { createSimulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { roundTrip } from '../fixtures';

/** What an .xlsx holds reaches the simulator: the adapter's tests rest on this. */
test('sheets, visibility, protection, formulas, errors, dates, merges, tables, names, formats and validations', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Return');
  ws.getCell('A1').value = 'Ref';
  ws.getCell('B1').value = { formula: 'SUM(C1:D1)', result: 7 } as ExcelJS.CellValue;
  ws.getCell('C1').value = 0.45;
  ws.getCell('C1').numFmt = '0.0%';
  ws.getCell('D1').value = new Date('2017-08-10T00:00:00Z');
  ws.getCell('D1').numFmt = 'dd/mm/yyyy';
  ws.getCell('E1').value = { error: '#N/A' } as ExcelJS.CellValue;
  ws.getCell('F1').value = { formula: 'C1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellValue;
  ws.getCell('A3').value = 'Banner';
  ws.mergeCells('A3:C3');
  ws.getCell('G2').dataValidation = {
    type: 'whole',
    operator: 'greaterThan',
    allowBlank: false,
    formulae: [0],
    errorTitle: 'Count',
    error: 'A count',
  };
  ws.getCell('G3').dataValidation = {
    type: 'whole',
    operator: 'greaterThan',
    allowBlank: false,
    formulae: [0],
    errorTitle: 'Count',
    error: 'A count',
  };
  ws.addConditionalFormatting({
    ref: 'C1:C9',
    rules: [
      {
        type: 'cellIs',
        operator: 'lessThan',
        formulae: ['0.5'],
        priority: 1,
        style: { font: { color: { argb: 'FF9C0006' } } },
      },
    ],
  });
  const hidden = wb.addWorksheet('OutturnTrail', { state: 'veryHidden' });
  hidden.getCell('A1').value = 'seq';
  const locked = wb.addWorksheet('Locked');
  locked.getCell('A1').value = 1;
  await locked.protect('', {});
  wb.definedNames.add("'Return'!$C$1", 'Current');
  const sim = createSimulator(workbookInputFromExcelJS(await roundTrip(wb)));
  const r = sim.sheet('Return');
  expect(r.rows[0].slice(0, 6)).toEqual([
    { value: 'Ref' },
    { value: 7, formula: '=SUM(C1:D1)' },
    { value: 0.45, format: '0.0%' },
    { value: 42957, format: 'dd/mm/yyyy' },
    { value: '#N/A', error: true },
    { value: '#DIV/0!', error: true, formula: '=C1/0' },
  ]);
  expect(r.merges).toEqual([{ top: 2, left: 0, bottom: 2, right: 2 }]);
  expect(r.dataValidations).toEqual([
    {
      areas: [{ top: 1, left: 6, bottom: 2, right: 6 }],
      type: 'WholeNumber',
      operator: 'GreaterThan',
      formula1: 0,
      formula2: null,
      source: null,
      ignoreBlanks: false,
      errorTitle: 'Count',
      errorMessage: 'A count',
    },
  ]);
  expect(r.conditionalFormats).toMatchObject([
    { type: 'CellValue', areas: [{ top: 0, left: 2, bottom: 8, right: 2 }], fontColor: '#9C0006' },
  ]);
  expect(sim.sheet('OutturnTrail').visibility).toBe('VeryHidden');
  expect(sim.sheet('Locked').protected).toBe(true);
  expect(sim.workbook.activeSheet).toBe('Return');
  expect(sim.workbook.names).toEqual([{ name: 'Current', formula: '=Return!$C$1', visible: true, comment: '' }]);
});
