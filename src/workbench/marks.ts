import type { SimConditionalFormat, SimSheet } from '../simulator/state';

export interface CellLook {
  fill: string | null;
  fontColor: string | null;
  bold: boolean;
}

/**
 * Whether a custom conditional format's formula holds for a cell, as far as the workbench
 * can tell without a calculation engine: Outturn's own marks (`=N("outturn:…")=0`, always
 * TRUE since N of text is 0) and literal TRUE. Anything else is not evaluated, so it shows no colour.
 */
function alwaysTrue(cf: SimConditionalFormat): boolean {
  const f = (cf.formula ?? '').replace(/\s+/g, '').toUpperCase();
  return /^=N\("[^"]*"\)=0$/.test(f) || f === '=TRUE';
}

/** Per-cell fill and font colour from the sheet's conditional formats, in priority order (first wins). */
export function conditionalLooks(sheet: SimSheet): Map<string, CellLook> {
  const looks = new Map<string, CellLook>();
  for (const cf of sheet.conditionalFormats) {
    if (cf.type !== 'Custom' || !alwaysTrue(cf)) continue;
    for (const a of cf.areas) {
      for (let r = a.top; r <= a.bottom; r++) {
        for (let c = a.left; c <= a.right; c++) {
          const key = `${r},${c}`;
          const look = looks.get(key) ?? { fill: null, fontColor: null, bold: false };
          look.fill ??= cf.fill;
          look.fontColor ??= cf.fontColor;
          look.bold ||= Boolean(cf.bold);
          looks.set(key, look);
        }
      }
    }
  }
  return looks;
}
