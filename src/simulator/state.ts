import { Area, MAX_COLS, MAX_ROWS, parseArea, splitAreas, splitSheet } from '../engine/model/areas';

/**
 * The simulated workbook's state: plain data the Office.js-like proxies read and write at
 * sync time, and tests inspect directly. Rows and columns are 0-based.
 */
export type SimValue = number | string | boolean | null;

export interface SimCell {
  /** Cached value (the result, for a formula); for an error cell the code, e.g. '#DIV/0!'. */
  value: SimValue;
  /** '=SUM(B3:B5)' when the cell holds a formula. */
  formula?: string;
  /** Number format code; 'General' when absent. */
  format?: string;
  error?: boolean;
}

export type SimConditionalFormatType =
  'Custom' | 'CellValue' | 'ColorScale' | 'DataBar' | 'IconSet' | 'TopBottom' | 'PresetCriteria' | 'ContainsText';

export interface SimConditionalFormat {
  id: string;
  type: SimConditionalFormatType;
  areas: Area[];
  stopIfTrue: boolean;
  /** Custom formats: the rule's formula ('=N("outturn:error")=0'). */
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
  /** Other kinds keep their rule as opaque data (a cell-value rule, a colour scale). */
  detail?: unknown;
  /** A rule Office.js cannot read (a duplicated rule, office-js #6835): reading its rule or look fails. */
  unreadable?: boolean;
}

export type SimValidationType = 'WholeNumber' | 'Decimal' | 'List' | 'TextLength' | 'Date' | 'Time' | 'Custom';
export type SimValidationOperator =
  | 'Between'
  | 'NotBetween'
  | 'EqualTo'
  | 'NotEqualTo'
  | 'GreaterThan'
  | 'LessThan'
  | 'GreaterThanOrEqualTo'
  | 'LessThanOrEqualTo';

export interface SimDataValidation {
  areas: Area[];
  type: SimValidationType;
  operator: SimValidationOperator;
  formula1: string | number | null;
  formula2: string | number | null;
  /** List rules: 'Yes,No' or '=$K$2:$K$4'. Custom rules: the formula. */
  source: string | null;
  ignoreBlanks: boolean;
  errorTitle?: string;
  errorMessage?: string;
}

export interface SimTable {
  id: string;
  name: string;
  area: Area;
  showHeaders: boolean;
}

export type SimVisibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface SimSheet {
  id: string;
  name: string;
  visibility: SimVisibility;
  protected: boolean;
  /** Sparse rows of cells. */
  rows: (SimCell | undefined)[][];
  conditionalFormats: SimConditionalFormat[];
  dataValidations: SimDataValidation[];
  tables: SimTable[];
  merges: Area[];
  /** The selected block holding the active cell (the only one, unless several are selected). */
  selection: Area;
  /** Every selected block when a person selected several (Ctrl+click); absent for one. */
  selectionAreas?: Area[];
  tabColor: string | null;
}

export interface SimName {
  name: string;
  /** '=Sheet1!$A$1' or '="abc"' or '=42'. */
  formula: string;
  visible: boolean;
  comment: string;
}

export interface SimWorkbook {
  sheets: SimSheet[];
  /** Name of the active sheet; null when a chart sheet (not a worksheet) is active. */
  activeSheet: string | null;
  names: SimName[];
}

// ---------------------------------------------------------------- input data

/** A cell as given to createSimulator: a plain value, or a value with format/formula/error. */
export type CellInput =
  SimValue | undefined | { value?: SimValue; formula?: string; format?: string; error?: string | boolean };

export interface ConditionalFormatInput {
  /** 'B3:B20' or 'B3:B20, D3' */
  range: string;
  type?: SimConditionalFormatType;
  formula?: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  stopIfTrue?: boolean;
  detail?: unknown;
  /** Reading this rule's formula or look through Office.js fails (office-js #6835). */
  unreadable?: boolean;
}

export interface DataValidationInput {
  range: string;
  type: SimValidationType;
  operator?: SimValidationOperator;
  formula1?: string | number;
  formula2?: string | number;
  source?: string;
  ignoreBlanks?: boolean;
  errorTitle?: string;
  errorMessage?: string;
}

export interface SheetInput {
  name: string;
  visibility?: SimVisibility;
  protected?: boolean;
  /** Rows of cells starting at `origin` (default A1). */
  cells?: CellInput[][];
  origin?: string;
  /** In priority order: the first applies first (priority 0). */
  conditionalFormats?: ConditionalFormatInput[];
  dataValidations?: DataValidationInput[];
  tables?: { name: string; range: string; showHeaders?: boolean }[];
  merges?: string[];
  /** Selected range on this sheet, default A1; 'B3:B9, D3:D9' selects several blocks. */
  selection?: string;
  tabColor?: string;
}

export interface WorkbookInput {
  sheets: SheetInput[];
  /** Default: the first visible sheet. null: a chart sheet is active (no worksheet). */
  activeSheet?: string | null;
  names?: { name: string; formula: string; visible?: boolean; comment?: string }[];
}

let idSeq = 0;
export function newId(prefix: string): string {
  idSeq += 1;
  return `{${prefix}-${idSeq.toString(16).padStart(8, '0')}}`;
}

export function mustArea(ref: string): Area {
  const a = parseArea(splitSheet(ref).ref);
  if (!a) throw new Error(`Not an A1 range: '${ref}'`);
  return a;
}
export function mustAreas(ref: string): Area[] {
  return splitAreas(ref).map(mustArea);
}

