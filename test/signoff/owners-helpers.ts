/**
 * The workbench's Melton-style sample return (two service areas, five compilers, two
 * responsible officers, two heads of service) as the engine reads it, with the sample's
 * deliberate errors fixed except where a test keeps some: the realistic grid the
 * per-owner sign-off tests run on.
 */
import { checkWorkbook, type CheckResult } from '../../src/engine/check';
import { makeCell } from '../../src/engine/model/cell';
import type { SheetModel } from '../../src/engine/model/sheet';
import { parseA1 } from '../../src/engine/model/address';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { sampleSheet, SAMPLE_AS_OF } from '../../src/workbench/sample';
import { ownershipFromGrids, type Ownership } from '../../src/signoff/owners';
import { figuresFromCheck } from '../../src/signoff/summary';
import type { CheckedFigures } from '../../src/signoff/rules';

/** The fixes a compiler makes to the sample's deliberate errors (its two warnings stay). */
export const FIXES: Record<string, unknown> = {
  T6: 'AMBER',
  G8: 0.93,
  F9: 11,
  Q9: 46,
  W10: 'Dawn Garton',
  G17: 0.5,
  Q17: 0.6,
};

export function sampleModel(edits: Record<string, unknown> = FIXES): SheetModel {
  const s = sampleSheet();
  const cells = s.rows.map((row) =>
    Array.from(row, (c) =>
      c ? makeCell(c.value, c.format ?? 'General', Boolean(c.formula), Boolean(c.error)) : undefined,
    ),
  );
  for (const [addr, v] of Object.entries(edits)) {
    const at = parseA1(addr)!;
    (cells[at.row] ??= [])[at.col] =
      v === null ? undefined : makeCell(v, typeof v === 'number' && v < 1 && v > 0 ? '0.0%' : 'General');
  }
  return { name: s.name, top: 0, left: 0, cells };
}

export interface SampleCheck {
  sheets: SheetModel[];
  result: CheckResult;
  figures: CheckedFigures;
  ownership: Ownership;
}

export function checkSample(edits: Record<string, unknown> = FIXES): SampleCheck {
  const sheets = [sampleModel(edits)];
  const config = DEFAULT_CONFIG;
  const result = checkWorkbook(sheets, config, { today: SAMPLE_AS_OF });
  return {
    sheets,
    result,
    figures: figuresFromCheck(result, sheets, config, 'cli'),
    ownership: ownershipFromGrids(result.grids, sheets),
  };
}
