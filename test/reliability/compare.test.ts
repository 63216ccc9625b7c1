/**
 * The comparison on the Melton-style monthly return (test/fixtures/melton.ts): July's
 * file against August's, rolled forward in memory. Matching, what counts as the same
 * figure, and the findings a configuration switches off or re-grades.
 */
import { compareReturns } from '../../src/app';
import { OutturnConfig } from '../../src/engine/model/config';
import { MELTON_AS_OF, meltonClean, sheetsOf } from '../fixtures';

async function july() {
  return sheetsOf(meltonClean());
}

async function august(change: (ws: import('exceljs').Worksheet) => void) {
  const wb = meltonClean();
  const ws = wb.getWorksheet('Corporate PIs')!;
  change(ws);
  return sheetsOf(wb);
}

const config = OutturnConfig.parse({});

test('a ref in another case and spacing is the same indicator: nothing differs', async () => {
  const before = await july();
  const after = await august((ws) => {
    ws.getCell('A6').value = 'cs 01';
  });
  const c = compareReturns({ source: { sheets: before, config } }, { source: { sheets: after, config } }, MELTON_AS_OF);
  expect(c.differences).toEqual([]);
  expect(c.findings).toEqual([]);
});

test('an indicator renamed beyond case is one removed and one added (info), a July figure typed over is the error', async () => {
  const before = await july();
  const after = await august((ws) => {
    ws.getCell('A6').value = 'CS99';
    ws.getCell('B6').value = 'Invoices paid on time (new definition)';
    ws.getCell('H7').value = 0.5;
  });
  const c = compareReturns({ source: { sheets: before, config } }, { source: { sheets: after, config } }, MELTON_AS_OF);
  expect(c.findings.map((f) => [f.rule, f.severity, f.cell, f.ref])).toEqual([
    ['indicator-added', 'info', 'A6', 'CS99'],
    ['restated-figure', 'error', 'H7', 'CS02'],
    ['indicator-removed', 'info', null, 'CS01'],
  ]);
  expect(c.unrecorded.map((d) => [d.ref, d.what, d.old, d.new])).toEqual([['CS02', 'Jul', '0.6', '0.5']]);
});

test('the configuration switches a reliability rule off or changes its severity', async () => {
  const before = await july();
  const after = await august((ws) => {
    ws.getCell('H7').value = 0.5;
  });
  const quiet = OutturnConfig.parse({ rules: { 'restated-figure': { severity: 'warning' } } });
  const c = compareReturns(
    { source: { sheets: before, config: quiet } },
    { source: { sheets: after, config: quiet } },
    MELTON_AS_OF,
  );
  expect(c.findings.map((f) => [f.rule, f.severity])).toEqual([['restated-figure', 'warning']]);
  const off = OutturnConfig.parse({ rules: { 'restated-figure': { enabled: false } } });
  const d = compareReturns(
    { source: { sheets: before, config: off } },
    { source: { sheets: after, config: off } },
    MELTON_AS_OF,
  );
  expect(d.findings).toEqual([]);
  // The exit status of compare does not depend on the severity: the figure still changed.
  expect(d.unrecorded).toHaveLength(1);
});
