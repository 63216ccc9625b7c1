/**
 * An in-memory Excel workbook behind an Office.js-like API, for jest tests (node) and the
 * browser workbench. No Node or DOM imports.
 *
 * It enforces Office.js proxy semantics: objects are proxies; nothing is read or
 * written until `context.sync()`; reading a property that was not loaded and synced
 * throws a PropertyNotLoaded error; collections have `items` only after load;
 * `get…OrNullObject` gives `isNullObject`; failures are `OfficeExtension.Error`-shaped
 * (`code`: ItemNotFound, InvalidArgument, AccessDenied on protected sheets,
 * RequestPayloadSizeLimitExceeded above 5 MB…). It counts syncs and payload bytes.
 *
 * Use it:
 *
 *   import { createSimulator } from '../simulator';
 *   const sim = createSimulator({
 *     sheets: [{ name: 'Return', cells: [['Ref', 'Apr'], ['PI 1', { value: 0.95, format: '0%' }]] }],
 *   });
 *   sim.install();            // globalThis.Excel / Office / OfficeExtension (jest or the browser)
 *   const host = createOfficeHost();   // src/excel: the real adapter, now on the simulator
 *   await host.read('sheet');
 *   sim.stats.syncs;          // round trips so far
 *   sim.editCell('Return', 'B2', 0.5);   // a person types: onChanged handlers fire
 *   sim.uninstall();
 *
 * From an ExcelJS workbook (test fixtures, the workbench's sample):
 *   createSimulator(workbookInputFromExcelJS(wb))   // test/support/simulator-from-exceljs.ts
 *
 * In the browser workbench: build the sample with ExcelJS (bundled) or ship a
 * WorkbookInput JSON, call `createSimulator(input).install()` BEFORE the task pane code
 * calls Office.onReady, and do not load Microsoft's office.js on that page. To render
 * the sheet, read `sim.workbook.sheets` (cells, conditionalFormats with their fill /
 * fontColor / areas, selection) and `displayText(cell)`; `sim.subscribe(fn)` tells you
 * after every sync or edit that the workbook may have changed.
 *
 * Faithful details worth knowing: writing '123' or 'TRUE' through `values` stores a
 * number/boolean (set numberFormat '@' first to keep text); a string starting with '='
 * is a formula (the simulator does not calculate: constants only); changes made through
 * the API fire onChanged with triggerSource 'ThisLocalAddin'; APIs newer than the
 * configured ExcelApi version fail at sync with ApiNotFound; loading `custom` on a
 * conditional format that is not of type Custom fails the sync (load `type` first, or
 * use `customOrNullObject`); a person's `editCell` does not apply data-validation alerts.
 */
import { Area, MAX_COLS, MAX_ROWS, parseArea, splitAreas, splitSheet } from '../engine/model/areas';
import { ChangeRecord, SimContext, SimEnv, SimLimits, SimStats, emptyStats } from './core';
import { cellFromInput } from './display';
import { ErrorCodes, SimOfficeError } from './errors';
import { newContext } from './objects';
import { createOffice, SimUser } from './office';
import { SimSheet, SimWorkbook, WorkbookInput, getCell, putCell, snapshotWorkbook, workbookFromInput } from './state';
import { areaA1 } from '../engine/model/areas';

export * from './state';
export { displayText, valueType } from './display';
export { SimOfficeError, ErrorCodes } from './errors';
export type { SimStats, SimLimits } from './core';
export type { SimUser } from './office';
export { areaA1, qualifiedA1, parseArea, cellsToAreas } from '../engine/model/areas';
export type { Area } from '../engine/model/areas';

export interface SimulatorOptions {
  /** Highest ExcelApi 1.x version the simulated host supports: '1.9' … '1.18' (default '1.17'). */
  excelApi?: string;
  /** Signed-in user for Office.auth.getAuthContext(); null: nobody signed in; undefined (default): a test user. */
  user?: SimUser | null | 'unsupported';
  theme?: 'light' | 'dark';
  limits?: Partial<SimLimits>;
  /** Called after every sync once its actions ran: the co-authoring simulator sends a client's writes on. */
  onSync?: () => void;
  /**
   * Where the workbook is stored (Office.context.document.url). Default a file on this computer,
   * which no one else can have open; the co-authoring simulator gives its clients a SharePoint one.
   */
  documentUrl?: string;
}

export const DEFAULT_USER: SimUser = { userPrincipalName: 'alex.compiler@melton.gov.uk' };

