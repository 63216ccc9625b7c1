import { cellAt, type SheetModel } from '../model/sheet';
import type { Cell } from '../model/cell';
import { EMPTY_CELL } from '../model/cell';
import { parseA1 } from '../model/address';
import type { Grid, PeriodColumn } from '../model/grid';
import type { OutturnConfig } from '../model/config';
import { collapseSpaces } from '../text';
import { classify, numberIn, percentFormat as isPercentFormat, textIn, V, type AnnotationSet } from '../values';
import { periodSeq, periodStep, yearIndexOfMonth } from '../discovery/periods';
import type { GridContext, Polarity, RowFacts, Timeline, ValueColumn } from './types';
import { measureKind, type Measure, type MeasureWords } from './measure';

const HIGHER = /\b(higher|high|bigger|larger|greater|more|increase|increasing|up|maximi[sz]e|max)\b|↑|▲/i;
const LOWER = /\b(lower|low|smaller|less|fewer|decrease|decreasing|reduce|down|minimi[sz]e|min)\b|↓|▼/i;
const YES = /^(y|yes|true|key|x|✓|✔|1)$/i;
const CUMULATIVE = /\bcumulative\b/i;

/** Polarity words that say neither higher nor lower is better ('Closest to 100%', 'Within range', 'Contextual'). */
const NEITHER =
  /\b(closest|closer|nearest|nearer|close to|around|balanced|neither|no polarity|not applicable|contextual|context|range|within|n\/?a|maintain|stable|on target|in line)\b/i;

/**
 * A polarity cell in the report's words: 'Higher is better', 'Good performance is: Lower',
 * 'Aim: Maximise', 'Aim high', '↑'. 'neither' where the words say neither direction is
 * better (then RAG and DoT are not recomputed from target against floor either); null
 * when the cell says nothing readable.
 */
export function polarityFromText(text: string): Polarity | 'neither' | null {
  if (!text.trim()) return null;
  if (NEITHER.test(text)) return 'neither';
  if (HIGHER.test(text)) return 'higher';
  if (LOWER.test(text)) return 'lower';
  return null;
}

function label(grid: Grid, col: number): string {
  return collapseSpaces(grid.headers[col] ?? '') || 'the value';
}

/**
 * The kind of measure a row is, decided when a rule first needs it: only a figure out of
 * some kind's bounds (a percentage outside 0–100 %, a negative or fractional figure) asks,
 * so the words of most rows are never read.
 */
export function measureOf(facts: RowFacts): Measure {
  facts.measureCache ??= measureKind(facts.measureWords);
  return facts.measureCache;
}

/** The kind most of a grid's period columns are (a quarterly grid may carry a month or two). */
function dominantKind(periods: readonly PeriodColumn[]): PeriodColumn['kind'] {
  const n = { month: 0, quarter: 0, year: 0 };
  for (const p of periods) n[p.kind]++;
  return n.quarter > periods.length / 2 ? 'quarter' : n.year > periods.length / 2 ? 'year' : 'month';
}

/**
 * The latest complete period of a kind at the end of reporting month 'YYYY-MM', as a
 * periodSeq: the month itself; in a quarterly grid, a month mid-quarter reports the last
 * complete quarter; in a grid of years, the last complete financial year.
 */
function wantedSeq(period: string, kind: PeriodColumn['kind'], withYears: boolean): number {
  const calendarMonth = Number(period.slice(5, 7));
  const monthIndex = yearIndexOfMonth(calendarMonth);
  const fy = withYears ? (calendarMonth >= 4 ? Number(period.slice(0, 4)) : Number(period.slice(0, 4)) - 1) : 0;
  if (kind === 'month') return fy * 12 + monthIndex;
  if (kind === 'quarter')
    return monthIndex % 3 === 2 ? fy * 12 + monthIndex : fy * 12 + Math.floor(monthIndex / 3) * 3 - 1;
  return monthIndex === 11 ? fy * 12 + 11 : fy * 12 - 1;
}

