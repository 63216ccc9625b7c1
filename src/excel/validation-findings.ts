import { Cell, isPercentFormat, serialToIsoDate } from '../engine/model/cell';
import type { Finding } from '../engine/model/finding';
import type { Grid } from '../engine/model/grid';
import { cellAt, SheetModel } from '../engine/model/sheet';
import { parseA1 } from '../engine/model/address';

/**
 * Cells that break the workbook's own data-validation rules (Data > Data Validation),
 * explained in a sentence: Excel's "Circle Invalid Data", but listed with the rest.
 */
export const VALIDATION_RULE_ID = 'data-validation';

/** Excel.DataValidationRule as loaded: one of these keys is set. */
export interface LoadedValidationRule {
  wholeNumber?: BasicRule;
  decimal?: BasicRule;
  textLength?: BasicRule;
  date?: BasicRule;
  time?: BasicRule;
  list?: { source?: string | unknown; inCellDropDown?: boolean };
  custom?: { formula?: string };
}
interface BasicRule {
  formula1?: string | number | Date | unknown;
  formula2?: string | number | Date | unknown;
  operator?: string;
}

function showBound(b: unknown, kind: 'number' | 'percent' | 'date' | 'text'): string {
  if (b === undefined || b === null || b === '') return '?';
  if (b instanceof Date) return b.toISOString().slice(0, 10);
  const s = String(b).replace(/^=/, '').trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) {
    const n = Number(s);
    if (kind === 'percent') return `${+(n * 100).toFixed(4)}%`;
    if (kind === 'date') return serialToIsoDate(n);
    return String(n);
  }
  if (/^\$?[A-Za-z]{1,3}\$?\d+$/.test(s) || s.includes('!')) return `the value in ${s}`;
  return s;
}

function condition(rule: BasicRule, kind: 'number' | 'percent' | 'date' | 'text'): string {
  const a = showBound(rule.formula1, kind);
  const b = showBound(rule.formula2, kind);
  switch (rule.operator) {
    case 'NotBetween':
      return `outside ${a} to ${b}`;
    case 'EqualTo':
      return `equal to ${a}`;
    case 'NotEqualTo':
      return `other than ${a}`;
    case 'GreaterThan':
      return `greater than ${a}`;
    case 'LessThan':
      return `less than ${a}`;
    case 'GreaterThanOrEqualTo':
      return `of ${a} or more`;
    case 'LessThanOrEqualTo':
      return `of ${a} or less`;
    default:
      return `between ${a} and ${b}`;
  }
}

/** How a cell's content reads in a sentence: 120%, 12.5, "Maybe", #DIV/0!, a blank cell. */
export function describeCell(cell: Cell): string {
  switch (cell.kind) {
    case 'empty':
      return 'a blank cell';
    case 'error':
      return String(cell.value);
    case 'text':
      return `"${String(cell.value)}"`;
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'date':
      return serialToIsoDate(cell.value as number);
    default: {
      const n = cell.value as number;
      return isPercentFormat(cell.format) ? `${+(n * 100).toFixed(4)}%` : String(+n.toFixed(10));
    }
  }
}

/** What the rule allows, as a phrase: "only whole numbers between 0 and 100". */
export function describeRule(rule: LoadedValidationRule, cell: Cell): string {
  const kind = isPercentFormat(cell.format) ? 'percent' : 'number';
  if (rule.wholeNumber) return `only whole numbers ${condition(rule.wholeNumber, kind)}`;
  if (rule.decimal) return `only numbers ${condition(rule.decimal, kind)}`;
  if (rule.date) return `only dates ${condition(rule.date, 'date')}`;
  if (rule.time) return `only times ${condition(rule.time, 'number')}`;
  if (rule.textLength) return `only text with a length ${condition(rule.textLength, 'number')} characters`;
  if (rule.list) {
    const src = String(rule.list.source ?? '').trim();
    if (src.startsWith('=')) return `only a value from the list in ${src.slice(1)}`;
    const items = src
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return `only one of: ${items.join(', ')}`;
  }
  if (rule.custom) return `only values for which ${rule.custom.formula ?? 'its formula'} is TRUE`;
  return 'only certain values';
}

/** `rule` null: Excel could not say which rule (cells of a merged or inconsistent validation). */
export function validationFinding(
  sheet: string,
  address: string,
  cell: Cell,
  rule: LoadedValidationRule | null,
): Finding {
  const what = describeCell(cell);
  const message = rule
    ? `The workbook's own validation allows ${describeRule(rule, cell)} here; ${what} breaks it.`
    : `The workbook's own validation does not allow ${what} here (Data > Data Validation shows the rule).`;
  return {
    sheet,
    cell: address,
    rule: VALIDATION_RULE_ID,
    dimension: 'accuracy',
    severity: 'error',
    ref: null,
    message,
  };
}

/**
 * Give data-validation findings the indicator ref of their row, once the engine has found
 * the grids (the adapter reads before the engine runs, so it cannot know them itself).
 */
export function withIndicatorRefs(
  findings: readonly Finding[],
  grids: readonly Grid[],
  sheets: readonly SheetModel[],
): Finding[] {
  return findings.map((f) => {
    if (f.ref !== null || !f.cell) return f;
    const p = parseA1(f.cell);
    const grid =
      p && grids.find((g) => g.sheet === f.sheet && g.columns.ref !== undefined && g.indicatorRows.includes(p.row));
    const sheet = sheets.find((s) => s.name === f.sheet);
    if (!p || !grid || !sheet) return f;
    const cell = cellAt(sheet, p.row, grid.columns.ref as number);
    return cell.kind === 'text' || cell.kind === 'number' ? { ...f, ref: String(cell.value).trim() } : f;
  });
}
