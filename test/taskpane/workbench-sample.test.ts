import { checkWorkbook } from '../../src/engine';
import { makeCell } from '../../src/engine/model/cell';
import type { SheetModel } from '../../src/engine/model/sheet';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import {
  SAMPLE_AS_OF,
  SAMPLE_ERRORS,
  largeSample,
  notesSheet,
  sampleSheet,
  type SampleSheet,
} from '../../src/workbench/sample';

function model(s: SampleSheet): SheetModel {
  return {
    name: s.name,
    top: 0,
    left: 0,
    cells: s.rows.map((row) =>
      Array.from(row, (c) => (c ? makeCell(c.value, c.format, Boolean(c.formula), Boolean(c.error)) : undefined)),
    ),
  };
}

describe('the workbench sample return', () => {
  const result = checkWorkbook(
    [model(sampleSheet()), model(notesSheet())],
    { ...DEFAULT_CONFIG, asOf: SAMPLE_AS_OF },
    { today: SAMPLE_AS_OF },
  );

  test('is one Melton-style grid of 12 indicators for July 2017', () => {
    expect(result.gridSummaries.map((g) => [g.sheet, g.range, g.headerRow, g.indicators])).toEqual([
      ['Corporate PIs', 'A4:Z20', 4, 12],
    ]);
    expect(result.timeline).toEqual({ period: '2017-07', asOf: '2017-08-21', deadline: '2017-08-14' });
    expect(result.notices).toEqual([expect.stringMatching(/^No metric collection grid found on sheet 'Notes'/)]);
  });

  test('holds exactly its documented deliberate errors, and nothing else', () => {
    expect(result.findings.map((f) => ({ cell: f.cell, rule: f.rule }))).toEqual(
      SAMPLE_ERRORS.map((e) => ({ cell: e.cell, rule: e.rule })),
    );
    expect(result.summary).toEqual({ errors: 6, warnings: 2, info: 0 });
    const byCell = Object.fromEntries(result.findings.map((f) => [f.cell, f]));
    expect(byCell.T6.message).toBe(
      'RAG says GREEN but 94.0% is below the target of 95.0% and above the floor standard of 90.0%: should be AMBER.',
    );
    expect(byCell.Z11.severity).toBe('warning');
    expect(byCell.W10.message).toBe('No responsible officer named for CS05.');
  });
});

describe('the workbench large sample', () => {
  test('gives exactly one RAG error per indicator', () => {
    const { input } = largeSample(300);
    const cells = input.sheets[0].cells!.map((row) =>
      row.map((c) =>
        c === undefined || c === null ? undefined : typeof c === 'object' ? makeCell(c.value, c.format) : makeCell(c),
      ),
    );
    const r = checkWorkbook(
      [{ name: 'Large return', top: 0, left: 0, cells }],
      { ...DEFAULT_CONFIG, asOf: SAMPLE_AS_OF },
      { today: SAMPLE_AS_OF },
    );
    expect(r.indicators).toBe(300);
    expect(r.summary).toEqual({ errors: 300, warnings: 0, info: 0 });
    expect(new Set(r.findings.map((f) => f.rule))).toEqual(new Set(['rag-mismatch']));
    expect(r.findings[299].cell).toBe('J303');
  });
});