function cellFromInput(c: CellInput): SimCell | undefined {
  if (c === undefined || c === null || c === '') return undefined;
  if (typeof c !== 'object') return { value: c };
  const out: SimCell = { value: c.value ?? null };
  if (c.error) {
    out.error = true;
    out.value = typeof c.error === 'string' ? c.error : String(c.value);
  }
  if (c.formula) out.formula = c.formula.startsWith('=') ? c.formula : `=${c.formula}`;
  if (c.format && c.format !== 'General') out.format = c.format;
  return out;
}

export function newSheet(name: string): SimSheet {
  return {
    id: newId('sheet'),
    name,
    visibility: 'Visible',
    protected: false,
    rows: [],
    conditionalFormats: [],
    dataValidations: [],
    tables: [],
    merges: [],
    selection: { top: 0, left: 0, bottom: 0, right: 0 },
    tabColor: null,
  };
}

export function sheetFromInput(s: SheetInput): SimSheet {
  const sheet = newSheet(s.name);
  sheet.visibility = s.visibility ?? 'Visible';
  sheet.protected = s.protected ?? false;
  sheet.tabColor = s.tabColor ?? null;
  const o = s.origin ? mustArea(s.origin) : { top: 0, left: 0 };
  (s.cells ?? []).forEach((row, r) => {
    (row ?? []).forEach((c, col) => {
      const cell = cellFromInput(c);
      if (cell) putCell(sheet, o.top + r, o.left + col, cell);
    });
  });
  for (const cf of [...(s.conditionalFormats ?? [])].reverse()) {
    addConditionalFormat(sheet, mustAreas(cf.range), cf.type ?? 'Custom', {
      formula: cf.formula ?? null,
      fill: cf.fill ?? null,
      fontColor: cf.fontColor ?? null,
      bold: cf.bold ?? null,
      stopIfTrue: cf.stopIfTrue ?? false,
      detail: cf.detail,
      ...(cf.unreadable ? { unreadable: true } : {}),
    });
  }
  for (const dv of s.dataValidations ?? []) {
    sheet.dataValidations.push({
      areas: mustAreas(dv.range),
      type: dv.type,
      operator: dv.operator ?? 'Between',
      formula1: dv.formula1 ?? null,
      formula2: dv.formula2 ?? null,
      source: dv.source ?? null,
      ignoreBlanks: dv.ignoreBlanks ?? true,
      errorTitle: dv.errorTitle,
      errorMessage: dv.errorMessage,
    });
  }
  for (const t of s.tables ?? [])
    sheet.tables.push({
      id: newId('table'),
      name: t.name,
      area: mustArea(t.range),
      showHeaders: t.showHeaders ?? true,
    });
  sheet.merges = (s.merges ?? []).map(mustArea);
  if (s.selection) {
    const areas = mustAreas(s.selection);
    sheet.selection = areas[0];
    if (areas.length > 1) sheet.selectionAreas = areas;
  }
  return sheet;
}

export function workbookFromInput(input: WorkbookInput): SimWorkbook {
  const sheets = input.sheets.map(sheetFromInput);
  const firstVisible = sheets.find((s) => s.visibility === 'Visible');
  return {
    sheets,
    activeSheet: input.activeSheet === undefined ? (firstVisible?.name ?? null) : input.activeSheet,
    names: (input.names ?? []).map((n) => ({
      name: n.name,
      formula: n.formula,
      visible: n.visible ?? true,
      comment: n.comment ?? '',
    })),
  };
}

// ---------------------------------------------------------------- cells

export function getCell(sheet: SimSheet, row: number, col: number): SimCell | undefined {
  const r = sheet.rows[row];
  return r ? r[col] : undefined;
}

export function putCell(sheet: SimSheet, row: number, col: number, cell: SimCell | undefined): void {
  if (row < 0 || col < 0 || row >= MAX_ROWS || col >= MAX_COLS) throw new Error('cell outside the sheet');
  let r = sheet.rows[row];
  if (!r) {
    if (!cell) return;
    r = sheet.rows[row] = [];
  }
  if (cell) r[col] = cell;
  else delete r[col];
}

export function isBlankSimCell(c: SimCell | undefined): boolean {
  return !c || ((c.value === null || c.value === '') && !c.formula);
}

/**
 * The used range: the smallest rectangle holding every non-blank cell (and, unless
 * valuesOnly, every formatted cell). Null when the sheet is blank.
 */
export function usedArea(sheet: SimSheet, valuesOnly: boolean): Area | null {
  let top = Infinity,
    left = Infinity,
    bottom = -1,
    right = -1;
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    row.forEach((c, col) => {
      if (!c) return;
      if (isBlankSimCell(c) && (valuesOnly || !c.format)) return;
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (col < left) left = col;
      if (col > right) right = col;
    });
  });
  return bottom < 0 ? null : { top, left, bottom, right };
}

export function addConditionalFormat(
  sheet: SimSheet,
  areas: Area[],
  type: SimConditionalFormatType,
  init: Partial<Omit<SimConditionalFormat, 'id' | 'areas' | 'type'>> = {},
): SimConditionalFormat {
  const cf: SimConditionalFormat = {
    id: newId('cf'),
    type,
    areas: areas.map((a) => ({ ...a })),
    stopIfTrue: init.stopIfTrue ?? false,
    formula: init.formula ?? null,
    fill: init.fill ?? null,
    fontColor: init.fontColor ?? null,
    bold: init.bold ?? null,
    detail: init.detail,
    ...(init.unreadable ? { unreadable: true } : {}),
  };
  // Excel puts a newly added format first (priority 0): priority is the index in this list.
  sheet.conditionalFormats.unshift(cf);
  return cf;
}

/** A deep, JSON-comparable copy of the whole workbook (tests compare before and after). */
export function snapshotWorkbook(wb: SimWorkbook): unknown {
  return JSON.parse(JSON.stringify(wb, (_k, v) => (v === undefined ? null : v)));
}
