/**
 * The application layer's typed findings: the rule-id union is the catalogue's list, and
 * a finding carries its place and its indicator's ref and description.
 */
import { RULES } from '../../src/engine/rules';
import { checkReturn, RULE_IDS, rowKey, typedFinding } from '../../src/app';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import type { SheetModel } from '../../src/engine/model/sheet';
import { MELTON_AS_OF, MELTON_SHEET, meltonWorkbook, sheetsOf } from '../fixtures';

test('the rule ids the findings are typed with are exactly the catalogue’s', () => {
  expect([...RULE_IDS].sort()).toEqual(RULES.map((r) => r.id).sort());
});

test('a finding carries its row, column, rule id and its indicator’s ref and description', async () => {
  const sheets = await sheetsOf(meltonWorkbook());
  const checked = checkReturn({
    source: { sheets, config: DEFAULT_CONFIG },
    trail: { entries: [], head: null },
    today: MELTON_AS_OF,
    labels: true,
  });
  const rag = checked.result.findings.find((f) => f.cell === 'T6')!;
  expect(typedFinding(rag, checked.labels)).toMatchObject({
    ruleId: 'rag-mismatch',
    row: 5,
    column: 19,
    indicator: { ref: 'CS01', description: expect.stringMatching(/invoices/) },
  });
  expect(checked.labels.has(rowKey(MELTON_SHEET, 5))).toBe(true);
  // The workbook-level finding is about no cell and no indicator.
  const outstanding = checked.result.findings.find((f) => f.rule === 'signoff-outstanding')!;
  expect(typedFinding(outstanding, checked.labels)).toMatchObject({ row: null, column: null, indicator: null });
});

test('a sheet without a grid and an unreadable trail are coded notices, not sentences to match', async () => {
  const sheets = await sheetsOf(meltonWorkbook());
  const blank: SheetModel = { name: 'Notes', top: 0, left: 0, cells: [] };
  const checked = checkReturn({
    source: { sheets: [blank, ...sheets], config: DEFAULT_CONFIG },
    trail: null,
    today: MELTON_AS_OF,
  });
  expect(checked.notices.map((n) => n.code)).toEqual(['no-grid', 'trail-unreadable']);
});
