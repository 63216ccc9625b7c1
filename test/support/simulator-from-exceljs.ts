import type ExcelJS from 'exceljs';
import type {
  CellInput,
  ConditionalFormatInput,
  DataValidationInput,
  SheetInput,
  SimConditionalFormatType,
  SimValidationOperator,
  SimValidationType,
  WorkbookInput,
} from '../../src/simulator/state';
import { dateToSerial } from '../../src/engine/model/cell';
import { cellsToAreas, areaA1, parseArea } from '../../src/engine/model/areas';

/**
 * Turn an ExcelJS workbook (a test fixture, the workbench's sample, a file a user drops)
 * into simulator input: values with their number formats, formulas with cached results,
 * error values, hidden and very hidden sheets, protection, merges, tables, conditional
 * formats and data validations. ExcelJS is imported for its types only, so the browser
 * bundle does not need it unless the caller does.
 */

type AnyRecord = Record<string, unknown>;

function argb(c: unknown): string | undefined {
  const v = (c as { argb?: string } | undefined)?.argb;
  return v ? `#${v.slice(-6).toUpperCase()}` : undefined;
}

function cellInput(cell: ExcelJS.Cell): CellInput {
  if (cell.isMerged && cell.master !== cell) return undefined;
  const format = cell.numFmt || undefined;
  const v = cell.value as unknown;
  const wrap = (value: CellInput, extra: { formula?: string; error?: string } = {}): CellInput => {
    if (!format && !extra.formula && !extra.error) return value;
    return { value: value as string | number | boolean | null, ...(format ? { format } : {}), ...extra };
  };
  if (v === null || v === undefined) return format ? { value: null, format } : undefined;
  if (v instanceof Date) return wrap(dateToSerial(v));
  if (typeof v !== 'object') return wrap(v as string | number | boolean);
  const o = v as AnyRecord;
  if ('error' in o) return { value: String(o.error), error: String(o.error), ...(format ? { format } : {}) };
  if ('formula' in o || 'sharedFormula' in o) {
    const formula = `=${cell.formula}`;
    let result = o.result as unknown;
    if (result instanceof Date) result = dateToSerial(result);
    if (result && typeof result === 'object' && 'error' in (result as AnyRecord)) {
      const code = String((result as AnyRecord).error);
      return { value: code, error: code, formula, ...(format ? { format } : {}) };
    }
    return { value: (result ?? null) as string | number | boolean | null, formula, ...(format ? { format } : {}) };
  }
  if ('richText' in o) return wrap((o.richText as { text: string }[]).map((r) => r.text).join(''));
  if ('text' in o) return wrap(String(o.text));
  return wrap(String(v));
}

const CF_TYPES: Record<string, SimConditionalFormatType> = {
  expression: 'Custom',
  cellIs: 'CellValue',
  colorScale: 'ColorScale',
  dataBar: 'DataBar',
  iconSet: 'IconSet',
  top10: 'TopBottom',
  containsText: 'ContainsText',
};

function conditionalFormats(ws: ExcelJS.Worksheet): ConditionalFormatInput[] {
  const out: (ConditionalFormatInput & { order: number })[] = [];
  const list = ((ws as unknown as AnyRecord).conditionalFormattings ?? []) as { ref: string; rules: AnyRecord[] }[];
  for (const cf of list) {
    for (const rule of cf.rules) {
      const type = CF_TYPES[String(rule.type)] ?? 'PresetCriteria';
      const style = (rule.style ?? {}) as {
        fill?: { bgColor?: unknown; fgColor?: unknown };
        font?: { color?: unknown; bold?: boolean };
      };
      const formulae = (rule.formulae ?? []) as string[];
      out.push({
        range: cf.ref.replace(/\s+/g, ', '),
        type,
        formula:
          type === 'Custom' && formulae[0]
            ? String(formulae[0]).startsWith('=')
              ? String(formulae[0])
              : `=${formulae[0]}`
            : undefined,
        fill: argb(style.fill?.bgColor) ?? argb(style.fill?.fgColor),
        fontColor: argb(style.font?.color),
        bold: style.font?.bold,
        stopIfTrue: Boolean(rule.stopIfTrue),
        detail: type === 'Custom' ? undefined : JSON.parse(JSON.stringify(rule)),
        order: typeof rule.priority === 'number' ? rule.priority : 1e9 + out.length,
      });
    }
  }
  // Priority 1 is applied first; the simulator keeps formats in priority order.
  return out.sort((a, b) => a.order - b.order).map(({ order: _o, ...cf }) => cf);
}

const DV_TYPES: Record<string, SimValidationType> = {
  whole: 'WholeNumber',
  decimal: 'Decimal',
  list: 'List',
  textLength: 'TextLength',
  date: 'Date',
  time: 'Time',
  custom: 'Custom',
};
const DV_OPS: Record<string, SimValidationOperator> = {
  between: 'Between',
  notBetween: 'NotBetween',
  equal: 'EqualTo',
  notEqual: 'NotEqualTo',
  greaterThan: 'GreaterThan',
  lessThan: 'LessThan',
  greaterThanOrEqual: 'GreaterThanOrEqualTo',
  lessThanOrEqual: 'LessThanOrEqualTo',
};