const ENUMS = {
  ConditionalFormatType: {
    custom: 'Custom',
    cellValue: 'CellValue',
    colorScale: 'ColorScale',
    dataBar: 'DataBar',
    iconSet: 'IconSet',
    topBottom: 'TopBottom',
    presetCriteria: 'PresetCriteria',
    containsText: 'ContainsText',
  },
  SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
  RangeValueType: {
    unknown: 'Unknown',
    empty: 'Empty',
    string: 'String',
    integer: 'Integer',
    double: 'Double',
    boolean: 'Boolean',
    error: 'Error',
    richValue: 'RichValue',
  },
  DataValidationType: {
    none: 'None',
    wholeNumber: 'WholeNumber',
    decimal: 'Decimal',
    list: 'List',
    date: 'Date',
    time: 'Time',
    textLength: 'TextLength',
    custom: 'Custom',
    inconsistent: 'Inconsistent',
    mixedCriteria: 'MixedCriteria',
  },
  DataValidationOperator: {
    between: 'Between',
    notBetween: 'NotBetween',
    equalTo: 'EqualTo',
    notEqualTo: 'NotEqualTo',
    greaterThan: 'GreaterThan',
    lessThan: 'LessThan',
    greaterThanOrEqualTo: 'GreaterThanOrEqualTo',
    lessThanOrEqualTo: 'LessThanOrEqualTo',
  },
  ClearApplyTo: {
    all: 'All',
    formats: 'Formats',
    contents: 'Contents',
    hyperlinks: 'Hyperlinks',
    removeHyperlinks: 'RemoveHyperlinks',
  },
  EventSource: { local: 'Local', remote: 'Remote' },
  EventTriggerSource: { unknown: 'Unknown', thisLocalAddin: 'ThisLocalAddin' },
  DataChangeType: {
    unknown: 'Unknown',
    rangeEdited: 'RangeEdited',
    rowInserted: 'RowInserted',
    rowDeleted: 'RowDeleted',
    columnInserted: 'ColumnInserted',
    columnDeleted: 'ColumnDeleted',
    cellInserted: 'CellInserted',
    cellDeleted: 'CellDeleted',
  },
  ErrorCodes: { ...ErrorCodes, rangeExceedsLimit: 'RangeExceedsLimit' },
};

export interface Simulator {
  /** The Excel namespace: run, enums, ErrorCodes. */
  Excel: { run: <T>(a: unknown, b?: unknown) => Promise<T> } & typeof ENUMS & { RequestContext: unknown };
  Office: ReturnType<typeof createOffice>;
  OfficeExtension: { Error: typeof SimOfficeError; ErrorCodes: typeof ErrorCodes };
  /** Live workbook state (inspect in tests; render in the workbench). */
  workbook: SimWorkbook;
  stats: SimStats;
  resetStats(): void;
  /** A deep, JSON copy of the workbook to compare before and after. */
  snapshot(): unknown;
  sheet(name: string): SimSheet;
  /** A person selects cells (activates the sheet); 'B3:B9, D3:D9' selects several blocks. */
  setSelection(sheet: string, address: string): void;
  /** A person types into a cell: the value is parsed as Excel parses typed input; onChanged fires. */
  editCell(sheet: string, address: string, value: unknown): Promise<void>;
  /** A person changes a cell's number format (Home > Number): onChanged fires, as for an edit. */
  formatCell(sheet: string, address: string, format: string): Promise<void>;
  /** onChanged handlers of this client fire for cells a co-author changed (source 'Remote'). */
  remoteChanged(sheet: string, area: Area): void;
  /** While true, every sync fails with InvalidOperationInCellEditMode. */
  setCellEditMode(on: boolean): void;
  /** Called after every sync that ran and every edit: re-render the workbench. Returns unsubscribe. */
  subscribe(fn: () => void): () => void;
  /** Install as globalThis.Excel / Office / OfficeExtension. */
  install(): Simulator;
  uninstall(): void;
}

function minorOf(excelApi: string | undefined): number {
  const m = /^1\.(\d+)$/.exec(excelApi ?? '1.17');
  if (!m) throw new Error(`excelApi must look like '1.9', not '${excelApi}'`);
  return Number(m[1]);
}

