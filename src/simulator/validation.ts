import { Area, cellsToAreas, intersect, parseArea, splitSheet } from '../engine/model/areas';
import { getCell, isBlankSimCell, SimCell, SimDataValidation, SimSheet, SimWorkbook } from './state';

/**
 * Excel's data-validation rules, evaluated the way "Circle Invalid Data" does: for
 * whole number, decimal, text length, date/time and list rules. Custom (formula) rules
 * are not evaluated and always pass.
 */

function lookupRef(wb: SimWorkbook, sheet: SimSheet, ref: string): SimCell[] {
  const { sheet: sheetName, ref: r } = splitSheet(ref.replace(/^=/, ''));
  const target = sheetName ? wb.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase()) : sheet;
  const area = parseArea(r);
  if (!target || !area) {
    const name = wb.names.find((n) => n.name.toLowerCase() === r.toLowerCase());
    return name ? lookupRef(wb, sheet, name.formula) : [];
  }
  const out: SimCell[] = [];
  for (let row = area.top; row <= Math.min(area.bottom, area.top + 10_000); row++) {
    for (let col = area.left; col <= area.right; col++) {
      const c = getCell(target, row, col);
      if (c) out.push(c);
    }
  }
  return out;
}

/** A rule's bound as a number: 0, '=0', '=$Z$1' (a cell), '2017-04-30' for date rules. */
function bound(wb: SimWorkbook, sheet: SimSheet, f: string | number | null): number | null {
  if (f === null || f === undefined) return null;
  if (typeof f === 'number') return f;
  const t = f.replace(/^=/, '').trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return Number(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (iso) return (Date.UTC(+iso[1], +iso[2] - 1, +iso[3]) - Date.UTC(1899, 11, 30)) / 86_400_000;
  const cells = lookupRef(wb, sheet, t);
  return cells.length && typeof cells[0].value === 'number' ? cells[0].value : null;
}

function compare(op: SimDataValidation['operator'], x: number, a: number | null, b: number | null): boolean {
  if (a === null) return true;
  switch (op) {
    case 'Between':
      return b === null ? x >= a : x >= Math.min(a, b) && x <= Math.max(a, b);
    case 'NotBetween':
      return b === null ? x < a : x < Math.min(a, b) || x > Math.max(a, b);
    case 'EqualTo':
      return x === a;
    case 'NotEqualTo':
      return x !== a;
    case 'GreaterThan':
      return x > a;
    case 'LessThan':
      return x < a;
    case 'GreaterThanOrEqualTo':
      return x >= a;
    case 'LessThanOrEqualTo':
      return x <= a;
    default:
      return true;
  }
}

export function listItems(wb: SimWorkbook, sheet: SimSheet, source: string | null): string[] {
  if (!source) return [];
  if (source.trim().startsWith('=')) return lookupRef(wb, sheet, source).map((c) => String(c.value ?? ''));
  return source.split(',').map((s) => s.trim());
}

export function isValid(wb: SimWorkbook, sheet: SimSheet, dv: SimDataValidation, cell: SimCell | undefined): boolean {
  if (isBlankSimCell(cell)) return dv.ignoreBlanks;
  const c = cell as SimCell;
  if (c.error) return false;
  const v = c.value;
  switch (dv.type) {
    case 'WholeNumber':
      return (
        typeof v === 'number' &&
        Number.isInteger(v) &&
        compare(dv.operator, v, bound(wb, sheet, dv.formula1), bound(wb, sheet, dv.formula2))
      );
    case 'Decimal':
    case 'Date':
    case 'Time':
      return (
        typeof v === 'number' && compare(dv.operator, v, bound(wb, sheet, dv.formula1), bound(wb, sheet, dv.formula2))
      );
    case 'TextLength':
      return compare(dv.operator, String(v).length, bound(wb, sheet, dv.formula1), bound(wb, sheet, dv.formula2));
    case 'List': {
      const items = listItems(wb, sheet, dv.source).map((s) => s.toLowerCase());
      return items.includes(String(v).toLowerCase());
    }
    default:
      return true;
  }
}

/** The validation that governs a cell: the last rule added over it. */
export function validationAt(sheet: SimSheet, row: number, col: number): SimDataValidation | undefined {
  for (let i = sheet.dataValidations.length - 1; i >= 0; i--) {
    const dv = sheet.dataValidations[i];
    if (dv.areas.some((a) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right)) return dv;
  }
  return undefined;
}

/** Rectangles of cells within `area` whose values break their validation rule. */
export function invalidAreas(wb: SimWorkbook, sheet: SimSheet, area: Area): Area[] {
  const bad: { row: number; col: number }[] = [];
  const seen = new Set<string>();
  for (let i = sheet.dataValidations.length - 1; i >= 0; i--) {
    const dv = sheet.dataValidations[i];
    for (const a of dv.areas) {
      const x = intersect(a, area);
      if (!x) continue;
      for (let row = x.top; row <= x.bottom; row++) {
        for (let col = x.left; col <= x.right; col++) {
          const key = `${row},${col}`;
          if (seen.has(key)) continue; // a later rule governs this cell
          seen.add(key);
          if (!isValid(wb, sheet, dv, getCell(sheet, row, col))) bad.push({ row, col });
        }
      }
    }
  }
  return cellsToAreas(bad);
}