/**
 * The period the current value belongs to: the reporting period 'YYYY-MM' (the latest
 * period of the grid's kind that has ended by then), else the last period column any
 * indicator has filled in. A position among the grid's period columns, or -1.
 */
export function currentPeriodPosition(
  sheet: SheetModel,
  grid: Grid,
  period: string | undefined,
  annotations: AnnotationSet,
): number {
  const periods = grid.periods;
  if (periods.length === 0) return -1;
  if (period) {
    const kind = dominantKind(periods);
    const ofKind = periods.filter((p) => p.kind === kind);
    // Years in the headers ('Q1 2014/15') place the period among several years; without them all columns are this year.
    const withYears = ofKind.length > 0 && ofKind.every((p) => p.year !== undefined);
    const want = wantedSeq(period, kind, withYears);
    let pos = -1;
    for (let i = 0; i < periods.length; i++) {
      const p = periods[i];
      if (p.kind === kind && periodSeq(p, withYears ? p.year : 0) <= want) pos = i;
    }
    return pos;
  }
  // No period known: the last period column any indicator has filled in.
  for (let i = periods.length - 1; i >= 0; i--) {
    for (const row of grid.indicatorRows) {
      const c = classify(cellAt(sheet, row, periods[i].col), annotations);
      if (c !== V.empty) return i;
    }
  }
  return -1;
}

/** Whether `before` is the period immediately before `p` (month on month, quarter on quarter, year on year). */
export function isPeriodBefore(before: PeriodColumn | undefined, p: PeriodColumn): boolean {
  if (!before || before.kind !== p.kind) return false;
  const years = before.year !== undefined && p.year !== undefined;
  if (!years && p.kind === 'year') return false;
  return periodSeq(before, years ? before.year : 0) + periodStep(p.kind) === periodSeq(p, years ? p.year : 0);
}

/**
 * The target column for the current period where targets are labelled by period ('Q2
 * Target', 'Target 2017/18', a 'Target' group over Q1 … Q4): the one for the current
 * period itself, else its year's, else the latest before it, else the first. Without a
 * current period, the last one.
 */
export function periodTargetColumn(grid: Grid, current: PeriodColumn | null): number | undefined {
  const targets = grid.periodTargets ?? [];
  if (targets.length === 0) return undefined;
  if (!current) return targets[targets.length - 1].col;
  const sameYear = (t: PeriodColumn) => t.year === undefined || current.year === undefined || t.year === current.year;
  const exact = targets.find((t) => t.kind === current.kind && t.index === current.index && sameYear(t));
  if (exact) return exact.col;
  const year = targets.find((t) => t.kind === 'year' && sameYear(t));
  if (year) return year.col;
  const seq = periodSeq(current);
  let before: PeriodColumn | undefined;
  for (const t of targets) if (t.kind === current.kind && periodSeq(t) <= seq) before = t;
  return (before ?? targets[0]).col;
}