export function createSimulator(input: WorkbookInput, options: SimulatorOptions = {}): Simulator {
  const wb = workbookFromInput(input);
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const fn of listeners) fn();
  };
  const env: SimEnv = {
    wb,
    stats: emptyStats(),
    limits: { maxPayloadBytes: 5 * 1024 * 1024, maxCells: 5_000_000, ...options.limits },
    apiMinor: minorOf(options.excelApi),
    cellEditMode: false,
    registrations: [],
    afterSync: options.onSync,
    dispatch(changes: ChangeRecord[]) {
      const regs = [...env.registrations];
      setTimeout(() => {
        for (const ch of changes) {
          const args = {
            type: 'WorksheetChanged',
            changeType: 'RangeEdited',
            source: ch.source ?? 'Local',
            address: areaA1(ch.area),
            worksheetId: ch.sheetId,
            triggerSource: ch.triggerSource,
          };
          for (const r of regs) {
            if (r.kind === 'worksheetsChanged' || (r.kind === 'worksheetChanged' && r.sheetId === ch.sheetId)) {
              Promise.resolve()
                .then(() => r.handler(args))
                .catch(() => undefined);
            }
          }
        }
      }, 0);
    },
  };

  async function run<T>(a: unknown, b?: unknown): Promise<T> {
    // Excel.run(batch) or Excel.run(objectOrContext, batch): the second form reuses that context.
    const batch = (typeof a === 'function' ? a : b) as (ctx: SimContext) => Promise<T>;
    const first = typeof a === 'function' ? null : (a as { context?: SimContext } | SimContext | null);
    const reuse =
      first instanceof SimContext ? first : first && first.context instanceof SimContext ? first.context : null;
    const ctx = reuse ?? newContext(new SimContext(env));
    ctx._closed = false;
    try {
      const result = await batch(ctx);
      // Like Office, anything still queued when the batch returns is sent.
      if (ctx._queue.length) await ctx.sync();
      return result;
    } finally {
      ctx._closed = true;
      notify();
    }
  }

  const user = options.user === 'unsupported' ? undefined : options.user === undefined ? DEFAULT_USER : options.user;
  const office = createOffice({
    apiMinor: env.apiMinor,
    user,
    theme: options.theme ?? 'light',
    documentUrl: options.documentUrl ?? 'C:\\Users\\officer\\Documents\\Return.xlsx',
  });
  const officeExtension = { Error: SimOfficeError, ErrorCodes };
  const excel = { run, ...ENUMS, RequestContext: SimContext };
  const saved: Record<string, unknown> = {};

  function findSheet(name: string): SimSheet {
    const s = wb.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new Error(`No sheet '${name}'`);
    return s;
  }

  const sim: Simulator = {
    Excel: excel as Simulator['Excel'],
    Office: office,
    OfficeExtension: officeExtension,
    workbook: wb,
    stats: env.stats,
    resetStats() {
      Object.assign(env.stats, emptyStats());
    },
    snapshot: () => snapshotWorkbook(wb),
    sheet: findSheet,
    setSelection(sheet, address) {
      const s = findSheet(sheet);
      // 'B3:B9, D3:D9' is a selection of several blocks, as a person makes with Ctrl+click.
      const areas = splitAreas(address).map((p) => parseArea(splitSheet(p).ref));
      if (!areas.length || areas.some((a) => !a)) throw new Error(`Not an address: ${address}`);
      s.selection = areas[0] as Area;
      if (areas.length > 1) s.selectionAreas = areas as Area[];
      else delete s.selectionAreas;
      wb.activeSheet = s.name;
      notify();
    },
    async editCell(sheet, address, value) {
      const s = findSheet(sheet);
      const a = parseArea(splitSheet(address).ref);
      if (!a || a.bottom >= MAX_ROWS || a.right >= MAX_COLS) throw new Error(`Not an address: ${address}`);
      if (s.protected) throw new SimOfficeError(ErrorCodes.accessDenied, 'The sheet is protected.');
      const next = cellFromInput(value, getCell(s, a.top, a.left), false);
      if (next !== 'keep') putCell(s, a.top, a.left, next);
      env.dispatch([
        { sheetId: s.id, sheetName: s.name, area: { ...a, bottom: a.top, right: a.left }, triggerSource: 'Unknown' },
      ]);
      notify();
      // Let the change handlers run before the caller goes on.
      await new Promise((r) => setTimeout(r, 0));
      await Promise.resolve();
    },
    async formatCell(sheet, address, format) {
      const s = findSheet(sheet);
      const a = parseArea(splitSheet(address).ref);
      if (!a) throw new Error(`Not an address: ${address}`);
      if (s.protected) throw new SimOfficeError(ErrorCodes.accessDenied, 'The sheet is protected.');
      for (let r = a.top; r <= a.bottom; r++) {
        for (let c = a.left; c <= a.right; c++) {
          const cell = getCell(s, r, c);
          putCell(s, r, c, { ...(cell ?? { value: null }), format });
        }
      }
      env.dispatch([{ sheetId: s.id, sheetName: s.name, area: a, triggerSource: 'Unknown' }]);
      notify();
      await new Promise((r) => setTimeout(r, 0));
      await Promise.resolve();
    },
    remoteChanged(sheet, area) {
      const s = findSheet(sheet);
      env.dispatch([{ sheetId: s.id, sheetName: s.name, area, triggerSource: 'Unknown', source: 'Remote' }]);
      notify();
    },
    setCellEditMode(on) {
      env.cellEditMode = on;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    install() {
      const g = globalThis as Record<string, unknown>;
      for (const k of ['Excel', 'Office', 'OfficeExtension']) if (!(k in saved)) saved[k] = g[k];
      g.Excel = excel;
      g.Office = office;
      g.OfficeExtension = officeExtension;
      return sim;
    },
    uninstall() {
      const g = globalThis as Record<string, unknown>;
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete g[k];
        else g[k] = v;
        delete saved[k];
      }
    },
  };
  return sim;
}
