/**
 * The pane's small pure pieces and its "All sheets" read: the Clear marks sentence in
 * cells and sheets, the mapping list in sheet order with unrecognised columns, and the
 * adapter reading every visible sheet (not hidden ones, not Outturn's very hidden storage).
 */
import type { Finding } from '../../src/engine/model/finding';
import type { GridSummary } from '../../src/engine/model/grid';
import { checkWorkbook } from '../../src/engine';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { createSimulator, type Simulator } from '../../src/simulator';
import { createOfficeHost } from '../../src/excel/office-host';
import { clearSentence, markedCells } from '../../src/taskpane/clear-report';
import { columnIndex } from '../../src/engine/model/address';
import { mappingLines, unrecognisedColumns } from '../../src/taskpane/mapping';
import { checkInPane } from '../../src/taskpane/run-check';
import { setTrailStore } from '../../src/taskpane/signoff/trail-client';
import { workbenchSample, SAMPLE_AS_OF } from '../../src/workbench/sample';

const finding = (sheet: string, cell: string | null, severity: Finding['severity']): Finding => ({
  sheet,
  cell,
  severity,
  rule: 'rag-mismatch',
  dimension: 'accuracy',
  ref: 'PI 1',
  message: 'x',
});

describe('Clear marks says what it cleared in cells and sheets', () => {
  test('3,000 marked cells in one column are 3,000 cells on one sheet, not "1 mark"', () => {
    const many = Array.from({ length: 3000 }, (_, i) => finding('Large return', `J${i + 4}`, 'error'));
    const known = markedCells(many);
    expect(known).toEqual({ cells: 3000, sheets: ['Large return'] });
    expect(clearSentence(1, known)).toBe(
      "Cleared the marks from 3,000 cells on sheet 'Large return'. Your own formatting is unchanged.",
    );
  });

  test('info findings and workbook-level findings mark nothing; a cell with an error and a warning counts once; two sheets are named as two', () => {
    const known = markedCells([
      finding('A', 'B2', 'error'),
      finding('A', 'B2', 'warning'),
      finding('A', 'C3', 'info'),
      finding('A', null, 'warning'),
      finding('B', 'D4', 'warning'),
    ]);
    expect(known).toEqual({ cells: 2, sheets: ['A', 'B'] });
    expect(clearSentence(3, known)).toBe(
      'Cleared the marks from 2 cells on 2 sheets. Your own formatting is unchanged.',
    );
  });

  test('nothing to clear, or marks left by an earlier session whose cells are not known', () => {
    expect(clearSentence(0, null)).toBe('There were no Outturn marks to clear.');
    expect(clearSentence(2, null)).toBe(
      'Cleared 2 Outturn marks left by an earlier check. Your own formatting is unchanged.',
    );
  });
});

describe('the mapping disclosure', () => {
  const summary: GridSummary = {
    sheet: 'Corporate PIs',
    range: 'A4:AB20',
    headerRow: 4,
    indicators: 12,
    columns: {
      ref: 'A',
      target: 'R',
      'period:Apr': 'E',
      commentary: 'Y',
      description: 'B',
      ytd: 'Q',
      dateSubmitted: 'AA',
    },
  };

  test('lists columns in sheet order (A, B, E, Q, R, Y, AA) with the roles in words', () => {
    expect(mappingLines(summary).map((l) => `${l.letter}: ${l.label}`)).toEqual([
      'A: Ref',
      'B: Indicator description',
      'E: period Apr',
      'Q: Year to date / outturn',
      'R: Target',
      'Y: Commentary',
      'AA: Date submitted',
    ]);
    expect([columnIndex('A'), columnIndex('Z'), columnIndex('AA'), columnIndex('AB')]).toEqual([0, 25, 26, 27]);
  });

  test('shows unrecognised columns when the engine reports them (by index or letter), in sheet order', () => {
    expect(unrecognisedColumns(summary)).toEqual([]);
    const withUnknown = {
      ...summary,
      unrecognised: [
        { column: 27, header: 'Budget holder' },
        { column: 'C', header: 'Cabinet portfolio' },
      ],
    } as GridSummary;
    expect(unrecognisedColumns(withUnknown)).toEqual([
      { letter: 'C', header: 'Cabinet portfolio' },
      { letter: 'AB', header: 'Budget holder' },
    ]);
  });
});

describe('"All sheets" in the pane', () => {
  let sim: Simulator;
  beforeEach(() => {
    const { input } = workbenchSample();
    input.sheets.push({ name: 'Old figures', visibility: 'Hidden', cells: input.sheets[0].cells });
    sim = createSimulator(input).install();
    setTrailStore(null);
  });
  afterEach(() => {
    sim.uninstall();
    setTrailStore(null);
  });

  test('reads every visible sheet, leaving hidden ones out, and the engine checks each', async () => {
    const host = createOfficeHost();
    const read = await host.read('workbook');
    expect(read.sheets.map((s) => s.name)).toEqual(['Corporate PIs', 'Notes']);
    expect(read.notices.filter((n) => /is empty/.test(n))).toEqual([]);
    const run = await checkInPane(host, checkWorkbook, DEFAULT_CONFIG, 'workbook', SAMPLE_AS_OF);
    expect(run.snapshot.result.gridSummaries.map((g) => g.sheet)).toEqual(['Corporate PIs']);
    expect(run.snapshot.result.summary.errors).toBe(6);
    // The active sheet alone reads one sheet.
    expect((await host.read('sheet')).sheets.map((s) => s.name)).toEqual(['Corporate PIs']);
  });
});