export function buildContext(
  sheet: SheetModel,
  grid: Grid,
  config: OutturnConfig,
  annotations: AnnotationSet,
  timeline: Timeline,
): GridContext {
  const cols = grid.columns;
  const cell = (row: number, col: number): Cell => cellAt(sheet, row, col);
  let current: ValueColumn | null = null;
  let previous: ValueColumn | null = null;
  let currentPeriodPos = -1;
  if (cols.latest !== undefined) {
    current = { col: cols.latest, label: label(grid, cols.latest) };
    if (cols.previousPeriod !== undefined)
      previous = { col: cols.previousPeriod, label: label(grid, cols.previousPeriod) };
  } else if (grid.periods.length > 0) {
    currentPeriodPos = currentPeriodPosition(sheet, grid, timeline.period, annotations);
    if (currentPeriodPos >= 0) {
      const p = grid.periods[currentPeriodPos];
      current = { col: p.col, label: p.label };
      const before = grid.periods[currentPeriodPos - 1];
      // Only the period immediately before is a month-on-month (quarter-on-quarter, year-on-year) comparison.
      if (isPeriodBefore(before, p)) previous = { col: before.col, label: before.label };
    }
  } else if (cols.result !== undefined) {
    current = { col: cols.result, label: label(grid, cols.result) };
  } else if (cols.ytd !== undefined) {
    current = { col: cols.ytd, label: label(grid, cols.ytd) };
  }
  if (!previous && cols.previousPeriod !== undefined && current)
    previous = { col: cols.previousPeriod, label: label(grid, cols.previousPeriod) };

  const currentHeader = current ? (grid.headers[current.col] ?? '') : '';
  const ytdCumulativeHeader = cols.ytd !== undefined && CUMULATIVE.test(grid.headers[cols.ytd] ?? '');
  const n = grid.indicatorRows.length;
  const table: RowTable = {
    cell,
    header: currentHeader,
    rows: grid.indicatorRows,
    current: current?.col,
    previous: previous?.col,
    target: cols.target,
    floor: cols.floor,
    refCol: cols.ref,
    descriptionCol: cols.description,
    unitCol: cols.unit,
    figures: new Float64Array(n * 4),
    known: new Uint8Array(n),
    flags: new Uint16Array(n),
    measures: new Uint8Array(n),
    outlierZ: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const row = grid.indicatorRows[i];
    const description = cols.description !== undefined ? textIn(cell(row, cols.description)) : '';
    const currentCell = current ? cell(row, current.col) : EMPTY_CELL;
    const previousCell = previous ? cell(row, previous.col) : null;
    const targetCell = cols.target !== undefined ? cell(row, cols.target) : EMPTY_CELL;
    const floorCell = cols.floor !== undefined ? cell(row, cols.floor) : EMPTY_CELL;
    const target = numberIn(targetCell);
    const floor = numberIn(floorCell);
    let polarity: Polarity | null = null;
    let polaritySource: RowFacts['polaritySource'] = null;
    let neither = false;
    if (cols.polarity !== undefined) {
      const stated = polarityFromText(textIn(cell(row, cols.polarity)));
      if (stated === 'neither') neither = true;
      else if (stated) {
        polarity = stated;
        polaritySource = 'column';
      }
    }
    if (!polarity && !neither && target !== null && floor !== null && target !== floor) {
      polarity = target > floor ? 'higher' : 'lower';
      polaritySource = 'target-floor';
    }
    const unit = cols.unit !== undefined ? textIn(cell(row, cols.unit)) : '';
    const valueFormat = currentCell.kind === 'number' ? currentCell.format : targetCell.format;
    const percent =
      isPercentFormat(targetCell.format) ||
      isPercentFormat(currentCell.format) ||
      (unit !== '' && /%|percent/i.test(unit));
    const cumulative =
      (cols.cumulative !== undefined && YES.test(textIn(cell(row, cols.cumulative)))) ||
      CUMULATIVE.test(description) ||
      CUMULATIVE.test(unit) ||
      (ytdCumulativeHeader &&
        !percent &&
        measureKind({ description, unit, header: currentHeader, percentFormat: percent, valueFormat }).kind ===
          'count');
    const freqText = cols.frequency !== undefined ? textIn(cell(row, cols.frequency)).toLowerCase() : '';
    const frequency = /annual|year/.test(freqText) ? 'annual' : /quarter/.test(freqText) ? 'quarterly' : 'monthly';
    const key = cols.keyIndicator === undefined || YES.test(textIn(cell(row, cols.keyIndicator)));
    const scaleTrouble =
      percent &&
      target !== null &&
      currentCell.kind === 'number' &&
      isPercentFormat(targetCell.format) !== isPercentFormat(currentCell.format) &&
      Math.abs(isPercentFormat(targetCell.format) ? (currentCell.value as number) : target) > 1;
    table.flags[i] =
      (key ? 1 : 0) |
      (percent ? 2 : 0) |
      (cumulative ? 4 : 0) |
      (scaleTrouble ? 8 : 0) |
      (POLARITIES.indexOf(polarity) << 4) |
      (SOURCES.indexOf(polaritySource) << 6) |
      (FREQUENCIES.indexOf(frequency) << 8);
    const at = i * 4;
    const f = table.figures;
    let known = 0;
    const figures = [numberIn(currentCell), previousCell ? numberIn(previousCell) : null, target, floor];
    for (let k = 0; k < 4; k++) {
      const v = figures[k];
      if (v !== null) {
        f[at + k] = v;
        known |= 1 << k;
      }
    }
    table.known[i] = known;
  }
  const rows = new IndicatorRows(table);
  const masters = mergedMasters(sheet);
  const shown =
    masters.size === 0
      ? cell
      : (row: number, col: number): Cell => {
          const m = masters.get(row * MAX_COLUMNS + col);
          return m === undefined ? cell(row, col) : cell(Math.floor(m / MAX_COLUMNS), m % MAX_COLUMNS);
        };
  return { sheet, grid, config, annotations, timeline, current, previous, currentPeriodPos, rows, cell, shown };
}

