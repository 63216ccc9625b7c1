import type { Cell } from '../model/cell';
import { EMPTY_CELL } from '../model/cell';
import { textIn } from '../values';
import type { Polarity, RowFacts } from './types';
import { measureKind, type Measure, type MeasureWords } from './measure';

/**
 * The kind of measure a row is, decided when a rule first needs it: only a figure out of
 * some kind's bounds (a percentage outside 0–100 %, a negative or fractional figure) asks,
 * so the words of most rows are never read.
 */
export function measureOf(facts: RowFacts): Measure {
  facts.measureCache ??= measureKind(facts.measureWords);
  return facts.measureCache;
}

const POLARITIES: readonly (Polarity | null)[] = [null, 'higher', 'lower'];
const SOURCES: readonly RowFacts['polaritySource'][] = [null, 'column', 'target-floor'];
const FREQUENCIES: readonly RowFacts['frequency'][] = ['monthly', 'quarterly', 'annual'];

/**
 * The facts of a grid's indicator rows, a few typed arrays for all of them. Why: one object
 * a row (with its ref and description strings and its figures), held for the whole check,
 * cost a large return more memory than anything else. The texts are read
 * from the sheet when a rule asks; what is worked out once (figures, flags, the kind of
 * measure, the outlier score) is kept here.
 */
export interface RowTable {
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

/** A table for `n` rows, every figure unknown and every flag clear; the caller fills each row in. */
export function createRowTable(
  columns: Omit<RowTable, 'figures' | 'known' | 'flags' | 'measures' | 'outlierZ'>,
): RowTable {
  const n = columns.rows.length;
  return {
    ...columns,
    figures: new Float64Array(n * 4),
    known: new Uint8Array(n),
    flags: new Uint16Array(n),
    measures: new Uint8Array(n),
    outlierZ: new Float64Array(n),
  };
}

/** A row's flags packed as RowTable.flags holds them (IndicatorRow reads them back). */
export function packFlags(
  key: boolean,
  percent: boolean,
  cumulative: boolean,
  scaleTrouble: boolean,
  polarity: Polarity | null,
  polaritySource: RowFacts['polaritySource'],
  frequency: RowFacts['frequency'],
): number {
  return (
    (key ? 1 : 0) |
    (percent ? 2 : 0) |
    (cumulative ? 4 : 0) |
    (scaleTrouble ? 8 : 0) |
    (POLARITIES.indexOf(polarity) << 4) |
    (SOURCES.indexOf(polaritySource) << 6) |
    (FREQUENCIES.indexOf(frequency) << 8)
  );
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
export class IndicatorRows implements Iterable<RowFacts> {
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