function bound(f: unknown): string | number | undefined {
  if (f === undefined || f === null) return undefined;
  if (f instanceof Date) return dateToSerial(f);
  if (typeof f === 'number') return f;
  const s = String(f);
  return /^[-+]?\d+(\.\d+)?$/.test(s) ? Number(s) : `=${s.replace(/^=/, '')}`;
}

function dataValidations(ws: ExcelJS.Worksheet): DataValidationInput[] {
  const model =
    ((ws as unknown as AnyRecord).dataValidations as { model?: Record<string, AnyRecord | undefined> } | undefined)
      ?.model ?? {};
  // ExcelJS keeps one entry per cell (or range); group cells with identical rules back into areas.
  const groups = new Map<string, { dv: AnyRecord; cells: { row: number; col: number }[] }>();
  for (const [addr, dv] of Object.entries(model)) {
    if (!dv || !DV_TYPES[String(dv.type)]) continue;
    const a = parseArea(addr.replace(/^range:/, ''));
    if (!a) continue;
    const key = JSON.stringify(dv);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { dv, cells: [] }));
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) g.cells.push({ row: r, col: c });
  }
  const out: DataValidationInput[] = [];
  for (const { dv, cells } of groups.values()) {
    const formulae = (dv.formulae ?? []) as unknown[];
    const type = DV_TYPES[String(dv.type)];
    const range = cellsToAreas(cells).map(areaA1).join(', ');
    let source: string | undefined;
    if (type === 'List') {
      const f = String(formulae[0] ?? '');
      source = f.startsWith('"') ? f.slice(1, -1) : `=${f.replace(/^=/, '')}`;
    } else if (type === 'Custom') source = `=${String(formulae[0] ?? '').replace(/^=/, '')}`;
    out.push({
      range,
      type,
      operator: DV_OPS[String(dv.operator ?? 'between')] ?? 'Between',
      formula1: type === 'List' || type === 'Custom' ? undefined : bound(formulae[0]),
      formula2: type === 'List' || type === 'Custom' ? undefined : bound(formulae[1]),
      source,
      // In the file format a missing allowBlank means false (Excel's "Ignore blank" unticked).
      ignoreBlanks: dv.allowBlank === true,
      errorTitle: dv.errorTitle as string | undefined,
      errorMessage: dv.error as string | undefined,
    });
  }
  return out;
}

function tables(ws: ExcelJS.Worksheet): { name: string; range: string; showHeaders?: boolean }[] {
  const t = ((ws as unknown as { getTables?: () => unknown[] }).getTables?.() ?? []) as AnyRecord[];
  const out: { name: string; range: string; showHeaders?: boolean }[] = [];
  for (const x of t) {
    const m = (x.table ?? x.model ?? x) as AnyRecord;
    let ref = m.tableRef as string | undefined;
    if (!ref && m.ref) {
      const tl = parseArea(String(m.ref));
      const cols = ((m.columns ?? []) as unknown[]).length;
      const rows = ((m.rows ?? []) as unknown[]).length + (m.headerRow === false ? 0 : 1) + (m.totalsRow ? 1 : 0);
      if (tl && cols)
        ref = areaA1({ top: tl.top, left: tl.left, bottom: tl.top + rows - 1, right: tl.left + cols - 1 });
    }
    if (ref) out.push({ name: String(m.name ?? m.displayName), range: ref, showHeaders: m.headerRow !== false });
  }
  return out;
}

export function sheetInputFromExcelJS(ws: ExcelJS.Worksheet): SheetInput {
  const cells: CellInput[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: CellInput[] = [];
    row.eachCell({ includeEmpty: false }, (c, colNumber) => {
      out[colNumber - 1] = cellInput(c);
    });
    cells[rowNumber - 1] = out;
  });
  for (let i = 0; i < cells.length; i++) if (!cells[i]) cells[i] = [];
  const merges = Object.values(((ws as unknown as AnyRecord)._merges ?? {}) as Record<string, { range?: string }>)
    .map((m) => m.range)
    .filter((r): r is string => Boolean(r));
  const views = (ws.views ?? []) as { activeCell?: string }[];
  const protection = (ws as unknown as AnyRecord).sheetProtection as { sheet?: boolean } | undefined;
  const state = (ws as unknown as AnyRecord).state as string | undefined;
  return {
    name: ws.name,
    visibility: state === 'veryHidden' ? 'VeryHidden' : state === 'hidden' ? 'Hidden' : 'Visible',
    protected: Boolean(protection?.sheet),
    cells,
    conditionalFormats: conditionalFormats(ws),
    dataValidations: dataValidations(ws),
    tables: tables(ws),
    merges,
    selection: views[0]?.activeCell,
  };
}

export function workbookInputFromExcelJS(wb: ExcelJS.Workbook): WorkbookInput {
  const sheets = wb.worksheets.map(sheetInputFromExcelJS);
  const activeTab = (wb.views?.[0] as { activeTab?: number } | undefined)?.activeTab;
  const active = activeTab !== undefined ? wb.worksheets[activeTab]?.name : undefined;
  const names = ((wb.definedNames as unknown as { model?: { name: string; ranges: string[] }[] }).model ?? []).map(
    (n) => ({
      name: n.name,
      formula: `=${n.ranges.join(',')}`,
    }),
  );
  return {
    sheets,
    activeSheet: active && sheets.find((s) => s.name === active && s.visibility === 'Visible') ? active : undefined,
    names,
  };
}