const POLARITIES: readonly (Polarity | null)[] = [null, 'higher', 'lower'];
const SOURCES: readonly RowFacts['polaritySource'][] = [null, 'column', 'target-floor'];
const FREQUENCIES: readonly RowFacts['frequency'][] = ['monthly', 'quarterly', 'annual'];

/**
 * The facts of a grid's indicator rows, a few typed arrays for all of them. Why: one object
 * a row (with its ref and description strings and its figures) cost about 100 bytes, held
 * for the whole check; a 1M-row return needed 100 MB for them alone. The texts are read
 * from the sheet when a rule asks; what is worked out once (figures, flags, the kind of
 * measure, the outlier score) is kept here.
 */
interface RowTable {
  cell(row: number, col: number): Cell;
  header: string;
  /** The sheet row of each indicator (the grid's indicatorRows). */
  rows: readonly number[];
  current: number | undefined;
  previous: number | undefined;
  target: number | undefined;
  floor: number | undefined;
  refCol: number | undefined;
  descriptionCol: number | undefined;
  unitCol: number | undefined;
  /** Each row's current, previous, target and floor figures, four to a row. */
  figures: Float64Array;
  /** Which of a row's four figures there are (bits 1, 2, 4, 8); the rest are null. Bit 16: outlier score worked out; bit 32: it is null. */
  known: Uint8Array;
  /** key, percent, cumulative, scaleTrouble, polarity, its source and the frequency in one small integer. */
  flags: Uint16Array;
  /** The kind of measure once decided: 1 + its index in MEASURES, 0 while undecided. */
  measures: Uint8Array;
  outlierZ: Float64Array;
}

const OUTLIER_KNOWN = 16;
const OUTLIER_NULL = 32;

/** Every Measure there can be (5 kinds, percent or not, sure or not), so a row keeps a byte, not an object. */
const MEASURES: Measure[] = [];
function measureIndex(m: Measure): number {
  let i = MEASURES.findIndex((x) => x.kind === m.kind && x.percent === m.percent && x.sure === m.sure);
  if (i < 0) i = MEASURES.push({ kind: m.kind, percent: m.percent, sure: m.sure }) - 1;
  return i;
}

/**
 * The rows of a grid for the rules to walk (`for (const facts of ctx.rows)`). Each step
 * hands out a small view on the table, which the young generation collects at once.
 */
class IndicatorRows implements Iterable<RowFacts> {
  constructor(private readonly table: RowTable) {}

  get length(): number {
    return this.table.rows.length;
  }

  [Symbol.iterator](): Iterator<RowFacts> {
    const table = this.table;
    const n = table.rows.length;
    let i = 0;
    return {
      next: (): IteratorResult<RowFacts> =>
        i < n ? { value: new IndicatorRow(table, i++), done: false } : { value: undefined, done: true },
    };
  }
}

/** One indicator row's facts: a view on its grid's RowTable. */
class IndicatorRow implements RowFacts {
  constructor(
    private readonly table: RowTable,
    private readonly index: number,
  ) {}

  private figure(k: number): number | null {
    return (this.table.known[this.index] & (1 << k)) !== 0 ? this.table.figures[this.index * 4 + k] : null;
  }

  private text(col: number | undefined): string {
    return col === undefined ? '' : textIn(this.table.cell(this.row, col));
  }

  private get flags(): number {
    return this.table.flags[this.index];
  }

  get row(): number {
    return this.table.rows[this.index];
  }
  get ref(): string | null {
    return this.text(this.table.refCol) || null;
  }
  get description(): string {
    return this.text(this.table.descriptionCol);
  }
  get current(): number | null {
    return this.figure(0);
  }
  get previous(): number | null {
    return this.figure(1);
  }
  get target(): number | null {
    return this.figure(2);
  }
  get floor(): number | null {
    return this.figure(3);
  }
  get key(): boolean {
    return (this.flags & 1) !== 0;
  }
  get percent(): boolean {
    return (this.flags & 2) !== 0;
  }
  get cumulative(): boolean {
    return (this.flags & 4) !== 0;
  }
  get scaleTrouble(): boolean {
    return (this.flags & 8) !== 0;
  }
  get polarity(): Polarity | null {
    return POLARITIES[(this.flags >> 4) & 3];
  }
  get polaritySource(): RowFacts['polaritySource'] {
    return SOURCES[(this.flags >> 6) & 3];
  }
  get frequency(): RowFacts['frequency'] {
    return FREQUENCIES[(this.flags >> 8) & 3];
  }

  get measureCache(): Measure | undefined {
    const m = this.table.measures[this.index];
    return m === 0 ? undefined : MEASURES[m - 1];
  }

  set measureCache(m: Measure | undefined) {
    this.table.measures[this.index] = m === undefined ? 0 : measureIndex(m) + 1;
  }

  get outlierZ(): number | null | undefined {
    const k = this.table.known[this.index];
    return (k & OUTLIER_KNOWN) === 0 ? undefined : (k & OUTLIER_NULL) !== 0 ? null : this.table.outlierZ[this.index];
  }

  set outlierZ(z: number | null | undefined) {
    const t = this.table;
    const k = t.known[this.index] & ~(OUTLIER_KNOWN | OUTLIER_NULL);
    if (z === undefined) t.known[this.index] = k;
    else if (z === null) t.known[this.index] = k | OUTLIER_KNOWN | OUTLIER_NULL;
    else {
      t.known[this.index] = k | OUTLIER_KNOWN;
      t.outlierZ[this.index] = z;
    }
  }

  get currentCell(): Cell {
    return this.table.current !== undefined ? this.table.cell(this.row, this.table.current) : EMPTY_CELL;
  }

  get previousCell(): Cell | null {
    return this.table.previous !== undefined ? this.table.cell(this.row, this.table.previous) : null;
  }

  get targetCell(): Cell {
    return this.table.target !== undefined ? this.table.cell(this.row, this.table.target) : EMPTY_CELL;
  }

  get floorCell(): Cell {
    return this.table.floor !== undefined ? this.table.cell(this.row, this.table.floor) : EMPTY_CELL;
  }

  get measureWords(): MeasureWords {
    const current = this.currentCell;
    return {
      description: this.description,
      unit: this.text(this.table.unitCol),
      header: this.table.header,
      percentFormat: this.percent,
      valueFormat: current.kind === 'number' ? current.format : this.targetCell.format,
    };
  }
}

const MAX_COLUMNS = 16384;

/** Every non-top-left cell of a merged area, keyed row * 16384 + col, to its area's top-left cell. */
function mergedMasters(sheet: SheetModel): Map<number, number> {
  const map = new Map<number, number>();
  for (const range of sheet.merged ?? []) {
    const [from, to] = range.replace(/^.*!/, '').split(':');
    const a = parseA1(from);
    const b = to ? parseA1(to) : a;
    if (!a || !b) continue;
    const master = a.row * MAX_COLUMNS + a.col;
    for (let r = a.row; r <= b.row; r++) {
      for (let c = a.col; c <= b.col; c++) if (r !== a.row || c !== a.col) map.set(r * MAX_COLUMNS + c, master);
    }
  }
  return map;
}
